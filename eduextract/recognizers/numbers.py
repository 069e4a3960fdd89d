"""The numeric layer: NUMBER, ORDINAL, PERCENT and MONEY in one scan.

All rules of ``rules/money.toml``, ``percent.toml``, ``ordinal.toml`` and ``number.toml`` are
joined into ONE alternation, tried in that order at each position, so the text is scanned
once and a more specific reading (``7.64亿元`` as MONEY) is found before a plainer one
(``7.64亿`` as NUMBER) starting at the same character.  Rule patterns are written with the
macros of :mod:`eduextract.numerals` (``{NUM}``, ``{CORE}`` …) plus the currency and
measure-word alternations built here from ``gazetteers/``.

A match then goes through checks that a regex cannot make, and only around the candidate
(never over the whole text):

* word checks: a numeral inside a lexicalised word or slogan (统一, 一流, 两个维护) is dropped
  (``gazetteers/numeral_words.txt`` from jieba, ``numeral_slogans.txt`` curated);
* a count inside a short quoted term is part of a slogan (“五大行动”, “5个行动”), a count
  inside a quoted clause is not (“新增4万个优质普惠幼儿园学位数”);
* measure-word context (``gazetteers/measure_words.txt``): durations are unlabeled, ``一`` +
  article measure word is not a count, and a lone Chinese numeral must be followed by a
  measure word (一看, 两岸 are not counts);
* masked digits (``**``) never yield a span.

Speed: one character-class scan (the regex engine's fast charset search, openers filtered by
one-character look-behinds in C) proposes start positions, and at each only the rules whose
``trigger`` strings occur just after the numeral are tried (sub-alternations are compiled on
first use and cached); a line start without an opener only tries the ``^``-anchored rules.
Word checks begin with one-lookup prechecks (no stop word holds either character pair around
the candidate, no quote mark within reach, no ``*`` nearby), and numeral values are cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain

from ..config import Config
from ..data import read_table, read_words
from ..document import Document
from ..numerals import (
    CN_CHARS,
    DECIMAL_POINTS,
    DIGITS,
    EXACT,
    FINANCIAL,
    UNITS,
    expand,
    parse_core,
    parse_numeral,
    to_json_number,
)
from ..rules import Rule, load_rules
from ..span import Span

RULE_FILES = ("money.toml", "percent.toml", "ordinal.toml", "number.toml")
LABELS = ("MONEY", "NUMBER", "ORDINAL", "PERCENT")

_D = r"[零〇一二两三四五六七八九\d]"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TEXT_START = (None,)
_CN_CHAR = re.compile("[" + "".join(sorted(CN_CHARS)) + "]")
_OPEN_QUOTES = "“\"‘'「『"
_ANY_QUOTE = re.compile("[" + re.escape(_OPEN_QUOTES + "”’」』") + "]")
_CLOSE_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "「": "」", "『": "』"}
#: characters before 一 that make it a determiner (这一问题, 每一项, 新一轮, 另一, 同一)
_ARTICLE_BEFORE = frozenset("这那每新另同某哪其单唯统之逐进上下首")
#: quoted content with these is a clause, not a term; its numbers stay
_CLAUSE_PUNCT = frozenset("，,。；;：:！？!?、")
#: words before 一 that stress the quantity (为一个轮次, 仅一所, 共一项)
_ONE_COUNT_BEFORE = frozenset("为仅只共各")
#: words after which a bare numeral is a value even without a measure word (答案是四, 前三)
_BARE_NUMERAL_BEFORE = frozenset("是前")
_BRACKETED = re.compile(r"[(（][^()（）]{0,8}[)）]")
QUOTED_TERM_MAX = 8
#: characters after a numeral's extent in which a rule's trigger (currency word, %…) is sought
TRIGGER_REACH = 8
#: trigger masks remembered per document, by window text (cleared when full)
_MASK_CACHE = 1024


def _is_han(ch: str) -> bool:
    """``ch`` (one character or empty) is a CJK ideograph: the ranges of ``_HAN``, compared
    directly (a regex call per character costs more than the comparison)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    kind: str
    veto: bool
    group: str  # name of the wrapper group in the master pattern
    suffix: str  # suffix appended to the rule's own group names
    #: the rule's own group names -> their suffixed names in the master pattern
    names: dict[str, str]


