"""Word checks of the numeric layer: what a regex cannot decide about a numeral's context.

:class:`~eduextract.recognizers.numbers.NumericRecognizer` runs these only around a candidate
(never over the whole text):

* word checks: a numeral inside a lexicalised word or slogan (统一, 一流, 两个维护) is dropped
  (``gazetteers/numeral_words.txt`` from jieba, ``numeral_slogans.txt`` curated);
* a count inside a short quoted term is part of a slogan (“五大行动”, “5个行动”), a count
  inside a quoted clause is not (“新增4万个优质普惠幼儿园学位数”);
* measure-word context (``gazetteers/measure_words.txt``): durations are unlabeled, ``一`` +
  article measure word is not a count, and a lone Chinese numeral must be followed by a
  measure word (一看, 两岸 are not counts);
* masked digits (``**``) never yield a span.

Each check begins with a one-lookup precheck (no stop word holds either character pair around
the candidate, no quote mark within reach, no ``*`` nearby), since most candidates pass.
"""

from __future__ import annotations

import re

from ..data import read_table, read_words
from ..document import Document
from ..numerals import CN_CHARS, DIGITS, FINANCIAL

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
#: a decimal numeral (11.3, 0.1): a measured value
_DECIMAL = re.compile(r"\d[.．]\d")
_BRACKETED = re.compile(r"[(（][^()（）]{0,8}[)）]")
QUOTED_TERM_MAX = 8


def _is_han(ch: str) -> bool:
    """``ch`` (one character or empty) is a CJK ideograph (U+3400-9FFF, U+F900-FAFF), compared
    directly (a regex call per character costs more than the comparison)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class ContextChecks:
    """The word lists and the checks that read them (a base of the numeric recognizer)."""

    def __init__(self) -> None:
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
        #: units of measure in Latin letters (mm, KB), longest first
        self.ascii_units = tuple(
            w for w in sorted(self.measure_kind, key=lambda w: (-len(w), w)) if w.isascii()
        )
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
        kind = self._measure_after(norm, end)
        if (before.isascii() and before.isalpha()) or (
            after.isascii() and after.isalpha() and not self._ascii_unit_after(norm, end)
        ):
            return False  # G20, 5G, COVID-19: codes, not counts (1.5mm, 30KB are measures)
        if kind == "label" or (kind == "time" and not _DECIMAL.search(numeral)):
            # durations, date parts and 23号-style labels are not counts; a decimal before a
            # time word is a measured value (平均受教育年限为11.3年), not an event's duration
            return False
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

    def _ascii_unit_after(self, norm: str, end: int) -> bool:
        """A unit of measure in Latin letters follows (1.5mm, 30.19KB), ending at a word edge."""
        for unit in self.ascii_units:
            if norm.startswith(unit, end):
                nxt = norm[end + len(unit) : end + len(unit) + 1]
                if not (nxt.isascii() and nxt.isalnum()):
                    return True
        return False

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
                # 一倍以上, 一人至八人: a comparator or a range makes 一 a quantity
                return (
                    not _is_han(nxt)
                    or nxt in CN_CHARS
                    or nxt in "至到"
                    or norm[pos + 1 : pos + 3] in ("以上", "以下", "以内")
                )
            pos += 1
        return False

    def _ordinal_idiom(self, text: str, start: int) -> bool:
        for idiom in self.ordinal_idioms:
            k = idiom.find("第")
            s = start - k
            if s >= 0 and text.startswith(idiom, s):
                return True
        return False
