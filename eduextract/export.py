"""Writing spans for other tools, and reading them back.

One module on purpose, not one per format: the six formats share the offset conversion
(:func:`to_unit`/:func:`from_unit`), the :class:`Record` type and the row shape of
:data:`TABLE_COLUMNS`, and each writer sits next to its reader so a change to one is seen
with the other (the round-trip tests import them in pairs).  Split by format, every module
would import the same private helpers from a seventh.

Every format has a writer and a reader, and the tests round-trip each of them:

========================  ==============================================  ====================
format                    what it is for                                  carries values
========================  ==============================================  ====================
JSONL                     one span per line (ANNOTATION.md + ``file``)      yes
BRAT standoff             ``.ann`` files for the brat annotation tool       yes (``#`` notes)
CoNLL BIO                 one character per line, B-/I-/O tags            no
Label Studio              pre-annotation tasks (``predictions``)          yes (per-region text)
TSV table                 spreadsheets, ``column -t``, the CLI's table    yes
pandas DataFrame          analysis (``pip install eduextract[pandas]``)   yes
========================  ==============================================  ====================

Offsets are code points by default.  JSONL, the table, Label Studio and the DataFrame can carry
UTF-16 code units or UTF-8 bytes instead (``offsets=``); their readers need the document text
to map those back.  Label Studio's front end is JavaScript and counts UTF-16 units (its regions
shift after astral characters when given code points), so its default is ``"utf16"``.  BRAT
(written in Python) and the per-character CoNLL format are always in code points.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .span import LABELS, OFFSET_UNITS, Span

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FORMATS: tuple[str, ...] = ("jsonl", "brat", "conll", "labelstudio", "table")


@dataclass(frozen=True)
class Record:
    """One document with its spans; ``name`` is a file name or any identifier.

    ``origin`` is where ``text`` starts inside a longer document, in the unit the offsets are
    written in (the command line streams large files as pieces); the offset-carrying writers
    (JSONL, table, Label Studio, DataFrame) add it to every start and end.
    """

    text: str
    spans: tuple[Span, ...] = ()
    name: str = ""
    origin: int = 0

    @classmethod
    def of(cls, text: str, spans: Iterable[Span], name: str = "", origin: int = 0) -> Record:
        return cls(text, tuple(sorted(spans, key=lambda s: (s.start, s.end))), name, origin)


# -- offsets ---------------------------------------------------------------------------------

_WIDTH = {"utf16": 2, "utf8": 1}
_CODEC = {"utf16": "utf-16-le", "utf8": "utf-8"}


def _check_unit(unit: str) -> None:
    if unit not in OFFSET_UNITS:
        raise ValueError(f"unknown offset unit {unit!r}; use one of {', '.join(OFFSET_UNITS)}")


def to_unit(document: str, indices: Iterable[int], unit: str) -> dict[int, int]:
    """Code-point indices of ``document`` in ``unit``, all in one pass over the text.

    Same numbers as :meth:`Span.offsets`, which converts one span at a time and so costs a
    pass over the prefix per span; a long document with thousands of spans needs this.
    """
    _check_unit(unit)
    wanted = sorted(set(indices))
    if unit == "codepoint":
        return {i: i for i in wanted}
    codec, width = _CODEC[unit], _WIDTH[unit]
    out: dict[int, int] = {}
    prev, acc = 0, 0
    for index in wanted:
        acc += len(document[prev:index].encode(codec, "surrogatepass")) // width
        out[index] = acc
        prev = index
    return out


def from_unit(document: str, indices: Iterable[int], unit: str) -> dict[int, int]:
    """The inverse of :func:`to_unit`; an offset inside a character raises ``ValueError``."""
    _check_unit(unit)
    wanted = sorted(set(indices))
    if unit == "codepoint":
        return {i: i for i in wanted}
    codec, width = _CODEC[unit], _WIDTH[unit]
    data = document.encode(codec, "surrogatepass")
    out: dict[int, int] = {}
    prev, acc = 0, 0
    for index in wanted:
        if index * width > len(data):
            raise ValueError(f"{unit} offset {index} is past the end of the document")
        try:
            chunk = data[prev * width : index * width].decode(codec, "surrogatepass")
        except UnicodeDecodeError:
            chunk = None
        # half a surrogate pair decodes (as a lone surrogate) but is not the document's text
        if chunk is None or document[acc : acc + len(chunk)] != chunk:
            raise ValueError(f"{unit} offset {index} falls inside a character")
        acc += len(chunk)
        out[index] = acc
        prev = index
    return out


def _spans_in_unit(record: Record, unit: str) -> Iterator[tuple[Span, int, int]]:
    table = to_unit(record.text, (o for s in record.spans for o in (s.start, s.end)), unit)
    base = record.origin
    for span in record.spans:
        yield span, base + table[span.start], base + table[span.end]


def _rebuild(text: str, rows: Sequence[Mapping[str, Any]], unit: str) -> list[Span]:
    """Spans of ``text`` from rows holding ``start``/``end`` in ``unit``."""
    table = from_unit(text, (int(r[k]) for r in rows for k in ("start", "end")), unit)
    spans = []
    for row in rows:
        start, end = table[int(row["start"])], table[int(row["end"])]
        span = Span(start, end, str(row["label"]), text[start:end], row.get("value"),
                    str(row.get("source") or ""))
        if "text" in row and row["text"] != span.text:
            raise ValueError(f"span text {row['text']!r} does not match the document at "
                             f"{row['start']}..{row['end']} ({unit})")
        spans.append(span)
    return spans


# -- JSONL ------------------------------------------------------------------------------------


def jsonl_rows(record: Record, offsets: str = "codepoint") -> Iterator[dict[str, Any]]:
    """ANNOTATION.md objects (plus ``source``, and ``file`` when the record has a name)."""
    for span, start, end in _spans_in_unit(record, offsets):
        row: dict[str, Any] = {"file": record.name} if record.name else {}
        row.update(span.to_dict())
        row["start"], row["end"] = start, end
        yield row


def write_jsonl(records: Iterable[Record], offsets: str = "codepoint") -> Iterator[str]:
    """One JSON line (with its newline) per span."""
    for record in records:
        for row in jsonl_rows(record, offsets):
            yield json.dumps(row, ensure_ascii=False) + "\n"


def json_lines(lines: Iterable[str], where: str = "line ") -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` of each non-blank JSON line; a line that is not JSON is a
    ``ValueError`` naming it as ``where`` + its number (``line 3``, ``scores.jsonl:3``)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}{number}: not JSON: {exc}") from None
        yield number, value


def read_jsonl(
    lines: Iterable[str],
    texts: Mapping[str, str] | None = None,
    offsets: str = "codepoint",
) -> dict[str, list[Span]]:
    """Spans per ``file`` ("" when rows carry none).

    Code-point rows rebuild from their own ``text``; other units need ``texts[file]``.
    """
    grouped: dict[str, list[dict[str, Any]]] = {}
    for _, row in json_lines(lines):
        grouped.setdefault(str(row.get("file", "")), []).append(row)
    out: dict[str, list[Span]] = {}
    for name, rows in grouped.items():
        if offsets == "codepoint" and (texts is None or name not in texts):
            out[name] = [
                Span(int(r["start"]), int(r["end"]), r["label"], r["text"], r.get("value"),
                     r.get("source") or "")
                for r in rows
            ]
        else:
            if texts is None or name not in texts:
                raise ValueError(f"{offsets} offsets need the text of {name or 'the document'!r}")
            out[name] = _rebuild(texts[name], rows, offsets)
    return out


# -- BRAT standoff ----------------------------------------------------------------------------


#: runs of characters that stay on one line whatever line-splitting a reader uses
_LINE_PIECE = re.compile("[^\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def brat_ann(record: Record) -> str:
    """The ``.ann`` file for ``record.text`` saved as the matching ``.txt`` (UTF-8).

    A span that crosses a line break becomes a discontinuous brat span (one fragment per
    line, line-break characters left out), as brat requires.  The value is an
    ``AnnotatorNotes`` line holding its JSON.
    """
    lines = []
    for n, span in enumerate(record.spans, start=1):
        fragments = [m.span() for m in _LINE_PIECE.finditer(record.text, span.start, span.end)]
        ranges = ";".join(f"{a} {b}" for a, b in fragments)
        shown = " ".join(record.text[a:b] for a, b in fragments)
        lines.append(f"T{n}\t{span.label} {ranges}\t{shown}")
        if span.value is not None:
            note = json.dumps(span.value, ensure_ascii=False)
            lines.append(f"#{n}\tAnnotatorNotes T{n}\t{note}")
    return "".join(line + "\n" for line in lines)


def brat_conf(labels: Iterable[str] = LABELS) -> str:
    """A minimal ``annotation.conf`` declaring the labels as entity types."""
    return "[entities]\n" + "".join(f"{label}\n" for label in labels) + (
        "[relations]\n[events]\n[attributes]\n"
    )


_BRAT_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_BRAT_NOTE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")


def read_brat(text: str, ann: str) -> list[Span]:
    """Text-bound annotations of a ``.ann`` file as spans of ``text``.

    Relations, events and attributes are ignored.  A note that is not JSON (typed by a person
    in brat) is kept as a string value.
    """
    found: dict[str, tuple[int, int, str]] = {}
    notes: dict[str, Any] = {}
    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if match := _BRAT_T.match(line):
            numbers = [int(x) for x in re.split(r"[ ;]", match.group(3))]
            start, end = numbers[0], numbers[-1]
            if not 0 <= start < end <= len(text):
                raise ValueError(f".ann line {number}: offsets {start} {end} outside the text")
            found[match.group(1)] = (start, end, match.group(2))
        elif match := _BRAT_NOTE.match(line):
            try:
                notes[match.group(1)] = json.loads(match.group(2))
            except json.JSONDecodeError:
                notes[match.group(1)] = match.group(2)
    spans = [Span(s, e, label, text[s:e], notes.get(tid)) for tid, (s, e, label) in found.items()]
    return sorted(spans, key=lambda s: (s.start, s.end))


# -- CoNLL BIO per character ------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isspace() or not char.isprintable():
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    return char


def _unescape_char(cell: str) -> str:
    if len(cell) == 1:
        return cell
    for char, escaped in _ESCAPES.items():
        if cell == escaped:
            return char
    if cell.startswith(("\\u", "\\U")):
        return chr(int(cell[2:], 16))
    raise ValueError(f"not a character: {cell!r}")


def write_conll(records: Iterable[Record]) -> Iterator[str]:
    """``# doc = NAME``, then ``CHAR<TAB>TAG`` per code point, then a blank line per document.

    Whitespace and control characters are written escaped (``\\u3000``, ``\\n``) so each line
    has exactly two columns and the text comes back exactly.
    """
    for record in records:
        tags = ["O"] * len(record.text)
        last_end = 0
        for span in record.spans:
            if span.start < last_end:
                raise ValueError(f"BIO cannot hold overlapping spans: {span!r}")
            tags[span.start] = f"B-{span.label}"
            for i in range(span.start + 1, span.end):
                tags[i] = f"I-{span.label}"
            last_end = span.end
        yield f"# doc = {_escape_name(record.name)}\n"
        for char, tag in zip(record.text, tags, strict=True):
            yield f"{_escape_char(char)}\t{tag}\n"
        yield "\n"


def _escape_name(name: str) -> str:
    return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unescape_name(name: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), name)


def read_conll(lines: Iterable[str]) -> list[Record]:
    """Documents of :func:`write_conll` output (values are not part of the format).

    A ``# doc = NAME`` line or a blank line ends the document before it.
    """
    records: list[Record] = []
    name: str | None = None
    chars: list[str] = []
    tags: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        cells = line.split("\t")
        header = line.startswith("# doc = ") and len(cells) == 1
        if (header or not line.strip()) and name is not None:
            text = "".join(chars)
            records.append(Record.of(text, _bio_spans(text, tags), name))
            name, chars, tags = None, [], []
        if header:
            name = _unescape_name(line[len("# doc = "):])
        elif len(cells) == 2:
            chars.append(_unescape_char(cells[0]))
            tags.append(cells[1])
            name = "" if name is None else name
        elif line.strip():
            raise ValueError(f"CoNLL line {number}: expected CHAR<TAB>TAG, got {line!r}")
    if name is not None:
        text = "".join(chars)
        records.append(Record.of(text, _bio_spans(text, tags), name))
    return records


def _bio_spans(text: str, tags: Sequence[str]) -> list[Span]:
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and label == tag[2:] and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append(Span(start, i, label, text[start:i]))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):  # a stray I- opens a span, as conlleval does
            start, label = i, tag[2:]
        elif tag != "O":
            raise ValueError(f"not a BIO tag: {tag!r}")
    return spans


# -- Label Studio -----------------------------------------------------------------------------


def label_studio_config(labels: Iterable[str] = LABELS) -> str:
    """A labeling config matching :func:`label_studio_tasks` (labels + per-region value)."""
    from .render import COLOURS

    items = "".join(
        f'    <Label value="{label}" background="{COLOURS.get(label, "#dddddd")}"/>\n'
        for label in labels
    )
    return (
        "<View>\n"
        f'  <Labels name="label" toName="text">\n{items}  </Labels>\n'
        '  <Text name="text" value="$text"/>\n'
        '  <TextArea name="value" toName="text" perRegion="true" editable="true"/>\n'
        "</View>\n"
    )


def label_studio_tasks(
    records: Iterable[Record], offsets: str = "utf16", model_version: str = ""
) -> list[dict[str, Any]]:
    """Tasks with ``predictions`` for import into Label Studio.

    Each span is a ``labels`` region (its rule name as the region's meta text); its value
    (JSON) is a per-region ``textarea`` result with the same id, which Label Studio shows next
    to the region and lets annotators correct.
    """
    if not model_version:
        from . import __version__

        model_version = f"eduextract-{__version__}"
    tasks = []
    for record in records:
        results: list[dict[str, Any]] = []
        for n, (span, start, end) in enumerate(_spans_in_unit(record, offsets), start=1):
            region = {"start": start, "end": end, "text": span.text}
            rid = f"edx{n}"
            results.append({"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                            "value": {**region, "labels": [span.label]},
                            "meta": {"text": [span.source]}})
            if span.value is not None:
                results.append({"id": rid, "from_name": "value", "to_name": "text",
                                "type": "textarea",
                                "value": {**region,
                                          "text": [json.dumps(span.value, ensure_ascii=False)]}})
        data = {"text": record.text}
        if record.name:
            data["file"] = record.name
        tasks.append({"data": data,
                      "predictions": [{"model_version": model_version, "result": results}]})
    return tasks


def read_label_studio(tasks: Iterable[Mapping[str, Any]], offsets: str = "utf16") -> list[Record]:
    """Records from tasks, preferring people's ``annotations`` over ``predictions``."""
    records = []
    for task in tasks:
        data = task.get("data", {})
        text = data.get("text", "")
        chosen = task.get("annotations") or task.get("predictions") or []
        results = chosen[0].get("result", []) if chosen else []
        values: dict[str, Any] = {}
        for r in results:
            if r.get("type") == "textarea" and r["value"].get("text"):
                raw = r["value"]["text"][0]
                try:
                    values[r["id"]] = json.loads(raw)
                except json.JSONDecodeError:
                    values[r["id"]] = raw
        rows = [
            {"start": r["value"]["start"], "end": r["value"]["end"],
             "label": r["value"]["labels"][0], "value": values.get(r.get("id", "")),
             "source": ((r.get("meta") or {}).get("text") or [""])[0]}
            for r in results
            if r.get("type") == "labels"
        ]
        records.append(Record.of(text, _rebuild(text, rows, offsets), str(data.get("file", ""))))
    return records


# -- TSV table --------------------------------------------------------------------------------

TABLE_COLUMNS: tuple[str, ...] = ("file", "start", "end", "label", "text", "value", "source")


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def _uncell(cell: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1),
                                                                           m.group(1)), cell)


