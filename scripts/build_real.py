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

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
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


def _markup_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_heldout", ROOT / "scripts" / "build_heldout.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(src: Path) -> list[dict[str, Any]]:
    """Documents of one batch; raises ValueError naming the document on any inconsistency."""
    markup = _markup_module()
    batch = src.name.removesuffix(".src.txt")
    docs: list[dict[str, Any]] = []
    header: list[str] | None = None
    lines: list[str] = []

    def flush() -> None:
        if header is None:
            return
        ident, kind, source = header
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
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"]
        docs.append(
            {"id": ident, "batch": batch, "kind": kind, "source": source, "text": text,
             "spans": spans}
        )

    for line in src.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and header is None:
            continue
        if line.startswith("=== "):
            flush()
            fields = [f.strip() for f in line[4:].split("|", 2)]
            if len(fields) != 3:
                raise ValueError(f"{src.name}: header needs 'id | kind | source': {line!r}")
            header = fields
            lines = []
        else:
            lines.append(line)
    flush()
    ids = [d["id"] for d in docs]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{src.name}: duplicate document ids")
    return docs


def sources() -> list[Path]:
    return sorted(REAL.glob("batch*.src.txt"))


def main(argv: list[str]) -> int:
    markup = _markup_module()
    stale = 0
    for src in sources():
        docs = build(src)
        out = src.with_name(src.name.removesuffix(".src.txt") + ".jsonl")
        rendered = markup.render(docs)
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
