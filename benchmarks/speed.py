"""Speed, start-up, scaling and memory measurements (issues 3, 7 and 8).

Throughput runs in this process on one text shared by every tool (the seed documents
concatenated), one warm-up call, then the median of several calls.  Start-up and memory run in
fresh interpreters (:mod:`benchmarks.probe`) so that nothing measured earlier leaks into them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .adapters import Adapter
from .probe import ADVERSARIAL_KINDS, ROOT

STARTUP_SENTENCE = "新增普惠学位7091个，占比达到53%，投入7.64亿元。"


def _env() -> dict[str, str]:
    """Child processes import this checkout's eduextract and benchmarks, not an installed one."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def median_seconds(fn: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[float, list[float]]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def throughput(adapter: Adapter, text: str, runs: int) -> dict[str, Any]:
    seconds, times = median_seconds(lambda: adapter.raw(text), runs)
    n_bytes = len(text.encode("utf-8"))
    return {
        "chars": len(text),
        "bytes": n_bytes,
        "runs": runs,
        "median_s": seconds,
        "times_s": times,
        "chars_per_s": len(text) / seconds,
        "mb_per_s": n_bytes / seconds / 1e6,
    }


def _stage_pass(extractor: Any, text: str) -> tuple[dict[str, float], dict[str, int]]:
    """One ``extract()`` done by hand: seconds per stage and candidates per recognizer.

    Recognizers run in the extractor's order on one fresh :class:`Document`, as ``extract()``
    does, so a recognizer that reuses facts another put in ``doc.cache`` is timed as it runs
    in production.
    """
    from eduextract.document import Document
    from eduextract.resolve import resolve

    t0 = time.perf_counter()
    doc = Document(text)
    seconds = {"normalize": time.perf_counter() - t0}
    counts: dict[str, int] = {}
    candidates: list[Any] = []
    for rec in extractor.recognizers:
        t0 = time.perf_counter()
        found = list(rec.find(doc))
        seconds[rec.name] = time.perf_counter() - t0
        counts[rec.name] = len(found)
        candidates.extend(found)
    t0 = time.perf_counter()
    resolve(candidates)
    seconds["resolve"] = time.perf_counter() - t0
    return seconds, counts


