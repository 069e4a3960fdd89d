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
* a short quoted term starting with a numeral is a slogan (“五大行动”, “5个行动”);
* measure-word context (``gazetteers/measure_words.txt``): durations are unlabeled, ``一`` +
  article measure word is not a count, and a lone Chinese numeral must be followed by a
  measure word (一看, 两岸 are not counts);
* masked digits (``**``) never yield a span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..config import Config
from ..data import read_table, read_words
from ..document import Document
from ..numerals import (
    CN_CHARS,
    DIGITS,
    FINANCIAL,
    UNITS,
    expand,
    parse_core,
    parse_numeral,
    to_json_number,
)
from ..rules import Rule, load_rules
from ..span import Span, make_span

RULE_FILES = ("money.toml", "percent.toml", "ordinal.toml", "number.toml")
LABELS = ("MONEY", "NUMBER", "ORDINAL", "PERCENT")

_D = r"[零〇一二两三四五六七八九\d]"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPEN_QUOTES = "“\"‘'「『"
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


def _is_han(ch: str) -> bool:
    return bool(ch) and _HAN.match(ch) is not None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    kind: str
    veto: bool
    group: str  # name of the wrapper group in the master pattern
    suffix: str  # suffix appended to the rule's own group names


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
        self.stop_lens = sorted({len(w) for w in self.stop_words})
        self.ordinal_idioms = tuple(read_words("ordinal_idioms.txt"))

        parts: list[str] = []
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
            self.compiled[group] = _Compiled(
                rule,
                str(rule.options.get("kind", "number")),
                bool(rule.options.get("veto", False)),
                group,
                suffix_tag,
            )
        self.master = re.compile("|".join(parts))

    # -- scanning ------------------------------------------------------------------------
    def find(self, doc: Document) -> Iterator[Span]:
        norm = doc.norm
        for match in self.master.finditer(norm):
            info = self.compiled[match.lastgroup or ""]
            if info.veto:
                continue
            handler = getattr(self, f"_{info.kind}")
            result = handler(doc, match, info)
            if result is None:
                continue
            start, end, value = result
            if start < end:
                yield make_span(doc.text, start, end, info.rule.label, value, info.rule.name)

    def build_report(self) -> str:  # pragma: no cover - debugging aid
        return self.master.pattern

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _g(match: re.Match[str], info: _Compiled, name: str) -> str | None:
        try:
            return match.group(name + info.suffix)
        except IndexError:
            return None

    @staticmethod
    def _span(match: re.Match[str], info: _Compiled, name: str) -> tuple[int, int]:
        return match.span(name + info.suffix)

    def _masked(self, norm: str, start: int, end: int) -> bool:
        """Touching a ``**`` placeholder run, or a ``*`` when the candidate has no digit."""
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
        n = len(text)
        words = self.stop_words
        # a word starting inside a multi-character numeral is a segmentation artefact (五十对:
        # 十对), so for those only words reaching the first character count
        last = start if end - start > 1 else end - 1
        for length in self.stop_lens:
            lo = max(0, start - length + 1)
            hi = min(last, n - length)
            for i in range(lo, hi + 1):
                j = i + length
                if start <= i and j <= end and length < end - start:
                    continue
                if text[i:j] in words:
                    return True
        return False

    def _quoted_term(self, text: str, start: int, end: int) -> bool:
        """The candidate sits in a short quoted term that starts with a numeral."""
        lo = max(0, start - QUOTED_TERM_MAX)
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
        close = _CLOSE_QUOTES[text[open_at]]
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
        if not content or len(content) > QUOTED_TERM_MAX:
            return False
        first = content[0]
        return first.isdigit() or first in CN_CHARS or first in "双第"

    def _measure_after(self, norm: str, end: int) -> str | None:
        """Kind of the measure word right after ``end`` (个月 before 个), skipping 个/多/余."""
        pos = end
        if pos < len(norm) and norm[pos] == " ":
            pos += 1
        for length in self.measure_lens:
            word = norm[pos : pos + length]
            if len(word) == length and word in self.measure_kind:
                kind = self.measure_kind[word]
                if kind == "time" and word == "年" and norm[pos + 1 : pos + 2] == "级":
                    return "count"  # 三年级 is a grade, not a duration
                return kind
        return None

    def _number_ok(self, doc: Document, start: int, end: int, numeral: str) -> bool:
        """Word-level checks for a NUMBER candidate (see the module docstring)."""
        norm, text = doc.norm, doc.text
        if self._masked(norm, start, end):
            return False
        before = norm[start - 1] if start else ""
        after = norm[end] if end < len(norm) else ""
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            return False  # G20, 5G, COVID-19: codes, not counts
        kind = self._measure_after(norm, end)
        if kind in ("time", "label"):
            return False  # durations, date parts and 23号-style labels are not counts
        has_cn = any(c in CN_CHARS for c in numeral)
        if has_cn and self._in_stop_word(text, start, end):
            return False
        if self._quoted_term(text, start, end):
            return False
        rest = norm[end : end + 2]
        numbered = len(rest) == 2 and rest[0] in "个個" and rest[1] in _OPEN_QUOTES
        if numbered and len(numeral) == 1 and has_cn:
            return False  # 四个‘根本要求’: a numbered slogan, not a count
        if not has_cn:
            return True
        core = numeral.lstrip("约近逾大将负-")
        if len(core) >= 2 and all(c in DIGITS for c in core):
            # digit strings: 二〇二三 is a year-like reading, 两两 / 三五 are not numbers
            if len(core) < 3 or any(c in "两兩倆俩" for c in core):
                return False
        single = len(core) == 1 or (len(core) == 2 and core[1] in "余多几来")
        if single:
            ch = core[0]
            if ch in FINANCIAL and (_is_han(before) or _is_han(after)):
                return False  # 队伍, 收拾, 大陆
            if ch in "一壹幺" and not self._one_is_count(norm, start, end, kind):
                return False  # 这一问题, 每一项, 一批, 一系列, 打造一支队伍
            if core[-1] in "余多几来":
                return True
            if kind is None and _is_han(after) and before not in _BARE_NUMERAL_BEFORE:
                return False  # 一看, 两岸, 百姓: no measure word, not a count
        return True

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
        parsed = parse_numeral(numeral)
        if parsed is None or not self._number_ok(doc, start, end, numeral):
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
        if magnitude and not _trailing_magnitude(lo_text) and lo_value * magnitude <= hi_value:
            lo_value *= magnitude  # 10至20万: the magnitude is shared
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
        return start, end, {"value": to_json_number(parsed.value), "unit": unit}

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
        if self._g(m, info, "half"):
            value += Decimal("0.5")
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
        if cur in ("块", "圆") and not tail:
            after = doc.norm[end : end + 1]
            if _is_han(after) and after != "钱":
                return None  # 一块牌子: a measure word, not money
        if tail:
            extra = _tail_value(tail)
            if extra is None:
                end = self._span(m, info, "tail")[0]
            else:
                value += extra
        code = self.currency_code.get(pre or "") or self.currency_code.get(cur or "", "CNY")
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
        lo_v = Decimal(str(lo)) + lo_extra
        hi_v = Decimal(str(hi)) + hi_extra
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
