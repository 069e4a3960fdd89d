"""A seeded sample of ORG spans on law text nobody tuned to, for judging by ANNOTATION.md.

Issue 13 asks for ORG precision on laws (LawRefBook/Laws: thousands of laws and local
regulations, where bare 人民法院 / 人民政府 and the verb 处 are the classic false positives).
The sample is stable under small changes of the library: files are drawn once with a fixed
seed, and spans are ranked by a hash of (file, start, end, text), so a change adds or removes
only the spans it affects instead of reshuffling the sample.

    python -m benchmarks.org_law_sample --git-dir /path/to/LawRefBook+Laws/repo [--files 300]
        [--n 120] [--exclude-seed 1:80 --exclude-seed 7:400] > sample.tsv

Output: index, file, start, the span in context (12 characters each side).  The judged
sample and its verdicts are kept in docs/benchmarks.md.  Without the mirror the script
says so and exits 2.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import subprocess
import sys
from pathlib import Path

import eduextract


def _git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True,
                          check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git-dir", required=True)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--n", type=int, default=120)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--exclude-seed", action="append", default=[],
                        help="SEED:N — leave out the N files a tuning sample with SEED drew")
    args = parser.parse_args()
    if not Path(args.git_dir).exists():
        print(f"{args.git_dir}: no LawRefBook mirror here", file=sys.stderr)
        return 2
    names = _git(args.git_dir, "ls-tree", "-r", "--name-only", "-z", "HEAD").decode().split("\0")
    files = [f for f in names if f.endswith(".md") and "README" not in f]
    used: set[str] = set()
    for item in args.exclude_seed:
        seed, n = (int(x) for x in item.split(":"))
        drawn = list(files)
        random.Random(seed).shuffle(drawn)
        used.update(drawn[:n])
    held = [f for f in files if f not in used]
    random.Random(args.seed).shuffle(held)
    spans = []
    for f in held[: args.files]:
        text = _git(args.git_dir, "show", f"HEAD:{f}").decode("utf-8", "replace")
        for s in eduextract.extract(text, labels=["ORG"]):
            key = hashlib.sha1(f"{args.seed}|{f}|{s.start}|{s.end}|{s.text}".encode()).hexdigest()
            ctx = text[max(0, s.start - 12) : s.start] + f"[{s.text}]" + text[s.end : s.end + 10]
            spans.append((key, f, s.start, ctx.replace("\n", "⏎")))
    print(f"{min(len(held), args.files)} files, {len(spans)} ORG spans", file=sys.stderr)
    for i, (_key, f, start, ctx) in enumerate(sorted(spans)[: args.n]):
        print(i, f.rsplit("/", 1)[-1], start, ctx, sep="\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
