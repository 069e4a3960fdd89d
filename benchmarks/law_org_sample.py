"""ORG precision on a law corpus nobody tuned to: a seeded sample of spans, judged by hand.

    python -m benchmarks.law_org_sample sample [--seed 13] [--files 60] [--spans 120] [--force]
    python -m benchmarks.law_org_sample score [benchmarks/data/law_org_sample.tsv]
    python -m benchmarks.law_org_sample sample --corpus law-pages [--files N] [--spans 120]
    python -m benchmarks.law_org_sample score --corpus law-pages

Two corpora.  ``lawrefbook`` (the default) is LawRefBook/Laws; the ORG work was developed on its
text, so it is no longer untouched.  ``law-pages`` is ``benchmarks/data/law_pages``: excerpts of
laws, regulations, rules and normative documents copied from stored web pages and never run
through the library while it was tuned (see its ``MANIFEST.tsv``); its sample goes to
``benchmarks/data/law_pages_org_sample.tsv`` and the docs block ``law-pages-org-sample``, and its
TSV records the corpus as ``law-pages:<folder>@<sha256 of the excerpts>``; by default every
excerpt is read (the folder is small), so the first stage is a census and spans are drawn from all.

Corpus: LawRefBook/Laws at a fixed commit (every ``.md`` law, regulation, judicial
interpretation and local regulation, not only education laws), read from a local git mirror
(``--git-dir``; ``fetch github:LawRefBook/Laws``), so the sample is the same on any machine.
Files quoted in the real development corpus (``tests/data/real``) are left out: the library may
have been tuned to them; the TSV records which, and ``sample --like OLD.tsv`` redraws with the
seed, sizes, commit and exclusions of an earlier sample (on the library as it is now).

Design: a two-stage sample.  ``--files`` files are drawn uniformly with ``random.Random(seed)``,
the library extracts every ORG span of each (whole file), and ``--spans`` spans are drawn
uniformly from that pool.  Every ORG span of the corpus thus has about the same chance of being
drawn (exactly, given the pool's size), so the judged share estimates span-level precision
(spans of one file are correlated: the Wilson interval is a little optimistic).

``sample`` writes a TSV to judge (``id, file, start, end, span, left, right, source, judgement,
note``; contexts are 30 characters, line breaks shown as ``⏎``) and refuses to overwrite a
judged file without ``--force``.  ``judgement`` is ``ok`` or ``wrong`` by ANNOTATION.md v4
(exact span and a name that picks out one institution); ``score`` prints precision with a 95%
Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import subprocess
import sys
from collections import Counter
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
DOCS_PAGE = ROOT / "docs" / "benchmarks.md"
BLOCK = "law-org-sample"
PAGES_DIR = ROOT / "benchmarks" / "data" / "law_pages"
PAGES_TSV = ROOT / "benchmarks" / "data" / "law_pages_org_sample.tsv"
PAGES_BLOCK = "law-pages-org-sample"
CORPORA = ("lawrefbook", "law-pages")


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


def page_files(folder: Path) -> list[str]:
    """Every excerpt of a law-pages folder: its ``.txt`` files, by name."""
    if not folder.is_dir():
        raise ValueError(f"no law-pages folder at {folder}")
    return sorted(p.name for p in folder.glob("*.txt"))


def pages_digest(folder: Path) -> str:
    """sha256 over the excerpts' names and bytes: a TSV says which texts it was drawn from."""
    h = hashlib.sha256()
    for name in page_files(folder):
        h.update(name.encode("utf-8") + b"\0" + (folder / name).read_bytes() + b"\0")
    return h.hexdigest()


