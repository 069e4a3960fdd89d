"""CPU-time throughput of each recognizer and of the whole ``extract()`` (one core, warm).

    python -m benchmarks.layer_speed [--reps 7]

Text: the gold documents joined with newlines.  Each figure is the best of ``--reps`` runs in
``time.process_time`` (the machine is shared, so wall time is noise).  A recognizer is timed
on a fresh :class:`~eduextract.document.Document` per run (its normalisation included), the
whole extract end to end.  Start-up (``import eduextract`` plus a first ``extract()`` on a short
sentence) is measured in a fresh interpreter, as a user meets it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.timing import best_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"


def startup() -> float:
    code = ("import time; t = time.perf_counter(); import eduextract; "
            "eduextract.extract('2021年9月,教育部拨付7.64亿元'); print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout) for _ in range(3)]
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=7)
    args = ap.parse_args()
    from eduextract import Extractor
    from eduextract.document import Document

    text = "\n".join(json.loads(ln)["text"] for ln in GOLD.read_text("utf-8").splitlines()
                     if ln.strip())
    ex = Extractor()
    ex.extract(text)
    out: dict[str, object] = {"chars": len(text)}
    for rec in ex.recognizers:
        dt = best_of(lambda rec=rec: list(rec.find(Document(text))), args.reps)
        out[rec.name] = round(len(text) / dt)
    out["document"] = round(len(text) / best_of(lambda: Document(text), args.reps))
    out["extract"] = round(len(text) / best_of(lambda: ex.extract(text), args.reps))
    try:
        import warnings

        import cn2an

        warnings.filterwarnings("ignore", module="cn2an")  # it warns about every bare 百/万
        dt = best_of(lambda: cn2an.transform(text), args.reps)
        out["cn2an_transform"] = round(len(text) / dt)
        out["ratio_vs_cn2an"] = round(out["extract"] / out["cn2an_transform"], 2)  # type: ignore[operator]
    except ImportError:
        pass
    out["startup_s"] = round(startup(), 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
