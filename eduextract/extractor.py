"""The public entry points: :class:`Extractor` and the module-level :func:`extract`.

Input is checked here, at the API edge, so that a wrong argument fails with a message naming
it instead of deep inside a regex.  Recognizers are built once per ``Extractor`` (rules and
gazetteers loaded once), run on one :class:`~eduextract.document.Document`, and their
candidates go through :func:`~eduextract.resolve.resolve` together, so a label filter never
changes which spans win (asking only for NUMBER does not make the digits of a date a NUMBER).
"""

from __future__ import annotations

import ast
import decimal
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

from .config import Config
from .document import Document
from .recognizers import REGISTRY, Recognizer, build_all, needed_for
from .resolve import resolve
from .rules import RuleFileError, check_rule_paths, load_user_rule_file
from .span import LABELS, Span

if TYPE_CHECKING:  # the fact and citation layers load only when asked for
    from .citation import Citation
    from .fact import Fact

#: values are computed in this decimal context, whatever the caller's thread has set (a
#: library that lowers ``decimal.getcontext().prec`` would otherwise change or break values)
_DECIMAL = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


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


ON_ERROR = ("raise", "marker")


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
        labels = [part.strip() for part in labels.split(",")]  # "MONEY,PERCENT" is a list
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


def _check_paths(gazetteers: object) -> tuple[Path, ...]:
    """User gazetteer paths as ``Path`` objects; a wrong type is named, not left to ORG."""
    if isinstance(gazetteers, str | os.PathLike):
        gazetteers = [gazetteers]
    if not isinstance(gazetteers, Iterable):
        raise TypeError(
            f"gazetteers must be a path or a list of paths, not {type(gazetteers).__name__}"
        )
    out: list[Path] = []
    for path in gazetteers:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(f"gazetteers must hold file paths, not {type(path).__name__}")
        out.append(Path(path))
    return tuple(out)


#: labels a user rule file may produce: the numeric layer reads their values by ``kind``,
#: blockers need none.  DATE, DOCNO and ORG values need their recognizer's own logic.
USER_RULE_LABELS = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "_BLOCK")


def _check_rule_files(rules: object) -> tuple[Path, ...]:
    """User rule files, loaded now so that a broken one fails when the Extractor is built."""
    paths = check_rule_paths(rules)
    for path in paths:
        for rule in load_user_rule_file(path).rules:
            if rule.label not in USER_RULE_LABELS:
                raise RuleFileError(
                    f"{path.name} rule {rule.name!r}: label {rule.label!r} cannot come from a "
                    f"user rule file; use one of {', '.join(USER_RULE_LABELS)}"
                )
    return paths


