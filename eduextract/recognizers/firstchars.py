"""The characters a regex match can begin with, as a character class for a skip-ahead search.

Python's regex engine scans quickly only for a pattern that opens with a literal or a
character class; a rule that opens with a look-behind (``(?<![\\d.])``) or an optional prefix
is tried at every position.  :func:`first_class` reads the parsed pattern and returns a class
(``[\\d〇一二…]``) that holds the first character of every possible match, or None when it
cannot tell (a match may be empty, or open with ``.``, a negated class, a back-reference or
a case-insensitive letter).  Searching that class first and starting the rule there finds
exactly the matches a scan from the window's start finds: no match can begin earlier, and
look-behinds still see the text before the starting position.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The first character cannot be bounded (the caller then scans every position)."""


def _item_class(op: Any, av: Any, out: list[str]) -> bool:
    """Add the first characters of one parsed item to ``out``; True if it can match empty."""
    if op is C.LITERAL:
        out.append(re.escape(chr(av)))
        return False
    if op is C.IN:
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                out.append(re.escape(chr(sub_av)))
            elif sub_op is C.RANGE:
                out.append(f"{re.escape(chr(sub_av[0]))}-{re.escape(chr(sub_av[1]))}")
            elif sub_op is C.CATEGORY and sub_av in _CATEGORIES:
                out.append(_CATEGORIES[sub_av])
            else:
                raise _Unknown  # NEGATE, other categories
        return False
    if op is C.SUBPATTERN:
        if av[1] & (re.IGNORECASE | re.LOCALE):
            raise _Unknown  # (?i:…): letters of either case
        return _seq_class(av[-1], out)
    if op is C.ATOMIC_GROUP:
        return _seq_class(av, out)
    if op is C.BRANCH:
        nullable = False
        for alternative in av[1]:
            nullable |= _seq_class(alternative, out)
        return nullable
    if op in _REPEATS:
        low, _high, item = av
        return _seq_class(item, out) or low == 0
    if op in _ZERO_WIDTH:
        return True  # consumes nothing: the next item supplies the first character
    raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS …


def _seq_class(seq: Any, out: list[str]) -> bool:
    for op, av in seq:
        if not _item_class(op, av, out):
            return False
    return True


def first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A compiled class matching the first character of every match of ``pattern``, or None."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        items: list[str] = []
        if _seq_class(parsed, items):
            return None  # the pattern can match the empty string
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    return re.compile("[" + "".join(dict.fromkeys(items)) + "]")
