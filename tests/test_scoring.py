"""The scorer on hand-made prediction sets whose precision and recall are known in advance."""

from __future__ import annotations

import json

import pytest

from benchmarks.scoring import (
    CORE_LABELS,
    SUBSETS,
    Counts,
    Report,
    load_jsonl,
    score_document,
    score_suite,
    values_equal,
)

TEXT = "投入7.64亿元，增长53%，共14个，第三次会议由教育部召开。"


def span(start, end, label, value=None, source="", text=TEXT):
    return {
        "start": start,
        "end": end,
        "label": label,
        "text": text[start:end],
        "value": value,
        "source": source,
    }


def num(v, approx=False):
    return {"value": v, "approx": approx}


# gold: MONEY 7.64亿元, PERCENT 53%, NUMBER 14, ORDINAL 第三, ORG 教育部
GOLD = [
    span(2, 8, "MONEY", {"value": 764000000, "currency": "CNY", "approx": False}),
    span(11, 14, "PERCENT", {"value": 53, "unit": "percent"}),
    span(16, 18, "NUMBER", num(14)),
    span(20, 22, "ORDINAL", {"value": 3}),
    span(26, 29, "ORG", {"kind": "government"}),
]


def test_text_offsets_of_the_fixture_are_what_the_tests_assume():
    assert [g["text"] for g in GOLD] == ["7.64亿元", "53%", "14", "第三", "教育部"]


