"""``labels=`` runs only the recognizers that matter (recognizers.COMPETITORS), and the result
is exactly what a full run filtered afterwards gives: checked on the whole equivalence corpus
(gold, peer suites, rule examples, full-width variants and thousands of random strings)."""

from __future__ import annotations

import pytest

from benchmarks.equivalence import corpus
from eduextract import LABELS, Extractor
from eduextract.recognizers import COMPETITORS, REGISTRY

WANTED = [(label,) for label in LABELS] + [("MONEY", "ORG"), ("DOCNO", "DATE"), ("PERCENT", "ORG")]


def test_every_label_has_a_row_naming_real_recognizers():
    assert set(COMPETITORS) == set(LABELS)
    for names in COMPETITORS.values():
        assert names <= set(REGISTRY)


def test_selection_skips_recognizers():
    ex = Extractor()
    assert [r.name for r in ex._recognizers_for(frozenset({"ORG"}))] == ["blockers", "docno", "org"]
    assert "org" not in [r.name for r in ex._recognizers_for(frozenset({"MONEY"}))]


@pytest.fixture(scope="module")
def full_runs() -> tuple[Extractor, list[tuple[str, list]]]:
    """One extractor (its compiled sub-alternations are reused) and one full run per text."""
    ex = Extractor()
    return ex, [(text, ex.extract(text)) for text in corpus()]


@pytest.mark.slow
@pytest.mark.parametrize("wanted", WANTED, ids=["+".join(w) for w in WANTED])
def test_selection_equals_filtering_after_resolution(wanted, full_runs):
    ex, runs = full_runs
    for text, spans in runs:
        full = [s for s in spans if s.label in wanted]
        assert ex.extract(text, labels=list(wanted)) == full, text[:80]


def test_with_a_recognizer_the_table_does_not_know_everything_runs():
    from eduextract.recognizers import needed_for

    class Plugin:
        name, labels = "plugin", ("_BLOCK",)

    ex = Extractor()
    chosen = needed_for(frozenset({"DOCNO"}), [*ex.recognizers, Plugin()])
    assert [r.name for r in chosen] == [r.name for r in ex.recognizers] + ["plugin"]
