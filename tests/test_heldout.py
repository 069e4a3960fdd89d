"""Strict F1 per label on the held-out sets, one parametrised module for all of them.

* ``synthetic`` (tests/data/heldout_synthetic.jsonl) imitates document types the development
  gold lacks: statistics bulletins, budget and final-account reports, procurement notices,
  ministry notices citing several document numbers, university news, traditional characters,
  full-width digits.
* ``heldout2`` (tests/data/heldout2.jsonl), an independent probe written by the second audit:
  genres and regions the first set lacks (university internal news with graduate schools,
  youth league, labs and affiliated hospitals; supervision reports; admissions brochures;
  student aid; tender awards; NPC/CPPCC replies; wire copy with day-only dates; Hong Kong,
  Macao, Taiwan; Tibet, Qinghai, Ningxia, Inner Mongolia; per-ten-thousand rates).

Annotation choices are in docs/decisions.md.  Floors sit slightly below the measured values;
raise them as the library improves, never lower them to make a change pass.  The last tests
pin each failure class a set exposed, outside the set, so each fix stays covered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.scoring import Report
from tests.generated import assert_current, load_script
from tests.gold_floors import check_floor, score_docs

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


@dataclass(frozen=True)
class HeldOut:
    name: str
    src: Path
    jsonl: Path
    #: label -> (minimum strict F1, minimum value accuracy on strict matches)
    floors: dict[str, tuple[float, float]]


SETS = {
    "synthetic": HeldOut(
        "synthetic",
        DATA / "heldout_synthetic.src.txt",
        DATA / "heldout_synthetic.jsonl",
        {
            "NUMBER": (0.98, 0.99),  # measured 1.000 / 1.000
            "ORDINAL": (0.95, 0.99),  # measured 1.000 (14 spans: one miss is 0.964)
            "PERCENT": (0.98, 0.99),  # measured 0.993
            "MONEY": (0.98, 0.99),  # measured 1.000
            "DOCNO": (0.98, 0.99),  # measured 1.000
            "DATE": (0.97, 0.97),  # measured 1.000 / 1.000
            "ORG": (0.96, 0.0),  # measured 0.976; kind is not floored, canonical is not scored
        },
    ),
    "heldout2": HeldOut(
        "heldout2",
        DATA / "heldout2.src.txt",
        DATA / "heldout2.jsonl",
        {
            "NUMBER": (0.98, 0.99),  # measured 0.995 / 1.000 (main before the audit: 0.958)
            "ORDINAL": (0.95, 0.99),  # measured 1.000 (11 spans: one error is 0.95; main: 0.957)
            "PERCENT": (0.98, 0.99),  # measured 1.000 (main: 0.938)
            "MONEY": (0.98, 0.99),  # measured 1.000 (main: 0.978)
            "DOCNO": (0.98, 0.99),  # measured 1.000 (3 spans)
            "DATE": (0.97, 0.97),  # measured 1.000 / 1.000 (main: 0.926)
            "ORG": (0.93, 0.0),  # measured 0.955 (main: 0.783); kind not floored
        },
    ),
}
FLOOR_CASES = [(name, label) for name, s in SETS.items() for label in sorted(s.floors)]


def _docs(held: HeldOut) -> list[dict]:
    with open(held.jsonl, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def reports(extractor) -> dict[str, Report]:
    return {name: score_docs(extractor, _docs(held)) for name, held in SETS.items()}


@pytest.mark.parametrize("name", SETS)
def test_jsonl_is_current(name):
    """The shipped JSONL is what scripts/build_heldout.py makes from the marked-up source."""
    held = SETS[name]
    module = load_script("build_heldout")
    assert module.out_path(held.src) == held.jsonl
    assert_current(
        module.render(module.build(held.src)),
        held.jsonl,
        f"python scripts/build_heldout.py tests/data/{held.src.name}",
    )


@pytest.mark.parametrize("name", SETS)
def test_offsets_match_text(name):
    for doc in _docs(SETS[name]):
        for s in doc["spans"]:
            assert doc["text"][s["start"] : s["end"]] == s["text"], (doc["id"], s)


@pytest.mark.parametrize(("name", "label"), FLOOR_CASES, ids=[f"{n}-{lb}" for n, lb in FLOOR_CASES])
def test_label_floor(reports, name, label):
    check_floor(reports[name], label, *SETS[name].floors[label])


def _spans(extractor, text: str, label: str) -> list[tuple[str, object]]:
    return [(s.text, s.value) for s in extractor.extract(text) if s.label == label]


# -- failure classes the synthetic set exposed -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # approximate quantities that jieba lists as words (numeral_words.txt) stay quantities
        ("引进高层次人才近百人", "NUMBER", ["近百"]),
        ("近三成学生参加", "PERCENT", ["近三成"]),
        ("同比增长三成", "PERCENT", ["三成"]),
        ("其中三分之二以上用于乡村学校", "NUMBER", ["三分之二"]),
        ("其中三所高校", "NUMBER", ["三"]),
        # 一笔 is an article, other numerals before 笔 count
        ("获得一笔1亿港元捐款", "NUMBER", []),
        ("发放两笔贷款", "NUMBER", ["两"]),
        # identifiers hold no quantity
        ("项目编号：NUIST-2024-ZB-0157", "NUMBER", []),
        ("列入科目“2050205高等教育”", "NUMBER", []),
        # ORG: 教育部 before 下达 (部下 is no word boundary), plural addressee lists
        ("国家发展改革委、教育部下达的招生计划", "ORG", ["国家发展改革委", "教育部"]),
        ("各市、县（市、区）财政局、教育局，省级有关高校：", "ORG", []),
        ("各省、自治区、直辖市教育厅（教委），新疆生产建设兵团教育局：", "ORG",
         ["新疆生产建设兵团教育局"]),
        ("经自治区人民政府同意", "ORG", ["自治区人民政府"]),
        ("双方将共建四川大学成都研究院", "ORG", ["四川大学成都研究院"]),
        ("浙江大学联合中国科学院上海药物研究所", "ORG", ["浙江大学", "中国科学院上海药物研究所"]),
        ("省委省政府", "ORG", ["省委", "省政府"]),
        ("香港中文大學與香港科技大學", "ORG", ["香港中文大學", "香港科技大學"]),
        ("共建联合实验室3个", "ORG", []),
        # second batch: trade names after a place, abbreviated fields, session counts
        ("供应商名称：广州市穗农食品有限公司", "ORG", ["广州市穗农食品有限公司"]),
        ("由北京华图教育科技有限公司承办", "ORG", ["北京华图教育科技有限公司"]),
        ("州教体局决定", "ORG", ["州教体局"]),
        ("经教育部第四次部务会议审议通过", "ORG", ["教育部"]),
        ("经教育部第四次部务会议审议通过", "ORDINAL", ["第四"]),
        ("各市委教育工委（教育局党组），各高校党委：", "ORG", []),
        ("每个乡镇至少办好1所公办中心幼儿园", "ORG", []),
        ("新加坡公立大学学费较高", "ORG", []),
        ("报区教育局安全管理科。", "ORG", ["区教育局安全管理科"]),
        ("加强安全管理科学化水平", "ORG", []),
        ("学费约为3.8万新元", "MONEY", ["3.8万新元"]),
        # third batch: lone magnitudes with a marker, tenths after 成, identifiers, 小学校
        ("农村学校万余名教师", "NUMBER", ["万余"]),
        ("万一出现问题", "NUMBER", []),
        ("增幅达二成五。", "PERCENT", ["二成五"]),
        ("据判决书（2023）黔26民终1234号", "NUMBER", []),
        ("模板中的“〔2025〕XX号”由各县自行填写", "NUMBER", []),
        ("苏州市实验小学校举行科技节", "ORG", ["苏州市实验小学校"]),
        # probes beyond the set: a verb before an abbreviated division, 纪委 kind
        ("材料报送教务处。", "ORG", ["教务处"]),
        ("材料报至学生处", "ORG", ["学生处"]),
        ("十一黄金周期间", "NUMBER", []),
        ("迎来双十一", "NUMBER", []),
        ("开设十一个班", "NUMBER", ["十一"]),
        ("选派驻村第一书记120名", "ORDINAL", []),
        ("中国移动通信集团广东有限公司", "ORG", ["中国移动通信集团广东有限公司"]),
        ("华为公司与腾讯公司", "ORG", ["华为公司", "腾讯公司"]),
        ("据人民网报道", "ORG", ["人民网"]),
        ("北京市人大常委会审议通过", "ORG", ["北京市人大常委会"]),
        ("各级人大常委会", "ORG", []),
    ],
)
def test_failure_classes(extractor, text, label, expected):
    assert sorted(t for t, _ in _spans(extractor, text, label)) == sorted(expected)


def test_discipline_commission_is_party(extractor):
    text = "选举产生新一届浙江大学纪律检查委员会"
    orgs = [s for s in extractor.extract(text) if s.label == "ORG"]
    assert [(s.text, s.value["kind"]) for s in orgs] == [("浙江大学纪律检查委员会", "party")]


# -- failure classes heldout2 exposed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # per ten thousand is PERCENT in percent (docs/decisions.md); 千分之 stays permille
        ("发病率为万分之八点六", "PERCENT",
         [("万分之八点六", {"value": 0.086, "unit": "percent"})]),
        ("约为一万分之三", "PERCENT", [("一万分之三", {"value": 0.03, "unit": "percent"})]),
        ("降至十万分之三点二", "PERCENT",
         [("十万分之三点二", {"value": 0.0032, "unit": "percent"})]),
        ("降至十万分之三点二", "NUMBER", []),
        ("学生占四成多。", "PERCENT", [("四成多", {"value": 40, "unit": "percent"})]),
        # doubling idioms and congress sessions are no counts; a real multiple is
        ("人数翻了两番", "NUMBER", []),
        ("在全国政协十四届二次会议上", "NUMBER", []),
        ("十四届全国人大二次会议期间", "NUMBER", []),
        ("是2019年的两倍", "NUMBER", [("两", {"value": 2, "approx": False})]),
        # list heads after a full stop in run-on notices
        ("新生1520人。二、各乡要于7月15日前完成登记", "NUMBER",
         [("1520", {"value": 1520, "approx": False})]),
        # a currency word after 元, 約 as a marker
        ("學費約5.5萬元新台幣，", "MONEY",
         [("約5.5萬元新台幣", {"value": 55000, "currency": "TWD", "approx": True})]),
        # day-only news dates: month from the dateline, else null
        ("新华社拉萨2025年3月7日电 记者6日从西藏自治区教育厅获悉", "DATE",
         [("2025年3月7日", {"iso": "2025-03-07"}), ("6日", {"iso": "2025-03-06"})]),
        ("记者12日从青海省教育厅了解到", "DATE", [("12日", {"iso": None})]),
        ("请于5日内完成整改", "DATE", []),
        ("2025/26学年起", "DATE", [("2025/26学年", {"iso": "2025/2026"})]),
    ],
)
def test_value_classes(extractor, text, label, expected):
    assert sorted(_spans(extractor, text, label), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named national labs and centres; the category after a verb is none
        ("旱区作物逆境生物学国家重点实验室、黄土高原土壤侵蚀与旱地农业国家重点实验室新增",
         ["旱区作物逆境生物学国家重点实验室", "黄土高原土壤侵蚀与旱地农业国家重点实验室"]),
        ("山东大学晶体材料国家重点实验室等", ["山东大学晶体材料国家重点实验室"]),
        ("加快建设国家工程研究中心", []),
        ("重庆医科大学附属儿童医院获批儿童发育疾病研究教育部重点实验室年度考核优秀",
         ["重庆医科大学附属儿童医院", "儿童发育疾病研究教育部重点实验室"]),
        ("全省新增国家重点实验室3个", []),
        ("高端精密制造、深部工程与智能技术国家重点实验室6个", []),
        ("加强与生物治疗国家重点实验室合作", ["生物治疗国家重点实验室"]),
        ("获批儿童发育疾病研究教育部重点实验室", ["儿童发育疾病研究教育部重点实验室"]),
        ("加快建设国家工程研究中心和教育部重点实验室", ["教育部"]),
        ("：包头市恒达建设集团有限公司，", ["包头市恒达建设集团有限公司"]),
        # 财政局 / 民政局 hide the blocker 政局 (政局稳定): they are heads of their own
        ("市教育局要会同市财政局于9月30日前", ["市教育局", "市财政局"]),
        ("，西宁市财政局、区民政局", ["西宁市财政局", "区民政局"]),
        ("政局稳定", []),
        ("公布2025年国家临床医学研究中心评估结果", []),
        # university internal units
        ("由校团委、教务处和马克思主义学院党委联合主办",
         ["校团委", "教务处", "马克思主义学院党委"]),
        ("学校团委书记", []),
        ("西北农林科技大学研究生院召开会议。会上，研究生院通报",
         ["西北农林科技大学研究生院", "研究生院"]),
        ("会上，研究生院通报", []),
        ("各高校团委", []),
        # Inner Mongolia's leagues, procurement centres, the ministry before 将
        ("锡林郭勒盟行政公署关于", ["锡林郭勒盟行政公署"]),
        ("其中盟教育局统筹", ["盟教育局"]),
        ("采购代理机构：青海省政府采购中心，", ["青海省政府采购中心"]),
        ("下一步，教育部将会同有关部门", ["教育部"]),
        # pupils and subjects are no school or division
        ("关于印发云南省普通高中学生资助资金管理办法", []),
        ("学费标准：普通文科、理科专业", []),
        # a term number before a national congress is part of its name
        ("关于第十四届全国人民代表大会第二次会议", ["第十四届全国人民代表大会"]),
    ],
)
def test_org_classes(extractor, text, expected):
    assert sorted(t for t, _ in _spans(extractor, text, "ORG")) == sorted(expected)
