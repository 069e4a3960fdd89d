"""Run a rule only near the characters it cannot match without.

Most of a document is prose that no date or phone number touches, yet a regex with an optional
prefix (``(?:今年)?6月``) or a leading look-behind is tried at every position, and Python's
engine cannot skip ahead for such patterns.  A rule may name a ``trigger`` (a cheap regex such
as ``月``, which the engine scans at 100+ M characters/s); the rule then runs only in windows of
``margin`` characters around trigger hits.  This is exact, not a heuristic, provided every match
of the rule contains a trigger hit and extends at most ``margin`` - 2 characters beyond it on
either side (look-aheads need the two characters after a match): a longer span would be
truncated.  Each rule file states its margin next to its triggers.

Windows that come closer than ``margin`` are merged, so matches never straddle two windows and
no match is found twice.  Look-behinds still see the text before a window (``finditer`` with
``pos`` keeps the whole string visible behind it).

A rule may also name ``requires``: a regex without look-arounds that every match of the rule
contains (``@`` for an e-mail address, ``号`` for a street address).  It is sought in each
window before the rule runs there (only there: a search of the whole text costs more when the
literal is rare, which is when it matters).  This only skips work: a window without it
cannot hold a match, since a match found in a window lies inside it.  Searching a literal is
far cheaper than trying a rule whose pattern opens with a look-behind at every position,
which the regex engine cannot skip ahead for.  For the same reason a rule starts in each
window at the first character that can open a match (:mod:`.firstchars`), not at its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..rules import Rule
from .firstchars import first_class


class WindowScanner:
    def __init__(
        self, rules: tuple[Rule, ...], margin: int, default_trigger: str | None = None
    ) -> None:
        """``default_trigger`` applies to the rules that name none (None: scan the whole text)."""
        self.margin = margin
        self.default_trigger = default_trigger
        self._triggers: dict[str, re.Pattern[str]] = {}
        self._requires: dict[str, re.Pattern[str]] = {}
        #: per rule, the class of characters a match can begin with (None: unknown); filled
        #: on the rule's first window, so start-up does not parse every pattern
        self._first: dict[str, re.Pattern[str] | None] = {}
        for rule in rules:
            requires = rule.options.get("requires")
            if requires is not None:
                self._requires[rule.name] = re.compile(requires)
            trigger = rule.options.get("trigger", default_trigger)
            if trigger is not None and trigger not in self._triggers:
                self._triggers[trigger] = re.compile(trigger)

    def windows(self, text: str, trigger: str) -> list[tuple[int, int]]:
        margin, n = self.margin, len(text)
        reach = 3 * margin  # a hit whose window starts within margin of the open one joins it
        out: list[tuple[int, int]] = []
        lo = hi = -1  # the open window's first hit start and last hit end
        for hit in self._triggers[trigger].finditer(text):
            start, end = hit.span()
            if hi < 0:
                lo, hi = start, end
            elif start - hi <= reach:
                hi = end
            else:
                out.append((max(0, lo - margin), min(n, hi + margin)))
                lo, hi = start, end
        if hi >= 0:
            out.append((max(0, lo - margin), min(n, hi + margin)))
        return out

    def finditer(
        self, rule: Rule, text: str, cache: dict[str, list[tuple[int, int]]]
    ) -> Iterator[re.Match[str]]:
        """Every match of ``rule`` in ``text``; ``cache`` keeps windows per trigger for one text."""
        trigger = rule.options.get("trigger", self.default_trigger)
        if trigger is None:
            yield from rule.pattern.finditer(text)
            return
        windows = cache.get(trigger)
        if windows is None:
            windows = cache[trigger] = self.windows(text, trigger)
        if not windows:
            return
        requires = self._requires.get(rule.name)
        pattern = rule.pattern
        try:
            first = self._first[rule.name]
        except KeyError:
            first = self._first[rule.name] = first_class(pattern)
        for start, end in windows:
            if requires is not None and requires.search(text, start, end) is None:
                continue
            if first is not None:
                # no match begins before the first character that can open one
                hit = first.search(text, start, end)
                if hit is None:
                    continue
                start = hit.start()
            yield from pattern.finditer(text, start, end)