def test_perfect_predictions_score_one_everywhere():
    rep = Report()
    score_document(GOLD, GOLD, rep, TEXT, "d")
    for label in ("MONEY", "PERCENT", "NUMBER", "ORDINAL", "ORG"):
        c = rep.per_label[label]
        assert (c.precision, c.recall, c.f1, c.value_accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert rep.micro().f1 == 1.0
    assert rep.false_positives == [] and rep.misses == []


def test_known_strict_and_lenient_precision_recall():
    # NUMBER gold: 14 and (added) 两; predictions: 14 right, 1个 (overlaps 14, wrong end),
    # 7 (no gold at all) -> strict P 1/3, R 1/2; lenient P 2/3, R 1/2
    text = "共14个，两所学校，7"
    gold = [span(1, 3, "NUMBER", num(14), text=text), span(5, 6, "NUMBER", num(2), text=text)]
    pred = [
        span(1, 3, "NUMBER", num(14), "a", text=text),
        span(2, 4, "NUMBER", num(4), "b", text=text),
        span(10, 11, "NUMBER", num(7), "b", text=text),
    ]
    rep = Report()
    score_document(gold, pred, rep, text, "d")
    c = rep.per_label["NUMBER"]
    assert (c.tp, c.fp, c.fn, c.n_pred, c.n_gold) == (1, 2, 1, 3, 2)
    assert c.precision == pytest.approx(1 / 3)
    assert c.recall == pytest.approx(1 / 2)
    assert c.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert c.lenient_precision == pytest.approx(2 / 3)
    assert c.lenient_recall == pytest.approx(1 / 2)
    assert {e["text"] for e in rep.false_positives} == {"4个", "7"}
    assert [e["text"] for e in rep.misses] == ["两"]
    assert rep.misses[0]["context"] == "共14个，[两]所学校，7"


def test_wrong_label_is_a_miss_and_a_false_positive_not_a_match():
    rep = Report()
    pred = [dict(GOLD[2], label="ORDINAL")]
    score_document(GOLD[2:3], pred, rep, TEXT)
    assert rep.per_label["NUMBER"].recall == 0.0
    assert rep.per_label["ORDINAL"].precision == 0.0
    assert rep.per_label["ORDINAL"].lenient_precision == 0.0


def test_value_accuracy_counts_only_strict_matches():
    pred = [
        dict(GOLD[0], value={"value": 7.64, "currency": "CNY", "approx": False}),  # wrong value
        dict(GOLD[1]),
        span(15, 18, "NUMBER", num(14)),  # lenient only: its value is not judged
    ]
    rep = Report()
    score_document(GOLD[:3], pred, rep, TEXT)
    assert rep.per_label["MONEY"].value_accuracy == 0.0
    assert rep.per_label["PERCENT"].value_accuracy == 1.0
    assert rep.per_label["NUMBER"].tp == 0
    assert rep.per_label["NUMBER"].value_accuracy == 1.0  # nothing to judge
    micro = rep.micro()
    assert (micro.tp, micro.value_ok) == (2, 1)
    assert micro.value_accuracy == 0.5


def test_micro_average_covers_the_six_core_labels_only():
    date_text = "2021年共14个"
    gold = [
        span(0, 5, "DATE", {"iso": "2021"}, text=date_text),
        span(6, 8, "NUMBER", num(14), text=date_text),
    ]
    pred = [gold[1]]  # DATE missed: must not lower the core micro average
    rep = Report()
    score_document(gold, pred, rep, date_text)
    assert "DATE" not in CORE_LABELS
    assert rep.micro().f1 == 1.0
    assert rep.per_label["DATE"].recall == 0.0


def test_micro_pools_counts_rather_than_averaging_f1():
    rep = Report()
    # NUMBER: 1 tp of 1 gold, 3 preds; PERCENT: 1 tp, 1 pred, 1 gold
    text = "14 15 16 53%"
    gold = [span(0, 2, "NUMBER", num(14), text=text), span(9, 12, "PERCENT", None, text=text)]
    pred = [
        span(0, 2, "NUMBER", num(14), text=text),
        span(3, 5, "NUMBER", num(15), text=text),
        span(6, 8, "NUMBER", num(16), text=text),
        span(9, 12, "PERCENT", None, text=text),
    ]
    score_document(gold, pred, rep, text)
    m = rep.micro()
    assert (m.tp, m.n_pred, m.n_gold) == (2, 4, 2)
    assert m.precision == 0.5 and m.recall == 1.0
    assert m.f1 == pytest.approx(2 / 3)


def test_empty_gold_and_empty_predictions_are_perfect_not_division_errors():
    c = Counts()
    assert (c.precision, c.recall, c.lenient_f1, c.value_accuracy) == (1.0, 1.0, 1.0, 1.0)
    rep = Report()
    score_document([], [span(2, 8, "MONEY")], rep, TEXT)
    assert rep.per_label["MONEY"].precision == 0.0
    assert rep.per_label["MONEY"].recall == 0.0  # predicted something where gold has nothing


def test_per_rule_counts_and_precision():
    text = "共14个，两所学校，7"
    gold = [span(1, 3, "NUMBER", num(14), text=text), span(5, 6, "NUMBER", num(2), text=text)]
    pred = [
        span(1, 3, "NUMBER", num(14), "number.arabic", text=text),
        span(10, 11, "NUMBER", num(7), "number.arabic", text=text),
        span(5, 6, "NUMBER", num(2), "number.chinese", text=text),
    ]
    rep = Report()
    score_document(gold, pred, rep, text)
    arabic, chinese = rep.per_source["number.arabic"], rep.per_source["number.chinese"]
    assert (arabic.n, arabic.tp, arabic.precision) == (2, 1, 0.5)
    assert (chinese.n, chinese.tp, chinese.precision, chinese.label) == (1, 1, 1.0, "NUMBER")
    assert rep.to_dict()["per_source"]["number.arabic"]["precision"] == 0.5


def test_labels_in_scope_ignores_predictions_of_other_labels():
    # an ORDINAL-only peer line: our DATE and NUMBER guesses are not the peer's business
    text = "2021年第三名"
    gold = [span(5, 7, "ORDINAL", {"value": 3}, text=text)]
    pred = [
        span(0, 5, "DATE", {"iso": "2021"}, text=text),
        span(5, 7, "ORDINAL", {"value": 3}, text=text),
        span(6, 7, "NUMBER", num(3), text=text),
    ]
    rep = Report()
    score_document(gold, pred, rep, text, labels_in_scope=["ORDINAL"])
    assert rep.per_label["ORDINAL"].f1 == 1.0
    assert rep.per_label["DATE"].n_pred == 0 and rep.per_label["NUMBER"].n_pred == 0
    assert rep.false_positives == []
    assert rep.scored_labels() == ["ORDINAL"]
    # without the scope the same predictions cost two false positives
    rep2 = Report()
    score_document(gold, pred, rep2, text)
    assert len(rep2.false_positives) == 2


def test_whole_string_exact_only_with_exactly_the_gold_span():
    text = "一千零一"
    gold = [span(0, 4, "NUMBER", num(1001), text=text)]
    cases = {
        "exact": [span(0, 4, "NUMBER", num(1001), text=text)],
        "wrong value": [span(0, 4, "NUMBER", num(1000), text=text)],
        "split": [
            span(0, 2, "NUMBER", num(1000), text=text),
            span(3, 4, "NUMBER", num(1), text=text),
        ],
        "extra": [
            span(0, 4, "NUMBER", num(1001), text=text),
            span(0, 1, "NUMBER", num(1), text=text),
        ],
        "nothing": [],
    }
    rep = Report()
    for pred in cases.values():
        score_document(gold, pred, rep, text, whole_string=True)
    ws = rep.whole_string
    assert (ws.n, ws.exact, ws.value_ok) == (5, 2, 1)
    assert ws.accuracy == pytest.approx(2 / 5)
    # an out-of-scope extra span does not spoil a whole-string line
    rep2 = Report()
    score_document(
        gold,
        [*cases["exact"], span(0, 4, "DATE", None, text=text)],
        rep2,
        text,
        labels_in_scope=["NUMBER"],
        whole_string=True,
    )
    assert rep2.whole_string.exact == 1


def _peer_lines():
    def line(i, cd, gs, spans, text="十二", ws=True):
        return {
            "id": f"p{i}",
            "text": text,
            "spans": spans,
            "labels_in_scope": ["NUMBER"],
            "convention_diff": cd,
            "guideline_silent": gs,
            "whole_string": ws,
        }

    g = [{"start": 0, "end": 2, "label": "NUMBER", "text": "十二", "value": num(12)}]
    return [
        line(0, False, False, g),
        line(1, True, False, g),
        line(2, False, True, g),
        line(3, False, False, g),
    ]


def test_subsets_select_lines_by_their_flags():
    lines = _peer_lines()
    assert [sum(SUBSETS[s](d) for d in lines) for s in ("all", "compatible", "clean")] == [4, 3, 2]
    # a tool right on lines p0 and p2 only
    preds = [lines[0]["spans"], [], lines[2]["spans"], []]
    got = {s: score_suite(lines, preds, s).per_label["NUMBER"] for s in SUBSETS}
    assert (got["all"].tp, got["all"].n_gold) == (2, 4)
    assert (got["compatible"].tp, got["compatible"].n_gold) == (2, 3)  # p1 dropped
    assert (got["clean"].tp, got["clean"].n_gold) == (1, 2)  # p1, p2 dropped
    assert score_suite(lines, preds, "clean").whole_string.n == 2


def test_score_suite_accepts_a_predict_function():
    lines = _peer_lines()
    rep = score_suite(lines, lambda text: [span(0, 2, "NUMBER", num(12), text=text)], "all")
    assert rep.per_label["NUMBER"].f1 == 1.0
    assert rep.whole_string.accuracy == 1.0 and rep.n_docs == 4


def test_values_equal_rules():
    assert values_equal(764000000, 764000000.0000001)
    assert not values_equal(7.64, 764000000)
    assert values_equal({"value": 0.3333, "approx": False, "extra": 1}, {"value": 0.33330001})
    assert not values_equal({"approx": False}, {"value": 1})
    assert values_equal([20, 30], [20, 30]) and not values_equal([20], [20, 30])
    assert values_equal(1e-12, 0) and not values_equal(0.1, 0)  # (pred, gold)
    assert values_equal(False, False) and not values_equal(True, False)
    assert values_equal(None, None) and not values_equal(None, 0)
    assert values_equal("2021-05", "2021-05") and not values_equal("2021", 2021)


def test_load_jsonl_skips_blank_lines(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"text": "a", "spans": []}) + "\n\n", encoding="utf-8")
    assert load_jsonl(p) == [{"text": "a", "spans": []}]


def test_peer_files_score_perfectly_against_themselves():
    """Every peer suite is well-formed for the scorer: gold vs gold is F1 1 in every subset."""
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "data" / "peer").glob("*.jsonl")):
        lines = load_jsonl(path)
        for subset in SUBSETS:
            rep = score_suite(lines, [d["spans"] for d in lines], subset)
            for label in rep.scored_labels():
                assert rep.per_label[label].f1 == 1.0, (path.name, subset, label)
            assert rep.whole_string.exact == rep.whole_string.n