class NumericRecognizer:
    """One combined scan for the four numeric labels (see the module docstring)."""

    name = "numbers"
    labels: tuple[str, ...] = LABELS

    def __init__(self) -> None:
        currencies = read_table("currencies.tsv", columns=3)
        self.currency_code = {word: code for word, code, _ in currencies}
        suffix = [w for w, _, pos in currencies if pos in ("suffix", "both")]
        prefix = [w for w, _, pos in currencies if pos in ("prefix", "both")]
        measure = read_table("measure_words.txt", columns=2)
        self.measure_kind: dict[str, str] = {}
        for word, kind in measure:
            self.measure_kind.setdefault(word, kind)
        self.measure_lens = sorted({len(w) for w in self.measure_kind}, reverse=True)
        #: measure words by first character, longest first (个月 is tried before 个)
        by_first: dict[str, list[str]] = {}
        for word in sorted(self.measure_kind, key=lambda w: (-len(w), w)):
            by_first.setdefault(word[0], []).append(word)
        self._measure_by_first = {ch: tuple(words) for ch, words in by_first.items()}
        macros = {
            "CUR_SUFFIX": _alternation(suffix),
            "CUR_PREFIX": _alternation(prefix),
            # 角/毛/分 after 元 or 块 (五元六角, 五块七毛八), or one digit (五块六)
            "TAIL": (
                rf"(?<=[元块圆])(?:{_D}{{1,2}}[角毛](?:{_D}分?)?|{_D}分"
                r"|[一二两三四五六七八九](?:(?![\u4e00-\u9fff])|(?=[到至])))"
            ),
            "MW": _alternation(list(self.measure_kind)),
        }
        self.stop_words = read_words("numeral_words.txt") | read_words("numeral_slogans.txt")
        # stop words indexed by their first two characters, so a check costs one dict lookup
        # per possible start instead of one slice per (start, length)
        by_head: dict[str, set[int]] = {}
        for word in self.stop_words:
            by_head.setdefault(word[:2], set()).add(len(word))
        self.stop_heads = {head: tuple(sorted(lens)) for head, lens in by_head.items()}
        self.stop_max = max((len(w) for w in self.stop_words), default=1)
        # Every word that overlaps a candidate covers its first character and, being at least
        # two characters long, one of the two character pairs around it: a pair no stop word
        # holds rules the candidate out with one set lookup (most candidates).
        self._stop_pairs = {w[k : k + 2] for w in self.stop_words for k in range(len(w) - 1)}
        self._stop_short = any(len(w) < 2 for w in self.stop_words)
        self.ordinal_idioms = tuple(read_words("ordinal_idioms.txt"))

        parts: list[str] = []
        triggers: list[tuple[str, ...] | None] = []
        self.compiled: dict[str, _Compiled] = {}
        for index, rule in enumerate(r for f in RULE_FILES for r in load_rules(f)):
            suffix_tag = f"__{index}"
            source = expand(rule.pattern.pattern, macros)
            source = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1{suffix_tag}>", source)
            flags = rule.pattern.flags & (re.MULTILINE | re.IGNORECASE | re.DOTALL)
            inline = "".join(c for c, f in (("m", re.MULTILINE), ("i", re.IGNORECASE),
                                            ("s", re.DOTALL)) if flags & f)
            if rule.pattern.flags & re.VERBOSE:
                source = re.sub(r"\s+#.*$|\s+", "", source, flags=re.MULTILINE)
            body = f"(?{inline}:{source})" if inline else source
            group = f"r{index}"
            parts.append(f"(?P<{group}>{body})")
            raw = rule.options.get("trigger")
            if raw is None:
                triggers.append(None)
            else:
                currency = list(self.currency_code)
                words = (w for t in raw for w in (currency if t == "@currency" else [t]))
                triggers.append(tuple(words))
            self.compiled[group] = _Compiled(
                rule,
                str(rule.options.get("kind", "number")),
                bool(rule.options.get("veto", False)),
                group,
                suffix_tag,
                {name: name + suffix_tag for name in rule.pattern.groupindex},
            )
        self._handlers = {
            group: (info, None if info.veto else getattr(self, f"_{info.kind}"))
            for group, info in self.compiled.items()
        }
        self._parts = parts
        #: rules that can match at a line start without an opening character (``^`` anchors)
        self._line_rules = sum(1 << i for i, p in enumerate(parts) if "^" in p.replace("[^", ""))
        self._masters: dict[int, re.Pattern[str]] = {}
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

    def _master_for(self, mask: int) -> re.Pattern[str]:
        """The alternation of the rules in ``mask`` (in rule order), compiled once."""
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

    def _masked(self, norm: str, start: int, end: int) -> bool:
        """Touching a ``**`` placeholder run, or a ``*`` when the candidate has no digit."""
        if "*" not in norm[max(0, start - 2) : end + 2]:
            return False  # the common case, one slice
        before, after = norm[max(0, start - 2) : start], norm[end : end + 2]
        if "**" in (before, after):
            return True
        if (before.endswith("*") or after.startswith("*")) and not any(
            c.isdigit() for c in norm[start:end]
        ):
            return True
        return False

    def _in_stop_word(self, text: str, start: int, end: int) -> bool:
        """A stop-list word overlapping the candidate without lying strictly inside it."""
        # a word starting inside a multi-character numeral is a segmentation artefact (五十对:
        # 十对), so for those only words reaching the first character count
        last = start if end - start > 1 else end - 1
        pairs = self._stop_pairs
        if not (
            self._stop_short
            or text[start : start + 2] in pairs
            or (start and text[start - 1 : start + 1] in pairs)
        ):
            return False
        heads, words = self.stop_heads, self.stop_words
        for i in range(max(0, start - self.stop_max + 1), last + 1):
            lengths = heads.get(text[i : i + 2])
            if not lengths:
                continue
            for length in lengths:
                j = i + length
                if j <= start:
                    continue
                if start <= i and j <= end and length < end - start:
                    continue
                if text[i:j] in words:
                    return True
        return False

    def _quoted_term(self, text: str, start: int, end: int) -> bool:
        """The candidate sits in a short quoted term: a slogan or programme name.

        ANNOTATION.md: counts in a short quoted term are not NUMBER, in digits too (“五大行动”,
        “5个行动”, “1256工程”), while a quoted sentence or clause keeps its numbers: the term
        must be at most ``QUOTED_TERM_MAX`` characters (a bracketed note such as 三个示范(先行)区
        not counted) with no clause punctuation inside.
        """
        lo = max(0, start - QUOTED_TERM_MAX)
        if _ANY_QUOTE.search(text, lo, start) is None:
            return False  # the scan below stops at a quote mark or finds none
        open_at = -1
        for i in range(start - 1, lo - 1, -1):
            ch = text[i]
            if ch in _CLAUSE_PUNCT or ch == "\n":
                return False
            if ch in _OPEN_QUOTES or ch in "”’」』":
                if ch in _OPEN_QUOTES:
                    open_at = i
                break
        if open_at < 0:
            return False
        mark = text[open_at]
        if mark in "\"'":
            # a straight quote opens a term only if an even number of them precede it on the line
            line_start = text.rfind("\n", 0, open_at) + 1
            if text.count(mark, line_start, open_at) % 2:
                return False
        close = _CLOSE_QUOTES[mark]
        limit = min(len(text), open_at + 2 * QUOTED_TERM_MAX + 4)  # room for a (bracket)
        close_at = -1
        for i in range(end, limit):
            ch = text[i]
            if ch == close:
                close_at = i
                break
            if ch in _CLAUSE_PUNCT or ch == "\n":
                return False
        if close_at < 0:
            return False
        content = _BRACKETED.sub("", text[open_at + 1 : close_at])
        return 0 < len(content) <= QUOTED_TERM_MAX

    def _measure_after(self, norm: str, end: int) -> str | None:
        """Kind of the measure word right after ``end``, the longest first (个月 before 个).

        个 followed by 多/余/半 and a time word is a duration too (两个多月, 三个半月).
        """
        pos = end
        if pos < len(norm) and norm[pos] == " ":
            pos += 1
        candidates = self._measure_by_first.get(norm[pos : pos + 1])
        if candidates is None:
            return None
        for word in candidates:
            if norm.startswith(word, pos):
                break
        else:
            return None
        kind = self.measure_kind[word]
        if kind == "time" and word == "年" and norm[pos + 1 : pos + 2] == "级":
            return "count"  # 三年级 is a grade, not a duration
        if word in "个個" and norm[pos + 1 : pos + 2] in ("多", "余", "半"):
            after = self._measure_after(norm, pos + 2)
            if after == "time":
                return "time"
        return kind

    def _number_ok(self, doc: Document, start: int, end: int, numeral: str) -> bool:
        """Word-level checks for a NUMBER candidate (see the module docstring)."""
        norm = text = doc.norm  # word lists and quotes are matched on the folded text
        if self._masked(norm, start, end):
            return False
        before = norm[start - 1] if start else ""
        after = norm[end] if end < len(norm) else ""
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            return False  # G20, 5G, COVID-19: codes, not counts
        kind = self._measure_after(norm, end)
        if kind in ("time", "label"):
            return False  # durations, date parts and 23号-style labels are not counts
        has_cn = _CN_CHAR.search(numeral) is not None
        rest = norm[end : end + 2]
        numbered = len(rest) == 2 and rest[0] in "个個" and rest[1] in _OPEN_QUOTES
        if numbered and len(numeral) == 1 and has_cn:
            return False  # 四个‘根本要求’: a numbered slogan, not a count
        if not has_cn:  # 211工程, 985工程: the stop-list holds digit names too
            return not (self._in_stop_word(text, start, end) or self._quoted_term(text, start, end))
        core = numeral.lstrip("约約近逾大将负負- ")
        if len(core) >= 2 and all(c in DIGITS for c in core):
            # digit strings: 二〇二三 is a year-like reading, 两两 / 三五 / 一一一一一 are not
            if not 3 <= len(core) <= 4 or any(c in "两兩倆俩" for c in core):
                return False
        single = len(core) == 1 or (len(core) == 2 and core[1] in "余多几来")
        if single:
            ch = core[0]
            if ch in FINANCIAL and (_is_han(before) or _is_han(after)):
                return False  # 队伍, 收拾, 大陆
            if ch in "一壹幺" and not self._one_is_count(norm, start, end, kind):
                return False  # 这一问题, 每一项, 一批, 一系列, 打造一支队伍
            approximate = core[-1] in "余多几来"
            if not approximate and kind is None and _is_han(after) and (
                before not in _BARE_NUMERAL_BEFORE
            ):
                return False  # 一看, 两岸, 百姓: no measure word, not a count
        if self._in_stop_word(text, start, end):
            return False
        return not self._quoted_term(text, start, end)

    def _one_is_count(self, norm: str, start: int, end: int, kind: str | None) -> bool:
        """一 before a measure word is an article (a/an) unless the context makes it a count.

        A count of events (一次, 一遍) is a count; so is 一 after a word that stresses the
        quantity (为一个轮次, 仅一所) or when the measure word ends the phrase (一只, 一对八千).
        """
        before = norm[start - 1] if start else ""
        if kind is None and before in _BARE_NUMERAL_BEFORE:
            return True  # 答案不是一: a value, stop-listed words (是一流) are already out
        if before in _ARTICLE_BEFORE or kind in (None, "article"):
            return kind is None and not _is_han(norm[end : end + 1])
        if kind == "verbal":
            return True
        if before in _ONE_COUNT_BEFORE:
            return True
        pos = end
        stop = min(len(norm), end + 3)
        while pos < stop and _is_han(norm[pos]) and norm[pos] not in CN_CHARS:
            word = norm[end : pos + 1]
            if word in self.measure_kind:
                nxt = norm[pos + 1 : pos + 2]
                return not _is_han(nxt) or nxt in CN_CHARS
            pos += 1
        return False

    def _ordinal_idiom(self, text: str, start: int) -> bool:
        for idiom in self.ordinal_idioms:
            k = idiom.find("第")
            s = start - k
            if s >= 0 and text.startswith(idiom, s):
                return True
        return False

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
        parsed = parse_numeral(self._g(m, info, "n") or "")
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
            value += Decimal("0.5") if half == "半" else parse_core(half) / 10
        if self._in_stop_word(doc.text, start, end) or self._masked(doc.norm, start, end):
            return None
        return start, end, {"value": to_json_number(value * 10), "unit": "percent"}

    def _money(self, doc: Document, m: re.Match[str], info: _Compiled):
        start, end = m.span(info.group)
        numeral = self._g(m, info, "n") or ""
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
            if len(numeral) == 1 and cur in ("元", "圆") and _is_han(after) and after != "钱":
                return None  # 一元化, 二元结构, 三元组: not an amount
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
            "currency": code,
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
            "currency": hi_cur or "CNY",
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


def build(config: Config) -> NumericRecognizer:
    return NumericRecognizer()
