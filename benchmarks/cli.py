"""``python -m benchmarks``: accuracy on the gold and peer suites, speed, memory, in one run.

The full run is what docs/benchmarks.md shows (``--write-docs`` rewrites that page from the
fresh numbers, so the page cannot drift from the command); ``--quick`` shrinks every workload
for a smoke test.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from . import report, speed
from .adapters import ADAPTERS, Adapter
from .probe import ROOT, paragraphs
from .scoring import SUBSETS, Report, load_jsonl, score_suite

DEFAULT_GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"
DEFAULT_PEER = ROOT / "tests" / "data" / "peer"
DEFAULT_REAL = ROOT / "tests" / "data" / "real"
DEFAULT_NER = ROOT / "benchmarks" / "data" / "ner"
DEFAULT_OUT = ROOT / "benchmarks" / "out"
DOCS_PAGE = ROOT / "docs" / "benchmarks.md"

#: full run / --quick workload sizes
FULL = {
    "runs": 5,
    "startup_runs": 3,
    "scaling": (1, 10, 100),
    "stream_mb": 100.0,
    "stream_docs": (1_000, 100_000),
    "parallel_copies": 40,
    "ner_lines": None,  # every line of the ORG-only NER sets
    "adversarial": {
        "digits": (10_000, 100_000),
        "yi": (10_000, 100_000),
        "brackets": (10_000, 100_000),
        "no_punct": (100_000, 1_000_000),
        "surrogates": (10_000, 100_000),
    },
}
QUICK = {
    "runs": 2,
    "startup_runs": 1,
    "scaling": (1, 10),
    "stream_mb": 1.0,
    "stream_docs": (100, 1_000),
    "parallel_copies": 0,
    "ner_lines": 300,  # the first lines of each NER set: jieba.posseg needs 30 s for all
    "adversarial": {
        "digits": (1_000, 10_000),
        "yi": (1_000, 10_000),
        "brackets": (1_000, 10_000),
        "no_punct": (10_000, 100_000),
        "surrogates": (1_000, 10_000),
    },
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Score eduextract and the installed baselines on gold JSONL (ANNOTATION.md "
        "format) and peer suites; measure speed, start-up, scaling and memory.",
    )
    p.add_argument(
        "--gold",
        action="append",
        type=Path,
        help=f"gold JSONL file (repeatable; default {DEFAULT_GOLD.relative_to(ROOT)})",
    )
    p.add_argument(
        "--peer",
        type=Path,
        default=DEFAULT_PEER,
        help="folder of peer-suite JSONL files ('' to skip)",
    )
    p.add_argument(
        "--real",
        type=Path,
        default=DEFAULT_REAL,
        help="folder of real-corpus batches (batchNN.jsonl), scored as one suite and by batch "
        "and document kind ('' to skip)",
    )
    p.add_argument(
        "--ner",
        type=Path,
        default=DEFAULT_NER,
        help="folder of general-text NER sets scored for ORG only ('' to skip)",
    )
    p.add_argument(
        "--update-blocks",
        action="store_true",
        help=f"rewrite only the marked blocks of {DOCS_PAGE.relative_to(ROOT)} this run "
        "produces (real corpus, ORG comparison), e.g. after `--no-speed`",
    )
    p.add_argument(
        "--generalisation",
        action="store_true",
        help="only rewrite the generalisation table in docs/benchmarks.md from "
        "tests/data/real/scores.jsonl (see benchmarks.generalisation) and exit",
    )
    p.add_argument(
        "--tools",
        default=",".join(ADAPTERS),
        help=f"comma-separated subset of {','.join(ADAPTERS)}",
    )
    p.add_argument("--quick", action="store_true", help="small workloads, for a smoke test")
    p.add_argument("--runs", type=int, help="timed runs per throughput figure (after warm-up)")
    p.add_argument(
        "--stream-mb",
        type=float,
        help="MB of text streamed for peak RSS (default "
        f"{FULL['stream_mb']:g}, quick {QUICK['stream_mb']:g})",
    )
    p.add_argument("--stream-docs", help="comma-separated document counts for the stream test")
    p.add_argument("--no-speed", action="store_true", help="accuracy only")
    p.add_argument("--no-accuracy", action="store_true", help="speed only")
    p.add_argument("--no-chart", action="store_true")
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="seconds before a probe subprocess counts as hung",
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for JSON, PNG, errors")
    p.add_argument(
        "--errors",
        type=int,
        default=20,
        help="false positives / misses per label written to errors.md",
    )
    p.add_argument(
        "--write-docs",
        action="store_true",
        help=f"rewrite {DOCS_PAGE.relative_to(ROOT)} with this run's tables",
    )
    return p


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        pass
    if package == "eduextract":  # run from a checkout without installing: say which one
        import tomllib

        try:
            meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
            version = str(meta["project"]["version"])
        except (OSError, KeyError, ValueError):
            return None
        commit = _git_commit()
        return f"{version} (checkout {commit})" if commit else version
    return None


def _git_commit() -> str | None:
    import subprocess

    try:
        proc = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=7"],
            cwd=ROOT,
            text=True,
            capture_output=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return None
    return proc.stdout.strip() or None


def load_suites(
    gold: Sequence[Path],
    peer: Path | None,
    real: Path | None = None,
    ner: Path | None = None,
    ner_lines: int | None = None,
) -> dict[str, dict[str, Any]]:
    """Suites by name.  Kinds: gold (seeds, held-out), peer, real (every ``batchNN.jsonl``
    of ``real`` as one suite, its documents carrying ``batch`` and ``kind``), ner (ORG sets)."""
    suites: dict[str, dict[str, Any]] = {}
    for path in gold:
        suites[path.stem] = {"kind": "gold", "path": _rel(path), "docs": load_jsonl(path)}
    if peer is not None and peer.is_dir():
        for path in sorted(peer.glob("*.jsonl")):
            suites[path.stem] = {"kind": "peer", "path": _rel(path), "docs": load_jsonl(path)}
    if real is not None and real.is_dir():
        batches = sorted(real.glob("batch[0-9]*.jsonl"))
        if batches:
            docs = []
            for path in batches:
                for doc in load_jsonl(path):
                    doc.setdefault("batch", path.stem)
                    docs.append(doc)
            suites["real"] = {
                "kind": "real",
                "path": _rel(real) + "/batch*.jsonl",
                "batches": [p.stem for p in batches],
                "docs": docs,
            }
    if ner is not None and ner.is_dir():
        for path in sorted(ner.glob("*.jsonl")):
            docs = load_jsonl(path)[:ner_lines]
            suites[path.stem] = {"kind": "ner", "path": _rel(path), "docs": docs}
    for meta in suites.values():
        docs = meta["docs"]
        meta["lines"] = {s: sum(1 for d in docs if SUBSETS[s](d)) for s in SUBSETS}
        scope = {x for d in docs for x in d.get("labels_in_scope") or ()}
        meta["labels"] = sorted(scope or {s["label"] for d in docs for s in d["spans"]})
        meta["whole_string"] = any(d.get("whole_string") for d in docs)
        meta["n_spans"] = sum(
            1
            for d in docs
            for sp in d["spans"]
            if not d.get("labels_in_scope") or sp["label"] in d["labels_in_scope"]
        )
    return suites


#: document fields the real corpus is also broken down by
BREAKDOWNS = ("batch", "kind")


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def run_accuracy(
    adapters: dict[str, Adapter], suites: dict[str, dict[str, Any]], max_errors: int
) -> tuple[dict[str, Any], dict[str, float]]:
    acc: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    peer = [s for s, m in suites.items() if m["kind"] == "peer"]
    for name, adapter in adapters.items():
        t0 = time.perf_counter()
        acc[name] = {}
        totals = {subset: Report() for subset in SUBSETS}
        for suite, meta in suites.items():
            if meta["kind"] == "ner" and "ORG" not in adapter.labels:
                continue  # an ORG-only set says nothing about a tool without ORG
            preds = adapter.predict_many([d["text"] for d in meta["docs"]])
            acc[name][suite] = {}
            for subset in SUBSETS:
                if meta["kind"] != "peer" and subset != "all":
                    continue  # only the peer suites carry the flags that define subsets
                rep = score_suite(meta["docs"], preds, subset)
                acc[name][suite][subset] = rep.to_dict(max_errors)
                if suite in peer:
                    score_suite(meta["docs"], preds, subset, totals[subset])
            if meta["kind"] == "real":
                for field in BREAKDOWNS:
                    groups: dict[str, list[int]] = {}
                    for i, d in enumerate(meta["docs"]):
                        groups.setdefault(str(d.get(field, "?")), []).append(i)
                    acc[name][suite][f"by_{field}"] = {
                        key: score_suite(
                            [meta["docs"][i] for i in idx], [preds[i] for i in idx]
                        ).to_dict(0)
                        for key, idx in sorted(groups.items())
                    }
        if peer:
            acc[name]["peer_total"] = {s: r.to_dict(max_errors) for s, r in totals.items()}
        seconds[name] = time.perf_counter() - t0
    return acc, seconds


def run_speed(
    adapters: dict[str, Adapter],
    cfg: dict[str, Any],
    gold: Sequence[Path],
    timeout: float,
    log: Any,
) -> dict[str, Any]:
    # the issues' targets are stated on the seed documents: time the first gold file only
    text = "\n".join(d["text"] for d in load_jsonl(gold[0]))
    sp: dict[str, Any] = {"throughput": {}, "startup": {}}
    for name, adapter in adapters.items():
        log(f"throughput {name}")
        sp["throughput"][name] = speed.throughput(adapter, text, cfg["runs"])
    for name, adapter in adapters.items():
        log(f"start-up {name}")
        try:
            sp["startup"][name] = speed.startup(adapter, cfg["startup_runs"])
        except NotImplementedError as exc:  # a tool run in another interpreter (LAC worker)
            sp["startup"][name] = {"error": [str(exc)]}
    if "eduextract" in adapters:
        log("stages")
        sp["stages"] = speed.stages(text, cfg["runs"])
        log("scaling")
        sp["scaling"] = speed.scaling(text, cfg["scaling"], cfg["runs"])
        if cfg["parallel_copies"]:
            log("parallel pipe")
            sp["parallel"] = speed.parallel(paragraphs() * cfg["parallel_copies"], 2)
        # the two memory streams are separate processes measuring their own peak RSS: run
        # side by side they finish in the time of the longer one on a 2-core machine
        log(f"stream {cfg['stream_mb']:g} MB and {', '.join(map(str, cfg['stream_docs']))} docs")
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            by_bytes = pool.submit(speed.stream_bytes, cfg["stream_mb"], timeout)
            by_docs = pool.submit(speed.stream_docs, cfg["stream_docs"], timeout)
            sp["stream_bytes"] = by_bytes.result()
            sp["stream_docs"] = by_docs.result()
        log("hostile inputs")
        sp["adversarial"] = speed.adversarial(cfg["adversarial"], timeout)
    return sp


def targets(sp: dict[str, Any]) -> list[dict[str, Any]]:
    """The numeric "Done when" items of issues 7 and 8, checked on this run's numbers."""
    out: list[dict[str, Any]] = []
    tp = sp.get("throughput", {})
    if "eduextract" in tp:
        cps = tp["eduextract"]["chars_per_s"]
        out.append(
            {
                "target": "throughput ≥ 1,000,000 chars/s (all labels, one core)",
                "measured": f"{cps:,.0f}",
                "met": cps >= 1e6,
            }
        )
        if "cn2an" in tp:
            ratio = cps / tp["cn2an"]["chars_per_s"]
            out.append(
                {
                    "target": "≥ 1.3× cn2an.transform, same run, same text",
                    "measured": f"{ratio:.2f}×",
                    "met": ratio >= 1.3,
                }
            )
    st = sp.get("startup", {}).get("eduextract")
    if st and "error" not in st:
        out.append(
            {
                "target": "import + first extract() ≤ 0.5 s",
                "measured": f"{st['import_plus_first_s']:.3f} s",
                "met": st["import_plus_first_s"] <= 0.5,
            }
        )
    if sp.get("scaling"):
        rows = sp["scaling"]["rows"]
        g = sp["scaling"]["max_growth_ratio"]
        out.append(
            {
                "target": f"linear growth 1×…{rows[-1]['factor']}× (growth ratio ≤ 1.5)",
                "measured": f"{g:.2f}",
                "met": g <= 1.5,
            }
        )
    sb = sp.get("stream_bytes")
    if sb and "error" not in sb:
        out.append(
            {
                "target": f"peak RSS streaming {sb['mb_requested']:g} MB < 500 MB",
                "measured": f"{sb['peak_rss_mb']:.0f} MB",
                "met": sb["peak_rss_mb"] < 500,
            }
        )
    elif sb:
        out.append({"target": "stream of text", "measured": sb["error"], "met": False})
    sd = [r for r in sp.get("stream_docs") or [] if "error" not in r]
    if len(sd) >= 2:
        grow = sd[-1]["peak_rss_mb"] - sd[0]["peak_rss_mb"]
        out.append(
            {
                "target": f"flat memory {sd[0]['docs']:,} → {sd[-1]['docs']:,} documents "
                "(peak RSS grows < 50 MB)",
                "measured": f"{grow:+.0f} MB",
                "met": grow < 50,
            }
        )
    adv = sp.get("adversarial") or []
    if adv:
        worst = max((r.get("time_ratio", float("inf")) for r in adv), default=0.0)
        ok = all("time_ratio" in r and r["large"]["offsets_ok"] for r in adv)
        out.append(
            {
                "target": "hostile inputs: no error or hang, 10× input ≤ 15× time",
                "measured": f"worst ratio {worst:.1f}",
                "met": ok and worst <= 15,
            }
        )
    pa = sp.get("parallel")
    if pa:
        out.append(
            {
                "target": "pipe(n_process=2) speed-up (near-linear on 2 cores)",
                "measured": f"{pa['speedup']:.2f}×",
                "met": None,
            }
        )
    return out


