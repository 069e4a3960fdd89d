"""Years that stand alone in the cells of a table flattened to text.

A page's table loses its grid when it is copied as text: every cell becomes a line (or a
run of spaces separates them), and a year column (``年份``, ``年级``) turns into bare numbers
``1949``, ``2017`` that no sentence around them marks as years.  The header says what they
are.  Two layouts are read, both driven by ``[table_years]`` in ``rules/dates.toml``:

* **cell per line**: a line that is a year header (``年份``) starts a table.  The first bare
  year cell after it opens the column; the column continues at a fixed period (the row
  length, the distance to the next bare-year cell) while its cells are bare years.  A header
  row immediately followed by years (``年份⏎1949⏎1980⏎2000``) is the period-1 case.  At least
  two cells must line up, so a lone 2000 in a fee column never becomes a year.
* **header row on one line**: ``Item 2006 2007``, ``年份 2019 2020 2021``: a row label from the
  list followed by two or more increasing years.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

_YEAR = re.compile(r"(?:19|20)\d\d")


class TableYears:
    def __init__(self, table: dict[str, Any]) -> None:
        self.headers = frozenset(table["headers"])
        self.row_labels = frozenset(table["row_labels"])
        self.reach = int(table["reach"])
        self.max_period = int(table["max_period"])
        labels = "|".join(re.escape(w) for w in sorted(self.row_labels, key=len, reverse=True))
        self._row = re.compile(rf"^[ \t]*(?:{labels})(?:[ \t]+(?:19|20)\d\d){{2,}}[ \t]*$", re.M)
        heads = "|".join(re.escape(w) for w in sorted(self.headers, key=len, reverse=True))
        self._head = re.compile(rf"^[ \t]*(?:{heads})[ \t]*$", re.M)

    def find(self, norm: str) -> Iterator[tuple[int, int, int]]:
        """``(start, end, year)`` of every table year cell in ``norm``."""
        seen: set[int] = set()
        for m in self._row.finditer(norm):
            years = [(t.start(), t.end(), int(t.group())) for t in _YEAR.finditer(m.group())]
            if all(a[2] < b[2] for a, b in pairwise(years)):
                for s, e, y in years:
                    if m.start() + s not in seen:
                        seen.add(m.start() + s)
                        yield m.start() + s, m.start() + e, y
        for h in self._head.finditer(norm):
            for s, e, y in self._column(norm, h.end()):
                if s not in seen:
                    seen.add(s)
                    yield s, e, y

    def _column(self, norm: str, pos: int) -> list[tuple[int, int, int]]:
        cells: list[tuple[int, int, str]] = []  # the next `reach` non-blank lines after pos
        while len(cells) < self.reach and pos < len(norm):
            nl = norm.find("\n", pos + 1)
            end = len(norm) if nl < 0 else nl
            line = norm[pos:end]
            text = line.strip()
            if text:
                lead = len(line) - len(line.lstrip())
                cells.append((pos + lead, pos + lead + len(text), text))
            pos = end
        is_year = [_YEAR.fullmatch(c[2]) is not None for c in cells]
        years = [i for i, ok in enumerate(is_year) if ok]
        if len(years) < 2:
            return []
        first, period = years[0], years[1] - years[0]
        if period > self.max_period or first > 2 * period:
            return []
        out = []
        i = first
        while i < len(cells) and is_year[i]:
            s, e, text = cells[i]
            out.append((s, e, int(text)))
            i += period
        return out if len(out) >= 2 else []
