"""The ORG layer's data: shipped gazetteers, the word list of the grammar, user gazetteers.

Everything here is loaded once per process (``functools.cache``) or once per ``Extractor``
(user gazetteers), so the recognizer itself only does dictionary look-ups and one
Aho-Corasick pass per document.  The files are small derived or curated tables (see each
file's header); jieba's full dictionary is never read at run time.

Name lists, shipped (``org_central.tsv``, ``org_universities.tsv``) and user
(``Extractor(gazetteers=[...])``), share one format and one reader
(:func:`parse_user_gazetteer`): CSV/TSV with a header row (``#`` comment lines anywhere) or
JSON lines; ``name`` (required) and optional ``kind``, ``canonical``, ``aliases`` (``|`` or
``;`` separated, or a JSON list of strings) and ``id``; unknown columns are ignored, so a
table such as the MoE university list (``name``, ``id`` … ) loads as it is.  UTF-8 (BOM or
not), UTF-16/32 with a BOM, else GB18030.  A malformed file, a value of the wrong type and a
name that could only ever mis-fire (one character, digits alone) fail when the ``Extractor``
is built, naming file and line; a name given twice with different values warns
(:class:`GazetteerWarning`).  docs/org.md records each decision.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .data import gazetteer_path, iter_data_lines
from .normalize import normalize

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
    """Central bodies: every name and alias -> entry (canonical = the official full name).

    Read by the user-gazetteer reader: shipped and user name lists share one format."""
    return _read_shipped_names("org_central.tsv")


@cache
def read_universities() -> dict[str, Entry]:
    return _read_shipped_names("org_universities.tsv", kind="university")


def _read_shipped_names(name: str, kind: str | None = None) -> dict[str, Entry]:
    path = gazetteer_path(name)
    return parse_user_gazetteer(path.read_bytes(), path, kind=kind, source="gazetteer")


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
    groups = _generic_groups()
    return (
        frozenset(groups["generic"]),
        frozenset(groups["determiner"]),
        tuple(sorted(groups["category"], key=len, reverse=True)),
    )


@cache
def _generic_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {
        c: set() for c in ("generic", "determiner", "category", "type", "word", "verb")
    }
    for word, cls in _rows("org_generic.txt", 2):
        if cls not in groups:
            raise ValueError(f"org_generic.txt: unknown class {cls!r} for {word!r}")
        groups[cls].add(word)
    return {c: frozenset(v) for c, v in groups.items()}


def read_generic_class(cls: str) -> frozenset[str]:
    """One class of ``org_generic.txt``: ``type`` (institution types, generic unless a place,
    level or owner singles one out), ``word`` (ordinary words a one-character head sits in),
    ``verb`` (verbs that end a name on the left)."""
    return _generic_groups()[cls]


@cache
def read_t2s() -> dict[str, str]:
    """Traditional → simplified one-character folds (``org_t2s.tsv``)."""
    return {t: s for t, s in _rows("org_t2s.tsv", 2)}


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
    names.update(w for w, _party in _rows("org_fields.txt", 2))
    # a suffix added by hand after the last build of org_words.tsv must not stay its own
    # blocker (the build leaves suffixes out; this keeps that true between builds)
    blockers.difference_update(read_suffixes())
    return frozenset(names), frozenset(proper), frozenset(blockers)


@cache
def read_party_fields() -> frozenset[str]:
    """Field words of party work (统战, 纪检 …): a division they name is a party body."""
    return frozenset(w for w, party in _rows("org_fields.txt", 2) if party == "party")


# -- user gazetteers ---------------------------------------------------------------------------

_ALIAS_SPLIT = re.compile(r"[|;；]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class GazetteerWarning(UserWarning):
    """A user gazetteer row that loads, but probably not as meant (a name given twice)."""


def decode_gazetteer(raw: bytes, path: Path | str) -> str:
    """The text of a user gazetteer file: UTF-8 (with or without BOM), UTF-16/32 with a BOM,
    else GB18030 (what Excel and WPS write on Chinese Windows).  An undecodable file raises
    ``ValueError`` naming the file and the line of the first bad byte."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise ValueError(f"{path}:{line}: not valid {encoding} ({exc.reason})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[: first_bad.start].count(b"\n") + 1
        raise ValueError(
            f"{path}:{line}: neither UTF-8 nor GB18030 (save the file as UTF-8)"
        ) from None


def _text_field(row: dict[str, object], key: str, where: str, *, numbers: bool = False) -> str:
    """A string field of a row ('' when absent or null); other types are refused by name."""
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # an id written as a JSON number (学校标识码 4111010459)
    raise ValueError(f"{where}: {key!r} must be a string, not {type(value).__name__}")


def _check_name(name: str, where: str, field: str) -> None:
    """A name or alias that can only ever mean itself: no single character, not digits alone."""
    folded = normalize(name)
    if len(folded) < 2:
        raise ValueError(f"{where}: {field} {name!r} is a single character; it would match "
                         "inside every word that holds it")
    if not any(ch.isalpha() for ch in folded):
        raise ValueError(f"{where}: {field} {name!r} has no letter or Han character; it would "
                         "turn numbers into ORG")


