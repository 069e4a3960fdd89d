"""Finding and reading the shipped data folders ``rules/`` and ``gazetteers/``.

In a source checkout they are top-level folders next to the package; in a wheel they are
installed inside the package (``eduextract/rules``).  Both layouts are looked up here and
nowhere else, so every loader works the same from a clone, an editable install and a wheel.

Gazetteer files are UTF-8 text whose leading ``#`` lines are a header (source, licence,
format); blank lines and ``#`` lines are skipped everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(kind: str) -> Path:
    """The folder holding ``kind`` ("rules" or "gazetteers")."""
    if kind not in ("rules", "gazetteers"):
        raise ValueError(f"unknown data folder {kind!r}")
    for candidate in (_PACKAGE_DIR / kind, _PACKAGE_DIR.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"eduextract data folder {kind!r} not found next to {_PACKAGE_DIR}; "
        "the installation is incomplete"
    )


def rules_path(name: str) -> Path:
    return data_dir("rules") / name


def gazetteer_path(name: str) -> Path:
    return data_dir("gazetteers") / name


def iter_data_lines(path: Path) -> list[tuple[int, str]]:
    """``(line_number, line)`` for every non-blank, non-comment line of a data file."""
    out: list[tuple[int, str]] = []
    with path.open(encoding="utf-8-sig") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append((number, line))
    return out


@cache
def read_words(name: str) -> frozenset[str]:
    """A one-entry-per-line gazetteer as a set (first tab-separated column)."""
    path = gazetteer_path(name)
    return frozenset(line.split("\t", 1)[0].strip() for _, line in iter_data_lines(path))


@cache
def read_table(name: str, columns: int | None = None) -> tuple[tuple[str, ...], ...]:
    """A tab-separated gazetteer as rows of stripped cells.

    The first data line is *not* treated as a header: headers live in ``#`` comments.  With
    ``columns`` given, a row with a different number of cells is an error naming file and line,
    raised at load time rather than half-way through an extraction.
    """
    path = gazetteer_path(name)
    rows: list[tuple[str, ...]] = []
    for number, line in iter_data_lines(path):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if columns is not None and len(cells) != columns:
            raise ValueError(
                f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}"
            )
        rows.append(cells)
    return tuple(rows)