def write_table(records: Iterable[Record], offsets: str = "codepoint") -> Iterator[str]:
    """A header line, then one tab-separated row per span (value as JSON)."""
    yield "\t".join(TABLE_COLUMNS) + "\n"
    for record in records:
        for span, start, end in _spans_in_unit(record, offsets):
            cells = (record.name, str(start), str(end), span.label, span.text,
                     json.dumps(span.value, ensure_ascii=False), span.source)
            yield "\t".join(_cell(c) for c in cells) + "\n"


def read_table(
    lines: Iterable[str], texts: Mapping[str, str] | None = None, offsets: str = "codepoint"
) -> dict[str, list[Span]]:
    rows = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if number == 1 or not line:
            continue
        cells = [_uncell(c) for c in line.split("\t")]
        if len(cells) != len(TABLE_COLUMNS):
            raise ValueError(f"table line {number}: expected {len(TABLE_COLUMNS)} columns")
        row = dict(zip(TABLE_COLUMNS, cells, strict=True))
        row["value"] = json.loads(row["value"])
        rows.append(json.dumps(row, ensure_ascii=False))
    return read_jsonl(rows, texts, offsets)


# -- pandas -----------------------------------------------------------------------------------


def to_dataframe(records: Iterable[Record], offsets: str = "codepoint") -> pd.DataFrame:
    """One row per span with the columns of :data:`TABLE_COLUMNS` (value as Python object)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'eduextract[pandas]'") from None
    rows = [
        (record.name, start, end, span.label, span.text, span.value, span.source)
        for record in records
        for span, start, end in _spans_in_unit(record, offsets)
    ]
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return frame.astype({"start": "int64", "end": "int64"})


def from_dataframe(
    frame: pd.DataFrame, texts: Mapping[str, str] | None = None, offsets: str = "codepoint"
) -> dict[str, list[Span]]:
    """Spans per file from a frame shaped like :func:`to_dataframe`'s."""
    rows = [
        json.dumps({k: (int(v) if k in ("start", "end") else v) for k, v in row.items()},
                   ensure_ascii=False)
        for row in frame[list(TABLE_COLUMNS)].to_dict("records")
    ]
    return read_jsonl(rows, texts, offsets)


__all__ = [
    "FORMATS",
    "TABLE_COLUMNS",
    "Record",
    "brat_ann",
    "brat_conf",
    "from_dataframe",
    "from_unit",
    "label_studio_config",
    "label_studio_tasks",
    "read_brat",
    "read_conll",
    "read_jsonl",
    "read_label_studio",
    "read_table",
    "to_dataframe",
    "to_unit",
    "write_conll",
    "write_jsonl",
    "write_table",
]