DOCS_HEADER = """# Benchmarks

How far eduextract can be trusted and how fast it runs, next to the tools a user would pick
instead, on the development gold (`tests/data/gold_seeds.jsonl`: 5 documents, 690 spans), on
the real development corpus (`tests/data/real/batch*.jsonl`, scored by label, by document kind
and by batch), on the peer suites converted from the test cases of Microsoft Recognizers-Text,
Duckling and cn2an (`tests/data/peer/`, see its README for sources, licences and subsets) and,
for ORG only, on the MSRA test and CLUENER dev sets (`benchmarks/data/ner/`).

## Reproduce

```bash
pip install -e ".[bench]"     # optional: baselines + matplotlib; any missing one is skipped
python -m benchmarks --write-docs      # the full run below: about {minutes} min on this machine
python -m benchmarks --quick           # same code, small workloads, under a minute
python -m benchmarks --no-speed --gold my_gold.jsonl --peer '' --real '' --ner ''  # your gold
EDUEXTRACT_LAC_PYTHON=/path/to/lacvenv/bin/python python -m benchmarks   # with the LAC baseline
python -m benchmarks --no-speed --update-blocks  # only the real-corpus and ORG blocks below
python -m benchmarks.generalisation --write-docs      # the generalisation table (scores.jsonl)
python -m benchmarks.law_org_sample score --write-docs  # the judged law ORG sample
```

The command prints the tables below, writes `benchmarks/out/accuracy.json` and
`benchmarks/out/speed.json` (every number, plus the false positives and misses with context),
`benchmarks/out/errors.md` (the same errors, readable) and `benchmarks/out/benchmark.png`;
`--write-docs` also rewrites this page and copies the chart next to it. `--stream-mb`,
`--stream-docs`, `--runs`, `--tools` shrink or select; `python -m benchmarks --help` lists all.

![Strict F1 per label per tool, and throughput](benchmark.png)

## How to read it

- **strict**: offsets and label equal to gold; **lenient**: same label, overlapping offsets;
  **value accuracy**: share of strict matches whose value equals gold (numbers within 1e-6
  relative). Micro average over NUMBER, ORDINAL, PERCENT, MONEY, ORG, DOCNO; DATE apart.
- **Peer suites** are scored only on each line's `labels_in_scope` (other predictions are
  ignored: the peer's gold says nothing about them). Subsets: *all*; *compatible* (lines where
  our guideline agrees with the peer's convention); *clean* (compatible, and the guideline is
  not silent). Whole-string lines count only when the tool returns exactly the one gold span.
- **Baselines** run through adapters (`benchmarks/adapters.py`): cn2an's rewritten digits are
  aligned back to the input; Recognizers-Text's inclusive `End` is made exclusive (release
  1.0.1: the `ms_recognizers_*` modules; its `recognizers_number` package fails to import
  `recognizers_text`); nested results of one tool are resolved longest-first, as eduextract
  resolves its own; JioNLP's `extract_money`/`extract_time` give MONEY/DATE; jieba.posseg
  words tagged `nt` are taken as ORG; so are Baidu LAC's words tagged `ORG` (run in a worker
  of `EDUEXTRACT_LAC_PYTHON` when LAC is not importable here, sentence by sentence).
  {dash} marks labels a tool cannot produce; the micro average still counts all six core
  labels, so a one-label tool's micro F1 is low by design.
- **Throughput** times each tool's own call on the same text (the texts of the first gold
  file concatenated: the seed documents, on which the issues state their targets; one warm-up,
  median of several runs); our adapters' alignment work is not counted.
  **Start-up**, **memory** and **hostile inputs** run in fresh interpreters; peak RSS is the
  process's `VmHWM` (`getrusage().ru_maxrss` is also in the JSON: on Linux it carries over a
  fork from the benchmark process, so it over-reports).
- Timings depend on what else the machine is doing (the load average is printed below: above
  the CPU count, every absolute figure is slower than on an idle machine, by up to the ratio
  of the two); compare ratios measured in the same run (the "vs cn2an.transform" column, the
  growth ratios) rather than absolute numbers across runs.

## What `labels=` saves

`extract(text, labels=[...])` runs only the recognizers whose candidates can change the wanted
labels' spans (`COMPETITORS` in `eduextract/recognizers/__init__.py`); the result is identical
to a full run filtered afterwards (`tests/test_labels_selection.py` checks it on the whole
equivalence corpus). Measured with `python -m benchmarks.labels_speed --reps 7` (not rerun by
`--write-docs`): CPU time, best of 7, one warm extractor; input: the five gold documents joined
(38,610 characters); machine: AMD EPYC, 2 CPUs shared with other jobs (1-minute load average
0.7), Python 3.11.7, 2026-12-04.

| labels | recognizers run | ms | speed-up |
|---|---|---:|---:|
| all | blockers, numbers, dates, docno, org | 26.4 | 1.00x |
| ORG | blockers, docno, org | 14.3 | 1.85x |
| DOCNO | blockers, docno | 3.2 | 8.20x |
| MONEY | blockers, numbers, dates, docno | 16.0 | 1.66x |

## Latest run

Run: {when}, `{command}`, 1-minute load average at start → end: {load}

Machine: {machine}

Tool versions: {versions}

"""


