"""What ``Extractor.pipe`` needs beyond a loop over ``extract``: failure records and the pool.

Kept apart from :mod:`eduextract.extractor` because none of it is about finding spans: it is
process plumbing (start methods, worker bootstrap, batching with back-pressure, spotting a
script without a ``__main__`` guard), it changes for different reasons (Python's
multiprocessing, platform quirks) and is read by different people.  ``extractor`` keeps the
API edge and the serial path; this module is imported with it, but starts nothing until
``pipe(n_process>1)`` runs.  :class:`ExtractionError` and :class:`FailedDocument` live here
because both paths of the pipe report failures the same way; ``eduextract`` re-exports them.
"""

from __future__ import annotations

import ast
import os
import sys
import threading
import traceback
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from .span import Span

if TYPE_CHECKING:
    from .extractor import Extractor


class ExtractionError(RuntimeError):
    """One document of :meth:`Extractor.pipe` failed; ``index`` is its position in the input.

    Raised after the results of every earlier document were yielded; the original exception
    is the ``__cause__`` (in the serial pipe) or quoted in the message (from a worker process,
    whose traceback is attached as a note).
    """

    def __init__(self, index: int, error_type: str, message: str) -> None:
        super().__init__(f"texts[{index}] failed: {error_type}: {message}")
        self.index = index
        self.error_type = error_type


@dataclass(frozen=True, slots=True)
class FailedDocument:
    """What ``pipe(..., on_error="marker")`` yields in place of a failed document's spans.

    Not a list on purpose: code that forgets to check fails loudly instead of reading the
    failure as "no spans".
    """

    index: int
    error_type: str
    message: str

    def __bool__(self) -> bool:
        return False


