"""Facts and citations as rows: JSON lines and CSV for the command line and notebooks.

One row per fact or citation, with the document name and offsets in the unit asked for
(code points, UTF-16 units or UTF-8 bytes), so a row can be traced back to its text.  The
rows are built from the spans of the record's one extraction.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .citation import citations_from_spans
from .export import Record
from .fact import ROW_COLUMNS, facts_from_spans
from .span import OFFSET_UNITS, convert_offset

#: the offset columns of a fact row, converted together
_FACT_OFFSETS = (("subject_start", "subject_end"), ("start", "end"))

CITATION_COLUMNS: tuple[str, ...] = (
    "title", "title_start", "title_end", "docno", "docno_start", "docno_end",
    "issuer", "issuer_source", "year",
)  # fmt: skip


def _unit(offsets: str) -> str:
    if offsets not in OFFSET_UNITS:
        raise ValueError(f"unknown offset unit {offsets!r}; use one of {', '.join(OFFSET_UNITS)}")
    return offsets


def fact_rows(record: Record, offsets: str = "codepoint") -> Iterator[dict[str, Any]]:
    unit = _unit(offsets)
    for fact in facts_from_spans(record.text, record.spans):
        row: dict[str, Any] = {"document": record.name, **fact.to_row()}
        for pair in _FACT_OFFSETS:
            for key in pair:
                if row[key] is not None:
                    row[key] = convert_offset(record.text, row[key], unit)
        yield row


def citation_rows(record: Record, offsets: str = "codepoint") -> Iterator[dict[str, Any]]:
    unit = _unit(offsets)
    for c in citations_from_spans(record.text, record.spans):
        row: dict[str, Any] = {"document": record.name}
        for name, part in (("title", c.title), ("docno", c.docno)):
            row[name] = part.text if part else None
            row[f"{name}_start"] = convert_offset(record.text, part.start, unit) if part else None
            row[f"{name}_end"] = convert_offset(record.text, part.end, unit) if part else None
        row.update(issuer=c.issuer, issuer_source=c.issuer_source, year=c.year)
        yield row


def write_rows_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def write_rows_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    """CSV with a header row; the header is written even when there are no rows."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=("document", *columns), lineterminator="\n")
    writer.writeheader()
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        yield buf.getvalue()


def write_facts(records: Iterable[Record], offsets: str, fmt: str) -> Iterator[str]:
    rows = (row for record in records for row in fact_rows(record, offsets))
    if fmt == "csv":
        return write_rows_csv(rows, ROW_COLUMNS)
    return write_rows_jsonl(rows)


def write_citations(records: Iterable[Record], offsets: str, fmt: str) -> Iterator[str]:
    rows = (row for record in records for row in citation_rows(record, offsets))
    if fmt == "csv":
        return write_rows_csv(rows, CITATION_COLUMNS)
    return write_rows_jsonl(rows)
