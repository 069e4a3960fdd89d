"""Baseline adapters: offsets line up with the input, and missing tools are skipped cleanly."""

from __future__ import annotations

import pytest

from benchmarks.adapters import ADAPTERS, Adapter, Cn2anAdapter, non_overlapping, number


def _texts(text, spans):
    return [(s["label"], s["text"], s["value"]["value"]) for s in spans]


def test_number_keeps_integers_integral():
    assert number("764000000.00") == 764000000 and isinstance(number("15.00"), int)
    assert number("3.5") == 3.5 and number("1,000") == 1000
    assert number("abc") is None and number("") is None


def test_non_overlapping_prefers_longest_then_label_priority():
    spans = [
        {"start": 0, "end": 2, "label": "NUMBER"},
        {"start": 0, "end": 3, "label": "MONEY"},
        {"start": 0, "end": 3, "label": "NUMBER"},
        {"start": 5, "end": 6, "label": "NUMBER"},
    ]
    got = non_overlapping(spans)
    assert [(s["start"], s["end"], s["label"]) for s in got] == [(0, 3, "MONEY"), (5, 6, "NUMBER")]


def test_cn2an_spans_are_aligned_back_to_the_input():
    a = Cn2anAdapter()
    assert a.available(), a.error  # cn2an is a core dependency of eduextract
    text = "小王捡了一百块钱，百分之五十，两千零五人，增长3.5%，三分之一"
    spans = a.predict(text)
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    assert _texts(text, spans) == [
        ("NUMBER", "一百", 100),
        ("PERCENT", "百分之五十", 50),
        ("NUMBER", "两千零五", 2005),
        ("PERCENT", "3.5%", 3.5),
        ("NUMBER", "三分之一", 0.3333),
    ]


def test_a_missing_tool_is_reported_not_raised():
    class Missing(Adapter):
        name = "missing"

        def load(self) -> None:
            import eduextract_no_such_module  # noqa: F401

    a = Missing()
    assert a.available() is False
    assert a.error is not None and "ModuleNotFoundError" in a.error
    assert a.available() is False  # asked twice, still no exception


def test_ms_recognizers_inclusive_end_becomes_exclusive():
    pytest.importorskip("ms_recognizers_number")
    a = ADAPTERS["ms_recognizers"]()
    assert a.available(), a.error
    text = "彩民中了15元，第二百五十名，增长3.5%"
    got = [(s["label"], s["text"]) for s in a.predict(text)]
    assert got == [("MONEY", "15元"), ("ORDINAL", "第二百五十"), ("PERCENT", "3.5%")]


def test_jionlp_money_offsets_exclude_whitespace():
    pytest.importorskip("jionlp")
    a = ADAPTERS["jionlp"]()
    assert a.available(), a.error
    text = "共计 约7.64亿元人民币，另有100万美元"
    money = [s for s in a.predict(text) if s["label"] == "MONEY"]
    assert money[0]["text"].startswith("约7.64亿元")
    assert money[0]["value"]["value"] == 764000000 and money[0]["value"]["currency"] == "CNY"
    for s in money:
        assert text[s["start"] : s["end"]] == s["text"]


def test_jieba_nt_offsets_follow_the_words():
    pytest.importorskip("jieba")
    a = ADAPTERS["jieba_nt"]()
    assert a.available(), a.error
    text = "昨天东北大学召开会议。"
    spans = a.predict(text)
    assert [(s["text"], s["label"]) for s in spans] == [("东北大学", "ORG")]
    assert text[spans[0]["start"] : spans[0]["end"]] == "东北大学"