def check_positive(name: str, value: object, allow_all_cpus: bool = False) -> int:
    """A positive ``int`` (``-1`` meaning "all CPUs" where allowed), else a clear error."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if allow_all_cpus and value == -1:
        return os.cpu_count() or 1
    if value < 1:
        extra = " (or -1 for one process per CPU)" if allow_all_cpus else ""
        raise ValueError(f"{name} must be a positive int{extra}, got {value}")
    return value


# -- scripts without a __main__ guard --------------------------------------------------------
# Worker processes (forkserver, spawn) re-run the main script to import it.  Without an
# ``if __name__ == "__main__":`` guard, every worker runs the whole script again, pipe call
# included.  The parent sees this coming from the script's source and runs serially with one
# warning; a worker that gets there anyway stops with the same explanation.

_UNGUARDED_MESSAGE = (
    "pipe(n_process>1) is called at {where} outside an `if __name__ == \"__main__\":` block;"
    " worker processes re-import the main script, so each of them would run the whole"
    " script again. Put the script's work under `if __name__ == \"__main__\":`"
    " (see docs/scaling.md)"
)
_SERIAL_FALLBACK = "; running in this process instead"


def usable_processes(n_process: int) -> int:
    """``n_process``, or 1 (with one warning) when the call sits at the top level of a script
    that workers would re-run; in a worker re-running such a script, a ``RuntimeError``."""
    if n_process > 1:
        if _in_worker_bootstrap():
            raise RuntimeError(_UNGUARDED_MESSAGE.format(where="this script"))
        where = _unguarded_call_site()
        if where is not None:
            warnings.warn(_UNGUARDED_MESSAGE.format(where=where) + _SERIAL_FALLBACK,
                          RuntimeWarning, stacklevel=3)
            return 1
    return n_process


def _in_worker_bootstrap() -> bool:
    """Whether this process is a multiprocessing child still importing the main script."""
    import multiprocessing

    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def _unguarded_call_site() -> str | None:
    """``file:line`` of the main script's top-level statement running this call, if that
    statement is not inside an ``if __name__ == "__main__":`` block; else None."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path or not os.path.exists(path):
        return None  # interactive sessions, notebooks: workers do not re-run anything
    frame: FrameType | None = sys._getframe(1)
    top = None
    while frame is not None:
        if frame.f_globals is vars(main) and frame.f_code.co_name == "<module>":
            top = frame
        frame = frame.f_back
    if top is None:
        return None  # called from an imported module or a thread: not the script's top level
    line = top.f_lineno
    try:
        tree = ast.parse(Path(path).read_text("utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    for node in tree.body:
        if (isinstance(node, ast.If) and _is_main_test(node.test)
                and node.body[0].lineno <= line <= (node.body[-1].end_lineno or line)):
            return None
    return f"{path}:{line}"


def _is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either side)."""
    if not (isinstance(test, ast.Compare) and len(test.comparators) == 1
            and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = {ast.dump(test.left), ast.dump(test.comparators[0])}
    return sides == {ast.dump(ast.Name("__name__", ast.Load())),
                     ast.dump(ast.Constant("__main__"))}


# -- parallel pipe ---------------------------------------------------------------------------
# Workers receive the extractor's configuration once, at start-up, and rebuild the recognizers
# themselves; batches then carry only texts.  Results come back as plain tuples and are turned
# back into spans in the parent: pickling, unpickling and rebuilding costs about 60% of
# pickling the frozen slotted spans themselves, and the parent is the serial part of the
# pipeline, so it must stay cheap.

_WORKER: Extractor | None = None


def _init_worker(state: dict[str, Any]) -> None:
    global _WORKER
    from . import extractor  # imported at call time: extractor imports this module

    worker = extractor.Extractor.__new__(extractor.Extractor)
    default = extractor._DEFAULT
    if default is not None and default.config == state["config"]:
        # Inherited from a forkserver that preloaded the default extractor: no rebuild.
        worker.labels, worker.config = state["labels"], state["config"]
        worker._recognizers = default._recognizers
        worker._selected = {}
    else:
        worker.__setstate__(state)
    _WORKER = worker


_SpanRow = tuple[int, int, str, str, Any, str]


#: a failed document, as a worker reports it: error type, message, formatted traceback
_Failure = tuple[str, str, str]


def _run_batch(
    batch: list[str], wanted: frozenset[str] | None
) -> list[list[_SpanRow] | _Failure]:
    assert _WORKER is not None, "worker not initialised"
    out: list[list[_SpanRow] | _Failure] = []
    for text in batch:
        try:
            spans = _WORKER.extract(text, wanted)
        except Exception as exc:  # reported per document; the parent decides (on_error)
            out.append((type(exc).__name__, str(exc), traceback.format_exc()))
            continue
        out.append([(s.start, s.end, s.label, s.text, s.value, s.source) for s in spans])
    return out


def _rows_to_spans(
    rows: list[list[_SpanRow] | _Failure], first: int, on_error: str
) -> Iterator[list[Span] | FailedDocument]:
    for offset, doc_rows in enumerate(rows):
        if isinstance(doc_rows, tuple):
            error_type, message, worker_tb = doc_rows
            if on_error == "marker":
                yield FailedDocument(first + offset, error_type, message)
                continue
            error = ExtractionError(first + offset, error_type, message)
            error.add_note("worker traceback:\n" + worker_tb)
            raise error
        yield [Span(*row) for row in doc_rows]


def _mp_context(extractor: Extractor | None = None) -> Any:
    """``forkserver`` where available: safe in threaded parents (unlike ``fork``), and its
    server preloads eduextract and the default extractor once, so each worker starts warm.

    An extractor with user gazetteers uses ``fork`` on Linux when this process runs no other
    thread: its workers inherit the built ORG index instead of rebuilding it (seconds per
    100k rows, docs/org.md).  (macOS system libraries are not fork-safe.)"""
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    if (
        extractor is not None and extractor.config.user is not None
        and sys.platform.startswith("linux") and threading.active_count() == 1
    ):
        return mp.get_context("fork")
    if "forkserver" not in methods:
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["eduextract._preload"])
    return ctx


def _main_is_importable() -> bool:
    """Whether a fresh worker can re-import ``__main__`` (spawn and forkserver do that).

    A script read from standard input (``python - < job.py``) has ``__file__ == "<stdin>"``,
    which workers cannot load: every worker would die at start-up.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


def pipe_parallel(
    extractor: Extractor,
    texts: Iterable[str],
    n_process: int,
    batch_size: int,
    wanted: frozenset[str] | None,
    on_error: str = "raise",
) -> Iterator[list[Span] | FailedDocument]:
    if not _main_is_importable():
        warnings.warn(
            "pipe(n_process>1) needs a __main__ that worker processes can import (not a script"
            " read from standard input); running in this process instead",
            RuntimeWarning,
            stacklevel=3,
        )
        yield from extractor._pipe_serial(texts, wanted, on_error)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    window = 2 * n_process
    it = iter(texts)
    index = 0
    # ProcessPoolExecutor rather than multiprocessing.Pool: a worker that dies (start-up
    # failure, out of memory, a crash in C code) raises BrokenProcessPool here instead of
    # leaving the pool respawning workers and this generator waiting forever.
    pool = ProcessPoolExecutor(
        n_process,
        mp_context=_mp_context(extractor),
        initializer=_init_worker,
        initargs=(extractor.__getstate__(),),
    )
    pending: deque[Any] = deque()
    try:
        error: TypeError | None = None
        while error is None:
            batch: list[str] = []
            for text in islice(it, batch_size):
                if not isinstance(text, str):
                    # Same behaviour as the serial path: every earlier text's result is
                    # yielded first, then the error names the offending position.
                    from .extractor import check_text

                    try:
                        check_text(text, f"texts[{index}]")
                    except TypeError as exc:
                        error = exc
                    break
                batch.append(text)
                index += 1
            if batch:
                pending.append((index - len(batch), pool.submit(_run_batch, batch, wanted)))
            if error is not None or len(batch) < batch_size:
                break
            if len(pending) >= window:
                first, future = pending.popleft()
                yield from _rows_to_spans(future.result(), first, on_error)
        while pending:
            first, future = pending.popleft()
            yield from _rows_to_spans(future.result(), first, on_error)
        if error is not None:
            raise error
    except BrokenProcessPool as exc:
        raise RuntimeError(
            "an eduextract worker process died (see the worker's traceback above); "
            "pipe(n_process=1) runs in this process"
        ) from exc
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
