"""ORG precision on a law corpus nobody tuned to: a seeded sample of spans, judged by hand.

    python -m benchmarks.law_org_sample sample [--seed 13] [--files 60] [--spans 120] [--force]
    python -m benchmarks.law_org_sample score [benchmarks/data/law_org_sample.tsv]

Corpus: LawRefBook/Laws at a fixed commit (every ``.md`` law, regulation, judicial
interpretation and local regulation, not only education laws), read from a local git mirror
(``--git-dir``; ``fetch github:LawRefBook/Laws``), so the sample is the same on any machine.
Files quoted in the real development corpus (``tests/data/real``) are left out: the library may
have been tuned to them.

Design: a two-stage sample.  ``--files`` files are drawn uniformly with ``random.Random(seed)``,
the library extracts every ORG span of each (whole file), and ``--spans`` spans are drawn
uniformly from that pool.  Every ORG span of the corpus thus has the same chance of being drawn,
so the judged share is an unbiased estimate of span-level precision (spans of one file are
correlated: the Wilson interval is a little optimistic).

``sample`` writes a TSV to judge (``id, file, start, end, span, left, right, source, judgement,
note``; contexts are 30 characters, line breaks shown as ``⏎``) and refuses to overwrite a
judged file without ``--force``.  ``judgement`` is ``ok`` or ``wrong`` by ANNOTATION.md v4
(exact span and a name that picks out one institution); ``score`` prints precision with a 95%
Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .probe import ROOT

GIT_DIR = Path("/work/.mirror/LawRefBook+Laws/repo")
COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
TSV = ROOT / "benchmarks" / "data" / "law_org_sample.tsv"
REAL = ROOT / "tests" / "data" / "real"
FIELDS = ("id", "file", "start", "end", "span", "left", "right", "source", "judgement", "note")
CONTEXT = 30


def _git(git_dir: Path, *args: str) -> bytes:
    proc = subprocess.run(
        ["git", f"--git-dir={git_dir}", "-c", "core.quotepath=off", *args],
        capture_output=True,
        check=False,
    )
    if proc.returncode:
        raise ValueError(f"git {' '.join(args)} in {git_dir}: {proc.stderr.decode().strip()}")
    return proc.stdout


def tuned_files(real: Path = REAL) -> set[str]:
    """Paths of LawRefBook files quoted by the real corpus (``github:LawRefBook/Laws:path@c``)."""
    out = set()
    for path in real.glob("batch[0-9]*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            src = json.loads(line).get("source", "")
            if src.startswith("github:LawRefBook/Laws:"):
                out.add(src.removeprefix("github:LawRefBook/Laws:").rsplit("@", 1)[0])
    return out


def law_files(git_dir: Path, commit: str) -> list[str]:
    """Every law text of the corpus: ``.md`` files but the READMEs, sorted."""
    names = _git(git_dir, "ls-tree", "-r", "-z", "--name-only", commit).decode("utf-8")
    return sorted(
        n
        for n in names.split("\0")
        if n.endswith(".md") and not n.rsplit("/", 1)[-1].lower().startswith("readme")
    )


def _oneline(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎").replace("\t", " ")


def draw(
    seed: int,
    n_files: int,
    n_spans: int,
    git_dir: Path = GIT_DIR,
    commit: str = COMMIT,
    extract: Any = None,
) -> list[dict[str, Any]]:
    """The sample rows (without judgement), deterministic in seed, corpus and library."""
    if extract is None:
        from eduextract import extract
    rng = random.Random(seed)
    skip = tuned_files()
    files = [f for f in law_files(git_dir, commit) if f not in skip]
    if n_files > len(files):
        raise ValueError(f"--files {n_files} > {len(files)} law files in the corpus")
    chosen = sorted(rng.sample(files, n_files))
    pool = []
    for name in chosen:
        text = _git(git_dir, "show", f"{commit}:{name}").decode("utf-8")
        for s in extract(text):
            if s.label == "ORG":
                pool.append((name, text, s))
    if n_spans > len(pool):
        raise ValueError(f"only {len(pool)} ORG spans in {n_files} files; draw more files")
    picked = sorted(rng.sample(range(len(pool)), n_spans))
    rows = []
    for k, i in enumerate(picked, 1):
        name, text, s = pool[i]
        rows.append(
            {
                "id": f"L{k:03d}",
                "file": name,
                "start": s.start,
                "end": s.end,
                "span": s.text,
                "left": _oneline(text[max(0, s.start - CONTEXT) : s.start]),
                "right": _oneline(text[s.end : s.end + CONTEXT]),
                "source": s.source,
                "judgement": "",
                "note": "",
            }
        )
    return rows


def write_tsv(rows: Sequence[dict[str, Any]], path: Path, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header}\n")
        w = csv.DictWriter(
            fh, FIELDS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        w.writeheader()
        w.writerows(rows)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
    rows = list(reader)
    missing = set(FIELDS) - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return rows


def _library_commit() -> str:
    proc = subprocess.run(
        ["git", "describe", "--always", "--dirty", "--abbrev=7"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() or "?"


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval of a proportion ``k/n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, mid - half), min(1.0, mid + half))


def score(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Precision over the judged rows; rows not yet judged are counted apart."""
    bad = [r["id"] for r in rows if r["judgement"] not in ("ok", "wrong", "")]
    if bad:
        raise ValueError(f"judgement must be ok or wrong (rows {bad[:10]})")
    ok = sum(r["judgement"] == "ok" for r in rows)
    wrong = sum(r["judgement"] == "wrong" for r in rows)
    n = ok + wrong
    lo, hi = wilson(ok, n)
    return {
        "judged": n,
        "unjudged": len(rows) - n,
        "ok": ok,
        "wrong": wrong,
        "precision": ok / n if n else None,
        "wilson95": (lo, hi),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.law_org_sample",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw a sample and write the TSV to judge")
    s.add_argument("--seed", type=int, default=13)
    s.add_argument("--files", type=int, default=60)
    s.add_argument("--spans", type=int, default=120)
    s.add_argument("--git-dir", type=Path, default=GIT_DIR)
    s.add_argument("--commit", default=COMMIT)
    s.add_argument("--out", type=Path, default=TSV)
    s.add_argument("--force", action="store_true", help="overwrite a TSV that has judgements")
    c = sub.add_parser("score", help="precision of a judged TSV, 95%% Wilson interval")
    c.add_argument("path", type=Path, nargs="?", default=TSV)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        if not args.git_dir.exists():
            print(f"no mirror at {args.git_dir} (fetch github:LawRefBook/Laws)", file=sys.stderr)
            return 2
        if args.out.is_file() and not args.force:
            if any(r["judgement"] for r in read_tsv(args.out)):
                print(f"{args.out} has judgements; use --force or --out", file=sys.stderr)
                return 2
        rows = draw(args.seed, args.files, args.spans, args.git_dir, args.commit)
        write_tsv(
            rows,
            args.out,
            f"LawRefBook/Laws@{args.commit[:12]} seed={args.seed} files={args.files} "
            f"spans={args.spans} library={_library_commit()}; "
            "judge by ANNOTATION.md v4: ok / wrong",
        )
        print(f"{len(rows)} spans -> {args.out}", file=sys.stderr)
        return 0
    res = score(read_tsv(args.path))
    if res["precision"] is None:
        print(f"{args.path}: nothing judged yet ({res['unjudged']} rows)")
        return 1
    lo, hi = res["wilson95"]
    print(
        f"ORG precision {res['precision']:.3f} ({res['ok']}/{res['judged']}), "
        f"95% Wilson [{lo:.3f}, {hi:.3f}]"
        + (f"; {res['unjudged']} unjudged" if res["unjudged"] else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
