"""The macros every rule file may use: ``{NUM}``, ``{INT}`` … and the gazetteer alternations.

:mod:`eduextract.rules` expands ``{NAME}`` in every pattern of every file (shipped or a user's)
from this table plus the file's own ``[define]`` table, before anything is compiled.  The
numeral fragments come from :mod:`eduextract.numerals`; the currency and measure-word
alternations are built from ``gazetteers/`` so that adding a currency is a data edit.
"""

from __future__ import annotations

from functools import cache

from .data import read_table
from .numerals import FRAGMENTS

#: a digit, Arabic or Chinese (for the 角/毛/分 tail of an amount)
_D = r"[零〇一二两三四五六七八九\d]"


def alternation(words: list[str]) -> str:
    """``words`` as a regex alternation, longest first (so 美元 is tried before 元)."""
    import re

    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def builtin_macros() -> dict[str, str]:
    """Name -> regex source (group-free) of every built-in macro."""
    currencies = read_table("currencies.tsv", columns=3)
    measure = read_table("measure_words.txt", columns=2)
    return {
        **FRAGMENTS,
        "CUR_SUFFIX": alternation([w for w, _, pos in currencies if pos in ("suffix", "both")]),
        "CUR_PREFIX": alternation([w for w, _, pos in currencies if pos in ("prefix", "both")]),
        # 角/毛/分 after 元 or 块 (五元六角, 五块七毛八), or one digit (五块六)
        "TAIL": (
            rf"(?<=[元块圆])(?:{_D}{{1,2}}[角毛](?:{_D}分?)?|{_D}分"
            r"|[一二两三四五六七八九](?:(?![\u4e00-\u9fff])|(?=[到至])))"
        ),
        "MW": alternation([word for word, _ in measure]),
    }
