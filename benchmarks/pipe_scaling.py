"""Speed-up of ``Extractor.pipe(n_process=k)`` over ``n_process=1`` on one machine.

Usage: ``python -m benchmarks.pipe_scaling [--copies 40] [--batch-size 64]``.
``--stream-docs N`` instead streams N documents from a generator through the pipe and prints
peak RSS of this process and of its workers: run it for 1,000 and 100,000 documents, the two
peaks should be about the same (memory does not grow with the stream).  The input is the
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


def timed(
    extractor: Extractor, texts: list[str], n_process: int, batch_size: int, repeat: int = 3
) -> tuple[float, float]:
    """Best wall time of ``repeat`` runs and the parent's CPU seconds in that run."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in extractor.pipe(texts, n_process=n_process, batch_size=batch_size))
        assert count == len(texts)
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def stream(n_docs: int, n_process: int, batch_size: int) -> None:
    """Peak memory while ``n_docs`` generated documents go through the pipe."""
    base = paragraphs(1)

    def documents():
        for i in range(n_docs):
            yield "\n".join(base[(i * 7 + j) % len(base)] for j in range(5)) + f"第{i}号"

    started = time.perf_counter()
    spans = 0
    worker_peak = 0.0
    extractor = Extractor()
    pipe = extractor.pipe(documents(), n_process=n_process, batch_size=batch_size)
    for i, text_spans in enumerate(pipe):
        spans += len(text_spans)
        if i % 500 == 0:
            worker_peak = max(worker_peak, _largest_child_rss())
    spent = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n_docs:,} documents, n_process={n_process}: {spent:.1f} s, {spans:,} spans, "
        f"peak RSS parent {own:.0f} MB, largest worker (sampled) {worker_peak:.0f} MB"
    )


def _largest_child_rss() -> float:
    """RSS in MB of the largest descendant process (workers are the forkserver's children,
    so ``RUSAGE_CHILDREN`` does not see them); 0 without psutil."""
    try:
        import psutil
    except ImportError:
        return 0.0
    rss = [c.memory_info().rss for c in psutil.Process().children(recursive=True)]
    return max(rss, default=0) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", type=int, nargs="*", default=[2])
    parser.add_argument("--stream-docs", type=int, default=0)
    args = parser.parse_args()
    if args.stream_docs:
        stream(args.stream_docs, args.processes[0], args.batch_size)
        return
    texts = paragraphs(args.copies)
    chars = sum(map(len, texts))
    extractor = Extractor()
    timed(extractor, texts[:200], 1, args.batch_size, repeat=1)  # warm caches
    base, _ = timed(extractor, texts, 1, args.batch_size)
    print(f"input: {len(texts)} paragraphs, {chars:,} chars; cpus: {os.cpu_count()}")
    print(f"n_process=1: {base:.2f} s ({chars / base:,.0f} chars/s)")
    for k in args.processes:
        spent, parent_cpu = timed(extractor, texts, k, args.batch_size)
        print(
            f"n_process={k}: {spent:.2f} s ({chars / spent:,.0f} chars/s), "
            f"speed-up {base / spent:.2f}x, parent CPU {parent_cpu:.2f} s "
            "(worker start-up included)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
