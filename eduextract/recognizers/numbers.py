"""The numeric layer: NUMBER, ORDINAL, PERCENT and MONEY in one scan.

All rules of ``rules/money.toml``, ``percent.toml``, ``ordinal.toml`` and ``number.toml`` are
joined into ONE alternation, tried in that order at each position, so the text is scanned
once and a more specific reading (``7.64亿元`` as MONEY) is found before a plainer one
(``7.64亿`` as NUMBER) starting at the same character.  The loader (:mod:`eduextract.rules`)
hands over every pattern expanded and compiled; each becomes one branch of the alternation
(:meth:`~eduextract.rules.Rule.alternative`), and the full alternation is compiled when the
recognizer is built, so no rule can fail later.  A user's numeric rules come first.  A rule's
``kind`` picks its value reader from ``VALUE_READERS``.

Size: over 600 lines because the value readers (one per ``kind``) live with the scan
that calls them and share its helpers; the word checks are in :mod:`.numeric_context`.

A match then goes through the word checks of :mod:`.numeric_context` (stop-lists, quoted
slogans, measure-word context, masked digits), made only around the candidate.

Speed: one character-class scan (the regex engine's fast charset search, openers filtered by
one-character look-behinds in C) proposes start positions, and at each only the rules whose
``trigger`` strings occur just after the numeral are tried (sub-alternations are compiled on
first use and cached); a line start without an opener only tries the ``^``-anchored rules.
Word checks begin with one-lookup prechecks (no stop word holds either character pair around
the candidate, no quote mark within reach, no ``*`` nearby), and numeral values are cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from types import MethodType
from typing import Any

from ..config import Config
from ..data import read_table
from ..document import Document
from ..macros import alternation as _alternation
from ..numerals import (
    CN_CHARS,
    DECIMAL_POINTS,
    EXACT,
    UNITS,
    parse_core,
    parse_numeral,
    to_json_number,
)
from ..place import currency_for, doc_place
from ..rules import Rule, RuleFileError, load_rule_file, load_user_rule_file
from ..span import Span
from .numeric_context import ContextChecks, _is_han

RULE_FILES = ("money.toml", "percent.toml", "ordinal.toml", "number.toml")
LABELS = ("MONEY", "NUMBER", "ORDINAL", "PERCENT")

_TEXT_START = (None,)
#: a letter-spaced stretch (Hong Kong yearbooks: ``持 續 進 修 基 金 於 二 零 零 二 年``): eight or
#: more characters or digit groups, each followed by one space; a punctuation mark glues the
#: characters around it (``學 費,上 限``)
_SPACED = re.compile(
    r"(?:(?:\d[\d.,]{0,11}|[^\s\d](?:[,，。、;；:：!?！？][^\s\d]?)?) ){7,}"
    r"(?:\d[\d.,]{0,11}|[^\s\d])"
)
#: the Han characters of a stretch: a row of a number table is no letter-spaced text
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff]")
#: a cheap probe before the full search: four spaced Han characters in a row
_SPACED_PROBE = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff] ")
#: characters after a numeral's extent in which a rule's trigger (currency word, %…) is sought
TRIGGER_REACH = 8
#: trigger masks remembered per document, by window text (cleared when full)
_MASK_CACHE = 1024


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    kind: str
    veto: bool
    group: str  # name of the wrapper group in the master pattern
    suffix: str  # suffix appended to the rule's own group names
    #: the rule's own group names -> their suffixed names in the master pattern
    names: dict[str, str]
    #: ``refuse_in_document``: the rule is not used in a document where this matches
    refuse: re.Pattern[str] | None = None
    #: ``only_in_document``: the rule is used only in a document where this matches
    only: re.Pattern[str] | None = None


#: compiled sub-alternations kept per recognizer (see NumericRecognizer._master_for)
_MAX_MASTERS = 256


class NumericRecognizer(ContextChecks):
    """One combined scan for the four numeric labels (see the module docstring)."""

    name = "numbers"
    labels: tuple[str, ...] = LABELS

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        currencies = read_table("currencies.tsv", columns=3)
        self.currency_code = {word: code for word, code, _ in currencies}
        prefix = [w for w, _, pos in currencies if pos in ("prefix", "both")]
        ContextChecks.__init__(self)

        parts: list[str] = []
        triggers: list[tuple[str, ...] | None] = []
        self.compiled: dict[str, _Compiled] = {}
        handlers: dict[str, tuple[_Compiled, Callable[..., Any] | None]] = {}
        for index, rule in enumerate(rules):
            suffix_tag = f"__{index}"
            group = f"r{index}"
            parts.append(f"(?P<{group}>{rule.alternative(suffix_tag)})")
            raw = rule.options.get("trigger")
            if raw is None:
                triggers.append(None)
            else:
                currency = list(self.currency_code)
                words = (w for t in raw for w in (currency if t == "@currency" else [t]))
                triggers.append(tuple(words))
            info = _Compiled(
                rule,
                str(rule.options.get("kind", "number")),
                bool(rule.options.get("veto", False)),
                group,
                suffix_tag,
                {name: name + suffix_tag for name in rule.pattern.groupindex},
                _compile_option(rule, "refuse_in_document"),
                _compile_option(rule, "only_in_document"),
            )
            if rule.label not in LABELS:
                raise RuleFileError(
                    f"{rule.file} rule {rule.name!r}: label {rule.label!r} is not numeric "
                    f"({', '.join(LABELS)})"
                )
            self.compiled[group] = info
            reader = None if info.veto else MethodType(_value_reader(rule, info.kind), self)
            handlers[group] = (info, reader)
        self._handlers = handlers
        self._parts = parts
        #: rules that can match at a line start without an opening character (``^`` anchors)
        self._line_rules = sum(1 << i for i, p in enumerate(parts) if "^" in p.replace("[^", ""))
        self._masters: dict[int, re.Pattern[str]] = {}
        self._master_for((1 << len(parts)) - 1)  # every sub-alternation compiles if this does
        self._always = sum(1 << i for i, t in enumerate(triggers) if t is None)
        all_triggers = sorted({w for t in triggers if t for w in t}, key=lambda w: (-len(w), w))
        # a found trigger also enables rules whose trigger is inside it (百分之 holds 分之)
        self._trigger_bits = {
            found: sum(1 << i for i, t in enumerate(triggers) if t and any(w in found for w in t))
            for found in all_triggers
        }
        self._trigger_re = re.compile(_alternation(all_triggers))
        #: the stretch a numeral and its range/fraction/approximation parts can cover
        self._extent_re = re.compile(
            rf"[\s0-9.,{''.join(sorted(CN_CHARS))}点點余餘多几幾来來又分之至到~\-—:：约約近逾负負]{{0,60}}"
        )
        # Where a match can start: the master alternation has no literal prefix the regex engine
        # could skip ahead with, so a cheap scan proposes start positions and the master is only
        # tried there (5-10x faster on running text).  The positions are the line starts (rules
        # may anchor at ``^``), the characters that open a numeral, and the first characters of
        # the multi-character openers (大约, 将近, RMB …) where the whole word follows.  The scan
        # opens with ONE character class, so the regex engine's fast charset search finds the
        # candidates and a one-character look-behind keeps the real ones, all in C; a hit on a
        # newline proposes the position after it.
        singles = set("0123456789" + "".join(CN_CHARS) + "第约約近逾负負-(（半")
        singles.update(w for w in prefix if len(w) == 1)
        multi: dict[str, list[str]] = {}
        for word in ["大约", "将近", *(w for w in prefix if len(w) > 1)]:
            if word[0] not in singles:
                multi.setdefault(word[0], []).append(word)
        self._start_singles = frozenset(singles)
        self._start_multi = {ch: tuple(words) for ch, words in multi.items()}
        scan_chars = "".join(re.escape(c) for c in sorted(singles | set(multi) | {"\n"}))
        lone = "".join(re.escape(c) for c in sorted(singles | {"\n"}))
        rests = "".join(
            f"|(?<={re.escape(ch)})(?={_alternation([w[1:] for w in words])})"
            for ch, words in sorted(multi.items())
        )
        self._start_scan = re.compile(f"[{scan_chars}](?:(?<=[{lone}]){rests})")

    # -- scanning ------------------------------------------------------------------------
    def find(self, doc: Document) -> Iterator[Span]:
        """The spans of the text; letter-spaced stretches are read with their spaces closed.

        Some pages space out every character (``二 零 零 二 年``, ``八 成``, ``50 億 元``: Hong
        Kong yearbooks).  Read as they stand, each numeral is a lone fragment; each such stretch
        is scanned again with the spaces between its characters taken out, and its spans are
        mapped back onto the original offsets (so they keep the spaces inside).
        """
        norm = doc.norm
        if " " not in norm or _SPACED_PROBE.search(norm) is None:
            yield from self._scan(doc)
            return
        stretches = [
            m.span() for m in _SPACED.finditer(norm) if len(_SPACED_HAN.findall(m.group())) >= 6
        ]
        if not stretches:
            yield from self._scan(doc)
            return
        found = [
            span
            for span in self._scan(doc)
            if not any(a < span.end and span.start < b for a, b in stretches)
        ]
        doc_place(doc)  # the stretches share the cache: their place is the whole text's
        for a, b in stretches:
            # a space between two digit groups stays (998 1 034 are table columns, not
            # 9981034), unless both are single digits of a spaced-out number (2 0 1 9)
            keep = [i for i in range(a, b) if norm[i] != " " or _digit_gap(norm, i)]
            sub = Document(
                "".join(doc.text[i] for i in keep), "".join(norm[i] for i in keep), doc.cache
            )
            for span in self._scan(sub):
                start, end = keep[span.start], keep[span.end - 1] + 1
                found.append(
                    Span(start, end, span.label, doc.text[start:end], span.value, span.source)
                )
        found.sort(key=lambda span: (span.start, span.end))
        yield from found

    def _scan(self, doc: Document) -> Iterator[Span]:
        norm, text = doc.norm, doc.text
        extent, trigger_find = self._extent_re.match, self._trigger_re.findall
        bits, masters, handlers = self._trigger_bits, self._masters, self._handlers
        singles, multi, always = self._start_singles, self._start_multi, self._always
        line_rules = self._line_rules
        mask_cache: dict[str, int] = {}
        resume = 0
        last = -1  # the last position tried: a line start may also be an opener
        # the text's start is a line start: a virtual newline before it proposes position 0
        for hit in chain(_TEXT_START, self._start_scan.finditer(norm)):
            if hit is None:
                at, ch = -1, "\n"
            else:
                at = hit.start()
                if at < resume - 1:
                    continue  # inside the last match (even a line start after it would be)
                ch = norm[at]
            if ch == "\n":
                at += 1
                # the character there may open a numeral too; then the scan proposes it next
                opener = at < len(norm) and (
                    norm[at] in singles or norm.startswith(multi.get(norm[at], ()), at)
                )
            else:
                opener = True  # the scan pattern only stops at openers
            if at <= last:
                continue
            last = at
            if at < resume:
                continue
            reach = extent(norm, at).end() + TRIGGER_REACH  # type: ignore[union-attr]
            # the mask depends only on the window's text (the triggers are plain words), and
            # structured text repeats its windows (1-1-1-…, a column of amounts)
            window = norm[at:reach]
            mask = mask_cache.get(window)  # type: ignore[assignment]
            if mask is None:
                mask = always
                for found in trigger_find(window):
                    mask |= bits[found]
                if len(mask_cache) >= _MASK_CACHE:
                    mask_cache.clear()
                mask_cache[window] = mask
            if not opener:
                mask &= line_rules  # a line start with no opener: only ^-anchored rules apply
                if not mask:
                    continue
            master = masters.get(mask) or self._master_for(mask)
            match = master.match(norm, at)
            if match is None:
                continue
            resume = max(match.end(), at + 1)
            if _cut_inside_run(norm, match.end()):
                # the grammar's bounds (240 digits, 360 numeral characters) stopped inside a
                # longer run: a code or a glitch, not a quantity; no span, and no fragments
                # from the rest of the run either
                resume = _RUN.match(norm, match.end()).end()  # type: ignore[union-attr]
                continue
            info, handler = handlers[match.lastgroup or ""]
            if (info.refuse or info.only) is not None and self._refused(doc, info):
                # the document's own layout rules this reading out: the other rules get the
                # position (columns of a table separated by spaces are not thousands)
                without = mask & ~(1 << int(info.group[1:]))
                match = (masters.get(without) or self._master_for(without)).match(norm, at)
                if match is None:
                    continue
                resume = max(match.end(), at + 1)
                info, handler = handlers[match.lastgroup or ""]
            if handler is None:
                continue  # a veto: nothing starts inside its match
            result = handler(doc, match, info)
            if result is None:
                continue
            start, end, value = result
            if _cut_inside_run(norm, end):
                resume = max(resume, _RUN.match(norm, end).end())  # type: ignore[union-attr]
                continue
            if start < end:
                yield Span(start, end, info.rule.label, text[start:end], value, info.rule.name)

    @staticmethod
    def _refused(doc: Document, info: _Compiled) -> bool:
        """Whether ``info``'s rule is ruled out for this document (checked once per document)."""
        key = "numbers.refused." + info.rule.name
        hit = doc.cache.get(key)
        if hit is None:
            hit = (info.refuse is not None and info.refuse.search(doc.norm) is not None) or (
                info.only is not None and info.only.search(doc.norm) is None
            )
            doc.cache[key] = hit
        return bool(hit)

    def _master_for(self, mask: int) -> re.Pattern[str]:
        """The alternation of the rules in ``mask`` (in rule order), compiled once.

        The cache is bounded: ordinary text uses a few dozen masks, but random or hostile text
        can make thousands, and a long-lived extractor must not grow without end.
        """
        if len(self._masters) >= _MAX_MASTERS:
            self._masters.clear()
        pattern = re.compile("|".join(p for i, p in enumerate(self._parts) if mask >> i & 1))
        self._masters[mask] = pattern
        return pattern

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _g(match: re.Match[str], info: _Compiled, name: str) -> str | None:
        full = info.names.get(name)
        return None if full is None else match.group(full)

    @staticmethod
    def _span(match: re.Match[str], info: _Compiled, name: str) -> tuple[int, int]:
        return match.span(info.names[name])

    # -- value handlers (one per rule ``kind``) ----------------------------------------
    def _number(self, doc: Document, m: re.Match[str], info: _Compiled):
        numeral = self._g(m, info, "n") or ""
        start, end = self._span(m, info, "n")
        if not self._number_ok(doc, start, end, numeral):
            return None
        parsed = parse_numeral(numeral)
        if parsed is None:
            return None
        return start, end, {"value": to_json_number(parsed.value), "approx": parsed.approx}

    def _number_range(self, doc: Document, m: re.Match[str], info: _Compiled):
        lo_text, hi_text = self._g(m, info, "lo") or "", self._g(m, info, "hi") or ""
        start, end = m.span(info.group)
        if self._measure_after(doc.norm, end) == "time":
            return None
        values = self._range_values(lo_text, hi_text)
        if values is None or not self._number_ok(doc, start, end, lo_text + hi_text):
            return None
        (lo, hi), approx = values
        return start, end, {"value": [lo, hi], "approx": approx}

    def _range_values(self, lo_text: str, hi_text: str):
        lo, hi = parse_numeral(lo_text), parse_numeral(hi_text)
        if lo is None or hi is None:
            return None
        lo_value, hi_value = lo.value, hi.value
        magnitude = _trailing_magnitude(hi_text)
        if magnitude and not _trailing_magnitude(lo_text):
            shared = EXACT.multiply(lo_value, magnitude)
            if shared <= hi_value:
                lo_value = shared  # 10至20万: the magnitude is shared
        if lo_value > hi_value:
            return None
        return (to_json_number(lo_value), to_json_number(hi_value)), lo.approx or hi.approx

    def _ordinal(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        numeral = self._g(m, info, "n") or ""
        if self._masked(doc.norm, start, end) or self._ordinal_idiom(doc.text, start):
            return None
        value = parse_core(numeral)
        if value is None or value != value.to_integral_value() or value <= 0:
            return None
        return start, end, {"value": int(value)}

    def _percent_symbol(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        # "?" reaches a numeral only through percent.garbled_point: a decimal point lost to a
        # charset conversion
        parsed = parse_numeral((self._g(m, info, "n") or "").replace("?", "."))
        if parsed is None or self._masked(doc.norm, start, end):
            return None
        unit = "permille" if self._g(m, info, "sym") == "‰" else "percent"
        return start, end, {"value": to_json_number(parsed.value), "unit": unit}

    def _percent_words(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        parsed = parse_numeral(self._g(m, info, "n") or "")
        if parsed is None:
            return None
        per = self._g(m, info, "per") or ""
        unit = "permille" if per[0] in "千仟" else "percent"
        value = parsed.value
        if "万" in per or "萬" in per:  # per ten thousand (or hundred thousand) in percent
            value = EXACT.divide(value, Decimal(1000 if "十" in per else 100))
        return start, end, {"value": to_json_number(value), "unit": unit}

    def _percent_point(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        parsed = parse_numeral(self._g(m, info, "n") or "")
        if parsed is None or self._masked(doc.norm, start, end):
            return None
        return start, end, {"value": to_json_number(parsed.value), "unit": "percentage_point"}

    def _percent_cheng(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        numeral = self._g(m, info, "n") or ""
        value = Decimal("0.5") if numeral == "半" else parse_core(numeral)
        if value is None or value > 10 or value <= 0:
            return None
        half = self._g(m, info, "half")
        if half:  # 三成半 = 35, 二成五 = 25: the tenth after 成
            tenth = Decimal(5) if half == "半" else parse_core(half)
            if tenth is None:
                return None
            value += tenth / 10
        if self._in_stop_word(doc.text, start, end) or self._masked(doc.norm, start, end):
            return None
        return start, end, {"value": to_json_number(value * 10), "unit": "percent"}

    def _percent_cheng_range(self, doc: Document, m: re.Match[str], info: _Compiled):
        """七八成 / 七,八成: two neighbouring shares, one span valued [70, 80] (batch04 notes)."""
        start, end = m.span(info.group)
        lo, hi = parse_core(self._g(m, info, "lo") or ""), parse_core(self._g(m, info, "hi") or "")
        if lo is None or hi is None or hi != lo + 1 or self._masked(doc.norm, start, end):
            return None
        if self._in_stop_word(doc.text, start, end):
            return None
        return start, end, {"value": [to_json_number(lo * 10), to_json_number(hi * 10)],
                            "unit": "percent"}

    def _money(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        numeral = (self._g(m, info, "n") or "").replace("\n", "")  # 5018⏎万元: a column break
        if self._masked(doc.norm, start, end):
            return None
        parsed = parse_numeral(numeral)
        if parsed is None:
            return None
        cur = self._g(m, info, "cur")
        pre = self._g(m, info, "pre")
        tail = self._g(m, info, "tail")
        value = parsed.value
        after = doc.norm[end : end + 1]
        if cur in ("块", "圆") and not tail and _is_han(after) and after != "钱":
            return None  # 一块牌子: a measure word, not money
        if pre is None and any(c in CN_CHARS for c in numeral):
            if self._in_stop_word(doc.text, start, self._span(m, info, "cur")[1]):
                return None  # 一元复始
            if (len(numeral) == 1 and numeral in "一二两三四多" and cur in ("元", "圆")
                    and _is_han(after) and after != "钱"):
                return None  # 一元化, 二元结构, 三元组: not an amount (十元以上 is)
        if tail:
            extra = _tail_value(tail)
            if extra is None:
                end = self._span(m, info, "tail")[0]
            else:
                value = EXACT.add(value, extra)
        cur2 = self._g(m, info, "cur2") if cur == "元" else None  # 5万元港币: 元 is the unit
        code = (self.currency_code.get(pre or "") or self.currency_code.get(cur2 or "")
                or self.currency_code.get(cur or "", "CNY"))
        if pre is None and cur is None:
            return None
        return start, end, {
            "value": to_json_number(value),
            "currency": currency_for(doc, doc.norm[start:end], code),
            "approx": parsed.approx,
        }

    def _money_range(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        if self._masked(doc.norm, start, end):
            return None
        lo_text, hi_text = self._g(m, info, "lo") or "", self._g(m, info, "hi") or ""
        lo_amount, hi_amount = self._amount(lo_text), self._amount(hi_text)
        if lo_amount is None or hi_amount is None:
            return None
        (lo_num, lo_extra, lo_cur), (hi_num, hi_extra, hi_cur) = lo_amount, hi_amount
        if lo_cur and lo_cur != hi_cur:
            return None
        values = self._range_values(lo_num, hi_num)
        if values is None:
            return None
        (lo, hi), approx = values
        lo_v = EXACT.add(Decimal(str(lo)), lo_extra)
        hi_v = EXACT.add(Decimal(str(hi)), hi_extra)
        return start, end, {
            "value": [to_json_number(lo_v), to_json_number(hi_v)],
            "currency": currency_for(doc, doc.norm[start:end], hi_cur or "CNY"),
            "approx": approx,
        }

    def _amount(self, text: str) -> tuple[str, Decimal, str | None] | None:
        """Split a money amount of a range into numeral, sub-unit value and currency code."""
        for word in sorted(self.currency_code, key=len, reverse=True):
            idx = text.find(word)
            if idx > 0:
                tail = text[idx + len(word) :].strip()
                extra = _tail_value(tail) if tail else Decimal(0)
                if extra is None:
                    return None
                return text[:idx].strip(), extra, self.currency_code[word]
        return text.strip(), Decimal(0), None

    def _money_jiao(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        value = _tail_value(doc.norm[start:end].removesuffix("钱"))
        if value is None or value == 0:
            return None
        return start, end, {"value": to_json_number(value), "currency": "CNY", "approx": False}


#: a numeral run, skipped whole when a match stopped inside it
_RUN = re.compile(rf"[\d.{DECIMAL_POINTS}{''.join(sorted(CN_CHARS))}]*")


#: a match that stops inside a run after this many of its characters was stopped by a
#: repetition bound of the grammar (INT: 9 digits or 12 numeral characters; CORE: 240 / 360),
#: not by the numeral's own end (6億来万 before 零 is a numeral that ended)
_BOUND_RUN = 9


def _digit_gap(norm: str, i: int) -> bool:
    """The space at ``i`` separates two digit groups of which one has several digits."""
    if not (norm[i - 1].isdecimal() and norm[i + 1].isdecimal()):
        return False
    return norm[i - 2 : i - 1].isdecimal() or norm[i + 2 : i + 3].isdecimal()


def _compile_option(rule: Rule, key: str) -> re.Pattern[str] | None:
    """A rule's document condition (``refuse_in_document``, ``only_in_document``), compiled
    when the recognizer is built so that a broken regex names its file and rule."""
    raw = rule.options.get(key)
    if raw is None:
        return None
    try:
        return re.compile(str(raw))
    except re.error as exc:
        raise RuleFileError(f"{rule.file} rule {rule.name!r}: {key}: {exc}") from exc


def _cut_inside_run(norm: str, end: int) -> bool:
    """A match ending inside a long run of digits (or of numeral characters) is a fragment."""
    if not _BOUND_RUN <= end < len(norm):
        return False
    b = norm[end]
    if b.isdecimal():
        return all(c.isdecimal() for c in norm[end - _BOUND_RUN : end])
    if b in CN_CHARS:
        return all(c in CN_CHARS for c in norm[end - 12 : end]) and end >= 12
    return False


def _trailing_magnitude(text: str) -> Decimal | None:
    """10^n for the 万/亿 a numeral ends with (approximation markers skipped)."""
    core = text.rstrip("余多几来左右")
    power = 0
    while core and core[-1] in "万萬亿億":
        power += UNITS[core[-1]]
        core = core[:-1]
    if not power or not core:
        return None
    return Decimal(10) ** power


_TAIL_RE = re.compile(r"^(?:(?P<j>.{1,3}?)[角毛])?(?:(?P<f>.{1,2}?)分?)?$")


def _tail_value(tail: str) -> Decimal | None:
    """角/毛/分 after 元 or 块: 六角 = 0.6, 七毛八 = 0.78, 五分 = 0.05, 六 (五块六) = 0.6."""
    tail = tail.strip()
    if not tail:
        return Decimal(0)
    m = _TAIL_RE.match(tail)
    if not m:
        return None
    jiao, fen = m["j"], m["f"]
    value = Decimal(0)
    if jiao:
        j = parse_core(jiao)
        if j is None:
            return None
        value += j / 10
        if fen:
            f = parse_core(fen)
            if f is None:
                return None
            value += f / 100
        return value
    if fen:
        f = parse_core(fen)
        if f is None:
            return None
        return f / 100 if tail.endswith("分") else f / 10
    return value


#: ``kind`` of a rule -> the method that reads its value.  A new kind is a method above plus
#: one line here; a rule naming any other kind fails when the Extractor is built.
VALUE_READERS: dict[str, Callable[..., Any]] = {
    "number": NumericRecognizer._number,
    "number_range": NumericRecognizer._number_range,
    "ordinal": NumericRecognizer._ordinal,
    "percent_symbol": NumericRecognizer._percent_symbol,
    "percent_words": NumericRecognizer._percent_words,
    "percent_point": NumericRecognizer._percent_point,
    "percent_cheng": NumericRecognizer._percent_cheng,
    "percent_cheng_range": NumericRecognizer._percent_cheng_range,
    "money": NumericRecognizer._money,
    "money_range": NumericRecognizer._money_range,
    "money_jiao": NumericRecognizer._money_jiao,
}


def _value_reader(rule: Rule, kind: str) -> Callable[..., Any]:
    if kind not in VALUE_READERS:
        raise RuleFileError(
            f"{rule.file} rule {rule.name!r}: unknown kind {kind!r}; "
            f"valid kinds: {', '.join(VALUE_READERS)}"
        )
    return VALUE_READERS[kind]


def numeric_rules(config: Config) -> tuple[Rule, ...]:
    """The user's numeric rules first (so they can take over a position), then the shipped
    files in their order of precedence."""
    user = tuple(
        rule
        for path in config.rules
        for rule in load_user_rule_file(path).rules
        if rule.label in LABELS
    )
    return user + tuple(r for f in RULE_FILES for r in load_rule_file(f).rules)


def build(config: Config) -> NumericRecognizer:
    return NumericRecognizer(numeric_rules(config))
