"""Workloads run in a fresh interpreter, so start-up time and peak RSS belong to them alone.

``python -m benchmarks.probe KIND ...`` prints one JSON object.  ``ru_maxrss`` is a process
high-water mark: measured in the parent it would include the gold scoring, the baselines and
every earlier workload, which is why each memory figure gets its own process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "gold_seeds.jsonl"


def _proc_status_mb(field: str) -> float | None:
    """A ``kB`` field of /proc/self/status in MB (None where there is no /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    """Current resident set size (Linux /proc; falls back to the peak elsewhere)."""
    current = _proc_status_mb("VmRSS")
    return getrusage_peak_mb() if current is None else current


def peak_rss_mb() -> float:
    """This process's peak RSS.

    Linux keeps ``getrusage().ru_maxrss`` across ``execve``, so a probe forked from a large
    benchmark process would report the parent's peak; ``VmHWM`` belongs to the new address
    space alone, so it is preferred where /proc exists.
    """
    peak = _proc_status_mb("VmHWM")
    return getrusage_peak_mb() if peak is None else peak


def getrusage_peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def seed_texts(path: Path = SEEDS) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def paragraphs(path: Path = SEEDS) -> list[str]:
    """The seed documents cut at blank lines: realistic short documents for streams."""
    return [p.strip() for t in seed_texts(path) for p in t.split("\n") if p.strip()]


def stream(max_docs: int | None, max_bytes: int | None) -> Iterator[str]:
    """Seed paragraphs cycled until ``max_docs`` documents or ``max_bytes`` of UTF-8."""
    paras = paragraphs()
    sizes = [len(p.encode("utf-8")) for p in paras]
    n = total = 0
    while True:
        for p, size in zip(paras, sizes, strict=True):
            if (max_docs is not None and n >= max_docs) or (
                max_bytes is not None and total >= max_bytes
            ):
                return
            n += 1
            total += size
            yield p


def adversarial(kind: str, n: int) -> str:
    """Hostile inputs of issue 8, ``n`` characters long."""
    if kind == "digits":
        return ("1234567890" * (n // 10 + 1))[:n]
    if kind == "yi":
        return "一" * n
    if kind == "brackets":
        return "〔" * n
    if kind == "no_punct":
        text = "".join(
            ch for t in seed_texts() for ch in t if ch.isalnum() or "\u4e00" <= ch <= "\u9fff"
        )
        return (text * (n // len(text) + 1))[:n]
    if kind == "surrogates":
        return ("第\ud800十二\udfff条12\ud83d%" * (n // 10 + 1))[:n]
    raise ValueError(f"unknown adversarial kind {kind!r}")


ADVERSARIAL_KINDS = ("digits", "yi", "brackets", "no_punct", "surrogates")


def run_stream(args: argparse.Namespace) -> dict[str, Any]:
    from eduextract import Extractor

    extractor = Extractor()
    extractor.extract("预热：2021年投入7.64亿元，占53%")
    base = rss_mb()
    n_docs = n_chars = n_bytes = n_spans = 0

    def counted() -> Iterator[str]:
        nonlocal n_docs, n_chars, n_bytes
        for text in stream(args.docs, args.bytes):
            n_docs += 1
            n_chars += len(text)
            n_bytes += len(text.encode("utf-8"))
            yield text

    t0 = time.perf_counter()
    for spans in extractor.pipe(counted(), batch_size=args.batch_size):
        n_spans += len(spans)
    elapsed = time.perf_counter() - t0
    return {
        "docs": n_docs,
        "chars": n_chars,
        "bytes": n_bytes,
        "spans": n_spans,
        "seconds": elapsed,
        "chars_per_s": n_chars / elapsed if elapsed else None,
        "rss_before_mb": base,
        "peak_rss_mb": peak_rss_mb(),
        "ru_maxrss_mb": getrusage_peak_mb(),
    }


def run_adversarial(args: argparse.Namespace) -> dict[str, Any]:
    from eduextract import Extractor

    text = adversarial(args.kind, args.n)
    extractor = Extractor()
    extractor.extract("预热：2021年投入7.64亿元，占53%")
    base = rss_mb()
    # short calls are repeated (up to 3 times, while under 1 s in all) and the fastest kept:
    # on a shared machine the minimum is the least noisy estimate of the work itself
    times: list[float] = []
    while len(times) < 3 and sum(times) < 1.0:
        t0 = time.perf_counter()
        spans = extractor.extract(text)
        times.append(time.perf_counter() - t0)
    return {
        "kind": args.kind,
        "chars": len(text),
        "seconds": min(times),
        "times_s": times,
        "spans": len(spans),
        "offsets_ok": all(text[s.start : s.end] == s.text for s in spans),
        "rss_before_mb": base,
        "peak_rss_mb": peak_rss_mb(),
        "ru_maxrss_mb": getrusage_peak_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("stream")
    p.add_argument("--docs", type=int)
    p.add_argument("--bytes", type=int)
    p.add_argument("--batch-size", type=int, default=64)
    p = sub.add_parser("adversarial")
    p.add_argument("kind", choices=ADVERSARIAL_KINDS)
    p.add_argument("n", type=int)
    args = parser.parse_args(argv)
    run = {"stream": run_stream, "adversarial": run_adversarial}
    print(json.dumps(run[args.cmd](args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
