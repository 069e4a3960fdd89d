"""Per corpus, the spans eduextract gets wrong today are listed, and nothing else goes wrong.

Each listed span runs as ``xfail(strict=True)``: when a change fixes it, the suite fails until
its line leaves tests/data/known_failures/<corpus>.tsv (``python -m tests.gold_floors``
rewrites the lists; review the diff).  The floors of test_gold_corpus.py and test_heldout.py
still bound the scores; these lists make every single span visible.
"""

from __future__ import annotations

import pytest

from tests.gold_floors import CORPORA, differences, load_corpus, load_known

KNOWN = [
    pytest.param(corpus, row, id=f"{corpus}:{row[0][:12]}:{row[1]}:{row[3]}",
                 marks=pytest.mark.xfail(strict=True, reason=f"{row[1]} {row[2]} {row[5]}"))
    for corpus in CORPORA
    for row in load_known(corpus)
]
_DIFFS: dict[str, set] = {}


def _differences(extractor, corpus: str) -> set:
    if corpus not in _DIFFS:
        _DIFFS[corpus] = differences(extractor, load_corpus(corpus))
    return _DIFFS[corpus]


@pytest.mark.parametrize("corpus", CORPORA)
def test_nothing_outside_the_list_goes_wrong(extractor, corpus):
    new = _differences(extractor, corpus) - set(load_known(corpus))
    assert not new, f"new differences on {corpus}: {sorted(new)[:10]}"


@pytest.mark.parametrize(("corpus", "row"), KNOWN)
def test_known_failure(extractor, corpus, row):
    assert row not in _differences(extractor, corpus)