def _oneline(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎").replace("\t", " ")


def draw(
    seed: int,
    n_files: int,
    n_spans: int,
    git_dir: Path = GIT_DIR,
    commit: str = COMMIT,
    extract: Any = None,
    exclude: set[str] | None = None,
    pages: Path | None = None,
) -> list[dict[str, Any]]:
    """The sample rows (without judgement), deterministic in seed, corpus, excluded files and
    library.  ``exclude``: files left out (default: those the real corpus quotes now; nothing
    for a law-pages folder).  ``pages``: draw from the ``.txt`` excerpts of this folder instead
    of the LawRefBook mirror (same two stages, same random calls)."""
    if extract is None:
        from eduextract import extract
    rng = random.Random(seed)
    if pages is None:
        skip = tuned_files() if exclude is None else exclude
        names = law_files(git_dir, commit)

        def read(name: str) -> str:
            return _git(git_dir, "show", f"{commit}:{name}").decode("utf-8")
    else:
        skip = exclude or set()
        names = page_files(pages)

        def read(name: str) -> str:
            return (pages / name).read_text(encoding="utf-8")

    files = [f for f in names if f not in skip]
    if n_files > len(files):
        raise ValueError(f"--files {n_files} > {len(files)} law files in the corpus")
    chosen = sorted(rng.sample(files, n_files))
    pool = []
    for name in chosen:
        text = read(name)
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
                "id": f"{'L' if pages is None else 'P'}{k:03d}",
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


def write_tsv(rows: Sequence[dict[str, Any]], path: Path, meta: dict[str, Any]) -> None:
    """The rows to judge, after ``# key: value`` lines that say how they were drawn."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        for key, value in meta.items():
            fh.write(f"# {key}: {value}\n")
        w = csv.DictWriter(
            fh,
            FIELDS,
            delimiter="\t",
            lineterminator="\n",
            quoting=csv.QUOTE_NONE,
            escapechar="\\",
        )
        w.writeheader()
        w.writerows(rows)


def read_meta(path: Path) -> dict[str, str]:
    meta = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
    return meta


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


_INTRO = {
    "lawrefbook": (
        "### ORG precision on LawRefBook/Laws, before and after the ORG work",
        "A seeded two-stage sample (`python -m benchmarks.law_org_sample sample`): law files of "
        "the whole corpus (laws, regulations, judicial interpretations, local regulations; the "
        "files quoted in `tests/data/real` left out) drawn uniformly, then ORG spans drawn "
        "uniformly from everything the library finds in them, so every ORG span of the corpus "
        "has about the same chance. The `after` sample redraws the `before` one "
        "(`sample --like`: same seed, corpus commit, files and exclusions; the spans differ "
        "because the library finds others). LawRefBook text was used during the ORG work, so "
        "this corpus is no longer untouched and the `after` number flatters the library; the "
        "number that counts is the law-pages sample (untouched corpus, its own section). ",
    ),
    "law-pages": (
        "### ORG precision on law excerpts from web pages (benchmarks/data/law_pages)",
        "The same seeded two-stage sample on the law-pages corpus "
        "(`python -m benchmarks.law_org_sample sample --corpus law-pages`): excerpts of laws, "
        "regulations, rules and normative documents copied from stored web pages after the ORG "
        "work on LawRefBook, untouched by tuning (sources in its `MANIFEST.tsv`), drawn "
        "uniformly, then ORG spans drawn uniformly from everything the library finds in them. ",
    ),
}


def docs_block(paths: Sequence[Path], corpus: str = "lawrefbook") -> str:
    """The docs section: one summary row per judged sample, then every judged span."""
    title, intro = _INTRO[corpus]
    block = BLOCK if corpus == "lawrefbook" else PAGES_BLOCK
    lines = [
        f"<!-- BEGIN {block} -->",
        title,
        "",
        intro + "Each span is judged by ANNOTATION.md v4: `ok` only when "
        "the span is exact and names one institution (bare `人民法院`, "
        "distributive `区、县人民政府`, `证券公司` as a category and cut words "
        "are `wrong`). Precision with a 95% Wilson interval "
        "(`python -m benchmarks.law_org_sample score`; spans of one file are "
        "correlated, so the interval is a little narrow). Target: precision ≥ 0.95.",
        "",
        "| sample | stage | library | seed | files drawn | files in sample | judged | ok "
        "| precision | 95% Wilson |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    why_lines: list[str] = []
    for path in paths:
        rows = read_tsv(path)
        res = score(rows)
        if not res["judged"]:
            continue
        meta = read_meta(path)
        lo, hi = res["wilson95"]
        lines.append(
            f"| `{path.name}` | {meta.get('stage') or '—'} | `{meta.get('library', '?')}` | "
            f"{meta.get('seed', '?')} | {meta.get('files', '?')} | "
            f"{len({r['file'] for r in rows if r['judgement']})} | {res['judged']} | "
            f"{res['ok']} | {res['precision']:.3f} | [{lo:.3f}, {hi:.3f}] |"
        )
        by_source: dict[str, list[int]] = {}
        for r in rows:
            if r["judgement"]:
                pair = by_source.setdefault(r["source"], [0, 0])
                pair[0] += r["judgement"] == "ok"
                pair[1] += 1
        reasons = Counter(r["note"] or "?" for r in rows if r["judgement"] == "wrong")
        if reasons:  # after the summary table, which one list would cut in two
            why_lines += ["", f"Why spans of `{path.name}` are wrong, most frequent first:", ""]
            why_lines += [f"- {n} × {why}" for why, n in reasons.most_common()]
        details += [
            "",
            f"<details><summary>{path.name}: the {res['judged']} judged spans "
            f"({', '.join(f'{k} {v[0]}/{v[1]} ok' for k, v in sorted(by_source.items()))})"
            "</summary>",
            "",
            "| id | file | context (span in 【】) | judgement | note |",
            "|---|---|---|---|---|",
        ]
        for r in rows:
            if not r["judgement"]:
                continue
            ctx = f"{r['left']}【{r['span']}】{r['right']}".replace("|", "\\|").replace("<", "&lt;")
            name = r["file"].rsplit("/", 1)[-1].removesuffix(".md").removesuffix(".txt")
            details.append(f"| {r['id']} | {name} | {ctx} | {r['judgement']} | {r['note'] or ''} |")
        details += ["", "</details>"]
    return "\n".join([*lines, *why_lines, *compare(paths), *details, f"<!-- END {block} -->"])


def compare(paths: Sequence[Path]) -> list[str]:
    """Samples of one draw (same corpus, seed, files and spans), side by side: precision and
    the wrong spans by source, in the order of ``paths`` (before first by file name)."""
    groups: dict[tuple[str, ...], list[tuple[Path, dict[str, Any], list[dict[str, str]]]]] = {}
    for path in paths:
        rows = read_tsv(path)
        res = score(rows)
        if res["judged"]:
            meta = read_meta(path)
            key = tuple(meta.get(k, "?") for k in ("corpus", "seed", "files", "spans"))
            groups.setdefault(key, []).append((path, res, rows))
    out: list[str] = []
    for same in groups.values():
        if len(same) < 2:
            continue
        names = [f"`{p.name}` ({read_meta(p).get('stage') or '—'})" for p, _, _ in same]
        sources = sorted({r["source"] for _, _, rows in same for r in rows if r["judgement"]})
        out += [
            "",
            "Side by side (the same draw): " + " → ".join(names) + ".",
            "",
            "| | " + " | ".join(f"`{p.name}`" for p, _, _ in same) + " |",
            "|---|" + "---|" * len(same),
            "| precision | "
            + " | ".join(
                f"{res['precision']:.3f} ({res['ok']}/{res['judged']}) "
                f"[{res['wilson95'][0]:.3f}, {res['wilson95'][1]:.3f}]"
                for _, res, _ in same
            )
            + " |",
        ]
        for src in sources:
            cells = []
            for _, _, rows in same:
                mine = [r for r in rows if r["judgement"] and r["source"] == src]
                ok = sum(r["judgement"] == "ok" for r in mine)
                cells.append(f"{ok}/{len(mine)} ok" if mine else "—")
            out.append(f"| source `{src}` | " + " | ".join(cells) + " |")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.law_org_sample",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw a sample and write the TSV to judge")
    s.add_argument("--corpus", choices=CORPORA, default="lawrefbook")
    s.add_argument("--pages-dir", type=Path, default=PAGES_DIR, help="the law-pages folder")
    s.add_argument("--seed", type=int, default=13)
    s.add_argument("--files", type=int, help="files drawn (default 60; law-pages: every excerpt)")
    s.add_argument("--spans", type=int, default=120)
    s.add_argument("--git-dir", type=Path, default=GIT_DIR)
    s.add_argument("--commit", default=COMMIT)
    s.add_argument("--out", type=Path, help=f"default {TSV.name} or {PAGES_TSV.name}")
    s.add_argument("--force", action="store_true", help="overwrite a TSV that has judgements")
    s.add_argument("--stage", default="", help="what the sample measures, e.g. 'after ORG work'")
    s.add_argument(
        "--like",
        type=Path,
        help="redraw with the seed, sizes, corpus commit and excluded files of this TSV",
    )
    c = sub.add_parser("score", help="precision of a judged TSV, 95%% Wilson interval")
    c.add_argument("path", type=Path, nargs="?")
    c.add_argument("--corpus", choices=CORPORA, default="lawrefbook")
    c.add_argument(
        "--write-docs",
        action="store_true",
        help="rewrite the corpus's block of docs/benchmarks.md (law-org-sample or "
        "law-pages-org-sample) from every judged law_org_sample*.tsv or "
        "law_pages_org_sample*.tsv of benchmarks/data",
    )
    args = ap.parse_args(argv)
    pages_corpus = args.corpus == "law-pages"
    if args.cmd == "sample":
        if args.like:
            pages_corpus = read_meta(args.like).get("corpus", "").startswith("law-pages")
        if args.out is None:
            args.out = PAGES_TSV if pages_corpus else TSV
        if pages_corpus and not args.pages_dir.is_dir():
            print(f"no law-pages folder at {args.pages_dir}", file=sys.stderr)
            return 2
        if not pages_corpus and not args.git_dir.exists():
            print(f"no mirror at {args.git_dir} (fetch github:LawRefBook/Laws)", file=sys.stderr)
            return 2
        if args.out.is_file() and not args.force:
            if any(r["judgement"] for r in read_tsv(args.out)):
                print(f"{args.out} has judgements; use --force or --out", file=sys.stderr)
                return 2
        if args.files is None:
            args.files = len(page_files(args.pages_dir)) if pages_corpus else 60
        exclude = set() if pages_corpus else tuned_files()
        if args.like:  # the draw of an earlier sample, on the library as it is now
            old = read_meta(args.like)
            args.seed, args.files, args.spans = (int(old[k]) for k in ("seed", "files", "spans"))
            if pages_corpus:
                if old["corpus"].rsplit("@", 1)[1] != pages_digest(args.pages_dir):
                    print(f"{args.pages_dir} changed since {args.like}", file=sys.stderr)
                    return 2
            else:
                args.commit = old["corpus"].rsplit("@", 1)[1]
            exclude = set(json.loads(old.get("excluded", "[]")))
        rows = draw(
            args.seed,
            args.files,
            args.spans,
            args.git_dir,
            args.commit,
            exclude=exclude,
            pages=args.pages_dir if pages_corpus else None,
        )
        if pages_corpus:
            where = args.pages_dir.resolve()
            shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
            corpus = f"law-pages:{shown}@{pages_digest(args.pages_dir)}"
        else:
            corpus = f"LawRefBook/Laws@{args.commit}"
        meta = {
            "corpus": corpus,
            "seed": args.seed,
            "files": args.files,
            "spans": args.spans,
            "library": _library_commit(),
            "stage": args.stage,
            "excluded": json.dumps(sorted(exclude), ensure_ascii=False),
            "judge": "ANNOTATION.md v4; judgement ok (exact span, one institution) or wrong",
        }
        write_tsv(rows, args.out, meta)
        print(f"{len(rows)} spans -> {args.out}", file=sys.stderr)
        return 0
    if args.path is None:
        args.path = PAGES_TSV if pages_corpus else TSV
    if args.write_docs:
        from .report import replace_block

        block = PAGES_BLOCK if pages_corpus else BLOCK
        pattern = "law_pages_org_sample*.tsv" if pages_corpus else "law_org_sample*.tsv"
        page = DOCS_PAGE.read_text(encoding="utf-8") if DOCS_PAGE.is_file() else ""
        body = docs_block(sorted(TSV.parent.glob(pattern)), args.corpus)
        DOCS_PAGE.write_text(replace_block(page, block, body), encoding="utf-8")
        print(f"rewrote the {block} block of {DOCS_PAGE}", file=sys.stderr)
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
