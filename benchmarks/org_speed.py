"""Load time and throughput of the ORG recognizer alone (one core).

python -m benchmarks.org_speed
"""

from __future__ import annotations

import json
import time
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold_seeds.jsonl"


def main() -> None:
    t0 = time.perf_counter()
    from eduextract.config import Config
    from eduextract.document import Document
    from eduextract.recognizers.org import build

    rec = build(Config())
    load = time.perf_counter() - t0
    text = "\n".join(json.loads(ln)["text"] for ln in GOLD.read_text("utf-8").splitlines())
    first = time.perf_counter()
    list(rec.find(Document(text)))
    first = time.perf_counter() - first
    reps = 20
    t1 = time.perf_counter()
    for _ in range(reps):
        list(rec.find(Document(text)))
    dt = (time.perf_counter() - t1) / reps
    print(
        json.dumps(
            {
                "load_s": round(load, 3),
                "first_find_s": round(first, 4),
                "chars": len(text),
                "chars_per_s": round(len(text) / dt),
            }
        )
    )


if __name__ == "__main__":
    main()
