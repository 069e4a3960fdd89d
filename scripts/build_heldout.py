"""Build tests/data/heldout_synthetic.jsonl from the marked-up source file.

Offsets are computed from the markup, never typed by hand. The source file holds passages
separated by header lines ``=== <id> | <source>``; inside a passage a span is written
``[[LABEL:text|value]]`` with a compact value notation per label:

- NUMBER: ``14``, ``40~`` (approx), ``[3,6]`` (range), ``0.3333``
- PERCENT: ``89.2`` (percent), ``0.8 pp`` (percentage_point), ``8 permille``
- MONEY: ``764000000 CNY``, ``[100000,200000] CNY``, a trailing ``~`` marks approx
- ORDINAL: ``2``;  ORG: the kind (``government``, ``university`` …)
- DOCNO: ``agency year serial`` with ``-`` for a missing year;  DATE: the iso string or ``null``

Run ``python scripts/build_heldout.py`` after editing the source; a test checks that the
shipped JSONL is current. Other sets use the same markup: ``python scripts/build_heldout.py
tests/data/heldout2.src.txt`` writes ``tests/data/heldout2.jsonl`` (the name without ``.src.txt``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts._annotation import blocks, check_offsets, render  # noqa: E402

SRC = ROOT / "tests" / "data" / "heldout_synthetic.src.txt"
OUT = ROOT / "tests" / "data" / "heldout_synthetic.jsonl"

MARK = re.compile(r"\[\[([A-Z]+):((?:[^|\]]|\](?!\]))+)\|(\[[^\]]*\][^\]]*|[^\]\[]*)\]\]")
LABELS = {"NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO", "DATE"}


def _num(s: str) -> int | float | list[int | float]:
    s = s.strip()
    if s.startswith("["):
        return [_num(x) for x in s.strip("[]").split(",")]  # type: ignore[misc]
    f = float(s)
    return int(f) if f == int(f) and "." not in s else f


def parse_value(label: str, raw: str) -> Any:
    raw = raw.strip()
    if label == "NUMBER":
        approx = raw.endswith("~")
        return {"value": _num(raw.rstrip("~")), "approx": approx}
    if label == "PERCENT":
        parts = raw.split()
        unit = {"pp": "percentage_point", "permille": "permille"}.get(
            parts[1] if len(parts) > 1 else "", "percent"
        )
        return {"value": _num(parts[0]), "unit": unit}
    if label == "MONEY":
        approx = raw.endswith("~")
        amount, currency = raw.rstrip("~").split()
        return {"value": _num(amount), "currency": currency, "approx": approx}
    if label == "ORDINAL":
        return {"value": int(raw)}
    if label == "ORG":
        return {"kind": raw}
    if label == "DOCNO":
        agency, year, serial = raw.split()
        return {"agency": agency, "year": None if year == "-" else int(year), "serial": int(serial)}
    if label == "DATE":
        return {"iso": None if raw == "null" else raw}
    raise ValueError(label)


def parse_passage(marked: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos : m.start()]
        if "[[" in plain or "]]" in plain:
            raise ValueError(f"broken markup near {plain[-30:]!r}")
        out.append(plain)
        length += len(plain)
        label, text, raw = m.groups()
        if label not in LABELS:
            raise ValueError(f"unknown label {label}")
        spans.append(
            {
                "start": length,
                "end": length + len(text),
                "label": label,
                "text": text,
                "value": parse_value(label, raw),
            }
        )
        out.append(text)
        length += len(text)
        pos = m.end()
    tail = marked[pos:]
    if "[[" in tail or "]]" in tail:
        raise ValueError(f"broken markup near {tail[:30]!r}")
    out.append(tail)
    return "".join(out), spans


def build(src: Path = SRC) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for header, lines in blocks(src):
        ident, _, source = header.partition("|")
        text, spans = parse_passage("\n".join(lines).strip("\n"))
        check_offsets(text, spans)
        docs.append({"id": ident.strip(), "source": source.strip(), "text": text, "spans": spans})
    return docs


def out_path(src: Path) -> Path:
    """The JSONL next to a ``NAME.src.txt`` source (the first set keeps its historical name)."""
    if src.resolve() == SRC:
        return OUT
    return src.with_name(src.name.removesuffix(".src.txt") + ".jsonl")


if __name__ == "__main__":
    for src in [Path(a).resolve() for a in sys.argv[1:]] or [SRC]:
        docs = build(src)
        out = out_path(src)
        out.write_text(render(docs), encoding="utf-8")
        n = sum(len(d["spans"]) for d in docs)
        print(f"{len(docs)} passages, {n} spans -> {out.relative_to(ROOT)}", file=sys.stderr)
