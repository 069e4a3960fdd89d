"""What ``labels=`` saves: CPU time of ``extract(text, labels=[L])`` against a full extract.

    python -m benchmarks.labels_speed [--reps 7]

``labels=`` runs only the recognizers whose spans can matter for the wanted labels
(``eduextract.recognizers.COMPETITORS``); the result equals a full run filtered afterwards
(tests/test_labels_selection.py).  Text: the gold documents joined with newlines.  Each figure
is the best of ``--reps`` runs in ``time.process_time`` (the machine is shared, so wall time is
noise), on one warm extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from pathlib import Path

from benchmarks.timing import best_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"
WANTED = (None, ("ORG",), ("DOCNO",), ("MONEY",))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    from eduextract import Extractor

    with GOLD.open(encoding="utf-8") as fh:
        text = "\n".join(json.loads(line)["text"] for line in fh)
    ex = Extractor()
    ex.extract(text)  # warm: lazily compiled patterns and caches
    full = best_of(lambda: ex.extract(text), args.reps)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; Python {platform.python_version()}")
    print(f"input: {len(text):,} characters (tests/data/gold_seeds.jsonl joined)")
    print("| labels | recognizers run | ms | speed-up |\n|---|---|---:|---:|")
    for wanted in WANTED:
        labels = None if wanted is None else list(wanted)
        seconds = (
            full
            if labels is None
            else best_of(lambda labels=labels: ex.extract(text, labels), args.reps)
        )
        names = [r.name for r in ex._recognizers_for(None if wanted is None else frozenset(wanted))]
        print(f"| {'all' if wanted is None else ', '.join(wanted)} | {', '.join(names)} "
              f"| {seconds * 1000:.1f} | {full / seconds:.2f}x |")


if __name__ == "__main__":
    main()
