"""Near-miss matching: a known name with one character wrong or missing (rapidfuzz).

Used only where the grammar cannot read a name at a head (a typo breaks the word list), for
known names of at least ``FUZZY_MIN_LEN`` characters.  Threshold and length were measured by
``benchmarks/org_fuzzy.py`` (docs/org.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ...org_lexicon import Entry
from .patterns import is_han

if TYPE_CHECKING:  # a mixin of the recognizer; index.py imports this module, hence no real base
    from .index import OrgIndex as _IndexBase
else:
    _IndexBase = object

#: near-miss matching (one wrong or missing character) only for names at least this long,
#: and only at this rapidfuzz ``fuzz.ratio`` or above; measured by benchmarks/org_fuzzy.py
FUZZY_MIN_LEN = 7
FUZZY_THRESHOLD = 85.0

FuzzyIndex = dict[str, dict[int, dict[str, list[str]]]]
FuzzyWindows = dict[str, tuple[int, dict[tuple[int, str], frozenset[str]]]]


def build_fuzzy_index(entries: dict[str, Entry]) -> tuple[FuzzyIndex, FuzzyWindows]:
    """Near-miss candidates, indexed by their last two characters (the head: 大学, 学院 …).

    ``index``: tail (last two characters) -> length -> one of the first two characters ->
    names.  One wrong or missing character leaves the tail (the head) and, in a name of seven
    or more characters, the first or the second character where a window starts.
    ``windows``: the same, read per window: tail -> (longest window, {(window length, its
    first or second character): names of length ±1}) - one dictionary look-up per window.
    """
    index: FuzzyIndex = {}
    for key in entries:
        if len(key) >= FUZZY_MIN_LEN:
            by_len = index.setdefault(key[-2:], {}).setdefault(len(key), {})
            for ch in {key[0], key[1]}:
                by_len.setdefault(ch, []).append(key)
    windows_by_tail: FuzzyWindows = {}
    for tail, lengths in index.items():
        top = max(lengths) + 1
        windows: dict[tuple[int, str], set[str]] = {}
        for length in range(FUZZY_MIN_LEN - 1, top + 1):
            for d in (length - 1, length, length + 1):
                for ch, names in lengths.get(d, {}).items():
                    windows.setdefault((length, ch), set()).update(names)
        windows_by_tail[tail] = (top, {k: frozenset(v) for k, v in windows.items()})
    return index, windows_by_tail


class NearMiss(_IndexBase):
    """The near-miss stage, mixed into the recognizer (reads the :class:`OrgIndex` fields)."""

    def near_miss(
        self,
        norm: str,
        end: int,
        memo: dict[str, tuple[int, str] | None] | None = None,
    ) -> tuple[int, str] | None:
        """``(start, known name)`` for a name ending at ``end`` that misses one character.

        Windows of every plausible length ending at ``end`` are compared with the known names
        that share their last two characters; the best ``fuzz.ratio`` at or above the
        threshold wins (ties: the longer window); two different names at the best score are
        ambiguous and give None.  Exact names never get here.  The answer depends only on
        the ``top`` characters before ``end``: ``memo`` (one per document) keeps it per
        window text, so a document repeating one unreadable name (委员会×N) pays once.
        """
        index = self.fuzzy_windows.get(norm[end - 2 : end])
        if not index:
            return None
        top, windows = index
        if memo is not None:
            context = norm[max(0, end - top) : end]
            if context in memo:
                hit = memo[context]
                return None if hit is None else (end - hit[0], hit[1])
            found = self.near_miss(norm, end)
            memo[context] = None if found is None else (end - found[0], found[1])
            return found
        best: tuple[float, int, list[str]] | None = None
        empty: frozenset[str] = frozenset()
        for length in range(FUZZY_MIN_LEN - 1, top + 1):
            start = end - length
            if start < 0:
                break
            first = norm[start]
            if not is_han(first):
                break
            choices = windows.get((length, first), empty) | windows.get(
                (length, norm[start + 1]), empty
            )
            if not choices:
                continue
            window = norm[start:end]
            hits = process.extract(
                window, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold,
                limit=None,
            )
            if not hits:
                continue
            score = max(h[1] for h in hits)
            keys = sorted(h[0] for h in hits if h[1] == score)
            if best is None or score > best[0] or (score == best[0] and length > end - best[1]):
                best = (score, start, keys)
        if best is None:
            return None
        keys = best[2]
        if len({self.entries[k].canonical for k in keys}) > 1:
            return None  # 州职业技术学院: 荆州 or 汝州 — one missing character, two names
        return best[1], keys[0]