def _user_entry(
    row: dict[str, object], where: str, default_kind: str | None, source: str
) -> tuple[list[str], Entry]:
    name = _text_field(row, "name", where)
    if not name:
        raise ValueError(f"{where}: missing 'name'")
    kind = _text_field(row, "kind", where) or None
    if kind is not None and kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r} (use one of {', '.join(KINDS)})")
    canonical = _text_field(row, "canonical", where) or name
    raw_aliases = row.get("aliases")
    if raw_aliases is None:
        aliases: list[str] = []
    elif isinstance(raw_aliases, str):
        aliases = [a.strip() for a in _ALIAS_SPLIT.split(raw_aliases)]
    elif isinstance(raw_aliases, list):
        bad = [a for a in raw_aliases if not isinstance(a, str)]
        if bad:
            raise ValueError(
                f"{where}: 'aliases' must hold strings, not {type(bad[0]).__name__} ({bad[0]!r})"
            )
        aliases = [a.strip() for a in raw_aliases]
    else:
        raise ValueError(f"{where}: 'aliases' must be a string or a list of strings")
    ident = _text_field(row, "id", where, numbers=True) or None
    if kind is None:
        kind = default_kind or guess_kind(name)
    names = [name, *(a for a in aliases if a)]
    for i, n in enumerate(names):
        _check_name(n, where, "alias" if i else "name")
    return names, Entry(kind, canonical, ident, source)


def guess_kind(name: str) -> str:
    """The kind a head suffix implies (used when a user row gives none)."""
    suffixes = read_suffixes()
    for end in range(min(len(name), 12), 0, -1):
        suf = suffixes.get(name[-end:])
        if suf is not None:
            return suf.kind
    return "other"


def _jsonl_rows(text: str, path: Path) -> Iterator[tuple[str, dict[str, object]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise ValueError(f"{where}: each line must be a JSON object")
        yield where, row


def _table_rows(text: str, path: Path) -> Iterator[tuple[str, dict[str, object]]]:
    # comment and blank lines become empty lines, so csv's line numbers stay the file's
    lines = ("" if ln.lstrip().startswith("#") else ln for ln in text.splitlines(keepends=True))
    reader = csv.reader(lines, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        header: list[str] | None = None
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # blank or comment lines, before the header too
            where = f"{path}:{reader.line_num}"
            if header is None:
                header = [h.strip().lower() for h in cells]
                if "name" not in header:
                    raise ValueError(f"{where}: header row needs a 'name' column, got {header}")
                continue
            if len(cells) != len(header):
                raise ValueError(f"{where}: expected {len(header)} columns, got {len(cells)}")
            yield where, dict(zip(header, cells, strict=True))
    except csv.Error as exc:
        raise ValueError(f"{path}:{reader.line_num}: {exc}") from exc
    if header is None:
        raise ValueError(f"{path}: empty gazetteer file (no header row)")


def parse_user_gazetteer(
    raw: bytes, path: Path, *, kind: str | None = None, source: str = "gazetteer.user"
) -> dict[str, Entry]:
    """Names and aliases (as written) of one file's bytes -> entries; ``ValueError`` names
    file:line.  ``kind``: the kind of rows that give none (else guessed from the suffix).

    A name given again with a different entry keeps the later row and warns
    (:class:`GazetteerWarning`); names are compared as matched, folded (``normalize``).
    """
    text = decode_gazetteer(raw, path)
    json_lines = path.suffix.lower() in (".jsonl", ".json", ".ndjson")
    rows = _jsonl_rows(text, path) if json_lines else _table_rows(text, path)
    seen: dict[str, tuple[str, Entry]] = {}
    out: dict[str, Entry] = {}
    for where, row in rows:
        names, entry = _user_entry(row, where, kind, source)
        for n in names:
            key = normalize(n)
            old = seen.get(key)
            if old is not None and old[1] != entry:
                warnings.warn(
                    f"{where}: {n!r} is also on {old[0]}; the later row wins",
                    GazetteerWarning, stacklevel=4,
                )
            out[n] = entry
            seen[key] = (where, entry)
    return out


def load_user_gazetteer(path: Path) -> dict[str, Entry]:
    """Names and aliases of one user file -> entries; raises ``ValueError`` naming file:line."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gazetteer: {exc}") from exc
    return parse_user_gazetteer(raw, Path(path))


@dataclass(frozen=True, eq=False)
class UserGazetteers:
    """The user gazetteers of one ``Extractor``, read once when it is built.

    Worker processes get this snapshot (it pickles with the ``Config``), never the paths, so a
    file edited after the ``Extractor`` was built cannot make ``pipe(n_process=…)`` differ
    from a serial run.  ``entries``: folded name or alias -> entry, later files overriding
    earlier ones.
    """

    paths: tuple[Path, ...]
    entries: dict[str, Entry] = field(repr=False)
    #: recognizers built from these entries (``"org"``), built once per process; workers
    #: started by ``fork`` inherit them
    built: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        # the built recognizers stay behind: unpickling their automata costs about as much
        # as rebuilding them (benchmarks/org_gazetteer_cost.py) and would multiply the pickle
        # size by ~15; fork-started workers share them instead (Extractor.pipe)
        return {"paths": self.paths, "entries": self.entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "paths", state["paths"])
        object.__setattr__(self, "entries", state["entries"])
        object.__setattr__(self, "built", {})

    @classmethod
    def load(cls, paths: Iterable[Path]) -> UserGazetteers:
        paths = tuple(paths)
        entries: dict[str, Entry] = {}
        for path in paths:
            entries.update(load_user_gazetteer(path))
        return cls(paths, entries)


GRAMMAR_ROLES = (
    "prefix", "national", "lab_verb", "need_owner", "level_word", "autonomous", "own_unit",
    "unit_head", "unit_owner", "own_signal", "category_before",
    "school_category", "designated_team", "field_short",
)


@cache
def read_grammar_words() -> dict[str, tuple[str, ...]]:
    """role -> words (file order) of ``org_grammar.tsv``: the walk's closed word lists."""
    out: dict[str, list[str]] = {role: [] for role in GRAMMAR_ROLES}
    for word, role in _rows("org_grammar.tsv", 2):
        if role not in out:
            raise ValueError(f"org_grammar.tsv: unknown role {role!r} for {word!r}")
        out[role].append(word)
    return {role: tuple(words) for role, words in out.items()}
