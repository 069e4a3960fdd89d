"""The one CPU-time measure the speed scripts share: the best of ``reps`` runs.

``time.process_time`` rather than wall time because the machine is shared (other jobs make
wall time noise), and the best run rather than the mean because interference only ever adds
time.  ``facts_speed``, ``layer_speed``, ``labels_speed`` and ``families`` all report this
figure, so they measure it with the same code.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], reps: int) -> float:
    """The smallest CPU time (seconds) of ``reps`` calls of ``fn``."""
    best = float("inf")
    for _ in range(reps):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best