def _median_stages(extractor: Any, text: str, runs: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        _stage_pass(extractor, text)
    passes = [_stage_pass(extractor, text) for _ in range(runs)]
    names = list(passes[0][0])
    return {
        "stages": {n: statistics.median(p[0][n] for p in passes) for n in names},
        "total_s": statistics.median(sum(p[0].values()) for p in passes),
        "counts": passes[0][1],
    }


def stages(text: str, runs: int) -> dict[str, Any]:
    """Where eduextract's time goes: normalisation, each recognizer's ``find``, resolution."""
    from eduextract import Extractor

    m = _median_stages(Extractor(), text, runs, warmup=1)
    total = sum(m["stages"].values())
    rows = [
        {
            "stage": name,
            "median_s": sec,
            "share": sec / total if total else 0.0,
            "chars_per_s": len(text) / sec if sec else None,
            "candidates": m["counts"].get(name),
        }
        for name, sec in m["stages"].items()
    ]
    return {"chars": len(text), "runs": runs, "rows": rows, "total_s": total}


def startup(adapter: Adapter, runs: int) -> dict[str, Any]:
    """Median over fresh interpreters of import + first call on a short sentence."""
    code = "\n".join(
        [
            "import time",
            "t0 = time.perf_counter()",
            adapter.import_statement(),
            "t1 = time.perf_counter()",
            f"first({STARTUP_SENTENCE!r})",
            "t2 = time.perf_counter()",
            "print(t1 - t0, t2 - t1)",
        ]
    )
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=_env(),
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
        imp, first = (float(x) for x in proc.stdout.split()[-2:])
        samples.append((imp + first, imp, first, wall))
    samples.sort()
    total, imp, first, wall = samples[len(samples) // 2]
    return {
        "runs": runs,
        "import_plus_first_s": total,
        "import_s": imp,
        "first_call_s": first,
        "process_wall_s": wall,
    }


def probe(args: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m benchmarks.probe ARGS`` and return its JSON, or why it failed."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe", *args],
            capture_output=True,
            text=True,
            env=_env(),
            cwd=ROOT,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        return {"error": tail[0]}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall_s"] = time.perf_counter() - t0
    return out


def scaling(text: str, factors: Sequence[int], runs: int) -> dict[str, Any]:
    """eduextract on the text repeated k times as ONE document, timed stage by stage.

    A single long document is where super-linear work hides (rescanning, per-document
    lookups that grow with the text); per-stage growth ratios name the recognizer responsible.
    """
    from eduextract import Extractor

    extractor = Extractor()
    rows = []
    base: dict[str, float] = {}
    for k in factors:
        big = (text + "\n") * k
        m = _median_stages(extractor, big, runs if k == 1 else 1, warmup=1 if k == 1 else 0)
        if not base:
            base = {"total": m["total_s"] / k, **{n: s / k for n, s in m["stages"].items()}}
        rows.append(
            {
                "factor": k,
                "chars": len(big),
                "seconds": m["total_s"],
                "chars_per_s": len(big) / m["total_s"],
                # 1.0 = perfectly linear; 2.0 = each character costs twice what it did at 1x
                "growth_ratio": m["total_s"] / (k * base["total"]),
                "stages_s": m["stages"],
                "stage_growth": {
                    n: (s / (k * base[n]) if base.get(n) else None) for n, s in m["stages"].items()
                },
            }
        )
    return {"rows": rows, "max_growth_ratio": max(r["growth_ratio"] for r in rows)}


def parallel(texts: list[str], n_process: int, batch_size: int = 64) -> dict[str, Any]:
    """``Extractor.pipe`` with 1 and ``n_process`` workers on the same list of documents."""
    from eduextract import Extractor

    extractor = Extractor()
    extractor.extract(STARTUP_SENTENCE)
    chars = sum(map(len, texts))
    rows = []
    for k in sorted({1, n_process}):
        t0 = time.perf_counter()
        n = sum(len(s) for s in extractor.pipe(texts, n_process=k, batch_size=batch_size))
        seconds = time.perf_counter() - t0
        rows.append(
            {"n_process": k, "seconds": seconds, "chars_per_s": chars / seconds, "spans": n}
        )
    speedup = rows[0]["seconds"] / rows[-1]["seconds"]
    return {
        "docs": len(texts),
        "chars": chars,
        "rows": rows,
        "speedup": speedup,
        "cpus": os.cpu_count(),
    }


def adversarial(sizes: dict[str, tuple[int, int]], timeout: float) -> list[dict[str, Any]]:
    """Each hostile input at two sizes (10x apart), each in its own process."""
    rows = []
    for kind in ADVERSARIAL_KINDS:
        small, large = sizes[kind]
        a = probe(["adversarial", kind, str(small)], timeout)
        b = probe(["adversarial", kind, str(large)], timeout)
        row: dict[str, Any] = {"kind": kind, "small": a, "large": b}
        if "error" not in a and "error" not in b and a["seconds"] > 0:
            row["time_ratio"] = b["seconds"] / a["seconds"]
            row["size_ratio"] = b["chars"] / a["chars"]
            row["rss_growth_mb"] = (b["peak_rss_mb"] - b["rss_before_mb"]) - (
                a["peak_rss_mb"] - a["rss_before_mb"]
            )
        rows.append(row)
    return rows


def stream_docs(counts: Sequence[int], timeout: float) -> list[dict[str, Any]]:
    return [{"docs_requested": n, **probe(["stream", "--docs", str(n)], timeout)} for n in counts]


def stream_bytes(mb: float, timeout: float) -> dict[str, Any]:
    return {"mb_requested": mb, **probe(["stream", "--bytes", str(int(mb * 1e6))], timeout)}


def machine() -> dict[str, Any]:
    """What the numbers ran on, for docs/benchmarks.md."""
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": mem,
        # other work on the machine skews timings; the page says how busy it was
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
