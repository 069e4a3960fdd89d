"""Speed-up of ``Extractor.pipe(n_process=k)`` over ``n_process=1`` on one machine.

Usage: ``python -m benchmarks.pipe_scaling [--copies 40] [--batch-size 64]``.  The input is the
gold seed documents repeated ``--copies`` times and cut into paragraphs (a realistic unit
for a pipeline); each configuration is timed end to end, worker start-up included, and the
ratio is printed.  Peak RSS of the parent is reported too (workers have their own).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from eduextract import Extractor

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold_seeds.jsonl"


def paragraphs(copies: int) -> list[str]:
    docs = [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8")]
    paras = [p for d in docs for p in d.split("\n") if p.strip()]
    return paras * copies


def timed(extractor: Extractor, texts: list[str], n_process: int, batch_size: int) -> float:
    started = time.perf_counter()
    count = sum(1 for _ in extractor.pipe(texts, n_process=n_process, batch_size=batch_size))
    assert count == len(texts)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", type=int, nargs="*", default=[2])
    args = parser.parse_args()
    texts = paragraphs(args.copies)
    chars = sum(map(len, texts))
    extractor = Extractor()
    timed(extractor, texts[:200], 1, args.batch_size)  # warm caches
    base = timed(extractor, texts, 1, args.batch_size)
    print(f"input: {len(texts)} paragraphs, {chars:,} chars; cpus: {os.cpu_count()}")
    print(f"n_process=1: {base:.2f} s ({chars / base:,.0f} chars/s)")
    for k in args.processes:
        spent = timed(extractor, texts, k, args.batch_size)
        print(f"n_process={k}: {spent:.2f} s ({chars / spent:,.0f} chars/s), "
              f"speed-up {base / spent:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