def write_docs(res: dict[str, Any], body: str, out_dir: Path) -> None:
    m = res["machine"]
    page = DOCS_HEADER.format(
        minutes=max(1, round(res["elapsed_s"] / 60)),
        load=" → ".join(f"{m[k][0]:.1f}" for k in ("load_average", "load_average_end") if m.get(k))
        or "n/a",
        command=res["command"],
        when=res["finished"],
        dash=report.DASH,
        machine=f"{m['cpu']}, {m['cpus']} CPUs, {m['memory_gb']} GB RAM, {m['platform']}, "
        f"{m['implementation']} {m['python']}",
        versions=", ".join(
            f"{t} {i['version'] or '(not installed)'}" for t, i in res["tools"].items()
        ),
    )
    DOCS_PAGE.parent.mkdir(parents=True, exist_ok=True)
    png = out_dir / "benchmark.png"
    if png.exists():
        (DOCS_PAGE.parent / "benchmark.png").write_bytes(png.read_bytes())
    DOCS_PAGE.write_text(page + body + kept_blocks(DOCS_PAGE, body), encoding="utf-8")


def kept_blocks(page: Path, body: str) -> str:
    """The marked blocks (``<!-- BEGIN name -->`` … ``<!-- END name -->``) of the current page
    that this run does not write (generalisation table, law ORG sample, sections other tools
    own): a full rewrite keeps them."""
    if not page.is_file():
        return ""
    fresh = report.blocks(body)
    old = report.blocks(page.read_text(encoding="utf-8"))
    return "".join("\n" + b + "\n" for name, b in old.items() if name not in fresh)


