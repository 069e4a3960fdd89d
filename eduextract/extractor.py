"""The public entry points: :class:`Extractor` and the module-level :func:`extract`.

Input is checked here, at the API edge, so that a wrong argument fails with a message naming
it instead of deep inside a regex.  Recognizers are built once per ``Extractor`` (rules and
gazetteers loaded once), run on one :class:`~eduextract.document.Document`, and their
candidates go through :func:`~eduextract.resolve.resolve` together, so a label filter never
changes which spans win (asking only for NUMBER does not make the digits of a date a NUMBER).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from .config import Config
from .document import Document
from .recognizers import Recognizer, build_all
from .resolve import resolve
from .span import LABELS, Span


def check_text(text: object, argument: str = "text") -> str:
    """Return ``text`` if it is a ``str``; otherwise raise a ``TypeError`` that says what to do."""
    if isinstance(text, str):
        return text
    kind = type(text).__name__
    if isinstance(text, bytes | bytearray | memoryview):
        raise TypeError(
            f"{argument} must be str, not {kind}: decode it first "
            "(data.decode('utf-8'), or 'gb18030' for GBK files), or use the command line's "
            "--encoding option"
        )
    raise TypeError(f"{argument} must be str, not {kind}")


def check_labels(labels: object) -> frozenset[str] | None:
    """Normalise a ``labels=`` argument; unknown names raise ``ValueError`` listing valid ones."""
    if labels is None:
        return None
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, Iterable):
        raise TypeError(f"labels must be an iterable of label names, not {type(labels).__name__}")
    out: set[str] = set()
    for label in labels:
        if not isinstance(label, str):
            raise TypeError(f"labels must hold str label names, not {type(label).__name__}")
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}; valid labels: {', '.join(LABELS)}")
        out.add(label)
    return frozenset(out)


class Extractor:
    """Loads rules and gazetteers once; extracts from many texts.

    ``Extractor`` objects are safe to share between threads (recognizers keep no per-call
    state outside the :class:`Document` they are given) and pickle as their configuration, so
    they can be sent to worker processes.
    """

    def __init__(
        self,
        labels: Iterable[str] | str | None = None,
        *,
        gazetteers: Iterable[str | os.PathLike[str]] = (),
        disabled: Iterable[str] = (),
    ) -> None:
        self.labels = check_labels(labels)
        if isinstance(gazetteers, str | os.PathLike):
            gazetteers = [gazetteers]
        self.config = Config(
            gazetteers=tuple(Path(p) for p in gazetteers), disabled=frozenset(disabled)
        )
        self._recognizers: list[Recognizer] = build_all(self.config)

    # -- pickling: ship the configuration, rebuild the recognizers on the other side --------
    def __getstate__(self) -> dict[str, Any]:
        return {"labels": self.labels, "config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.labels = state["labels"]
        self.config = state["config"]
        self._recognizers = build_all(self.config)

    def __repr__(self) -> str:
        names = ", ".join(r.name for r in self._recognizers)
        return f"Extractor(recognizers=[{names}], labels={sorted(self.labels or LABELS)})"

    @property
    def recognizers(self) -> tuple[Recognizer, ...]:
        return tuple(self._recognizers)

    def extract(self, text: str, labels: Iterable[str] | str | None = None) -> list[Span]:
        """Non-overlapping spans of ``text`` sorted by start offset."""
        text = check_text(text)
        wanted = check_labels(labels) if labels is not None else self.labels
        if not text:
            return []
        doc = Document(text)
        candidates: list[Span] = []
        for recognizer in self._recognizers:
            candidates.extend(recognizer.find(doc))
        spans = resolve(candidates)
        if wanted is not None:
            spans = [s for s in spans if s.label in wanted]
        return spans

    def __call__(self, text: str, labels: Iterable[str] | str | None = None) -> list[Span]:
        return self.extract(text, labels)

    def pipe(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 1,
        batch_size: int = 64,
        labels: Iterable[str] | str | None = None,
    ) -> Iterator[list[Span]]:
        """Spans for each text, in input order, consuming ``texts`` lazily.

        With ``n_process > 1`` texts are sent to a process pool in batches; at most
        ``2 * n_process`` batches are in flight, so memory stays flat on an endless generator.
        """
        if not isinstance(n_process, int) or n_process < 1:
            raise ValueError(f"n_process must be a positive int, got {n_process!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        wanted = check_labels(labels) if labels is not None else self.labels
        if n_process == 1:
            for text in texts:
                yield self.extract(text, wanted)
            return
        yield from _pipe_parallel(self, texts, n_process, batch_size, wanted)


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield [check_text(t, "each text passed to pipe()") for t in batch]


_WORKER: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _WORKER
    _WORKER = extractor


def _run_batch(args: tuple[list[str], frozenset[str] | None]) -> list[list[Span]]:
    batch, wanted = args
    assert _WORKER is not None
    return [_WORKER.extract(t, wanted) for t in batch]


def _pipe_parallel(
    extractor: Extractor,
    texts: Iterable[str],
    n_process: int,
    batch_size: int,
    wanted: frozenset[str] | None,
) -> Iterator[list[Span]]:
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("spawn" if os.name == "nt" else "forkserver")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(extractor,)) as pool:
        pending: deque[Any] = deque()
        for batch in _batches(texts, batch_size):
            pending.append(pool.apply_async(_run_batch, ((batch, wanted),)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_DEFAULT: Extractor | None = None
_DEFAULT_LOCK = threading.Lock()


def default_extractor() -> Extractor:
    """The shared extractor behind :func:`extract`, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Extractor()
    return _DEFAULT


def extract(text: str, labels: Iterable[str] | str | None = None) -> list[Span]:
    """Extract every span of ``text`` (or only ``labels``) with the default rules."""
    text = check_text(text)
    wanted = check_labels(labels)
    return default_extractor().extract(text, wanted)
