"""Build tests/data/citations/gold.jsonl from the hand annotation ``gold.ann.txt``.

The annotation names each citation by its exact strings (``T title``, ``P title = docno``,
``N docno``, in text order; ``S title`` skips a 《title》 that is no citation); this script
finds them in the raw text (``raw/<id>.txt``, copied by ``scripts/copy_law_excerpts.py`` or
from the development seeds) and computes the offsets, so no
offset is ever typed by hand.  A string that cannot be found after the previous citation is an
error naming the document.  Sources come from ``sources.tsv`` (``id<TAB>source``).

    python scripts/build_citation_gold.py            # rebuild
    python scripts/build_citation_gold.py --check    # exit 1 if gold.jsonl is stale
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts._annotation import blocks, check_offsets, part, write_or_check  # noqa: E402

DIR = ROOT / "tests" / "data" / "citations"
#: how far a linked number may stand from its title (brackets and glue words between)
NEAR = 12


def _find(text: str, needle: str, cursor: int, ident: str) -> int:
    at = text.find(needle, cursor)
    if at < 0:
        raise ValueError(f"{ident}: {needle!r} not found after offset {cursor}")
    return at


def parse_block(ident: str, text: str, lines: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = 0
    for line in lines:
        kind, _, rest = line.partition(" ")
        title = docno = None
        if kind == "S":  # an occurrence that is no citation (a short name being defined)
            cursor = _find(text, "《" + rest + "》", cursor, ident) + len(rest) + 2
            continue
        if kind == "T":
            at = _find(text, "《" + rest + "》", cursor, ident) + 1
            title = part(at, rest)
            cursor = at + len(rest)
        elif kind == "N":
            at = _find(text, rest, cursor, ident)
            docno = part(at, rest)
            cursor = at + len(rest)
        elif kind == "P":
            t, _, d = (x.strip() for x in rest.partition(" = "))
            at = _find(text, "《" + t + "》", cursor, ident) + 1
            title = part(at, t)
            after = text.find(d, at + len(t), at + len(t) + 1 + NEAR + len(d))
            if after >= 0:
                docno = part(after, d)
            else:
                before = text.rfind(d, max(0, at - 1 - NEAR - len(d)), at)
                if before < 0:
                    raise ValueError(f"{ident}: {d!r} not next to 《{t}》")
                docno = part(before, d)
            cursor = max(title["end"], docno["end"])
        else:
            raise ValueError(f"{ident}: bad line {line!r}")
        out.append({"title": title, "docno": docno})
    return out


def build() -> list[dict[str, Any]]:
    sources = dict(
        line.split("\t", 1)
        for line in (DIR / "sources.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    docs: list[dict[str, Any]] = []
    for header, lines in blocks(DIR / "gold.ann.txt", strip=True):
        ident = header.strip()
        text = (DIR / "raw" / f"{ident}.txt").read_text(encoding="utf-8")
        cites = parse_block(ident, text, lines)
        check_offsets(text, (p for c in cites for p in (c["title"], c["docno"])))
        docs.append({"id": ident, "source": sources[ident], "text": text, "citations": cites})
    return docs


if __name__ == "__main__":
    write_or_check(DIR / "gold.jsonl", build(), sys.argv, "citations")
