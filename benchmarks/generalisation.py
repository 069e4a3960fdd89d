"""The generalisation table: each real batch's blind score, and its score after fixes.

    python -m benchmarks.generalisation               # print the table
    python -m benchmarks.generalisation --write-docs  # rewrite its block in docs/benchmarks.md
    python -m benchmarks --generalisation             # the same, from the main CLI

Built only from ``tests/data/real/scores.jsonl`` (written by ``scripts/score_real.py``) and the
batch files, so it can be rerun at any time for whatever batches exist.  The blind score is the
honest estimate of how the library does on documents nobody tuned it to; the after-fix score
shows what was learned from the batch.  When a batch has several lines of one mode, the first
blind line (the protocol never rewrites it) and the latest after-fix line are shown.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eduextract.export import json_lines

from .probe import ROOT
from .report import replace_block
from .scoring import ALL_LABELS

REAL = ROOT / "tests" / "data" / "real"
SCORES = REAL / "scores.jsonl"
DOCS_PAGE = ROOT / "docs" / "benchmarks.md"
BLOCK = "generalisation"
BEGIN, END = f"<!-- BEGIN {BLOCK} -->", f"<!-- END {BLOCK} -->"
DASH = "—"


def load_scores(path: Path = SCORES) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    out = []
    for n, rec in json_lines(path.read_text(encoding="utf-8").splitlines(), f"{path}:"):
        if not isinstance(rec, dict) or "batches" not in rec or "mode" not in rec:
            raise ValueError(f"{path}:{n}: a score line needs 'batches' and 'mode'")
        out.append(rec)
    return out


def batch_sizes(real: Path = REAL) -> dict[str, tuple[int, int]]:
    """``batch -> (documents, spans)`` from the batch files that exist."""
    sizes = {}
    for path in sorted(real.glob("batch[0-9]*.jsonl")):
        docs = [doc for _, doc in json_lines(path.read_text(encoding="utf-8").splitlines())]
        sizes[path.stem] = (len(docs), sum(len(d["spans"]) for d in docs))
    return sizes


def rows(scores: Sequence[dict[str, Any]], sizes: dict[str, tuple[int, int]]) -> list[dict]:
    """One row per batch (or per group of batches scored together), in batch order."""
    by_key: dict[str, dict[str, Any]] = {}
    for rec in scores:
        key = "+".join(rec["batches"])
        row = by_key.setdefault(key, {"batch": key, "blind": None, "after": None})
        if rec["mode"] == "blind":
            if row["blind"] is None:
                row["blind"] = rec
        elif rec["mode"] == "after":
            row["after"] = rec
    for batch in sizes:
        by_key.setdefault(batch, {"batch": batch, "blind": None, "after": None})
    out = []
    for key in sorted(by_key):
        row = by_key[key]
        parts = key.split("+")
        known = [sizes[b] for b in parts if b in sizes]
        row["docs"] = sum(d for d, _ in known) if len(known) == len(parts) else None
        row["spans"] = sum(s for _, s in known) if len(known) == len(parts) else None
        if row["docs"] is None and row["blind"]:  # batch not on this branch: use its record
            rec = row["blind"]
            row["docs"] = rec.get("docs")
            counted = [rec[x]["n"] for x in ALL_LABELS if isinstance(rec.get(x), dict)]
            row["spans"] = sum(counted) if counted else None
        out.append(row)
    return out


def _f1(rec: dict[str, Any] | None, label: str) -> str:
    if not rec or not isinstance(rec.get(label), dict):
        return DASH
    cell = rec[label]
    if not cell.get("n") and label != "micro":
        return DASH  # no gold of that label in the batch: an F1 would say nothing
    return f"{cell['f1']:.3f}"


def markdown(table_rows: Sequence[dict[str, Any]]) -> str:
    header = ["batch", "documents", "spans", "blind micro F1", *ALL_LABELS, "after-fix micro F1"]
    lines = [
        "### Generalisation: real batches scored blind",
        "",
        "Each batch of `tests/data/real/` is scored by `scripts/score_real.py --record blind` "
        "with the library as it was before any change made for that batch; after fixes, "
        "`--record after` adds the second score. Strict F1; micro over the six core labels "
        f"(DATE apart); per-label columns are blind; {DASH}: no gold of that label, or not "
        "scored yet. Generated from `tests/data/real/scores.jsonl` by "
        "`python -m benchmarks.generalisation --write-docs`. A row `a+b` scores batches "
        "together; its commit is the library it was scored with (the first blind line of a "
        "batch or group is kept, never rewritten).",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for r in table_rows:
        blind = r["blind"]
        commit = f" (`{blind['commit']}`)" if blind and blind.get("commit") else ""
        cells = [
            f"{r['batch']}{commit}",
            DASH if r["docs"] is None else str(r["docs"]),
            DASH if r["spans"] is None else str(r["spans"]),
            _f1(blind, "micro"),
            *(_f1(blind, label) for label in ALL_LABELS),
            _f1(r["after"], "micro"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rewrite_block(page: str, body: str) -> str:
    """``page`` with its generalisation block replaced, or the block appended if absent."""
    return replace_block(page, BLOCK, f"{BEGIN}\n{body}\n{END}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generalisation", description=__doc__)
    ap.add_argument("--scores", type=Path, default=SCORES)
    ap.add_argument("--real", type=Path, default=REAL, help="folder of batchNN.jsonl")
    ap.add_argument("--docs", type=Path, default=DOCS_PAGE, help="page holding the block")
    ap.add_argument("--write-docs", action="store_true", help="rewrite the block in --docs")
    args = ap.parse_args(argv)
    body = markdown(rows(load_scores(args.scores), batch_sizes(args.real)))
    print(body)
    if args.write_docs:
        page = args.docs.read_text(encoding="utf-8") if args.docs.is_file() else ""
        args.docs.write_text(rewrite_block(page, body), encoding="utf-8")
        print(f"rewrote the {BLOCK} block of {args.docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
