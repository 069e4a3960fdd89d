"""Build the real development corpus (``tests/data/real/batchNN.jsonl``) from its markup.

Each batch is a marked-up source ``tests/data/real/batchNN.src.txt`` in the markup of
``scripts/build_heldout.py`` (``[[LABEL:text|value]]``), with a three-field header per document::

    === r01-003 | notice | https://www.moe.gov.cn/srcsite/A06/s3321/201905/t20190524_383118.html

The fields are the document id (``rBB-NNN``), its kind (see ``KINDS``) and its source (a URL, or
``github:owner/repo:path@commit``).  The exact text of every document, as copied from its source
by a script and never retyped, is kept in ``tests/data/real/raw/<id>.txt``; the build refuses a
document whose markup-stripped text differs from that file by even one character, so the markup
can never silently change the text the offsets refer to.

    python scripts/build_real.py            # rebuild every batch
    python scripts/build_real.py --check    # exit 1 if a shipped JSONL is stale or a text differs
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import build_heldout as markup  # noqa: E402  (the [[LABEL:text|value]] markup)
from scripts._annotation import blocks, check_offsets, render  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"

KINDS = {
    "notice",  # central or provincial notice (印发…的通知), usually with a document number
    "law",  # law, administrative or local regulation, rules (第N条, penalty clauses)
    "statistics",  # statistics bulletin (统计公报) or statistical release
    "budget",  # department budget or final accounts (预算/决算), classification codes
    "aid",  # student financial aid report or notice
    "enrolment",  # enrolment plan, admissions rules or results
    "procurement",  # procurement, tender or award notice
    "university",  # university news or announcement
    "inspection",  # inspection, supervision or rectification report
    "news",  # wire copy or newspaper text
    "county",  # county- or district-level report or notice
    "webpage",  # a web page with navigation and footer left in
    "table",  # a table flattened to text
    "hkmotw",  # Hong Kong, Macao or Taiwan education text (traditional script)
}


def build(src: Path) -> list[dict[str, Any]]:
    """Documents of one batch; raises ValueError naming the document on any inconsistency."""
    batch = src.name.removesuffix(".src.txt")
    docs: list[dict[str, Any]] = []
    for header, lines in blocks(src, comments_inside=False):
        fields = [f.strip() for f in header.split("|", 2)]
        if len(fields) != 3:
            raise ValueError(f"{src.name}: header needs 'id | kind | source': {'=== ' + header!r}")
        ident, kind, source = fields
        if kind not in KINDS:
            raise ValueError(f"{src.name}: {ident}: unknown kind {kind!r}")
        try:
            text, spans = markup.parse_passage("\n".join(lines).strip("\n"))
        except ValueError as exc:
            raise ValueError(f"{src.name}: {ident}: {exc}") from None
        raw_path = REAL / "raw" / f"{ident}.txt"
        if not raw_path.is_file():
            raise ValueError(f"{src.name}: {ident}: no raw text {raw_path.relative_to(ROOT)}")
        raw = raw_path.read_text(encoding="utf-8").strip("\n")
        if raw != text:
            at = next(
                (i for i, (a, b) in enumerate(zip(raw, text, strict=False)) if a != b),
                min(len(raw), len(text)),
            )
            raise ValueError(
                f"{src.name}: {ident}: markup text differs from raw at {at}: "
                f"raw {raw[at - 10 : at + 10]!r} markup {text[at - 10 : at + 10]!r}"
            )
        check_offsets(text, spans)
        docs.append(
            {"id": ident, "batch": batch, "kind": kind, "source": source, "text": text,
             "spans": spans}
        )
    ids = [d["id"] for d in docs]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{src.name}: duplicate document ids")
    return docs


def sources() -> list[Path]:
    return sorted(REAL.glob("batch*.src.txt"))


def main(argv: list[str]) -> int:
    stale = 0
    for src in sources():
        docs = build(src)
        out = src.with_name(src.name.removesuffix(".src.txt") + ".jsonl")
        rendered = render(docs)
        n = sum(len(d["spans"]) for d in docs)
        if "--check" in argv:
            if not out.is_file() or out.read_text(encoding="utf-8") != rendered:
                print(f"stale: {out.relative_to(ROOT)}", file=sys.stderr)
                stale += 1
            continue
        out.write_text(rendered, encoding="utf-8")
        print(f"{len(docs)} documents, {n} spans -> {out.relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
