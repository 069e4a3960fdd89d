"""DATE: calendar years, months, days, periods and ranges, with an ISO value.

The patterns live in ``rules/dates.toml``; they only *find* candidates and name their parts
(``y``, ``m``, ``d``, ``y2`` …, see the file's header).  This module turns the parts into the
``iso`` value of ANNOTATION.md, which needs two things a single regex cannot know:

* **The document's year.**  Government pages write ``今年6月`` or ``3月18日`` and rely on the
  reader knowing when the page was published.  The year is derived once per document and kept
  in ``doc.cache`` (``date.doc_year``, ``date.doc_year_source``) for every later candidate and
  for other layers: a labelled publication date (``发布时间:2021-09-05`` anywhere, a bare
  ``日期:``/``时间:`` label only in the page chrome at the top),
  else a full date followed by a time of day (a timestamp line), else a full date alone on its
  line (the signature date of a notice, the last one wins), else the year the text mentions
  most often (ties: the latest).  With none of these the year stays unknown and such spans get
  ``iso: null`` rather than a guess.
* **The narrative anchor.**  Within one sentence a date without a year continues the last
  date that had one (``2020年 11月18日,同意…;12月18日,…`` is 2020-12-18, although the page
  dates from 2021).  Across sentences it does not: a report citing an old problem
  (``针对2019年6月…的问题。…截至3月底``) is written in, and about, its own year.  When the month
  goes backwards and the document is later than the anchor, the story has crossed into a new
  year (``2020年11月30日启动,3月18日反馈`` in a 2021 page: 2021-03-18).

Validation that regexes do badly lives here too: month and day ranges (``2021年2月30日`` is
rejected), the 1900–2100 window for Chinese-numeral years, and a Chinese-numeral month alone
(``一月``) that counts only with a day, a relative year word or a modifier (``九月份``), since
``同一月内`` is not a date.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..document import Document
from ..place import doc_place
from ..rules import Rule, load_rule_file
from ..span import Span, make_span
from .table_years import TableYears
from .windows import WindowScanner

RULE_FILE = "dates.toml"
YEAR_MIN, YEAR_MAX = 1900, 2100

#: a narrative anchor only carries its year to the end of its sentence
_SENTENCE_END = re.compile(r"[。!?\n]")
_NEWLINE = re.compile("\n")
_NONSPACE = re.compile(r"\S")

_CN_DIGIT = {"〇": 0, "○": 0, "O": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
#: relative year words and their offset from the document's year; None: "that / the same
#: year" (当年, 同年), which follows the narrative anchor like a date without a year.
_REL_OFFSET: dict[str, int | None] = {
    "今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2, "当年": None, "同年": None,
}


def _small_int(text: str) -> int:
    """1..31 written in Arabic digits or Chinese numerals (十二, 二十五, 廿二, 三十一)."""
    if text.isdecimal():  # any script's digits: \d in the patterns is Unicode-aware
        return int(text)
    if text[0] == "廿":  # 廿二 = 22 (in Macao and Hong Kong dates)
        return 20 + (_CN_DIGIT[text[1:]] if len(text) > 1 else 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[text]


def _year(text: str) -> int:
    """A four-digit year in Arabic digits or digit-by-digit Chinese (二〇二一)."""
    if text.isdecimal():  # any script's digits: \d in the patterns is Unicode-aware
        return int(text)
    return int("".join(str(_CN_DIGIT[c]) for c in text))


@dataclass(slots=True)
class _Parts:
    """What a match says, before the missing year is filled in."""

    start: int
    end: int
    rule: Rule
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    rel: str | None = None
    quarter: bool = False
    plan: bool = False
    minguo: bool = False  # a Minguo year without 民國: only in a text about Taiwan
    is_range: bool = False

    @property
    def explicit_full(self) -> bool:
        return self.y is not None and self.m is not None


def _iso(y: int, m: int | None, d: int | None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


#: English month names (April 16, 2013 in the references of bilingual pages), by their first
#: three letters; a pattern only lets whole names and dotted abbreviations through
_MONTH_NAMES = {n.lower(): i for i, n in enumerate(calendar.month_abbr) if n}

#: days per month in a common year (calendar.mdays); February gains a day in leap years
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _day_ok(y: int | None, m: int, d: int) -> bool:
    # calendar.monthrange(y, m)[1] without its weekday computation (a datetime per call)
    limit = _MONTH_DAYS[m]
    if m == 2 and calendar.isleap(y if y is not None else 2000):  # 2000: Feb 29 allowed
        limit = 29
    return 1 <= d <= limit


class DateRecognizer:
    name = "dates"
    labels: tuple[str, ...] = ("DATE",)

    def __init__(self) -> None:
        rule_file = load_rule_file(RULE_FILE)
        self.rules: tuple[Rule, ...] = rule_file.rules
        table = rule_file.tables
        cues = table["doc_year"]
        self._scanner = WindowScanner(self.rules, table["scan"]["margin"])
        self._publication = re.compile(cues["publication"])
        self._dated = re.compile(cues["dated"])
        self._chrome = int(cues["chrome"])
        self._timestamp_after = re.compile(cues["timestamp_after"])
        self._table_years = TableYears(table["table_years"])

    # -- parsing one match ------------------------------------------------------------------
    @staticmethod
    def _parse(rule: Rule, match: re.Match[str]) -> _Parts | None:
        g = match.groupdict()
        if rule.options.get("aliases"):  # d_ and d__: other branches' spelling of d
            for name, value in list(g.items()):
                if name.endswith("_") and value is not None:
                    g[name.rstrip("_")] = value
        start, end = match.span()
        parts = _Parts(start, end, rule, rel=g.get("rel"))
        if g.get("plan"):
            parts.plan = True
            return parts
        if g.get("roc"):  # 100年度 = 2011; a Minguo school year runs into the next year
            parts.y = int(g["roc"]) + 1911
            parts.minguo = not g.get("mg")
            if "年" in (g.get("ymod") or "")[:2] and (g.get("ymod") or "")[0] in "學学":
                parts.y2 = parts.y + 1
                parts.is_range = True
            return parts
        if g.get("yy"):  # 06-07學年: two-digit years, the nearer century
            for key in ("yy", "yy2"):
                if g.get(key):
                    yy = int(g[key])
                    g[key[1:]] = str(yy + (2000 if yy < 50 else 1900))
        if g.get("y"):
            parts.y = _year(g["y"])
            if not YEAR_MIN <= parts.y <= YEAR_MAX:
                return None
        if g.get("y2"):
            parts.y2 = _year(g["y2"])
            if len(g["y2"]) == 2 and parts.y is not None:  # 2025/26学年: the century of y
                parts.y2 += parts.y // 100 * 100
                if parts.y2 < parts.y:  # 1999/00
                    parts.y2 += 100
            if not YEAR_MIN <= parts.y2 <= YEAR_MAX:
                return None
            if rule.options.get("consecutive") and parts.y2 != (parts.y or 0) + 1:
                return None  # 3/4 or 2019/2021 is no school year
        for key in ("m", "m2"):
            if g.get(key):
                month_name = _MONTH_NAMES.get(g[key][:3].lower())
                month = month_name if month_name is not None else _small_int(g[key])
                if not 1 <= month <= 12:
                    return None
                setattr(parts, key, month)
        for key in ("d", "d2"):
            if g.get(key):
                setattr(parts, key, _small_int(g[key]))
        parts.quarter = bool(g.get("q"))
        index = rule.pattern.groupindex
        parts.is_range = "y2" in index or "yy2" in index or "d2" in index or "m2" in index
        # A Chinese-numeral month on its own (同一月内) is not a date; with a day, a relative
        # year word, a year or a modifier (九月份, 今年九月) it is.
        m_text = g.get("m")
        if (m_text and not m_text.isdecimal() and not (g.get("d") or g.get("rel") or g.get("y")
                                                     or g.get("mmod") or g.get("m2")
                                                     or g.get("mstart"))):
            return None
        return parts

    # -- the document's year ----------------------------------------------------------------
    def doc_year(self, doc: Document, found: list[_Parts]) -> int | None:
        """The year a date without one is read against; cached in ``doc.cache``."""
        if "date.doc_year" in doc.cache:
            return doc.cache["date.doc_year"]  # type: ignore[no-any-return]
        year, source = self._derive_doc_year(doc, found)
        doc.cache["date.doc_year"] = year
        doc.cache["date.doc_year_source"] = source
        return year

    def _derive_doc_year(self, doc: Document, found: list[_Parts]) -> tuple[int | None, str | None]:
        norm = doc.norm
        hit = self._publication.search(norm) or self._dated.search(norm, 0, self._chrome)
        if hit:
            return int(hit.group("y")), "publication"
        full = sorted((p for p in found if p.explicit_full and p.d is not None and not p.is_range),
                      key=lambda p: p.start)
        for p in full:
            if self._timestamp_after.match(norm, p.end):
                return p.y, "timestamp"
        # Newline positions once, then a bisect per date: an rfind per date is quadratic on
        # one long line of dates (a meeting schedule).  The line is the date alone when the
        # rest of the line is blank, the first non-space found from the line start decides.
        newlines = [m.start() for m in _NEWLINE.finditer(norm)] if full else []
        for p in reversed(full):
            i = bisect_left(newlines, p.start)
            line_start = newlines[i - 1] + 1 if i else 0
            j = bisect_left(newlines, p.end)
            line_end = newlines[j] if j < len(newlines) else len(norm)
            if _NONSPACE.search(norm, line_start, p.start) or _NONSPACE.search(
                norm, p.end, line_end
            ):
                continue
            if norm[line_start:line_end].strip() == norm[p.start : p.end].strip():
                return p.y, "signature"
        # one mention per position: a range and the single date inside it count once
        positions: dict[int, int] = {}
        for p in found:
            if p.y is not None:
                positions.setdefault(p.start, p.y)
        counts = Counter(positions.values())
        if counts:
            year = max(counts, key=lambda y: (counts[y], y))
            return year, "frequency"
        return None, None

    # -- candidates ---------------------------------------------------------------------------
    def find(self, doc: Document) -> Iterator[Span]:
        for start, end, year in self._table_years.find(doc.norm):
            yield make_span(doc.text, start, end, "DATE", {"iso": f"{year:04d}"}, "date.table_year")
        found: list[_Parts] = []
        windows: dict[str, list[tuple[int, int]]] = {}
        for rule in self.rules:
            for match in self._scanner.finditer(rule, doc.norm, windows):
                parts = self._parse(rule, match)
                if parts is not None and not (parts.minguo and doc_place(doc) != "TW"):
                    found.append(parts)
        if not found:
            return
        doc_year = self.doc_year(doc, found)
        anchors = sorted(
            (p.end, p.y2 if p.y2 is not None else p.y, p.m2 if p.m2 is not None else p.m)
            for p in found
            if p.explicit_full
        )
        anchor_ends = [a[0] for a in anchors]
        # sentence ends once per document (a regex search per date from its anchor is
        # quadratic when one anchor governs thousands of dates)
        doc.cache["date.sentence_ends"] = [m.start() for m in _SENTENCE_END.finditer(doc.norm)]
        months = sorted((p.end, i) for i, p in enumerate(found) if p.m is not None)
        for p in found:
            if p.m is None and p.d is not None and not p.is_range:
                value = self._day_only(p, found, months, doc, doc_year, anchors, anchor_ends)
            else:
                value = self._value(p, doc, doc_year, anchors, anchor_ends)
            if value is not None:
                yield make_span(doc.text, p.start, p.end, "DATE", value, p.rule.name)

    def _day_only(
        self,
        p: _Parts,
        found: list[_Parts],
        months: list[tuple[int, int]],
        doc: Document,
        doc_year: int | None,
        anchors: list[tuple[int, int | None, int | None]],
        anchor_ends: list[int],
    ) -> dict[str, Any] | None:
        """A day under a dateline (记者6日从…获悉) takes month and year of the first date
        with a month before it; with none, iso is null (the month is not guessed)."""
        if not months or months[0][0] > p.start:
            return {"iso": None}
        # the first dated mention is the dateline (拉萨9月2日电 … 8月31日前 … 截至1日): a later
        # date in the story is a deadline or an event, not the month the reporter writes in
        prev = found[months[0][1]]
        month = prev.m2 if prev.m2 is not None else prev.m
        year = prev.y2 if prev.y2 is not None else prev.y
        if year is None:
            year = self._resolve_year(prev, doc, doc_year, anchors, anchor_ends)
        if year is None or month is None or p.d is None or not _day_ok(year, month, p.d):
            return {"iso": None}
        return {"iso": _iso(year, month, p.d)}

    def _resolve_year(
        self,
        p: _Parts,
        doc: Document,
        doc_year: int | None,
        anchors: list[tuple[int, int | None, int | None]],
        anchor_ends: list[int],
    ) -> int | None:
        if p.rel is not None:
            offset = _REL_OFFSET.get(p.rel)
            if offset is not None:
                return None if doc_year is None else doc_year + offset
        i = bisect_right(anchor_ends, p.start)
        if i:
            end, a_year, a_month = anchors[i - 1]
            ends: list[int] = doc.cache["date.sentence_ends"]
            k = bisect_left(ends, end)
            if a_year is not None and not (k < len(ends) and ends[k] < p.start):
                if (p.m is not None and a_month is not None and p.m < a_month
                        and doc_year is not None and doc_year > a_year):
                    return a_year + 1
                return a_year
        return doc_year

    def _value(
        self,
        p: _Parts,
        doc: Document,
        doc_year: int | None,
        anchors: list[tuple[int, int | None, int | None]],
        anchor_ends: list[int],
    ) -> dict[str, Any] | None:
        """``{"iso": …}`` for a candidate, or None to drop an impossible date."""
        if p.plan:
            return {"iso": None}
        y = p.y
        if y is None:
            y = self._resolve_year(p, doc, doc_year, anchors, anchor_ends)
        if p.m is not None and p.d is not None and not _day_ok(y, p.m, p.d):
            if p.y is not None or not _day_ok(None, p.m, p.d):
                return None
            # 2月29日 with the year only inferred: the text writes a real day, so the inference
            # missed by a year (a statistics bulletin of 2023 appears on 2024-02-29)
            y = next((c for c in (y + 1, y - 1) if calendar.isleap(c)), None) if y else None
        if not p.is_range:
            if y is None:
                return {"iso": None}
            return {"iso": _iso(y, None if p.quarter else p.m, p.d)}
        # A range: the end inherits what it does not write from the start (4月15-16日).
        m2 = p.m2 if p.m2 is not None else (p.m if p.d2 is not None else None)
        y2 = p.y2
        if y2 is None and y is not None:
            y2 = y + 1 if (m2 is not None and p.m is not None and m2 < p.m) else y
        if m2 is not None and p.d2 is not None and not _day_ok(y2, m2, p.d2):
            return None
        if y is None or y2 is None:
            return {"iso": None}
        start, end = (y, p.m, p.d), (y2, m2, p.d2)
        if _key(end) < _key(start):
            return None  # 2025—2023年 or 4月16-15日: not a span of time
        return {"iso": f"{_iso(*start)}/{_iso(*end)}"}


def _key(date: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    y, m, d = date
    return (y, m or 0, d or 0)


def build(config: Config) -> DateRecognizer:
    return DateRecognizer()
