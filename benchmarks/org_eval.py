"""ORG on the development gold: strict/lenient P/R/F1, canonical agreement, misses and FPs.

python -m benchmarks.org_eval [--show]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eduextract import Extractor

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold_seeds.jsonl"


def evaluate(extractor: Extractor, show: bool = False) -> dict[str, float]:
    tp = fp = fn = ltp_p = ltp_g = npred = ngold = 0
    canon_total = canon_ok = 0
    for line in GOLD.read_text("utf-8").splitlines():
        doc = json.loads(line)
        text = doc["text"]
        gold = [s for s in doc["spans"] if s["label"] == "ORG"]
        pred = [s for s in extractor.extract(text) if s.label == "ORG"]
        gk = {(s["start"], s["end"]): s for s in gold}
        pk = {(s.start, s.end): s for s in pred}
        npred += len(pred)
        ngold += len(gold)
        for k, s in pk.items():
            if k in gk:
                tp += 1
                g = gk[k]["value"].get("canonical")
                if g is not None:
                    canon_total += 1
                    canon_ok += s.value.get("canonical") == g
                    if show and s.value.get("canonical") != g:
                        print("CANON", s.text, s.value.get("canonical"), "!=", g)
            else:
                fp += 1
                if show:
                    ctx = text[max(0, s.start - 12) : s.end + 6]
                    print("FP  ", doc["id"][:3], s.text, s.source, repr(ctx))
        for k, g in gk.items():
            if k not in pk:
                fn += 1
                if show:
                    ctx = text[max(0, g["start"] - 12) : g["end"] + 6]
                    print("MISS", doc["id"][:3], g["text"], repr(ctx))
        ltp_p += sum(any(s.start < g["end"] and g["start"] < s.end for g in gold) for s in pred)
        ltp_g += sum(any(s.start < g["end"] and g["start"] < s.end for s in pred) for g in gold)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    lp = ltp_p / npred if npred else 0.0
    lr = ltp_g / ngold if ngold else 0.0
    return {
        "strict_p": p,
        "strict_r": r,
        "strict_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "lenient_p": lp,
        "lenient_r": lr,
        "lenient_f1": 2 * lp * lr / (lp + lr) if lp + lr else 0.0,
        "canonical_share": canon_ok / canon_total if canon_total else 0.0,
        "canonical_n": canon_total,
    }


if __name__ == "__main__":
    res = evaluate(Extractor(), show="--show" in sys.argv)
    print(json.dumps({k: round(v, 4) for k, v in res.items()}))
