"""One extractor per worker process, keyed by its pickled configuration.

Spark and Dask send a task's function and arguments to workers over and over; if the
extractor itself travelled, every task would unpickle it and rebuild every recognizer.  The
task carries only ``state`` (the bytes of ``pickle.dumps(extractor)``) and the first task in a
process builds the extractor from it; later tasks, and other threads, reuse that one.
"""

from __future__ import annotations

import importlib
import json
import pickle
import threading
from collections.abc import Iterable
from typing import Any

from ..extractor import Extractor, check_labels
from ..span import Span

_CACHE: dict[bytes, Extractor] = {}


def require(feature: str, extra: str, *modules: str) -> None:
    """Import ``modules`` now, or fail naming the extra that brings them (never a bare
    ``No module named 'pandas'`` from deep inside the first call)."""
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ImportError(
            f"{feature} needs {', '.join(missing)}: pip install 'eduextract[{extra}]'"
        )

_LOCK = threading.Lock()


def extractor_state(
    extractor: Extractor | None = None, labels: Iterable[str] | str | None = None
) -> bytes:
    """The bytes a task carries.  Built on the driver, so bad arguments fail there."""
    if extractor is None:
        extractor = Extractor(labels=labels)
    elif not isinstance(extractor, Extractor):
        kind = type(extractor).__name__
        raise TypeError(f"extractor must be an eduextract.Extractor, not {kind}")
    elif labels is not None:
        clone: Extractor = pickle.loads(pickle.dumps(extractor))
        clone.labels = check_labels(labels)
        extractor = clone
    return pickle.dumps(extractor)


def worker_extractor(state: bytes) -> Extractor:
    found = _CACHE.get(state)
    if found is None:
        with _LOCK:
            found = _CACHE.get(state)
            if found is None:
                found = _CACHE[state] = pickle.loads(state)
    return found


def span_record(span: Span) -> dict[str, Any]:
    """A span as a flat record whose ``value`` is a JSON string (engines need fixed types)."""
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": span.text,
        "value": json.dumps(span.value, ensure_ascii=False),
        "source": span.source,
    }
