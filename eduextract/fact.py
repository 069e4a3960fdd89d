"""Quantity facts: what a NUMBER, MONEY or PERCENT span counts, and how it changed.

An analyst with a statistics bulletin wants (普通高校, 45, 所), not just "45 at offset 7".  A
fact is built on the spans of one extraction, so its offsets are the extraction's; the words
that decide subjects, units, changes and qualifiers are data (``gazetteers/fact_words.tsv``).
The convention (what a subject is, how lists distribute, what is no fact) is docs/facts.md.

Why one module of about 1,100 lines: the reading is one :class:`_Builder` over one document whose
stages (subject on the left, subject on the right, shared subjects, changes, scope, time) read
and update the same per-sentence state (the last fact of the sentence, a shared subject, the
nearest place); split into modules they would pass that state around or reach into each other's
private helpers.  Records and their output (``Fact``, ``Change``, rows) are at the top, the
word-list patterns next, the builder last.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .citation import title_ranges
from .data import read_table
from .span import Span, make_span

QUANTITY_LABELS = frozenset({"NUMBER", "MONEY", "PERCENT"})
SUBJECT_LABEL = "SUBJECT"
SCOPE_LABEL = "SCOPE"
BASELINE_LABEL = "BASELINE"

#: a subject longer than this is cut after its last 的 (never a whole clause)
MAX_SUBJECT = 24
#: a bracketed note this long or shorter is read over when looking for a subject
MAX_NOTE = 40
#: a change phrase (比2022年同期增加了约) is looked for in this many characters before its amount
MAX_CHANGE = 24
#: a thing counted after the measure word (建成12所幼儿园) is at most this long
MAX_RIGHT_SUBJECT = 10

_SENTENCE_END = frozenset("。！？；;!?\n")
_CLAUSE_END = _SENTENCE_END | frozenset('，,：:（）()【】“”"《》')
_COMMA_END = _SENTENCE_END | frozenset("，,：:")
_SENTENCE_END_RE = re.compile("[" + re.escape("".join(sorted(_SENTENCE_END))) + "]")
_SPACE = " \t\u3000\u00a0"
_RIGHT_STOP = frozenset("的被将在是为于由以和与及并占比较，,。；;：:、（）()\n ")
_KINDS = (
    "unit", "nonunit", "scope", "link", "lead", "transfer", "make",
    "before", "after", "up", "down", "compare", "countword", "cut", "verb", "tail",
    "adverb", "action", "result", "funder",
)  # fmt: skip
ROW_COLUMNS = (
    "subject", "subject_start", "subject_end", "quantity", "start", "end", "label", "value",
    "unit", "kind", "qualifier", "change_direction", "change_amount", "change_text",
    "change_multiple", "baseline", "scope", "time", "year",
)  # fmt: skip
#: the tail of a romanisation gloss cut by a clause start (xué)校 → 校)
_GLOSS_TAIL = re.compile(r"^[a-zA-Z\u00c0-\u024f]{1,8}[)）]")
#: list markers opening a clause: (一) 1. 一、 ①
_LIST_MARKER = re.compile(
    r"[（(][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.、．](?![0-9])|[①-⑳]"
)
#: a romanisation gloss written after a character on some pages: 學(xué), 增長(zhǎng)
_GLOSS = re.compile(r"[(（][a-zA-Z\u00c0-\u024f]{1,8}[)）]")
#: a word that hands one subject to each quantity of a list (分别为12万人和8万人, 各是…)
_DISTRIBUTIVE = re.compile("分别|分別|各是|各为|各為|各有|各达|各達")
#: a DATE ending so is a cohort (2022届毕业生), part of a subject
#: measure words of events: what they count may start with a verb (2次召开党组会)
_VERBAL = frozenset(("次", "场", "場", "轮", "輪", "届", "屆", "期"))
#: a DATE right after one of these is a baseline (与2021年相比, 比2022年), not a time
_BASELINE_OPENERS = frozenset("与與比较較")
_LIST_SEPARATORS = frozenset("、,，和与及")
_COHORT = ("届", "屆", "级", "級")
#: an ORDINAL before one of these opens a subject and is read over (第一批中央配套资金)
_BATCH = frozenset("批期轮輪")
_MULTIPLE = re.compile(r"翻(一|两|二|三|四)番")
_MULTIPLES = {"一": 2, "两": 4, "二": 4, "三": 8, "四": 16}


@dataclass(frozen=True, slots=True)
class Change:
    """A comparison: ``比上年增加3所`` is (increase, 3, baseline 上年).

    ``amount`` is the quantity span of the change (null for ``翻一番``, which sets
    ``multiple``); ``baseline`` is the span of what is compared with, as written, or null.
    """

    direction: str  # "increase" | "decrease"
    amount: Span | None
    baseline: Span | None = None
    multiple: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "amount": _part(self.amount, with_value=True),
            "baseline": _part(self.baseline),
            "multiple": self.multiple,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One quantity and what it counts.

    ``quantity`` is the NUMBER/MONEY/PERCENT span; ``unit`` the measure word as written
    (``所``, ``人次``), the currency code for MONEY, ``%``/``个百分点``/``‰`` for PERCENT, or
    null; ``subject``, ``scope`` and ``time`` are spans of the same text (``time`` a DATE
    span) and ``year`` the year of ``time`` or of the document.  ``kind`` is ``level`` for a
    stock (在校生3万人) and ``change`` when the quantity is itself a change with no level
    stated (在校生比上年增加3000人).
    """

    quantity: Span
    unit: str | None
    subject: Span | None
    changes: tuple[Change, ...] = ()
    scope: Span | None = None
    time: Span | None = None
    year: int | None = None
    qualifier: str | None = None
    kind: str = "level"
    _sort: int = field(default=0, repr=False, compare=False)

    def __init__(
        self,
        quantity: Span,
        unit: str | None,
        subject: Span | None,
        changes: tuple[Change, ...] = (),
        scope: Span | None = None,
        time: Span | None = None,
        year: int | None = None,
        qualifier: str | None = None,
        kind: str = "level",
        _sort: int = 0,
    ) -> None:
        # by hand, as Span's: the generated frozen __init__ (object.__setattr__ per field)
        # is the largest single cost of a fact
        _SET[0](self, quantity)
        _SET[1](self, unit)
        _SET[2](self, subject)
        _SET[3](self, changes)
        _SET[4](self, scope)
        _SET[5](self, time)
        _SET[6](self, year)
        _SET[7](self, qualifier)
        _SET[8](self, kind)
        _SET[9](self, _sort)

    @property
    def value(self) -> Any:
        v = self.quantity.value
        return v.get("value") if isinstance(v, dict) else None

    @property
    def change(self) -> Change | None:
        return self.changes[0] if self.changes else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": _part(self.subject),
            "quantity": _part(self.quantity, with_value=True),
            "label": self.quantity.label,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "changes": [c.to_dict() for c in self.changes],
            "scope": _part(self.scope),
            "time": _part(self.time),
            "year": self.year,
            "qualifier": self.qualifier,
        }

    def to_row(self) -> dict[str, Any]:
        """A flat row (one fact, one line of a CSV or DataFrame)."""
        c = self.change
        return {
            "subject": self.subject.text if self.subject else None,
            "subject_start": self.subject.start if self.subject else None,
            "subject_end": self.subject.end if self.subject else None,
            "quantity": self.quantity.text,
            "start": self.quantity.start,
            "end": self.quantity.end,
            "label": self.quantity.label,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "change_direction": c.direction if c else None,
            "change_amount": dict(c.amount.value or {}).get("value") if c and c.amount else None,
            "change_text": c.amount.text if c and c.amount else None,
            "change_multiple": c.multiple if c else None,
            "baseline": c.baseline.text if c and c.baseline else None,
            "scope": self.scope.text if self.scope else None,
            "time": self.time.text if self.time else None,
            "year": self.year,
        }