def _check_disabled(disabled: object) -> frozenset[str]:
    """Recognizer names to leave out; a misspelt name would otherwise silently do nothing."""
    if isinstance(disabled, str):
        disabled = [disabled]
    if not isinstance(disabled, Iterable):
        kind = type(disabled).__name__
        raise TypeError(f"disabled must be a list of recognizer names, not {kind}")
    names = frozenset(disabled)
    unknown = sorted(str(n) for n in names if n not in REGISTRY)
    if unknown:
        raise ValueError(
            f"unknown recognizer {', '.join(map(repr, unknown))} in disabled; "
            f"valid names: {', '.join(REGISTRY)}"
        )
    return names


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
        rules: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        """``rules``: the user's own rule files (format of ``rules/*.toml``), loaded and
        checked like the shipped ones: a broken rule fails here, naming file, rule and error."""
        self.labels = check_labels(labels)
        self.config = Config(
            gazetteers=_check_paths(gazetteers),
            disabled=_check_disabled(disabled),
            rules=_check_rule_files(rules),
        )
        self._recognizers: list[Recognizer] = build_all(self.config)
        self._selected: dict[frozenset[str], list[Recognizer]] = {}

    # -- pickling: ship the configuration, rebuild the recognizers on the other side --------
    def __getstate__(self) -> dict[str, Any]:
        return {"labels": self.labels, "config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.labels = state["labels"]
        self.config = state["config"]
        self._recognizers = build_all(self.config)
        self._selected = {}

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
        with decimal.localcontext(_DECIMAL):
            for recognizer in self._recognizers_for(wanted):
                candidates.extend(recognizer.find(doc))
        spans = resolve(candidates)
        if wanted is not None:
            spans = [s for s in spans if s.label in wanted]
        return spans

    def _recognizers_for(self, wanted: frozenset[str] | None) -> list[Recognizer]:
        """Only the recognizers whose spans can matter for ``wanted`` (see COMPETITORS)."""
        if wanted is None:
            return self._recognizers
        selected = self._selected.get(wanted)
        if selected is None:
            selected = needed_for(wanted, self._recognizers)
            self._selected[wanted] = selected  # a benign race: every thread computes the same
        return selected

    def __call__(self, text: str, labels: Iterable[str] | str | None = None) -> list[Span]:
        return self.extract(text, labels)

    def facts(self, text: str) -> list[Fact]:
        """Quantity facts of ``text``, built on the spans of one extraction (docs/facts.md)."""
        from .fact import facts_from_spans

        text = check_text(text)
        return facts_from_spans(text, self.extract(text))

    def citations(self, text: str) -> list[Citation]:
        """Policy citations of ``text``: 《titles》 linked to their DOCNO (docs/facts.md)."""
        from .citation import citations_from_spans

        text = check_text(text)
        return citations_from_spans(text, self.extract(text))

    def pipe(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 1,
        batch_size: int = 64,
        labels: Iterable[str] | str | None = None,
        on_error: str = "raise",
    ) -> Iterator[list[Span] | FailedDocument]:
        """Spans for each text, in input order, consuming ``texts`` lazily.

        A document whose extraction raises never takes the others' results with it:
        ``on_error="raise"`` (default) yields every earlier result, then raises
        :class:`ExtractionError` naming the document's index; ``on_error="marker"`` yields a
        :class:`FailedDocument` (index, error type, message) in its place and goes on.  There
        is no "skip": a missing item would shift every later result against its input.  A
        text that is not a ``str`` is a caller error and raises ``TypeError`` either way.

        With ``n_process > 1`` (``-1``: one per CPU) texts go to a process pool in batches of
        ``batch_size``; at most ``2 * n_process`` batches are in flight, so an endless
        generator is read only as fast as results are taken and memory stays flat.  Workers
        are started once per call, so parallelism pays off from a few hundred kilobytes of
        text on.  Arguments are checked here, at call time, not at the first ``next()``.
        """
        n_process = _check_positive("n_process", n_process, allow_all_cpus=True)
        batch_size = _check_positive("batch_size", batch_size)
        if on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(map(repr, ON_ERROR))}, "
                             f"got {on_error!r}")
        wanted = check_labels(labels) if labels is not None else self.labels
        if isinstance(texts, str | bytes | bytearray):
            raise TypeError(
                f"texts must be an iterable of str documents, not a single {type(texts).__name__}"
                " (wrap one document in a list)"
            )
        if not isinstance(texts, Iterable):
            raise TypeError(f"texts must be an iterable of str, not {type(texts).__name__}")
        if n_process > 1:
            if _in_worker_bootstrap():
                raise RuntimeError(_UNGUARDED_MESSAGE.format(where="this script"))
            where = _unguarded_call_site()
            if where is not None:
                warnings.warn(_UNGUARDED_MESSAGE.format(where=where) + _SERIAL_FALLBACK,
                              RuntimeWarning, stacklevel=2)
                n_process = 1
        if n_process == 1:
            return self._pipe_serial(texts, wanted, on_error)
        return _pipe_parallel(self, texts, n_process, batch_size, wanted, on_error)

    def _pipe_serial(
        self, texts: Iterable[str], wanted: frozenset[str] | None, on_error: str = "raise"
    ) -> Iterator[list[Span] | FailedDocument]:
        for index, text in enumerate(texts):
            text = check_text(text, f"texts[{index}]")
            try:
                spans = self.extract(text, wanted)
            except Exception as exc:
                if on_error == "marker":
                    yield FailedDocument(index, type(exc).__name__, str(exc))
                    continue
                raise ExtractionError(index, type(exc).__name__, str(exc)) from exc
            yield spans


def _check_positive(name: str, value: object, allow_all_cpus: bool = False) -> int:
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
    worker = Extractor.__new__(Extractor)
    default = _DEFAULT
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
    import sys

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
    import sys

    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


def _pipe_parallel(
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


def facts(text: str) -> list[Fact]:
    """Quantity facts of ``text`` with the default rules (see :meth:`Extractor.facts`)."""
    return default_extractor().facts(check_text(text))


def citations(text: str) -> list[Citation]:
    """Policy citations of ``text`` with the default rules (see :meth:`Extractor.citations`)."""
    return default_extractor().citations(check_text(text))
