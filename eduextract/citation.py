"""Policy citations: a title in 《》 linked to the document number next to it.

A policy analyst builds a citation graph from these records: which document cites which, by
title and by number.  A title and a DOCNO span are linked when only brackets, spaces or a few
glue words (``gazetteers/citation_words.tsv``) stand between them; a title without a number
and a number without a title are records too, with the other part null.  The DOCNO spans are
the extractor's own, so a citation's offsets agree with :func:`eduextract.extract`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .data import read_table
from .span import Span, make_span

TITLE_LABEL = "TITLE"

#: the longest title kept (a 《 with no 》 for a page is unbalanced text, not a title)
MAX_TITLE = 200

_OPEN, _CLOSE = "《", "》"
_SPACE = " \t\u3000\u00a0"
_AFTER_TITLE = re.compile(r"[ \t\u3000\u00a0]*[（(〔\[【]?[ \t\u3000\u00a0]*")
_ISSUER = re.compile(r"^(.{2,60}?)关于")


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited document: its title span, its DOCNO span, or both.

    ``title`` is the text between 《 and 》 (label ``TITLE``); ``docno`` is the DOCNO span
    of the extraction.  ``issuer`` comes from the DOCNO value when it names one, else from
    the title's ``X关于…``; ``issuer_source`` says which (``docno`` or ``title``).
    """

    title: Span | None
    docno: Span | None
    issuer: str | None = None
    issuer_source: str | None = None
    year: int | None = None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.title, self.docno) if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in (self.title, self.docno) if s is not None)

    def to_dict(self) -> dict[str, Any]:
        def part(s: Span | None) -> dict[str, Any] | None:
            if s is None:
                return None
            return {"start": s.start, "end": s.end, "text": s.text}

        docno = part(self.docno)
        if docno is not None and self.docno is not None:
            docno["value"] = self.docno.value
        return {
            "title": part(self.title),
            "docno": docno,
            "issuer": self.issuer,
            "issuer_source": self.issuer_source,
            "year": self.year,
        }


@cache
def _words() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {
        "periodical": set(), "alias": set(), "glue": set(), "notdoc_end": set()
    }  # fmt: skip
    for word, kind in read_table("citation_words.tsv", columns=2):
        if kind not in kinds:
            raise ValueError(f"citation_words.tsv: unknown kind {kind!r} for {word!r}")
        kinds[kind].add(word)
    return {k: frozenset(v) for k, v in kinds.items()}


@cache
def _alias_tuple() -> tuple[str, ...]:
    return tuple(_words()["alias"])


@cache
def _glue_gap() -> re.Pattern[str]:
    glue = "|".join(sorted((re.escape(w) for w in _words()["glue"]), key=len, reverse=True))
    return re.compile(rf"[ \t\u3000\u00a0）)〕\]】]*(?:{glue})*[ \t\u3000\u00a0]*")


_MARKS = re.compile("[《》]")


@lru_cache(maxsize=8)
def title_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the text inside each outermost 《…》 on one line (marks excluded).

    Cached for the last few texts: the fact and citation layers both ask for one document.
    """
    out: list[tuple[int, int]] = []
    if _OPEN not in text:
        return ()
    depth = 0
    opened = -1
    last = 0
    for m in _MARKS.finditer(text):  # only the marks: a long text is not walked in Python
        ch, i = m.group(), m.start()
        if depth and text.find("\n", last, i) >= 0:
            depth = 0  # a title never runs over a line end
        last = i
        if ch == _OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch == _CLOSE and depth:
            depth -= 1
            if depth == 0 and 1 <= i - opened - 1 <= MAX_TITLE:
                out.append((opened + 1, i))
    return tuple(out)


def find_titles(text: str) -> list[Span]:
    """Outermost 《…》 pairs on one line, as spans of the text between the marks.

    Periodicals, certificates and short names being defined (``以下简称《方案》``) are left
    out.
    """
    words = _words()
    titles = [
        make_span(text, a, b, TITLE_LABEL, None, "citation.title") for a, b in title_ranges(text)
    ]
    out = []
    for t in titles:
        name = t.text.strip(_SPACE)
        if name in words["periodical"] or name.endswith(tuple(words["notdoc_end"])):
            continue
        before = text[max(0, t.start - 8) : t.start - 1].rstrip(_SPACE + '“"')
        if before.endswith(_alias_tuple()):
            continue
        out.append(t)
    return out


def _issuer(title: Span | None, docno: Span | None) -> tuple[str | None, str | None]:
    issuer = docno.value.get("issuer") if docno is not None and docno.value else None
    if isinstance(issuer, str) and issuer:
        return issuer, "docno"
    if title is not None:
        m = _ISSUER.match(title.text.lstrip(_SPACE))
        if m and not m.group(1).startswith(("印发", "转发")):
            return m.group(1).strip(_SPACE), "title"
    return None, None


def _year(docno: Span | None) -> int | None:
    if docno is None or not isinstance(docno.value, dict):
        return None
    year = docno.value.get("year")
    return year if isinstance(year, int) else None


def citations_from_spans(text: str, spans: Sequence[Span]) -> list[Citation]:
    """Citations of ``text`` given the spans already extracted from it (DOCNO are used)."""
    titles = find_titles(text)
    docnos = [s for s in spans if s.label == "DOCNO"]
    by_start = {d.start: d for d in docnos}
    linked: dict[int, Span] = {}  # title start -> docno
    used: set[int] = set()
    # a number right after its title: 《…》（教基〔2019〕15号）
    for t in titles:
        m = _AFTER_TITLE.match(text, t.end + 1)
        d = by_start.get(m.end()) if m else None
        if d is not None and d.start not in used:
            linked[t.start] = d
            used.add(d.start)
    # a number before its title: 教基〔2019〕15号文件印发的《…》
    by_end = {d.end: d for d in docnos}
    gap = _glue_gap()
    for t in titles:
        if t.start in linked:
            continue
        for d_end, d in by_end.items():
            if d.start in used or d_end >= t.start:
                continue
            m = gap.fullmatch(text, d_end, t.start - 1)
            if m:
                linked[t.start] = d
                used.add(d.start)
                break
    out: list[Citation] = []
    for t in titles:
        d = linked.get(t.start)
        issuer, source = _issuer(t, d)
        out.append(Citation(t, d, issuer, source, _year(d)))
    for d in docnos:
        if d.start not in used:
            issuer, source = _issuer(None, d)
            out.append(Citation(None, d, issuer, source, _year(d)))
    out.sort(key=lambda c: (c.start, c.end))
    return out
