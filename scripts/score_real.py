"""Score batches of the real corpus with the library as it is now, and record the score.

    python scripts/score_real.py tests/data/real/batch01.jsonl [...] [--record blind|after]
        [--errors OUT.json]

Prints strict P/R/F1 and value accuracy per label, the micro over the six core labels and DATE
apart, as ANNOTATION.md scores them.  ``--record blind`` appends the result (batch, commit,
date, scores) to ``tests/data/real/scores.jsonl``: a batch's *blind* line is written before
anything is changed for that batch and is never rewritten; ``--record after`` adds the
after-fix line.  ``--errors`` writes every false positive and miss with its context.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import eduextract  # noqa: E402
from benchmarks.scoring import ALL_LABELS, CORE_LABELS, Report, load_jsonl, score_document  # noqa: E402

SCORES = ROOT / "tests" / "data" / "real" / "scores.jsonl"


def score(paths: list[Path]) -> tuple[Report, dict[str, Report]]:
    total = Report()
    per_kind: dict[str, Report] = {}
    for path in paths:
        for doc in load_jsonl(path):
            pred = [s.to_dict() for s in eduextract.extract(doc["text"])]
            score_document(doc["spans"], pred, total, doc["text"], doc["id"])
            kind = per_kind.setdefault(doc.get("kind", "?"), Report())
            score_document(doc["spans"], pred, kind, doc["text"], doc["id"])
    return total, per_kind


def summary(rep: Report) -> dict[str, object]:
    out: dict[str, object] = {"docs": rep.n_docs}
    for label in ALL_LABELS:
        c = rep.per_label[label]
        out[label] = {"n": c.n_gold, "p": round(c.precision, 4), "r": round(c.recall, 4),
                      "f1": round(c.f1, 4), "value_acc": round(c.value_accuracy, 4)}
    m = rep.micro(CORE_LABELS)
    out["micro"] = {"n": m.n_gold, "p": round(m.precision, 4), "r": round(m.recall, 4),
                    "f1": round(m.f1, 4), "value_acc": round(m.value_accuracy, 4)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--record", choices=["blind", "after"])
    ap.add_argument("--errors", type=Path)
    args = ap.parse_args()
    rep, per_kind = score(args.paths)
    s = summary(rep)
    for label in (*ALL_LABELS, "micro"):
        v = s[label]
        print(f"{label:8} n={v['n']:5} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} "  # type: ignore[index]
              f"val={v['value_acc']:.3f}")  # type: ignore[index]
    for kind, krep in sorted(per_kind.items()):
        m = krep.micro(CORE_LABELS)
        print(f"  kind {kind:12} docs={krep.n_docs:3} n={m.n_gold:4} F1={m.f1:.3f}")
    if args.errors:
        args.errors.write_text(json.dumps({"false_positives": rep.false_positives,
                                           "misses": rep.misses}, ensure_ascii=False, indent=1),
                               encoding="utf-8")
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
        line = {"batches": [p.stem for p in args.paths], "mode": args.record, "commit": commit,
                "date": dt.date.today().isoformat(), **s}
        with SCORES.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
