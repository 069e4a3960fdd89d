"""Cost of a large user gazetteer: build time and memory per 100k rows, and what a worker pays.

    python -m benchmarks.org_gazetteer_cost [--rows 100000]

Writes a synthetic CSV of ``--rows`` distinct institution names (random Han stems + real head
suffixes, one alias in three rows), then, each in a fresh interpreter so the figures do not
mix: the ``Extractor`` build (CPU time, peak RSS growth over a bare ``import eduextract``)
what a copy costs (pickle size; unpickling rebuilds the index) and the wall time of
``pipe(n_process=2)`` over 20 short texts with fork-started workers (they inherit the built
index) and with a second thread running (forkserver: each worker rebuilds it).
Numbers go to docs/org.md.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

_HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
_HEADS = ("研究院", "有限公司", "学校", "中心", "协会", "研究所", "职业学院", "教育集团")

_PROBE = r"""
import json, pickle, resource, sys, time
import eduextract
from eduextract.config import Config
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
ex = eduextract.Extractor(gazetteers=[sys.argv[1]])
build = time.process_time() - t
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
blob = pickle.dumps(ex)
dump = time.process_time() - t
t = time.process_time()
pickle.loads(blob)
load = time.process_time() - t
texts = ["支持某某研究院建设。"] * 20
t = time.perf_counter()
list(ex.pipe(texts, n_process=2, batch_size=5))
pipe_fork = time.perf_counter() - t
import threading
stop = threading.Event()
th = threading.Thread(target=stop.wait)
th.start()  # a second thread: pipe falls back to forkserver, workers rebuild the index
t = time.perf_counter()
list(ex.pipe(texts, n_process=2, batch_size=5))
pipe_rebuild = time.perf_counter() - t
stop.set()
th.join()
print(json.dumps({"build_s": round(build, 2), "rss_growth_mb": round((rss1 - rss0) / 1024),
                  "pickle_mb": round(len(blob) / 2**20, 1), "pickle_s": round(dump, 2),
                  "unpickle_s": round(load, 2), "pipe2_fork_wall_s": round(pipe_fork, 2),
                  "pipe2_rebuild_wall_s": round(pipe_rebuild, 2)}))
"""


def write_rows(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as fh:
        fh.write("name,kind,aliases,id\n")
        i = 0
        while len(seen) < n:
            name = "".join(rng.choice(_HAN) for _ in range(rng.randint(3, 8)))
            name += rng.choice(_HEADS)
            if name in seen:
                continue
            seen.add(name)
            alias = name[:2] + name[-2:] if i % 3 == 0 else ""
            fh.write(f"{name},,{alias},U{i}\n")
            i += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        write_rows(path, args.rows)
        out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], check=True,
                             capture_output=True, text=True)
        result = json.loads(out.stdout)
    print(json.dumps({"rows": args.rows, **result}))


if __name__ == "__main__":
    main()