#: the slot setters of Fact, which bypass the frozen __setattr__ as object.__setattr__ would
_FIELDS = (
    "quantity", "unit", "subject", "changes", "scope", "time", "year", "qualifier", "kind", "_sort",
)  # fmt: skip
_SET = tuple(Fact.__dict__[name].__set__ for name in _FIELDS)


def _part(s: Span | None, with_value: bool = False) -> dict[str, Any] | None:
    if s is None:
        return None
    out: dict[str, Any] = {"start": s.start, "end": s.end, "text": s.text}
    if with_value:
        out["value"] = s.value
    return out


@cache
def _words() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {k: [] for k in _KINDS}
    for word, kind in read_table("fact_words.tsv", columns=2):
        if kind not in kinds:
            raise ValueError(f"fact_words.tsv: unknown kind {kind!r} for {word!r}")
        kinds[kind].append(word)
    # longest first, so that 共有 is tried before 有 and 万人次 before 人次
    out = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in kinds.items()}
    # unions looked up together (built once: _startswith_any keys its patterns by tuple)
    for name, parts in _UNIONS.items():
        out[name] = tuple(sorted({x for k in parts for x in out[k]}, key=len, reverse=True))
    return out


_UNIONS = {
    "predicate": ("transfer", "action", "result"),  # after an adverb: 已推动, 将新增
    "after_funder": ("transfer", "link", "adverb"),  # 中央财政累计安排
    "closing": ("before", "link", "tail"),  # what may close a left context: 约, 为, 完成
    "not_noun": ("up", "down", "compare", "before", "after"),  # 357703人次约6414万元
    "make_or_give": ("make", "transfer"),  # 7352万元新建…
}


@cache
def _word_pattern(kind: str) -> re.Pattern[str]:
    """Any word of one kind of ``fact_words.tsv`` (a pattern that never matches for none)."""
    return re.compile("|".join(re.escape(w) for w in _words()[kind]) or "(?!)")


@cache
def _adverb_pattern() -> re.Pattern[str]:
    """An adverb followed by a verb: where a predicate starts inside a left context."""
    w = _words()

    def alt(*kinds: str) -> str:
        words = sorted({x for k in kinds for x in w[k]}, key=len, reverse=True)
        return "|".join(re.escape(x) for x in words) or "(?!)"

    return re.compile(f"(?:{alt('adverb')})(?=(?:{alt('transfer', 'action', 'result')}))")


@cache
def _places() -> frozenset[str]:
    """Division names (湛江市, 湛江, 弥勒市) that may open a subject as its scope.

    From ``gazetteers/org_divisions.tsv`` (GB/T 2260, the ORG layer's data, read here too):
    every full name of three or more characters and the short form of each province and
    prefecture (two characters at least: 城区 and the like would be read as places).
    """
    names: set[str] = set()
    for _code, name, short, level in read_table("org_divisions.tsv", columns=4):
        if len(name) >= 3:
            names.add(name)
        if level in ("province", "city") and len(short) >= 2:
            names.add(short)
    return frozenset(names)


def _place_at(seg: str) -> str | None:
    """The longest division name ``seg`` starts with."""
    names = _places()
    for k in range(min(7, len(seg)), 1, -1):
        if seg[:k] in names:
            return seg[:k]
    return None


