"""Peak memory of the ``eduextract`` command on one large file (target: < 300 MB for 100 MB).

    python -m benchmarks.cli_memory --mb 100            # builds the file in a temp folder

The file is the development seeds (``tests/data/gold_seeds.jsonl`` texts), one after another
with blank lines between, repeated to the size asked for.  The command runs in a child process
writing to a file; the number reported is the child's peak resident set
(``ru_maxrss`` of ``RUSAGE_CHILDREN``), with the wall time and the span count.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_file(path: Path, megabytes: float) -> int:
    texts = [json.loads(line)["text"] for line in
             (ROOT / "tests/data/gold_seeds.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    block = ("\n\n".join(texts) + "\n\n").encode("utf-8")
    want = int(megabytes * 1_000_000)
    with open(path, "wb") as fh:
        written = 0
        while written < want:
            fh.write(block)
            written += len(block)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--format", default="jsonl")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.txt"
        size = build_file(path, args.mb)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = Path(tmp) / "out"
        start = time.perf_counter()
        with open(out, "wb") as sink:
            proc = subprocess.run(
                [sys.executable, "-m", "eduextract", "--format", args.format, str(path)],
                stdout=sink, stderr=subprocess.PIPE, env=env, cwd=ROOT, check=False)
        wall = time.perf_counter() - start
        with open(out, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    if proc.returncode != 0:
        print(proc.stderr.decode(), file=sys.stderr)
        return proc.returncode
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"input {size / 1e6:.1f} MB, --format {args.format}: peak RSS {peak_mb:.0f} MB, "
          f"{wall:.1f} s wall, {lines} output lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
