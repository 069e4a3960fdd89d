"""Load time and throughput of the ORG recognizer alone (one core).

    python -m benchmarks.org_speed
"""

from __future__ import annotations

import json
import time
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold_seeds.jsonl"


def main() -> None:
    t0 = time.process_time()
    from eduextract.config import Config
    from eduextract.document import Document
    from eduextract.recognizers.org import build

    rec = build(Config())
    load = time.process_time() - t0
    text = "\n".join(json.loads(ln)["text"] for ln in GOLD.read_text("utf-8").splitlines())
    first = time.process_time()
    list(rec.find(Document(text)))
    first = time.process_time() - first
    reps = 10
    best = float("inf")
    for _ in range(5):  # CPU time, best of five: the machine is shared
        t1 = time.process_time()
        for _ in range(reps):
            list(rec.find(Document(text)))
        best = min(best, (time.process_time() - t1) / reps)
    dt = best
    print(json.dumps({
        "load_s": round(load, 3), "first_find_s": round(first, 4), "chars": len(text),
        "chars_per_s": round(len(text) / dt),
    }))


if __name__ == "__main__":
    main()
