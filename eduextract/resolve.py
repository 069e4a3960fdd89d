"""Overlap resolution: from competing candidates to the non-overlapping result.

ANNOTATION.md: "where two readings compete, the longest wins".  Candidates are taken longest
first; at equal length the label order below decides (a blocker beats everything so that a
phone number or URL suppresses the digits inside it; a document number beats a date inside
it; NUMBER loses to every typed reading of the same characters).  A candidate that overlaps an
already chosen one is dropped.  Blockers (labels starting with ``_``) are removed at the end.
"""

from __future__ import annotations

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
    """The non-overlapping winners, sorted by start, blockers removed.

    Taken characters are marked in a byte mask, so checking a candidate costs its own length
    (``bytearray.find`` in C) and the whole pass stays linear in the text: keeping a sorted list
    of chosen starts needs an O(n) insert per winner and turned quadratic on documents of
    several million characters.
    """
    prio = PRIORITY.get
    spans = sorted(candidates, key=lambda s: (s.start - s.end, prio(s.label, 50), s.start))
    if not spans:
        return []
    taken = bytearray(max(s.end for s in spans))
    winners: list[Span] = []
    for span in spans:
        start, end = span.start, span.end
        if taken.find(1, start, end) != -1:
            continue  # overlaps a longer (or higher-priority) span already chosen
        taken[start:end] = b"\x01" * (end - start)
        if not span.label.startswith("_"):
            winners.append(span)
    winners.sort(key=lambda s: s.start)
    return winners
