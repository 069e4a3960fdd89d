"""Overlap resolution: from competing candidates to the non-overlapping result.

ANNOTATION.md: "where two readings compete, the longest wins".  Candidates are taken longest
first; at equal length the label order below decides (a blocker beats everything so that a
phone number or URL suppresses the digits inside it; a document number beats a date inside
it; NUMBER loses to every typed reading of the same characters).  A candidate that overlaps an
already chosen one is dropped.  Blockers (labels starting with ``_``) are removed at the end.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from .span import Span

PRIORITY: dict[str, int] = {
    "_BLOCK": 0,
    "DOCNO": 1,
    "MONEY": 2,
    "PERCENT": 3,
    "DATE": 4,
    "ORG": 5,
    "ORDINAL": 6,
    "NUMBER": 7,
}


def _rank(span: Span) -> tuple[int, int, int]:
    return (-(span.end - span.start), PRIORITY.get(span.label, 50), span.start)


def resolve(candidates: Iterable[Span]) -> list[Span]:
    """The non-overlapping winners, sorted by start, blockers removed."""
    prio = PRIORITY.get
    chosen_starts: list[int] = []
    chosen: dict[int, Span] = {}
    # the key of _rank, inlined: it is evaluated once per candidate
    for span in sorted(candidates, key=lambda s: (s.start - s.end, prio(s.label, 50), s.start)):
        start = span.start
        i = bisect_left(chosen_starts, start)
        if i < len(chosen_starts) and chosen_starts[i] < span.end:
            continue  # a chosen span starts inside this one
        if i > 0 and chosen[chosen_starts[i - 1]].end > start:
            continue  # the chosen span before this one reaches into it
        chosen_starts.insert(i, start)
        chosen[start] = span
    return [span for s in chosen_starts if not (span := chosen[s]).label.startswith("_")]
