"""Letter-spaced headers: ``瑞 安 市 教 育 局`` is one name written with a space between
characters (a centred document header).

Why a second pass over a compacted copy and not spaces in the walk: the walk reads words,
and a space inside every word would need every list to allow one.  A run of single Han
characters one space apart (at least four) is compacted, read by the same recognizer, and
each name found there is mapped back, so its offsets cover the spaced text.
"""

from __future__ import annotations

import re

#: four or more single Han characters, each followed by one or two (full-width) spaces
SPACED_RUN = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]{1,2}){3,}[\u4e00-\u9fff](?![\u4e00-\u9fff])")

#: a cheap test first: a pattern that starts with a literal space is searched with a fast
#: literal scan, the full pattern would be tried at every Han character (~30x slower)
_GATE = re.compile(r" [\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff][ \u3000]")


def spaced_runs(norm: str) -> list[tuple[str, list[int]]]:
    """Each letter-spaced run as (compacted text, offset in ``norm`` of each character)."""
    out: list[tuple[str, list[int]]] = []
    if _GATE.search(norm) is None and "\u3000" not in norm:
        return out
    for m in SPACED_RUN.finditer(norm):
        s = m.start()
        if s and "\u4e00" <= norm[s - 1] <= "\u9fff":
            continue  # 一 个 字 after a word: not a run of its own
        where = [s + i for i, ch in enumerate(m.group()) if ch not in " \u3000"]
        out.append(("".join(norm[i] for i in where), where))
    return out
