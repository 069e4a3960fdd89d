"""DOCNO: the case table (tests/data/docno_cases.tsv) and properties of every DOCNO span.

New cases go into the table, not into this file: a row is a text with at most one document
number, the expected span (empty for a look-alike) and the expected value.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduextract.data import read_table
from eduextract.document import Document
from eduextract.recognizers.docno import build, cn_serial, load_lexicon

DATA = Path(__file__).parent / "data"


def _cases() -> list[dict[str, str]]:
    with open(DATA / "docno_cases.tsv", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    names = ["case", "text", "span", "agency", "year", "serial", "issuer"]
    return [dict(zip(names, row, strict=True)) for row in csv.reader(lines, delimiter="\t")]


CASES = _cases()


def test_case_table_covers_positives_and_negatives():
    positives = [c for c in CASES if c["span"]]
    negatives = [c for c in CASES if not c["span"]]
    assert len(CASES) >= 60 and len(positives) >= 40 and len(negatives) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_docno_case(extractor, case):
    text = case["text"]
    found = [s for s in extractor.extract(text) if s.label == "DOCNO"]
    if not case["span"]:
        assert found == [], f"{text!r} must give no DOCNO; got {found}"
        return
    assert [s.text for s in found] == [case["span"]], f"{text!r}: {found}"
    value = found[0].value
    expected = {
        "agency": case["agency"],
        "year": int(case["year"]) if case["year"] else None,
        "serial": int(case["serial"]),
        "issuer": case["issuer"] or None,
    }
    assert {k: value[k] for k in expected} == expected, text
    assert value["issuer_source"] in (None, "title", "code_table", "province_prefix+organ_marker")
    assert (value["issuer"] is None) == (value["issuer_source"] is None)
    if found[0].source == "docno.macao":  # Macao acts: 第162/2017号行政長官批示
        assert value["normalized"] == f"第{value['serial']}/{value['year']}号{value['agency']}"
    else:
        assert value["normalized"].endswith(f"{value['serial']}号")
    assert " " not in value["normalized"].replace(value["agency"], "")
    assert json.loads(json.dumps(value)) == value


def test_normalized_is_the_gb_t_9704_spelling(extractor):
    [span] = extractor.extract("（黔教合 KY 字[２０１８]第020 号）", labels="DOCNO")
    assert span.value["normalized"] == "黔教合KY字〔2018〕20号"
    [order] = extractor.extract("国家发展改革委令 2024 年第 20 号", labels="DOCNO")
    assert order.value["normalized"] == "国家发展改革委令2024年第20号"


def test_issuer_resolved_for_every_gold_docno_with_a_known_code(gold_docs):
    """Issue 4: the issuer is found for every dev-gold DOCNO whose code the gazetteer knows."""
    lex = load_lexicon()
    recognizer = build(None)  # type: ignore[arg-type]  # the layer needs no configuration
    checked = 0
    for doc in gold_docs:
        spans = {(s.start, s.end): s for s in recognizer.find(Document(doc["text"]))}
        for gold in doc["spans"]:
            if gold["label"] != "DOCNO" or lex.known_code(gold["value"]["agency"]) is None:
                continue
            checked += 1
            assert spans[(gold["start"], gold["end"])].value["issuer"], gold
    assert checked == 10


def test_cn_serial():
    spelled = ("二十四", "三九七", "十", "一百零五", "十二")
    assert [cn_serial(t) for t in spelled] == [24, 397, 10, 105, 12]
    assert cn_serial("二二十") is None


def test_gazetteers_have_sources():
    for row in read_table("docno_agencies.tsv", columns=6):
        assert row[4] and row[5] in ("yes", "no"), row
    for row in read_table("docno_provinces.tsv", columns=5):
        assert len(row[0]) == 1 and row[3] and row[4] in ("yes", "no"), row
    for row in read_table("docno_organs.tsv", columns=6):
        assert "{p}" in row[1] and row[4] and row[5] in ("yes", "no"), row


# -- properties --------------------------------------------------------------------------------
_STOP_WORDS = [w for w, role, _ in read_table("docno_context.tsv", columns=3) if role == "stop"]
_PIECES = [
    *_STOP_WORDS,
    "国发", "辽教发", "教育部", "教育部令", "中华人民共和国", "卫生部 ", "辽宁省教育厅",
    "法院", "KY", "〔", "〕", "[", "]", "（", "）", "(", ")", "【", "】", "﹝", "﹞",
    "《", "》", "，", "。", "、", "2021", "２０２０", "19", "7", "0", "号", "令", "第",
    "年", "字", " ", "\u3000", "\n", "X", "-",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=80)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_docno_span_never_starts_with_a_stop_word_and_ends_with_hao(text):
    recognizer = build(None)  # type: ignore[arg-type]
    for span in recognizer.find(Document(text)):
        assert span.text.endswith("号"), span
        assert not any(span.text.startswith(w) for w in _STOP_WORDS), span
        assert span.text == text[span.start : span.end]
        assert span.value["serial"] > 0 and span.value["agency"]
