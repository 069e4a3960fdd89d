"""The peer suites of tests/data/peer/ (Recognizers-Text, Duckling, cn2an) as regression tests.

A case passes strictly when, restricted to the labels its gold is complete for
(``labels_in_scope``), the predicted spans equal the gold spans in offsets and label and every
value matches (``benchmarks.scoring.values_equal``).  ``whole_string`` cases additionally
expect the whole text to be one span.  Subsets (see tests/data/peer/README.md): *clean* (no
convention difference, guideline not silent) must pass at >= 0.95 per label; *compatible*
(guideline silent allowed) is reported, not asserted, because there our guideline has not
decided.  Every clean and compatible case also runs on its own: the ones that fail today are
listed in ``tests/data/peer/known_failures.tsv`` and run as ``xfail(strict=True)``, so a fixed
case must be removed from the list (and a newly failing one fails the suite).  Run
``python tests/test_peer_suites.py`` for the per-file table.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from benchmarks.scoring import values_equal

PEER = Path(__file__).parent / "data" / "peer"
NUMERIC = ("NUMBER", "ORDINAL", "PERCENT", "MONEY")
FLOOR = 0.95


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(PEER.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    case = json.loads(line)
                    case["file"] = path.stem
                    cases.append(case)
    return cases


def subset(case: dict[str, Any]) -> str:
    if case.get("convention_diff"):
        return "incompatible"
    return "compatible" if case.get("guideline_silent") else "clean"


def case_labels(case: dict[str, Any]) -> list[str]:
    """Labels a case is counted under: those of its gold spans, else those in scope."""
    labels = sorted({s["label"] for s in case["spans"]} & set(case["labels_in_scope"]))
    return labels or sorted(case["labels_in_scope"])


def check(extractor, case: dict[str, Any]) -> str | None:
    """None if the case passes strictly, else a short reason."""
    scope = set(case["labels_in_scope"])
    pred = [s for s in extractor.extract(case["text"]) if s.label in scope]
    gold = case["spans"]
    if case.get("whole_string") and gold:
        g = gold[0]
        if (g["start"], g["end"]) != (0, len(case["text"])):
            return "whole_string gold does not cover the text"
    got = {(s.start, s.end, s.label): s.value for s in pred}
    want = {(g["start"], g["end"], g["label"]): g["value"] for g in gold}
    if set(got) != set(want):
        return f"spans {sorted((case['text'][a:b], lab) for a, b, lab in got)} != " + str(
            sorted((case["text"][a:b], lab) for a, b, lab in want)
        )
    for key, value in want.items():
        if not values_equal(got[key], value):
            return f"value {got[key]} != {value}"
    return None


def pass_rates(extractor, cases: list[dict[str, Any]]) -> dict[tuple[str, str], list[int]]:
    """(subset or file, label) -> [passed, total]."""
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        ok = check(extractor, case) is None
        for label in case_labels(case):
            for key in ((subset(case), label), (f"{case['file']}:{subset(case)}", label)):
                table[key][0] += ok
                table[key][1] += 1
    return table


CASES = load_cases()
CLEAN = [c for c in CASES if subset(c) == "clean"]


def known_failures() -> dict[str, str]:
    """id -> reason, from tests/data/peer/known_failures.tsv."""
    out: dict[str, str] = {}
    for line in (PEER / "known_failures.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            case_id, _subset, reason = line.split("\t", 2)
            out[case_id] = reason
    return out


KNOWN_FAILURES = known_failures()
PER_CASE = [
    pytest.param(
        case,
        id=case["id"],
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case["id"]])]
        if case["id"] in KNOWN_FAILURES
        else [],
    )
    for case in CASES
    if subset(case) != "incompatible"
]


def test_known_failures_name_real_cases():
    ids = {c["id"]: subset(c) for c in CASES}
    assert set(KNOWN_FAILURES) <= set(ids), set(KNOWN_FAILURES) - set(ids)
    assert all(ids[i] != "incompatible" for i in KNOWN_FAILURES)


@pytest.mark.parametrize("case", PER_CASE)
def test_case(extractor, case):
    reason = check(extractor, case)
    assert reason is None, reason


@pytest.fixture(scope="module")
def rates(extractor):
    return pass_rates(extractor, CASES)


@pytest.mark.parametrize("label", NUMERIC)
def test_clean_subset_floor(rates, label):
    passed, total = rates[("clean", label)]
    assert total, f"no clean peer cases for {label}"
    assert passed / total >= FLOOR, f"{label}: {passed}/{total} clean peer cases pass"


def test_peer_data_is_well_formed():
    assert len(CLEAN) > 400
    for case in CASES:
        for span in case["spans"]:
            assert case["text"][span["start"] : span["end"]] == span["text"], case["id"]


if __name__ == "__main__":  # pragma: no cover - report for humans
    import sys

    from eduextract import Extractor

    ex = Extractor()
    table = pass_rates(ex, CASES)
    for (name, label), (ok, total) in sorted(table.items()):
        print(f"{name:45s} {label:8s} {ok:4d}/{total:<4d} {ok / total:.3f}")
    if "-v" in sys.argv:
        for case in CASES:
            if subset(case) in sys.argv[2:] or (len(sys.argv) == 2 and subset(case) == "clean"):
                reason = check(ex, case)
                if reason:
                    print(case["id"], repr(case["text"][:60]), reason)