@cache
def _unit_pattern() -> re.Pattern[str]:
    w = _words()
    return re.compile(
        "|".join(
            f"(?P<{k}>" + ("|".join(re.escape(x) for x in w[k]) or "(?!)") + ")"
            for k in ("nonunit", "unit")
        )
    )


@cache
def _cut_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(x) for x in _words()["cut"]) or "(?!)")


@cache
def _count_tails() -> tuple[str, ...]:
    """What may stand right before a bare NUMBER that is a count: 学生人数3200, 人数为3200."""
    w = _words()
    links = ("", *w["link"])
    return tuple(c + x for c in w["countword"] for x in links)


@cache
def _updown_pattern() -> re.Pattern[str]:
    """Any word of change: a cheap test before the full change phrase is looked for."""
    w = _words()
    return re.compile("|".join(re.escape(x) for x in w["up"] + w["down"]) or "(?!)")


@cache
def _opening_pattern(with_funder: bool) -> re.Pattern[str]:
    """Words that open a left context and are no part of its subject, by kind, in order."""
    w = _words()
    kinds = ("funder",) * with_funder + ("scope", "lead", "link", "transfer")
    return re.compile(
        "|".join(
            f"(?P<{k}>" + ("|".join(re.escape(x) for x in w[k]) or "(?!)") + ")" for k in kinds
        )
    )


@cache
def _change_before() -> re.Pattern[str]:
    """A change phrase that ends right before its amount: 比上年增加 / 增长 / 较2022年下降了."""
    w = _words()

    def alt(kind: str) -> str:
        return "|".join(re.escape(x) for x in w[kind])

    return re.compile(
        rf"(?:(?P<cmp>{alt('compare')})(?P<base>[^，,。；;、：:\n]{{0,14}}?)(?:相比)?[ ，,]?)?"
        rf"(?:(?<!新)(?P<up>{alt('up')})|(?P<down>{alt('down')}))了?"  # 新增 is a level
        r"(?:[(（][a-zA-Z\u00c0-\u024f]{1,8}[)）])?"  # 增長(zhǎng)15%: a gloss
        rf"(?P<q>{alt('before')})?$"
    )


_PREFIX: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}


