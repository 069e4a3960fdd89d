"""Scores of the fact and citation layers on their gold (tests/data/facts, tests/data/citations).

Citations are matched as (title span, DOCNO span) pairs, either part possibly null.  Facts are
matched as (subject, value, unit) tuples: *strict* needs the exact subject span, *lenient* an
overlapping one (or both null); among matched facts the change (direction and amount), scope
and time (year) are scored as accuracies.

    python -m benchmarks.facts_eval                 # both, all documents
    python -m benchmarks.facts_eval --only blind    # the blind batch only
    python -m benchmarks.facts_eval --errors        # list the misses
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eduextract import Extractor, default_extractor

ROOT = Path(__file__).resolve().parents[1]
CITATIONS = ROOT / "tests" / "data" / "citations" / "gold.jsonl"
FACTS = ROOT / "tests" / "data" / "facts" / "gold.jsonl"


def load(path: Path, only: str | None = None) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if only:
        docs = [d for d in docs if d.get("batch", "") == only or d["id"].startswith(only)]
    return docs


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _key(part: dict[str, Any] | None) -> tuple[int, int] | None:
    return None if part is None else (part["start"], part["end"])


# -- citations ---------------------------------------------------------------------------------
def score_citations(
    docs: Sequence[dict[str, Any]], extractor: Extractor | None = None
) -> dict[str, Any]:
    ex = extractor or default_extractor()
    tp = fp = fn = 0
    errors: list[str] = []
    for d in docs:
        gold = {(_key(c["title"]), _key(c["docno"])) for c in d["citations"]}
        pred_c = [c.to_dict() for c in ex.citations(d["text"])]
        pred = {(_key(c["title"]), _key(c["docno"])) for c in pred_c}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for kind, pairs in (("missed", gold - pred), ("spurious", pred - gold)):
            for t, n in sorted(pairs, key=lambda x: x[0] or x[1] or (0, 0)):
                show = [
                    d["text"][a:b] if a is not None else None
                    for a, b in (t or (None, None), n or (None, None))
                ]
                errors.append(f"{d['id']} {kind}: title={show[0]!r} docno={show[1]!r}")
    out = prf(tp, fp, fn)
    out["documents"] = len(docs)
    out["gold"] = sum(len(d["citations"]) for d in docs)
    out["errors"] = errors
    return out


# -- facts -------------------------------------------------------------------------------------
def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a[0] < b[1] and b[0] < a[1]


def _quantity(f: dict[str, Any]) -> tuple[int, int]:
    return f["quantity"]["start"], f["quantity"]["end"]


def _changes(f: dict[str, Any]) -> list[tuple[str, tuple[int, int] | None]]:
    return [(c["direction"], _key(c.get("amount"))) for c in f.get("changes") or []]


def _match(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], strict: bool
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs with the same quantity span, value and unit, and an equal/overlapping subject."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or _quantity(p) != _quantity(g):
                continue
            if p["value"] != g["value"] or p["unit"] != g["unit"]:
                continue
            gs, ps = _key(g["subject"]), _key(p["subject"])
            if (gs == ps) if strict else _overlap(gs, ps):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def score_facts(
    docs: Sequence[dict[str, Any]], extractor: Extractor | None = None
) -> dict[str, Any]:
    ex = extractor or default_extractor()
    counts = {"strict": [0, 0, 0], "lenient": [0, 0, 0]}
    attrs = {"change": [0, 0], "scope": [0, 0], "time": [0, 0]}
    errors: list[str] = []
    for d in docs:
        gold = d["facts"]
        pred = [f.to_dict() for f in ex.facts(d["text"])]
        for mode in ("strict", "lenient"):
            pairs = _match(gold, pred, mode == "strict")
            c = counts[mode]
            c[0] += len(pairs)
            c[1] += len(pred) - len(pairs)
            c[2] += len(gold) - len(pairs)
            if mode == "lenient":
                matched_g = {id(g) for g, _ in pairs}
                matched_p = {id(p) for _, p in pairs}
                for g in gold:
                    if id(g) not in matched_g:
                        errors.append(f"{d['id']} missed: {_show(g)}")
                for p in pred:
                    if id(p) not in matched_p:
                        errors.append(f"{d['id']} spurious: {_show(p)}")
                for g, p in pairs:
                    if _changes(g):
                        attrs["change"][1] += 1
                        ok = _changes(g) == _changes(p)
                        attrs["change"][0] += ok
                        if not ok:
                            errors.append(
                                f"{d['id']} change: gold {_changes(g)} got {_changes(p)}"
                                f" at {_show(g)}"
                            )
                    attrs["scope"][1] += 1
                    gs = (g.get("scope") or {}).get("text")
                    ps = (p.get("scope") or {}).get("text")
                    attrs["scope"][0] += gs == ps
                    attrs["time"][1] += 1
                    attrs["time"][0] += g.get("year") == p.get("year")
    out: dict[str, Any] = {m: prf(*c) for m, c in counts.items()}
    out["documents"] = len(docs)
    out["gold"] = sum(len(d["facts"]) for d in docs)
    for k, (ok, n) in attrs.items():
        out[f"{k}_accuracy"] = ok / n if n else None
        out[f"{k}_n"] = n
    out["errors"] = errors
    return out


def _show(f: dict[str, Any]) -> str:
    s = (f.get("subject") or {}).get("text")
    return f"({s!r}, {f['quantity']['text']!r}={f['value']}, {f['unit']!r})"


def evaluate(only: str | None = None) -> dict[str, Any]:
    """Both scores for the benchmark report (no error lists)."""
    out: dict[str, Any] = {}
    for name, path, fn in (
        ("citations", CITATIONS, score_citations),
        ("facts", FACTS, score_facts),
    ):
        docs = load(path, only)
        if docs:
            res = fn(docs)
            res.pop("errors", None)
            out[name] = res
    return out


def markdown(res: dict[str, Any], blind: dict[str, Any] | None = None) -> list[str]:
    lines = ["## Facts and citations", "", "Gold and convention: [docs/facts.md](facts.md).", ""]
    c = res.get("citations")
    if c:
        lines.append(
            f"Citations ({c['documents']} documents, {c['gold']} gold): pair P {c['precision']:.3f}"
            f" R {c['recall']:.3f} F1 {c['f1']:.3f}."
        )
    f = res.get("facts")
    if f:
        lines.append(
            f"Facts ({f['documents']} documents, {f['gold']} gold): lenient F1 "
            f"{f['lenient']['f1']:.3f} (P {f['lenient']['precision']:.3f}, R "
            f"{f['lenient']['recall']:.3f}); strict F1 {f['strict']['f1']:.3f}; change "
            f"{_pct(f['change_accuracy'])} of {f['change_n']}, scope {_pct(f['scope_accuracy'])}, "
            f"time {_pct(f['time_accuracy'])}."
        )
    if blind:
        lines.append(
            f"Facts, blind batch only ({blind['documents']} documents, now scored after its "
            f"fixes): lenient F1 {blind['lenient']['f1']:.3f}, strict F1 "
            f"{blind['strict']['f1']:.3f}."
        )
    lines.append("")
    return lines


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.facts_eval")
    ap.add_argument("--only", help="a batch name or id prefix (e.g. blind)")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    for name, path, fn in (
        ("citations", CITATIONS, score_citations),
        ("facts", FACTS, score_facts),
    ):
        docs = load(path, args.only)
        if not docs:
            continue
        res = fn(docs)
        errors = res.pop("errors")
        print(name, json.dumps(res, ensure_ascii=False, indent=1) if args.json else res)
        if args.errors:
            print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
