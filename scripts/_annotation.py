"""What the gold builders share: the ``=== header`` block file, spans of raw text, JSONL out.

``build_citation_gold.py``, ``build_facts_gold.py``, ``build_heldout.py`` and ``build_real.py``
each read a hand-written file of documents that start with a ``=== …`` header line, compute
offsets into a text copied from its source, and write JSONL that a test compares with a fresh
build.  The reading, the offset check and the writing are the same in all four, so they live
here once; what a header or a body line means stays in each builder.  Import it as
``scripts._annotation`` with the repository root on ``sys.path`` (``scripts/`` is a namespace
package, not an installed one).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def blocks(
    path: Path, *, strip: bool = False, comments_inside: bool = True
) -> Iterator[tuple[str, list[str]]]:
    """``(header, lines)`` for each ``=== header`` block of ``path``, header without ``=== ``.

    Lines starting with ``#`` are comments; with ``comments_inside=False`` only before the
    first header (a document's own text may start a line with ``#``).  ``strip=True`` strips
    every line and drops the blank ones.
    """
    header: str | None = None
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip() if strip else raw
        if strip and not line:
            continue
        if line.startswith("#") and (comments_inside or header is None):
            continue
        if line.startswith("=== "):
            if header is not None:
                yield header, lines
            header, lines = line[4:], []
        else:
            lines.append(line)
    if header is not None:
        yield header, lines


def part(start: int, s: str) -> dict[str, Any]:
    """The JSON of a piece of text found at ``start``."""
    return {"start": start, "end": start + len(s), "text": s}


def check_offsets(text: str, parts: Iterable[dict[str, Any] | None]) -> None:
    """Every part's offsets slice out its text (None: an absent part)."""
    for p in parts:
        if p is not None:
            assert text[p["start"] : p["end"]] == p["text"], p


def render(docs: list[dict[str, Any]]) -> str:
    """One JSON document per line, non-ASCII kept as written."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def write_or_check(out: Path, docs: list[dict[str, Any]], argv: list[str], counted: str) -> None:
    """Write ``docs`` to ``out`` as JSONL and report how many documents and ``counted`` items
    (a per-document list) it holds; with ``--check`` in ``argv`` only exit 1 if it differs."""
    rendered = render(docs)
    if "--check" in argv:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        sys.exit(0 if current == rendered else 1)
    out.write_text(rendered, encoding="utf-8")
    n = sum(len(d[counted]) for d in docs)
    print(f"{len(docs)} documents, {n} {counted} -> {out.relative_to(ROOT)}", file=sys.stderr)
