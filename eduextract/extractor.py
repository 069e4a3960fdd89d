"""The public entry points: :class:`Extractor` and the module-level :func:`extract`.

Input is checked here, at the API edge, so that a wrong argument fails with a message naming
it instead of deep inside a regex.  Recognizers are built once per ``Extractor`` (rules and
gazetteers loaded once), run on one :class:`~eduextract.document.Document`, and their
candidates go through :func:`~eduextract.resolve.resolve` together, so a label filter never
changes which spans win (asking only for NUMBER does not make the digits of a date a NUMBER).
"""

from __future__ import annotations

import decimal
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .document import Document
from .parallel import (
    ExtractionError,
    FailedDocument,
    _mp_context,  # noqa: F401  (still imported from here by tests/test_org_gazetteers.py)
    check_positive,
    pipe_parallel,
    usable_processes,
)
from .recognizers import REGISTRY, Recognizer, build_all, needed_for
from .resolve import resolve
from .rules import RuleFileError, load_user_rule_file
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


def _check_paths(paths: object, argument: str) -> tuple[Path, ...]:
    """``gazetteers=`` / ``rules=`` as ``Path`` objects; a wrong type is named, not left to
    the layer that would read them."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if not isinstance(paths, Iterable):
        raise TypeError(
            f"{argument} must be a path or a list of paths, not {type(paths).__name__}"
        )
    out: list[Path] = []
    for path in paths:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(f"{argument} must hold file paths, not {type(path).__name__}")
        out.append(Path(path))
    return tuple(out)


#: labels a user rule file may produce: the numeric layer reads their values by ``kind``,
#: blockers need none.  DATE, DOCNO and ORG values need their recognizer's own logic.
USER_RULE_LABELS = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "_BLOCK")


def _check_rule_files(rules: object) -> tuple[Path, ...]:
    """User rule files, loaded now so that a broken one fails when the Extractor is built."""
    paths = _check_paths(rules, "rules")
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
            gazetteers=_check_paths(gazetteers, "gazetteers"),
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
        n_process = check_positive("n_process", n_process, allow_all_cpus=True)
        batch_size = check_positive("batch_size", batch_size)
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
        n_process = usable_processes(n_process)
        if n_process == 1:
            return self._pipe_serial(texts, wanted, on_error)
        return pipe_parallel(self, texts, n_process, batch_size, wanted, on_error)

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
