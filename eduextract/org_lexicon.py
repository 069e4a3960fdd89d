"""The ORG layer's data: shipped gazetteers, the word list of the grammar, user gazetteers.

Everything here is loaded once per process (``functools.cache``) or once per ``Extractor``
(user gazetteers), so the recognizer itself only does dictionary look-ups and one
Aho-Corasick pass per document.  The files are small derived or curated tables (see each
file's header); jieba's full dictionary is never read at run time.

User gazetteers (``Extractor(gazetteers=[...])``) are CSV files with a header row or JSON
lines, each row/object with ``name`` (required) and optional ``kind``, ``canonical``,
``aliases`` (``|`` or ``;`` separated, or a JSON list) and ``id``.  Unknown columns are
ignored, so a table such as the MoE university list (``name``, ``id`` … ) loads as it is.
A malformed file fails when the ``Extractor`` is built, naming file and line.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .data import gazetteer_path, iter_data_lines

KINDS = ("government", "party", "university", "school", "research", "company", "other")


@dataclass(frozen=True, slots=True)
class Suffix:
    text: str
    kind: str
    cls: str  # school | body | division | team | media


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer name: what a match of it becomes."""

    kind: str
    canonical: str | None
    id: str | None = None
    source: str = "gazetteer"


def _rows(name: str, columns: int) -> list[tuple[str, ...]]:
    path = gazetteer_path(name)
    out: list[tuple[str, ...]] = []
    for number, line in iter_data_lines(path):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        if len(cells) != columns:
            raise ValueError(f"{path}:{number}: expected {columns} tab-separated columns")
        out.append(tuple(cells))
    return out


@cache
def read_suffixes() -> dict[str, Suffix]:
    out: dict[str, Suffix] = {}
    for text, kind, cls in _rows("org_suffixes.txt", 3):
        if kind not in KINDS:
            raise ValueError(f"org_suffixes.txt: unknown kind {kind!r} for {text!r}")
        out[text] = Suffix(text, kind, cls)
    return out


@cache
def read_central() -> dict[str, Entry]:
    """Central bodies: every name and alias -> entry (canonical = the official full name)."""
    out: dict[str, Entry] = {}
    for name, kind, canonical, aliases in _rows("org_central.tsv", 4):
        entry = Entry(kind, canonical or name)
        out[name] = entry
        for alias in filter(None, (a.strip() for a in aliases.split("|"))):
            out[alias] = entry
    return out


@cache
def read_universities() -> dict[str, Entry]:
    return {name: Entry("university", name) for name, _code in _rows("org_universities.tsv", 2)}


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    level: str  # province | city | county
    full: str  # the full name a short form stands for


@cache
def read_divisions() -> dict[str, Division]:
    """Division names and province/prefecture short forms -> the full name.

    A short form shared by a province and a city (吉林) resolves to the province.
    """
    out: dict[str, Division] = {}
    rank = {"province": 0, "city": 1, "county": 2}
    for _code, name, short, level in _rows("org_divisions.tsv", 4):
        for key in (name, short):
            if not key:
                continue
            old = out.get(key)
            if old is None or rank[level] < rank[old.level]:
                out[key] = Division(key, level, name)
    return out


@cache
def read_bodies() -> tuple[tuple[str, str, bool], ...]:
    rows = [(s, f, p == "yes") for s, f, p in _rows("org_bodies.tsv", 3)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def read_generic() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(generic words, determiners, category endings) of ``org_generic.txt``."""
    groups: dict[str, set[str]] = {"generic": set(), "determiner": set(), "category": set()}
    for word, cls in _rows("org_generic.txt", 2):
        if cls not in groups:
            raise ValueError(f"org_generic.txt: unknown class {cls!r} for {word!r}")
        groups[cls].add(word)
    return (
        frozenset(groups["generic"]),
        frozenset(groups["determiner"]),
        tuple(sorted(groups["category"], key=len, reverse=True)),
    )


@cache
def read_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(name words, proper stems, blocker words) of ``org_words.tsv`` + curated field words."""
    names, proper, blockers = set(), set(), set()
    for word, cls in _rows("org_words.tsv", 2):
        if cls == "B":
            blockers.add(word)
        else:
            names.add(word)
            if cls == "R":
                proper.add(word)
    names.update(w for (w,) in _rows("org_fields.txt", 1))
    return frozenset(names), frozenset(proper), frozenset(blockers)


# -- user gazetteers ---------------------------------------------------------------------------

_ALIAS_SPLIT = re.compile(r"[|;；]")


def _user_entry(row: dict[str, object], where: str) -> tuple[list[str], Entry]:
    name = str(row.get("name") or "").strip()
    if not name:
        raise ValueError(f"{where}: missing 'name'")
    kind = str(row.get("kind") or "").strip() or None
    if kind is not None and kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r} (use one of {', '.join(KINDS)})")
    canonical = str(row.get("canonical") or "").strip() or name
    raw_aliases = row.get("aliases") or []
    if isinstance(raw_aliases, str):
        aliases = [a.strip() for a in _ALIAS_SPLIT.split(raw_aliases)]
    elif isinstance(raw_aliases, list):
        aliases = [str(a).strip() for a in raw_aliases]
    else:
        raise ValueError(f"{where}: 'aliases' must be a string or a list")
    ident = row.get("id")
    ident = str(ident).strip() if ident not in (None, "") else None
    if kind is None:
        kind = guess_kind(name)
    names = [name, *(a for a in aliases if a)]
    return names, Entry(kind, canonical, ident, "gazetteer.user")


def guess_kind(name: str) -> str:
    """The kind a head suffix implies (used when a user row gives none)."""
    suffixes = read_suffixes()
    for end in range(min(len(name), 12), 0, -1):
        suf = suffixes.get(name[-end:])
        if suf is not None:
            return suf.kind
    return "other"


def load_user_gazetteer(path: Path) -> dict[str, Entry]:
    """Names and aliases of one user file -> entries; raises ``ValueError`` naming file:line."""
    out: dict[str, Entry] = {}
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gazetteer: {exc}") from exc
    with fh:
        if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            for number, line in enumerate(fh, start=1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                where = f"{path}:{number}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{where}: not valid JSON: {exc.msg}") from exc
                if not isinstance(row, dict):
                    raise ValueError(f"{where}: each line must be a JSON object")
                names, entry = _user_entry(row, where)
                for n in names:
                    out[n] = entry
        else:
            lines = ("\n" if ln.lstrip().startswith("#") else ln for ln in fh)
            reader = csv.reader(lines, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            try:
                header = [h.strip().lower() for h in next(reader)]
            except StopIteration:
                raise ValueError(f"{path}: empty gazetteer file") from None
            except csv.Error as exc:
                raise ValueError(f"{path}:1: {exc}") from exc
            if "name" not in header:
                raise ValueError(f"{path}:1: header row needs a 'name' column, got {header}")
            try:
                for cells in reader:
                    where = f"{path}:{reader.line_num}"
                    if not any(c.strip() for c in cells):
                        continue
                    if len(cells) != len(header):
                        raise ValueError(
                            f"{where}: expected {len(header)} columns, got {len(cells)}"
                        )
                    names, entry = _user_entry(dict(zip(header, cells, strict=True)), where)
                    for n in names:
                        out[n] = entry
            except csv.Error as exc:
                raise ValueError(f"{path}:{reader.line_num}: {exc}") from exc
    return out
