"""Byte-identical output check for speed work: dump every span of a fixed corpus, compare.

The corpus is the gold texts, every peer-suite text, ``samples/sample.txt``, every rule
example and counter-example, full-width variants of the gold texts, and a few thousand
random strings (fixed seed) mixing digits, Chinese numerals, %, 元, 年月日, brackets, 第, 号,
quotes and separators — the characters every numeric, date and blocker rule turns on.

    python -m benchmarks.equivalence dump OUT.jsonl        # spans of the code imported here
    python -m benchmarks.equivalence compare --base REV    # this tree against git revision REV

``compare`` exports REV with ``git archive`` into a temporary folder, dumps there and here in
fresh interpreters, and reports the first differing texts.  Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261122
N_RANDOM = 4000

_ALPHABET = (
    list("0123456789") * 3
    + list("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億廿")
    + list("%‰元块角毛分钱美欧港币圆年月日号第届季度期个次项所人名")
    + list("()（）“”\"'‘’「」《》【】[]，,。.．、；;：:！？ -—~至到·/*@\n\t")
    + list("约近逾余多几来左右半成点點之又负百分之今去明本当同上下旬初底末学年级")
    + list("ABCDEFGabcxyz：０１２３４５６７８９％")
    + ["2021年", "3月", "18日", "第三", "十二", "百分之", "万元", "亿元", "1,085", "7.64",
       "http://a.gov.cn/x", "010-57028685", "13812345678", "教育部", "〔2021〕", "号",
       "时30分", "两个多月", "“五大行动”", "一个", "二〇二一年", "2020—2025年", "至2023年"]
)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def corpus() -> Iterator[str]:
    gold = [json.loads(ln)["text"] for ln in
            (ROOT / "tests/data/gold_seeds.jsonl").read_text("utf-8").splitlines() if ln.strip()]
    yield from gold
    yield "\n".join(gold)
    yield from (_fullwidth(t) for t in gold)
    for path in sorted((ROOT / "tests/data/peer").glob("*.jsonl")):
        for ln in path.read_text("utf-8").splitlines():
            if ln.strip():
                yield json.loads(ln)["text"]
    yield (ROOT / "samples/sample.txt").read_text("utf-8")
    for path in sorted((ROOT / "rules").glob("*.toml")):
        table = tomllib.loads(path.read_text("utf-8"))
        for rule in table.get("rule", []):
            for ex in rule.get("examples", []) + rule.get("counter_examples", []):
                yield ex if isinstance(ex, str) else ex["text"]
    rng = random.Random(SEED)
    for _ in range(N_RANDOM):
        yield "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 40)))
    # windows cut from the gold text: every kind of boundary next to real spans
    joined = "\n".join(gold)
    for _ in range(500):
        a = rng.randrange(len(joined))
        yield joined[a : a + rng.randint(1, 80)]


def dump(out: Path) -> None:
    from eduextract import Extractor

    ex = Extractor()
    with out.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(corpus()):
            spans = [s.to_dict() for s in ex.extract(text)]
            fh.write(json.dumps({"i": i, "spans": spans}, ensure_ascii=False, sort_keys=True))
            fh.write("\n")


def _dump_in(root: Path, out: Path) -> None:
    # eduextract comes from ``root``; this script (and the corpus) always from this tree
    code = (f"import sys, runpy; sys.path.insert(0, {str(root)!r});"
            f"from pathlib import Path; ns = runpy.run_path({__file__!r});"
            f"ns['dump'](Path({str(out)!r}))")
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def compare(base: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "base"
        src.mkdir()
        archive = subprocess.run(["git", "archive", base], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        _dump_in(src, tmpdir / "base.jsonl")
        _dump_in(ROOT, tmpdir / "head.jsonl")
        old = (tmpdir / "base.jsonl").read_bytes()
        new = (tmpdir / "head.jsonl").read_bytes()
        if old == new:
            print(f"identical: {old.count(10)} texts, {len(old)} bytes")
            return 0
        texts = list(corpus())
        shown = 0
        for a, b in zip(old.splitlines(), new.splitlines(), strict=True):
            if a != b:
                i = json.loads(a)["i"]
                print(f"DIFF text #{i}: {texts[i][:120]!r}")
                print(f"  base: {a[:400]!r}\n  head: {b[:400]!r}")
                shown += 1
                if shown >= 10:
                    break
        return 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("--base", default="main")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out)
    else:
        sys.exit(compare(args.base))


if __name__ == "__main__":
    main()
