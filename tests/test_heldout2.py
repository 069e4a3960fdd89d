"""Strict F1 per label on the second held-out set (tests/data/heldout2.jsonl).

An independent probe written by the second audit: genres and regions the first held-out set
lacks (university internal news with graduate schools, youth league, labs and affiliated
hospitals; supervision reports; admissions brochures; student aid; tender awards; NPC/CPPCC
replies; wire copy with day-only dates; Hong Kong, Macao, Taiwan; Tibet, Qinghai, Ningxia,
Inner Mongolia; per-ten-thousand rates). Annotation choices are in docs/decisions.md. Floors
sit slightly below the measured values; raise them as the library improves, never lower them
to make a change pass. The last tests pin each failure class the set exposed outside the set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.scoring import Report
from tests.gold_floors import build_heldout_module, check_floor, score_docs

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "tests" / "data" / "heldout2.src.txt"
DATA = ROOT / "tests" / "data" / "heldout2.jsonl"

#: label -> (minimum strict F1, minimum value accuracy on strict matches)
FLOORS: dict[str, tuple[float, float]] = {
    "NUMBER": (0.98, 0.99),  # measured 0.995 / 1.000 (main before the audit: 0.958)
    "ORDINAL": (0.95, 0.99),  # measured 1.000 (11 spans: one error is 0.95; main: 0.957)
    "PERCENT": (0.98, 0.99),  # measured 1.000 (main: 0.938)
    "MONEY": (0.98, 0.99),  # measured 1.000 (main: 0.978)
    "DOCNO": (0.98, 0.99),  # measured 1.000 (3 spans)
    "DATE": (0.97, 0.97),  # measured 1.000 / 1.000 (main: 0.926)
    "ORG": (0.93, 0.0),  # measured 0.955 (main: 0.783); kind not floored
}


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    with open(DATA, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def report(extractor, docs) -> Report:
    return score_docs(extractor, docs)


def test_jsonl_is_current():
    """The shipped JSONL is what scripts/build_heldout.py makes from the marked-up source."""
    module = build_heldout_module()
    assert module.out_path(SRC) == DATA
    assert module.render(module.build(SRC)) == DATA.read_text(encoding="utf-8"), (
        "heldout2.jsonl is stale: run python scripts/build_heldout.py tests/data/heldout2.src.txt"
    )


def test_offsets_match_text(docs):
    for doc in docs:
        for s in doc["spans"]:
            assert doc["text"][s["start"] : s["end"]] == s["text"], (doc["id"], s)


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_label_floor(report, label):
    check_floor(report, label, *FLOORS[label])


def _spans(extractor, text: str, label: str) -> list[tuple[str, object]]:
    return [(s.text, s.value) for s in extractor.extract(text) if s.label == label]


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
