"""Throughput of ORG-heavy input families against ordinary text (issue 13, hardening list).

Repeated heads (``教育厅``×N, ``委员会``×N, ``研究院``×N) once made the leftward walk read
every earlier copy as an owner body (quadratic within MAX_NAME, and a span per nesting
depth); this script shows each family's cost per 100k characters next to the seeds'.

    python -m benchmarks.org_families [--chars 100000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eduextract import Extractor

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("教育厅", "委员会", "研究院", "中心", "大学", "学院", "办公室", "人民政府")


def _ordinary() -> str:
    import json

    lines = (ROOT / "tests" / "data" / "gold_seeds.jsonl").read_text(encoding="utf-8")
    return "\n".join(json.loads(line)["text"] for line in lines.splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    n = parser.parse_args().chars
    ex = Extractor()
    seeds = _ordinary()
    texts = {"ordinary (seeds)": (seeds * (n // len(seeds) + 1))[:n]}
    for word in FAMILIES:
        texts[f"{word}×N"] = (word * (n // len(word) + 1))[:n]
    base = None
    for name, text in texts.items():
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            ex.extract(text)
            best = min(best, time.perf_counter() - t0)
        per100k = best * 100_000 / n
        base = base or per100k
        print(f"{name:18s} {per100k:6.3f} s / 100k chars   {per100k / base:5.1f}x ordinary")


if __name__ == "__main__":
    main()
