"""Build tests/data/facts/gold.jsonl from the hand annotation ``tests/data/facts/gold.ann.txt``.

The annotation names each fact by its exact strings, one line per fact in text order::

    subject | quantity | unit | changes | scope | qualifier | year

- ``subject``: the text of what is counted, found as the nearest occurrence before the
  quantity; ``>text`` is found after it (建成12所幼儿园); empty for none.
- ``quantity``: the NUMBER/MONEY/PERCENT span text, found from the previous fact onwards;
  its value is computed here by a small parser independent of the library (digits with 万/亿,
  ``%``, ``个百分点``), or given as ``text=value``.
- ``changes``: ``,``-separated ``+amount@baseline`` / ``-amount`` (direction, amount text
  found after the quantity, baseline text); ``+=`` when the quantity itself is the change
  (在校生比上年增加3000人, kind ``change``); ``x2`` for 翻一番.
- ``scope``: the scope text (the nearest occurrence before the quantity); ``qualifier``: as
  written; ``year``: overrides the document year (``@year`` line after the header).

Headers are ``=== <id> | <kind> | <batch> | <source>``.  Offsets are computed, never typed;
the raw texts are ``tests/data/facts/raw/<id>.txt`` copied from their source.

    python scripts/build_facts_gold.py            # rebuild
    python scripts/build_facts_gold.py --check    # exit 1 if gold.jsonl is stale
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts._annotation import blocks, check_offsets, part, write_or_check  # noqa: E402

DIR = ROOT / "tests" / "data" / "facts"
_NUM = re.compile(
    r"^(?:约|近|逾|大约|将近)?([0-9][0-9,，.]*)\s*([万亿萬億]?)\s*([万亿萬億]?)(元)?(%|％|个百分点|個百分點|‰)?(?:余|多|左右)?$"
)


def value_of(q: str) -> tuple[Any, str]:
    """(value, label) of a quantity text: an independent parser for the plain forms."""
    if "=" in q:
        raise AssertionError("handled by the caller")
    m = _NUM.match(q.strip())
    if not m:
        raise ValueError(f"cannot read {q!r}: write it as text=value")
    digits, m1, m2, yuan, pct = m.groups()  # approximation words are inside the span
    v = Decimal(digits.replace(",", "").replace("，", ""))
    for mult in (m1, m2):
        v *= {"万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8, "": 1, None: 1}[mult]
    label = "PERCENT" if pct else "MONEY" if yuan else "NUMBER"
    return (int(v) if v == int(v) else float(v)), label


def parse_doc(ident: str, text: str, lines: list[str], year: int | None) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    cursor = 0
    for line in lines:
        cells = [c.strip().replace("\\n", "\n") for c in line.split("|")]
        cells += [""] * (7 - len(cells))
        subj, qty, unit, changes, scope, qualifier, fyear = cells[:7]
        explicit = None
        if "=" in qty:
            qty, raw = qty.split("=", 1)
            explicit = json.loads(raw)
        m = re.compile(rf"(?<![0-9.\-]){re.escape(qty)}(?![0-9.])").search(text, cursor)
        at = m.start() if m else -1
        if at < 0:
            raise ValueError(f"{ident}: quantity {qty!r} not found after {cursor}: {line}")
        if explicit is not None:
            value, label = (
                explicit,
                (
                    "PERCENT"
                    if unit in ("%", "个百分点", "‰")
                    else "MONEY"
                    if unit == "CNY"
                    else "NUMBER"
                ),
            )
        else:
            value, label = value_of(qty)
        q = part(at, qty)
        subject = None
        if subj.startswith(">"):
            s_at = text.find(subj[1:], at + len(qty))
            if s_at < 0:
                raise ValueError(f"{ident}: subject {subj!r} not after {qty!r}")
            subject = part(s_at, subj[1:])
        elif subj:
            s_at = text.rfind(subj, 0, at)
            if s_at < 0:
                raise ValueError(f"{ident}: subject {subj!r} not before {qty!r}")
            subject = part(s_at, subj)
        kind = "level"
        out_changes: list[dict[str, Any]] = []
        pos = at + len(qty)
        for ch in filter(None, (c.strip() for c in changes.split(","))):
            if ch.startswith("x"):
                out_changes.append(
                    {
                        "direction": "increase",
                        "amount": None,
                        "baseline": None,
                        "multiple": int(ch[1:]),
                    }
                )
                continue
            direction = {"+": "increase", "-": "decrease"}[ch[0]]
            amount_text, _, baseline = ch[1:].partition("@")
            if amount_text == "=":
                kind = "change"
                amount = q
            else:
                am = re.compile(rf"(?<![0-9.]){re.escape(amount_text)}(?![0-9.])").search(text, pos)
                a_at = am.start() if am else -1
                if a_at < 0:
                    raise ValueError(f"{ident}: change {amount_text!r} not after {qty!r}")
                amount = part(a_at, amount_text)
                pos = a_at + len(amount_text)
            out_changes.append(
                {"direction": direction, "amount": amount, "baseline": baseline or None}
            )
        scope_part = None
        if scope:
            sc = text.rfind(scope, 0, at)
            if sc < 0:
                raise ValueError(f"{ident}: scope {scope!r} not before {qty!r}")
            scope_part = part(sc, scope)
        facts.append(
            {
                "subject": subject,
                "quantity": q,
                "label": label,
                "value": value,
                "unit": unit or None,
                "kind": kind,
                "changes": out_changes,
                "scope": scope_part,
                "qualifier": qualifier or None,
                "year": int(fyear) if fyear else year,
            }
        )
        cursor = at + len(qty)
    return facts


def build() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for header, body in blocks(DIR / "gold.ann.txt", strip=True):
        ident, kind, batch, source = (c.strip() for c in header.split("|", 3))
        year = None
        lines = []
        for line in body:
            if line.startswith("@year"):
                year = int(line.split()[1])
            else:
                lines.append(line)
        text = (DIR / "raw" / f"{ident}.txt").read_text(encoding="utf-8")
        facts = parse_doc(ident, text, lines, year)
        check_offsets(text, (p for f in facts for p in (f["subject"], f["quantity"], f["scope"])))
        docs.append(
            {
                "id": ident,
                "kind": kind,
                "batch": batch,
                "source": source,
                "text": text,
                "facts": facts,
            }
        )
    return docs


if __name__ == "__main__":
    write_or_check(DIR / "gold.jsonl", build(), sys.argv, "facts")
