"""Dump every span the whole extractor finds on a fixed corpus, to prove a refactor changes nothing.

    python scripts/org_equivalence.py dump OUT.jsonl      # write the dump
    python scripts/org_equivalence.py check OUT.jsonl     # compare; exit 1 on any change

The corpus: the gold seeds, the peer suites, ``samples/sample.txt`` and a few thousand random
and hostile strings (fixed seed) built from the characters and words ORG names are made of
(place names, head suffixes, 党组, masks, brackets, ordinals), so every branch of the name
grammar is exercised.  Used when optimising the ORG recognizer, whose output must not move.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PIECES = (
    "省 市 县 区 州 委 厅 局 处 科 办 部 院 校 大学 学院 党组 党委 办公室 中心 研究中心 "
    "教育厅 教育局 教育部 人民政府 政府 委员会 工作委员会 领导小组 领导小组办公室 巡视组 "
    "纪检监察组 驻 中共 中国共产党 辽宁 辽宁省 沈阳 沈阳市 大连 北京市 河南 郑州 郑州大学 郑大 "
    "东北大学 清华大学 北京大学 职业技术学院 高等专科学校 小学 中学 实验小学 幼儿园 有限公司 "
    "股份有限公司 出版社 报社 网 研究院 研究所 社会科学院 高教处 发展规划处 人事处 财务处 处长 "
    "** * 某某 各 全省 有关 和 与 、 ， 。 （ ） ( ) “ ” 《 》 第六 第十二届 届 次 批 "
    "〔2023〕 [2021] 4号 2024年 团省委 省委 市委 县委 区委 厅党组 局党组 教育工委 "
    "人力资源和社会保障厅 统战 纪检 组干处 天长 杭州市 江苏省委 部署 处理 委员 局面 办法 "
    "西部 干部 举办 到处 中小学 处室 党组织 国家 中华 全国 中央 银行 分行 中国人民银行 "
    "广州 教育装备采购网 来源: \n \t 　 １２ ＡＢ 华为技术 现代产业学院 重点实验室 "
    "哈尔滨工业大学 中国石油大学（华东） 中国石油大学(华东) 人民教育出版社 亿 万 元 % 个"
).split(" ")
_CHARS = (
    "省市县委厅局处大学学院党组办中心部院校区州驻中共国家某"
    "第一二三四五六七八九十年月日号和与的在、，。（）()“”《》* \n"
)


def _random_texts(n: int = 4000, seed: int = 20261122) -> list[str]:
    rng = random.Random(seed)
    pieces = [p if p else " " for p in _PIECES]
    out: list[str] = []
    for i in range(n):
        mode = i % 4
        if mode == 0:
            out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))))
        elif mode == 1:
            out.append("".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 60))))
        elif mode == 2:
            out.append("".join(
                rng.choice(pieces) if rng.random() < 0.6 else rng.choice(_CHARS)
                for _ in range(rng.randint(1, 40))
            ))
        else:
            k = rng.randint(1, 30)
            out.append("".join(rng.choice(pieces) for _ in range(k)) * rng.randint(1, 3))
    return out


def corpus() -> list[str]:
    texts: list[str] = []
    for line in (ROOT / "tests/data/gold_seeds.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    gold = list(texts)
    texts.append("\n".join(gold))
    for path in sorted((ROOT / "tests/data/peer").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts.append((ROOT / "samples/sample.txt").read_text("utf-8"))
    texts.extend(_random_texts())
    # characters outside the BMP and lone surrogates next to names: offsets must not drift
    for odd in ("\U0001F600", "\ud800", "\udc00", "\ud83d\ude00", "é", "𠀀"):
        texts.append(f"{odd}辽宁省教育厅{odd}东北大学{odd}省委{odd}郑州大学和郑大{odd}")
        texts.append(f"沈阳市{odd * 3}教育局、中共辽宁省委教育工委{odd}")
        # a quoted own name may hold any character; repeated, so that it propagates
        texts.append(f"“{odd}{odd}”教育厅和“{odd}{odd}”教育厅，“{odd}”研究中心“{odd}”研究中心")
    # gold windows cut at arbitrary offsets: names at the very edges of a text
    rng = random.Random(7)
    for doc in gold:
        for _ in range(200):
            a = rng.randrange(len(doc))
            texts.append(doc[a : a + rng.randint(1, 80)])
    return texts


def dump() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from eduextract import Extractor
    from eduextract.document import Document

    ex = Extractor()
    org = next(r for r in ex.recognizers if r.name == "org")
    lines = []
    for t in corpus():
        spans = [s.to_dict() for s in ex.extract(t)]
        # the ORG candidates too (before overlap resolution), as a set: a stricter check
        cands = sorted(
            json.dumps(s.to_dict(), sort_keys=True)
            for s in org.find(Document(t))
        )
        lines.append(json.dumps([spans, cands], sort_keys=True))
    return lines


def main() -> int:
    cmd, out = sys.argv[1], Path(sys.argv[2])
    lines = dump()
    if cmd == "dump":
        out.write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{len(lines)} texts dumped to {out}")
        return 0
    old = out.read_text("utf-8").splitlines()
    texts = corpus()
    bad = [i for i, (a, b) in enumerate(zip(old, lines, strict=True)) if a != b]
    for i in bad[:10]:
        print(f"DIFF text #{i}: {texts[i][:80]!r}\n  old {old[i][:300]}\n  new {lines[i][:300]}")
    print(f"{len(lines)} texts, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