def _startswith_any(s: str, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ``s`` starts with (one regex match, C speed)."""
    entry = _PREFIX.get(id(words))
    if entry is None or entry[0] is not words:  # keyed by identity: pass lasting tuples
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        entry = _PREFIX[id(words)] = (words, re.compile(f"(?:{alternation or '(?!)'})"))
    m = entry[1].match(s)
    return m.group() if m else None


def _endswith_any(s: str, words: tuple[str, ...]) -> str | None:
    if not s.endswith(words):
        return None
    for word in words:
        if s.endswith(word):
            return word
    return None


def _unit(text: str, q: Span) -> tuple[str | None, int, bool]:
    """(unit as written, end of the unit, whether the word makes it no fact)."""
    value: dict[str, Any] = dict(q.value) if isinstance(q.value, dict) else {}
    if q.label == "MONEY":
        return value.get("currency"), q.end, False
    if q.label == "PERCENT":
        sign = {"percentage_point": "个百分点", "permille": "‰"}.get(value.get("unit", ""), "%")
        return sign, q.end, False
    gap = 0  # 全县 25 个乡镇: spaces between numeral and measure word (PDF text)
    while gap < 2 and text[q.end + gap : q.end + gap + 1] in (" ", "\u3000", "\u00a0"):
        gap += 1
    rest = text[q.end + gap : q.end + gap + 6]
    m = _unit_pattern().match(rest)  # a word making it no fact is tried before the units
    if m is not None and m.lastgroup == "nonunit":
        return None, q.end, True
    unit = m.group() if m is not None else None
    if unit and ("万" in q.text or "亿" in q.text) and unit.startswith("万"):
        unit = None
    return unit, q.end + (gap + len(unit) if unit else 0), False


def _gloss_free_start(text: str, start: int, end: int, limit: int) -> int:
    """The start that leaves at most ``limit`` characters before ``end``, glosses not counted.

    A gloss (``學(xué)``) is noise added by a page, so it neither counts towards the length
    of a subject nor may a cut fall inside one.
    """
    if end - start <= limit:
        return start
    if "(" not in text[start:end] and "（" not in text[start:end]:
        return end - limit
    glosses = [(m.start(), m.end()) for m in _GLOSS.finditer(text, start, end)]
    if not glosses:
        return end - limit
    i, kept = end, 0
    k = len(glosses) - 1
    while i > start:
        if k >= 0 and glosses[k][1] == i:
            i = glosses[k][0]
            k -= 1
            continue
        if kept == limit:
            break
        i -= 1
        kept += 1
    return i


def _back_to(text: str, pos: int, stops: frozenset[str], floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in stops:
        i -= 1
    return i


class _Boundaries:
    """Clause, comma and sentence starts, found backwards from a position at C speed.

    A greedy ``.*[stops]`` match over a window before the position ends right after the last
    stop character in it, so only the stretch actually walked over is read, never the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def back_to(self, pos: int, stops: frozenset[str] = _CLAUSE_END) -> int:
        pattern = _last_stop(stops)
        lo = pos
        for width in (48, 1024, pos):
            lo = max(0, pos - width)
            m = pattern.match(self.text, lo, pos)
            if m:
                return m.end()
            if lo == 0:
                break
        return 0


@cache
def _last_stop(stops: frozenset[str]) -> re.Pattern[str]:
    return re.compile(".*[" + "".join(re.escape(c) for c in sorted(stops)) + "]", re.S)


class _Builder:
    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.spans = list(spans)
        self.words = _words()
        self.dates = [s for s in spans if s.label == "DATE"]
        self.orgs = [s for s in spans if s.label == "ORG"]
        self.doc_year = next((y for y in map(_year_of, self.dates) if y is not None), None)
        # 2022届毕业生: a cohort names who is counted, it is no time to strip; 第一批 is read over
        self.cut_dates = [d for d in self.dates if not d.text.endswith(_COHORT)]
        self.cut_date_starts = [d.start for d in self.cut_dates]
        self.at_start = {s.start: s for s in self.cut_dates + self.orgs}
        for s in spans:
            if s.label == "ORDINAL" and text[s.end : s.end + 1] in _BATCH:
                self.at_start[s.start] = make_span(
                    text, s.start, s.end + 1, "ORDINAL", None, "fact.batch"
                )
        self.bounds = _Boundaries(text)
        self.noise: dict[str, bool] = {}
        self.sentences = -1  # counted when first needed (by _noise)
        self.place: tuple[int, int] | None = None  # a division name _strip_left read over
        self.quantities: list[Span] = []  # set by build
        self.q_starts: list[int] = []
        self.transfer = frozenset(self.words["transfer"])
        self.action = frozenset(self.words["action"])
        self.right_before_digit = False
        # what may stand right before a bare NUMBER that is a count: 学生人数3200
        self.tails = _count_tails()
        # scopes and ORG spans by start, for the nearest one before a quantity
        # scope words and ORG spans of a sentence, read when a fact of it first asks
        self.org_starts = [o.start for o in self.orgs]
        self.sentence_scopes: dict[int, tuple[list[int], list[tuple[int, int, int, Any]]]] = {}
        self.date_starts = [d.start for d in self.dates]

    # -- subject -------------------------------------------------------------------------
    def _strip_left(self, start: int, end: int) -> tuple[int, int, str | None]:
        """Trim a left context to its subject: leading scope/date/lead words, trailing links."""
        text, w = self.text, self.words
        qualifier = None
        changed = True
        while changed and start < end:
            changed = False
            seg = text[start:end]
            stripped = seg.rstrip(_SPACE)
            if len(stripped) != len(seg):
                end = start + len(stripped)
                changed = True
                continue
            if seg.endswith("的") and len(seg) > 1:  # 完成计划的36%
                end -= 1
                changed = True
                continue
            if not seg.endswith(w["closing"]):
                continue  # (the loop ends: nothing changed)
            for kind in ("before", "link", "tail"):
                word = _endswith_any(seg, w[kind])
                if word and len(word) < len(seg) + 1:
                    if kind == "before" and qualifier is None:
                        qualifier = word
                    end -= len(word)
                    changed = True
                    break
        # a subject holds no date and starts after a verb of giving (下达2021年补助预算)
        k = bisect_right(self.cut_date_starts, end) - 1
        while k >= 0 and self.cut_dates[k].end > start:
            d = self.cut_dates[k]
            if start < d.end <= end - 2:
                start = max(start, d.end)
                break
            k -= 1
        if _cut_pattern().search(text, start + 1, end):  # most contexts hold none
            for word in w["cut"]:
                at = text.rfind(word, start, end)
                if at > start and end - (at + len(word)) >= 2:
                    start = at + len(word)
        # 已推动开工建设 / 预计建成后可新增学位: the subject starts after the last adverb that
        # opens a predicate, when a noun follows its verb (計劃竣工 alone stays)
        last = None
        for adverb in _adverb_pattern().finditer(text, start, end):
            verb = _startswith_any(text[adverb.end() : end], w["predicate"])
            if verb and end - adverb.end() - len(verb) >= 2:
                last = (adverb.end(), verb)

        if last is not None:
            start, verb = last
            if verb in self.transfer or (verb in self.action and end - start - len(verb) >= 3):
                start += len(verb)
        stripped_any = False
        changed = True
        while changed and start < end:
            changed = False
            seg = text[start:end]
            lstripped = _GLOSS_TAIL.sub("", seg.lstrip(_SPACE + "，,、)）"), count=1)
            if lstripped[:1] in ("(", "（") and lstripped.count("(") + lstripped.count(
                "（"
            ) > lstripped.count(")") + lstripped.count("）"):
                lstripped = lstripped[1:]  # (小学34494名: the bracket opens a list
            marker = _LIST_MARKER.match(lstripped)
            if marker:
                lstripped = lstripped[marker.end() :]
            if len(lstripped) != len(seg):
                start = end - len(lstripped)
                changed = True
                continue
            opening = self.at_start.get(start)
            if opening is not None and opening.end <= end:
                start = opening.end
                changed = stripped_any = True
                continue
            # one match finds the opening word and its kind (kinds tried in this order)
            m = _opening_pattern(True).match(seg)
            if m is not None and m.lastgroup == "funder":
                verb = _startswith_any(seg[m.end() :], w["after_funder"])
                if verb and len(seg) - m.end() - len(verb) >= 2:
                    # 中央财政累计安排资金 (not 财政性教育经费, nor 财政投入 alone)
                    start += m.end()
                    changed = stripped_any = True
                    continue
                m = _opening_pattern(False).match(seg)
            if m is None or m.lastgroup == "transfer":
                place = _place_at(seg)  # 宁德市新、改扩建…开工率 / 湛江夏季高考考生
                if (
                    place is not None
                    and len(seg) - len(place) >= 2
                    and seg[len(place)] not in "、和与及,，"  # 广东、四川、山东: the places counted
                ):
                    self.place = (start, start + len(place))  # the fact's scope, if nearest
                    start += len(place)
                    changed = stripped_any = True
                    continue
            if m is not None:
                kind, word = m.lastgroup or "", m.group()
                if kind == "link" and len(word) == 1 and not stripped_any:
                    pass  # 计划总投资, 有效专利: a one-character link opens words
                elif len(word) < len(seg):
                    start += len(word)
                    changed = stripped_any = True
                elif kind != "transfer":  # the whole segment is one word
                    start = end
                    changed = True
            if not changed and seg[:1] == "的":
                start += 1
                changed = True
        seg = text[start:end]
        tail = _adverb_pattern().search(seg, 2)
        if (
            tail is not None
            and _startswith_any(seg[tail.end() :], w["predicate"]) == seg[tail.end() :]
        ):  # 附属幼儿园已增设193个班: an adverb and its verb close the subject
            end = start + tail.start()
            seg = text[start:end]
        at = seg.find("每")
        if at > 0 and seg[:at].endswith(("为", "為", "按照", "按", "即")):
            start += at  # 标准为每生每天3元: a rate is named by its 每 phrase
            seg = text[start:end]
        for note in ("(含", "（含", "(包括", "（包括"):
            at = seg.rfind(note)
            close = seg.find(")" if note[0] == "(" else "）", at) if at >= 0 else -1
            if close >= 0 and len(seg) - close - 1 >= 2:
                start += close + 1
                seg = text[start:end]
        if len(seg) > MAX_SUBJECT and _gloss_free_start(text, start, end, MAX_SUBJECT) > start:
            cut = seg.rfind("的")
            close = max(seg.rfind(")"), seg.rfind("）"))
            if cut >= 0 and len(seg) - cut - 1 >= 2:
                start = start + cut + 1
            elif (
                close > 0
                and len(seg) - close - 1 >= 2
                and not _GLOSS.fullmatch(
                    seg, seg.rfind("(" if seg[close] == ")" else "（", 0, close), close + 1
                )
            ):  # 本科、高職(專科)全日制在校生平均規模: the name after the last bracket
                start = start + close + 1
            else:
                start = _gloss_free_start(text, start, end, MAX_SUBJECT)
                while start < end and text[start] in "、和与及":
                    start += 1
        return start, end, qualifier

    def _is_gloss(self, opened: int, close: int) -> bool:
        inner = self.text[opened + 1 : close]
        return 0 < len(inner) <= 8 and all(c.isalpha() and ord(c) < 0x2000 for c in inner)

    def _next_counts_after(self, pos: int) -> bool:
        """Whether the quantity starting at ``pos`` is itself followed by a counted noun."""
        k = bisect_right(self.q_starts, pos) - 1
        if k < 0 or self.q_starts[k] != pos:
            return False
        nxt = self.quantities[k]
        unit, u_end, _ = _unit(self.text, nxt)
        after = self.text[u_end : u_end + 1]
        return bool(unit) and after != "" and after not in _RIGHT_STOP and not after.isdigit()

    def _list_unit(self, q: Span, qi: int) -> str | None:
        """The unit of the next quantity when a list writes it once (12、8所; 4125.49,4143.91万元).

        Only a separator stands between the two, the next has a measure word or a currency as
        written, and neither carries 万/亿 the other lacks.
        """
        text = self.text
        if qi + 1 >= len(self.quantities) or text[q.end : q.end + 1] not in _LIST_SEPARATORS:
            return None
        nxt = self.quantities[qi + 1]
        if nxt.start != q.end + 1 or not text[nxt.start : nxt.start + 1].isdigit():
            return None
        written = nxt.text.lstrip("0123456789.,，")
        if nxt.label == "MONEY":
            return written or None
        if nxt.label == "NUMBER" and not written:
            unit, _, nonunit = _unit(text, nxt)
            return None if nonunit else unit
        return None

    def _paren_close(self, opened: int) -> int:
        """The index of the bracket closing the one opened at ``opened`` (-1: none near)."""
        depth = 0
        text = self.text
        for i in range(opened, min(len(text), opened + MAX_NOTE + 2)):
            ch = text[i]
            if ch in "(（":
                depth += 1
            elif ch in ")）":
                depth -= 1
                if depth == 0:
                    return i
            elif ch in _SENTENCE_END:
                break
        return -1

    def _paren_open(self, close: int, floor: int) -> int:
        """The index of the bracket opening the one closed at ``close`` (or ``close``)."""
        depth = 0
        for i in range(close, floor - 1, -1):
            ch = self.text[i]
            if ch in ")）":
                depth += 1
            elif ch in "(（":
                depth -= 1
                if depth == 0:
                    return i
        return close

    def _over_parentheses(self, clause: int, pos: int, floor: int) -> int:
        """Move a clause start back over short parentheticals: 入园(班)幼儿, 教职工(含…)."""
        text = self.text
        while clause > floor and text[clause - 1] in ")）(（“”":
            if text[clause - 1] == "”":  # 全面实现“两免一补”,“一补”金额: a short quoted name
                opened = text.rfind("“", max(floor, clause - 14), clause - 1)
                if opened < 0:
                    break
            elif text[clause - 1] == "“":
                close = text.find("”", clause, pos)
                if close < 0 or close - clause > 12:
                    break
                opened = clause - 1
            elif text[clause - 1] in "(（":
                # 入园(班: the clause began inside a bracket that closes before pos
                close = text.find(")" if text[clause - 1] == "(" else "）", clause, pos)
                if close < 0:
                    break
                opened = clause - 1
            else:
                opened = self._paren_open(clause - 1, floor)
                if opened == clause - 1:
                    break
            if clause - opened > MAX_NOTE:
                break
            clause = max(self.bounds.back_to(opened), floor)
        return clause

    def _right_subject(self, u_end: int, q: Span) -> tuple[int, int] | None:
        text = self.text
        self.right_before_digit = False
        n = len(text)
        i, kept, cap = u_end, 0, -1
        while i < n and kept < MAX_RIGHT_SUBJECT + 3:
            ch = text[i]
            if ch in "(（" and kept:
                m = _GLOSS.match(text, i)  # 中小學(xué): a gloss inside the noun
                if m:
                    i = m.end()
                    continue
            if ch in _RIGHT_STOP or ch.isdigit():
                break
            i += 1
            kept += 1
            if kept == MAX_RIGHT_SUBJECT:
                cap = i
        before_digit = (
            i < n
            and text[i].isdigit()
            and kept <= MAX_RIGHT_SUBJECT
            and not self._next_counts_after(i)  # 33所建设高校110个立项学科: 110 has its own
        )
        w = self.words
        seg = text[u_end:i]
        if "(" in seg or "（" in seg:  # 幼兒園轉(zhuǎn)為: find verbs with the glosses read over
            keep = [j for j in range(u_end, i) if not self._in_gloss(j)]
            plain = "".join(text[j] for j in keep)
            verb = _word_pattern("verb").search(plain)
            at = keep[verb.start()] if verb else -1
        else:
            verb = _word_pattern("verb").search(seg)  # 34个项目全部开工 → 项目
            if verb and verb.start() == 0 and text[q.end : u_end].strip(_SPACE) in _VERBAL:
                verb = _word_pattern("verb").search(seg, verb.end())  # 2次召开党组会: an event
            at = u_end + verb.start() if verb else -1
        if verb and (cap < 0 or at <= cap):
            i = at
            seg = text[u_end:i]
        else:
            self.right_before_digit = before_digit
            if cap >= 0 and i > cap:
                i = cap
                seg = text[u_end:i]
        if len(seg) > 2 and seg.endswith("中"):  # 120个项目中,计划竣工46个
            i -= 1
            seg = seg[:-1]
        adverb = _endswith_any(seg, w["adverb"])  # 16所省内高校共走访: the adverb goes
        if adverb and len(seg) - len(adverb) >= 2:
            i -= len(adverb)
            seg = seg[: -len(adverb)]
        if i - u_end < 2:
            return None
        opening = _startswith_any(seg, w["make_or_give"]) if q.label == "MONEY" else None
        if opening is not None and len(opening) >= 2:
            return None  # 7352万元新建该市薄弱学校: what the sum is for, not what it counts
        if _startswith_any(seg, w["not_noun"]):
            return None  # 357703人次约6414万元: the next quantity, not a noun
        return u_end, i

    def _noise(self, right: tuple[int, int]) -> bool:
        """Whether the noun after a quantity is a spam word a page appends to its sentences.

        Such pages end most sentences with one word (``…1105.1萬人研究生。``); no real text
        ends a third of its sentences with the same noun.
        """
        text = self.text
        a, b = right
        if b < len(text) and text[b] not in _SENTENCE_END:
            return False
        word = text[a:b]
        if word not in self.noise:
            ends = sum(text.count(word + c) for c in "。！？；\n") + text.endswith(word)
            if self.sentences < 0:
                self.sentences = sum(text.count(c) for c in "。！？；\n") or 1
            sentences = self.sentences
            self.noise[word] = ends >= 3 and 3 * ends >= sentences
        return self.noise[word]

    def _in_gloss(self, j: int) -> bool:
        text = self.text
        a = max(text.rfind("(", 0, j + 1), text.rfind("（", 0, j + 1))
        if a < 0 or j - a > 9:
            return False
        m = _GLOSS.match(text, a)
        return m is not None and j < m.end()

    def _scope_before(self, sent_start: int, pos: int) -> Span | None:
        """The scope word or ORG nearest before ``pos`` in the sentence."""
        cached = self.sentence_scopes.get(sent_start)
        if cached is None:
            # no scope word holds a sentence end, so the matches of the sentence alone are
            # those of the whole text; (start, end, 0 | 1, ORG span or None for a scope word)
            m = _SENTENCE_END_RE.search(self.text, pos)
            sent_end = m.start() if m else len(self.text)
            entries: list[tuple[int, int, int, Span | None]] = [
                (m.start(), m.end(), 0, None)
                for m in _word_pattern("scope").finditer(self.text, sent_start, sent_end)
            ]
            k0 = bisect_right(self.org_starts, sent_start - 1)
            k1 = bisect_right(self.org_starts, sent_end - 1)
            entries += [(o.start, o.end, 1, o) for o in self.orgs[k0:k1]]
            entries.sort(key=lambda e: e[:3])
            cached = self.sentence_scopes[sent_start] = ([e[0] for e in entries], entries)
        starts, scope_list = cached
        k = bisect_right(starts, pos) - 1
        while k >= 0 and starts[k] >= sent_start:
            a, b, _, org = scope_list[k]
            if b <= pos:
                return org or make_span(self.text, a, b, SCOPE_LABEL, None, "fact.scope")
            k -= 1
        return None

    def _time_of(self, sent_start: int, sent_end: int, pos: int) -> Span | None:
        k = bisect_right(self.date_starts, pos) - 1
        while k >= 0 and self.date_starts[k] >= sent_start:
            d = self.dates[k]
            if d.end <= pos and self.text[d.start - 1 : d.start] not in _BASELINE_OPENERS:
                return d  # 与2021年相比: a baseline is no time of the quantity
            k -= 1
        return None

    # -- main ------------------------------------------------------------------------------
    def build(self) -> list[Fact]:
        text, w = self.text, self.words
        titles = title_ranges(text)
        starts = [a for a, _ in titles]
        quantities = []
        for s in self.spans:
            if s.label in QUANTITY_LABELS:
                k = bisect_right(starts, s.start) - 1
                if k < 0 or s.end > titles[k][1]:  # not inside 《…》
                    quantities.append(s)
        facts: list[Fact] = []
        last_fact_in_sentence: int | None = None  # index into facts
        shared: tuple[int, int] | None = None  # 分别为 subject of this comma clause
        prev_end = 0
        sent_start = 0
        change_re = _change_before()
        updown = _updown_pattern()
        self.quantities = quantities
        self.q_starts = [x.start for x in quantities]
        back_to = self.bounds.back_to
        for qi, q in enumerate(quantities):
            # clause, comma-clause and sentence starts: each is the one before unless the stop
            # found is of the narrower kind (one backward match in the common case)
            c0 = back_to(q.start)
            k0 = c0 if c0 == 0 or text[c0 - 1] in _COMMA_END else back_to(c0 - 1, _COMMA_END)
            s0 = k0 if k0 == 0 or text[k0 - 1] in _SENTENCE_END else back_to(k0 - 1, _SENTENCE_END)
            if s0 != sent_start or q.start < prev_end:
                sent_start = s0
                last_fact_in_sentence = None
            unit, u_end, nonunit = _unit(text, q)
            if unit is None and not nonunit and q.label == "NUMBER":
                unit = self._list_unit(q, qi)  # 各是4125.49,4143.91万元: the unit once for both
            clause = max(c0, prev_end, sent_start)
            clause = self._over_parentheses(clause, q.start, max(prev_end, sent_start))
            comma = max(k0, sent_start)
            prev_end_local = prev_end
            prev_end = u_end
            if nonunit or (
                q.label == "NUMBER"
                and unit is None
                and not _endswith_any(text[max(sent_start, q.start - 8) : q.start], self.tails)
            ):
                prev_end = prev_end_local  # a numeral inside words (签三方就业比例) stays readable
                continue  # no measure word and no 人数-like subject before it: no fact
            after = text[u_end : u_end + 2]
            qualifier = _startswith_any(after, w["after"])
            # a change amount: 比上年增加3所 / 增长4.5个百分点
            # (searched in the last few characters only: the phrase is short)
            lo = max(clause, q.start - MAX_CHANGE)
            m = updown.search(text, lo, q.start) and change_re.search(text, lo, q.start)
            if m and text[q.start - 1 : q.start] not in "到至":
                direction = "increase" if m.group("up") else "decrease"
                baseline = None
                if m.group("base"):
                    b0, b1 = m.start("base"), m.end("base")
                    if b1 > b0:
                        baseline = make_span(text, b0, b1, BASELINE_LABEL, None, "fact.baseline")
                change = Change(direction, q, baseline)
                own_left = text[clause : m.start()]
                s_start, s_end, _ = self._strip_left(clause, m.start())
                if last_fact_in_sentence is not None and s_end <= s_start:
                    f = facts[last_fact_in_sentence]
                    facts[last_fact_in_sentence] = _with_change(f, change)
                    continue
                if own_left.strip(_SPACE) == "" and last_fact_in_sentence is None:
                    subject: Span | None = None
                else:
                    subject = (
                        make_span(text, s_start, s_end, SUBJECT_LABEL, None, "fact.subject")
                        if s_end > s_start
                        else None
                    )
                time = self._time_of(sent_start, 0, q.start)
                year = _year_of(time) if time is not None else None
                fact = Fact(
                    q,
                    unit,
                    subject,
                    (change,),
                    self._scope_before(sent_start, q.start),
                    time,
                    year if year is not None else self.doc_year,
                    m.group("q") or qualifier,
                    "change",
                )
                facts.append(fact)
                last_fact_in_sentence = len(facts) - 1
                continue
            # the subject: 分别为 shares one; 建成12所幼儿园 puts it after; else it is before
            dist = _DISTRIBUTIVE.search(text, comma, q.start)
            if dist is not None:
                if shared is None or shared[1] < comma:
                    floor = max(comma, prev_end_local)  # never across an earlier quantity
                    at = _DISTRIBUTIVE.search(text, floor, q.start)
                    a, b, _ = self._strip_left(floor, at.start() if at else q.start)
                    shared = (a, b) if b > a else None
            elif (
                shared is not None
                and comma > shared[1]
                and (comma != prev_end_local + 1 or text[comma - 1] not in ",，")
            ):  # 各是4125.49,4143.91万元: a comma right after a quantity goes on with the list
                shared = None
            s_end_limit = q.start
            if text[clause : q.start].endswith((")", "）")) and clause < q.start:
                opened = self._paren_open(q.start - 1, clause)  # 教职工(含…)584087人
                if not self._is_gloss(opened, q.start - 1):
                    s_end_limit = opened
            self.place = None
            s_start, s_end, before = self._strip_left(clause, s_end_limit)
            place = self.place
            if (
                s_end > s_start
                and text[s_start:s_end].startswith("占")
                and last_fact_in_sentence is not None
            ):
                prev = facts[last_fact_in_sentence].subject  # 占总数的68.08%: a share of that
                if prev is not None:
                    s_start, s_end = prev.start, prev.end
            subject = None
            baseline_level = (
                last_fact_in_sentence is not None
                and _startswith_any(text[clause : q.start], w["compare"]) is not None
                and text[clause : q.start].rstrip(_SPACE).endswith("的")
            )
            # 25464人,较去年的24175人多出1289人: the same thing, last year
            if baseline_level and last_fact_in_sentence is not None:
                prev = facts[last_fact_in_sentence].subject
                if prev is not None:
                    s_start, s_end = prev.start, prev.end
            if shared is not None and clause >= shared[1] and prev_end_local > shared[1]:
                connector = text[clause : q.start].strip(_SPACE + "和与及、，,")
                if connector == "" or s_end <= s_start:
                    s_start, s_end = shared
            elif shared is not None and clause <= shared[0]:
                s_start, s_end = shared
            # where a counted noun may start after the measure word: right after it, after a
            # qualifier and 的 (100所以上的“老破舊”學校) or after a note (44707名(小學…)學生)
            r0 = u_end
            if qualifier and text[u_end + len(qualifier) : u_end + len(qualifier) + 1] == "的":
                r0 = u_end + len(qualifier) + 1
            elif text[u_end : u_end + 1] in ("(", "（") and not _GLOSS.match(text, u_end):
                close = self._paren_close(u_end)
                if close > 0:
                    r0 = close + 1
            nxt = text[r0 : r0 + 1]
            right = (  # only when a noun may follow (most measure words stand before a comma)
                self._right_subject(r0, q)
                if unit and nxt and nxt not in _RIGHT_STOP and not nxt.isdigit()
                else None
            )
            left_seg = text[s_start:s_end]
            raw_left = text[clause : q.start].rstrip(_SPACE)
            # 共有45所普通高校 / 推进233所学校: a numeral with its measure word runs straight
            # into the noun it counts; 普通高校45所, stands after it
            straight = (
                right is not None
                and right[0] == r0
                and not self.right_before_digit  # 學生937人學費74.96萬元
                and not left_seg.startswith("每")  # 每生每天3元标准: a rate, not a thing
            )
            if right is not None and self._noise(right):
                right = None  # 畢業生116.7萬人研究生。: a page's spam word
            use_right = right is not None and (
                s_end <= s_start
                or straight
                or _endswith_any(left_seg, w["make"]) is not None
                or _endswith_any(raw_left, w["make"]) is not None  # 都建有1所…
            )
            if use_right and right is not None:
                subject = make_span(text, right[0], right[1], SUBJECT_LABEL, None, "fact.subject")
                if r0 == u_end:  # 2所中小学、7所…: the next clause starts after it
                    prev_end = max(prev_end, right[1])
            elif s_end > s_start:
                s_start = _gloss_free_start(text, s_start, s_end, MAX_SUBJECT)
                subject = make_span(text, s_start, s_end, SUBJECT_LABEL, None, "fact.subject")
            elif last_fact_in_sentence is not None:
                # 3000人次,219.6万元 / 县(市)达到30%: a parallel clause keeps the subject
                subject = facts[last_fact_in_sentence].subject
            if before is None:
                before = _startswith_any(q.text, w["before"])  # 约/近 are inside the span
            if q.label == "NUMBER" and unit is None:
                if subject is None or not _endswith_any(subject.text, w["countword"]):
                    continue
            if q.label == "NUMBER" and not any(map(str.isdigit, q.text)):
                # 本科二批, 两项附加: a numeral word inside a name; a count in words stands
                # before punctuation (共有三所。)
                if u_end < len(text) and text[u_end] not in _CLAUSE_END and text[u_end] != "、":
                    prev_end = prev_end_local  # part of the next subject (本科二批54人)
                    continue
            time = self._time_of(sent_start, 0, q.start)
            year = _year_of(time) if time is not None else None
            scope = self._scope_before(sent_start, q.start)
            if place is not None and (scope is None or scope.end <= place[0]):
                # 今年上半年宁德市新、改扩建…开工率为97.4%: the place opening the subject
                scope = make_span(text, place[0], place[1], SCOPE_LABEL, None, "fact.place")
            fact = Fact(
                q,
                unit,
                subject,
                (),
                scope,
                time,
                year if year is not None else self.doc_year,
                before or qualifier,
                "level",
            )
            facts.append(fact)
            if not baseline_level and not _inside_brackets(text, sent_start, q.start):
                # 2442所(含独立学院303所),比上年增加33所: the change is the outer fact's
                last_fact_in_sentence = len(facts) - 1
        self._multiples(facts)
        return facts

    def _multiples(self, facts: list[Fact]) -> None:
        for m in _MULTIPLE.finditer(self.text):
            s0 = self.bounds.back_to(m.start(), _SENTENCE_END)
            for i in range(len(facts) - 1, -1, -1):
                f = facts[i]
                if s0 <= f.quantity.start < m.start():
                    change = Change("increase", None, None, _MULTIPLES[m.group(1)])
                    facts[i] = _with_change(f, change)
                    break


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")


def _with_change(f: Fact, change: Change) -> Fact:
    return Fact(
        f.quantity, f.unit, f.subject, (*f.changes, change), f.scope, f.time, f.year,
        f.qualifier, f.kind,
    )  # fmt: skip


def _year_of(span: Span | None) -> int | None:
    if span is None or not isinstance(span.value, dict):
        return None
    iso = span.value.get("iso")
    if isinstance(iso, str) and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None


def facts_from_spans(text: str, spans: Sequence[Span]) -> list[Fact]:
    """Facts of ``text`` given the spans already extracted from it (one set of offsets)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _Builder(text, spans).build()


def facts_to_dataframe(facts: Sequence[Fact]) -> Any:
    """One row per fact (``Fact.to_row``) as a pandas DataFrame (the ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            'facts_to_dataframe needs pandas: pip install "eduextract[pandas]"'
        ) from exc
    if isinstance(facts, str):
        raise TypeError("facts_to_dataframe takes a list of Fact, not str: call facts(text) first")
    rows = []
    for i, f in enumerate(facts):
        if not isinstance(f, Fact):
            raise TypeError(f"facts[{i}] must be Fact, not {type(f).__name__}")
        rows.append(f.to_row())
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))