def update_blocks(body: str) -> list[str]:
    """Rewrite in docs/benchmarks.md only the marked blocks this run produced."""
    page = DOCS_PAGE.read_text(encoding="utf-8") if DOCS_PAGE.is_file() else "# Benchmarks\n"
    fresh = report.blocks(body)
    for name, marked in fresh.items():
        page = report.replace_block(page, name, marked)
    DOCS_PAGE.write_text(page, encoding="utf-8")
    return list(fresh)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.generalisation:
        from . import generalisation

        return generalisation.main(["--write-docs"])
    started = time.perf_counter()
    cfg = dict(QUICK if args.quick else FULL)
    if args.runs:
        cfg["runs"] = args.runs
    if args.stream_mb is not None:
        cfg["stream_mb"] = args.stream_mb
    if args.stream_docs:
        cfg["stream_docs"] = tuple(int(x) for x in args.stream_docs.split(","))

    def log(msg: str) -> None:
        print(f"[bench {time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    names = [x.strip() for x in args.tools.split(",") if x.strip()]
    unknown = [n for n in names if n not in ADAPTERS]
    if unknown:
        print(f"unknown tool(s) {unknown}; choose from {list(ADAPTERS)}", file=sys.stderr)
        return 2
    tools: dict[str, Any] = {}
    adapters: dict[str, Adapter] = {}
    for name in names:
        adapter = ADAPTERS[name]()
        log(f"loading {name}")
        ok = adapter.available()
        tools[name] = {
            "labels": list(adapter.labels),
            "available": ok,
            "error": adapter.error,
            "version": _version(adapter.package) or getattr(adapter, "version", None),
            "description": adapter.description
            + (f" [{adapter.mode}]" if getattr(adapter, "mode", "") else ""),
        }
        if ok:
            adapters[name] = adapter
        else:
            log(f"skipping {name}: {adapter.error}")

    gold = args.gold or [DEFAULT_GOLD]
    peer = args.peer if str(args.peer) not in ("", ".") else None
    real = args.real if str(args.real) not in ("", ".") else None
    ner = args.ner if str(args.ner) not in ("", ".") else None
    suites = load_suites(gold, peer, real, ner, cfg["ner_lines"])
    res: dict[str, Any] = {
        "command": "python -m benchmarks"
        + (
            ""
            if argv is None and len(sys.argv) <= 1
            else " " + shlex.join(argv if argv is not None else sys.argv[1:])
        ),
        "machine": speed.machine(),
        "quick": args.quick,
        "tools": tools,
        "suites": {k: {kk: vv for kk, vv in v.items() if kk != "docs"} for k, v in suites.items()},
        "accuracy": {},
    }
    if not args.no_accuracy:
        log("accuracy")
        res["accuracy"], res["accuracy_seconds"] = run_accuracy(adapters, suites, args.errors * 50)
        if "eduextract" in adapters:
            from . import facts_eval

            log("facts and citations")
            res["facts"] = facts_eval.evaluate()
            res["facts_blind"] = facts_eval.evaluate("blind").get("facts")
    if not args.no_speed:
        res["speed"] = run_speed(adapters, cfg, gold, args.timeout, log)
        res["targets"] = targets(res["speed"])
    res["elapsed_s"] = time.perf_counter() - started
    res["machine"]["load_average_end"] = speed.machine()["load_average"]
    res["finished"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

    args.out.mkdir(parents=True, exist_ok=True)
    common = {k: res[k] for k in ("command", "machine", "quick", "tools", "finished")}
    (args.out / "accuracy.json").write_text(
        json.dumps(
            {**common, "suites": res["suites"], "accuracy": res["accuracy"]},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    (args.out / "speed.json").write_text(
        json.dumps(
            {**common, "speed": res.get("speed"), "targets": res.get("targets")},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    if res["accuracy"]:
        (args.out / "errors.md").write_text(
            report.errors_markdown(res, args.errors), encoding="utf-8"
        )
    if not args.no_chart:
        msg = report.chart(res, args.out / "benchmark.png")
        if msg:
            log(msg)
    body = report.markdown(res)
    print(body)
    if args.write_docs:
        write_docs(res, body, args.out)
        log(f"wrote {DOCS_PAGE.relative_to(ROOT)}")
    elif args.update_blocks:
        names = update_blocks(body)
        log(f"rewrote blocks {', '.join(names) or '(none)'} of {DOCS_PAGE.relative_to(ROOT)}")
    log(f"done in {res['elapsed_s']:.0f} s; JSON in {_rel(args.out)}")
    return 0
