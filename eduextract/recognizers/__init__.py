"""The registry of recognizers: a plain mapping from name to the factory that builds it.

Each recognizer lives in its own module of this package with its data in its own file under
``rules/`` or ``gazetteers/``.  A recognizer is any object with

* ``name: str`` and ``labels: tuple[str, ...]`` (the labels it can emit, ``_BLOCK`` included),
* ``find(doc: Document) -> Iterable[Span]``: candidate spans, possibly overlapping each other
  and other recognizers' candidates; :mod:`eduextract.resolve` picks the winners.

A factory takes the :class:`~eduextract.config.Config` and returns the recognizer.  Adding a
recognizer means adding one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Protocol

from ..config import Config
from ..document import Document
from ..span import Span


class Recognizer(Protocol):
    name: str
    labels: tuple[str, ...]

    def find(self, doc: Document) -> Iterable[Span]: ...


#: name -> "module:factory"; imported lazily so ``import eduextract`` stays light.
REGISTRY: dict[str, str] = {
    "blockers": "eduextract.recognizers.blockers:build",
    "numbers": "eduextract.recognizers.numbers:build",
    "dates": "eduextract.recognizers.dates:build",
    "docno": "eduextract.recognizers.docno:build",
    "org": "eduextract.recognizers.org:build",
}


#: label -> the recognizers whose candidates can change which spans of that label win
#: (besides the ones that emit it).  ``extract(text, labels=[...])`` runs only the recognizers
#: of the wanted labels and these, so the result is identical to resolving everything and
#: filtering afterwards, at a fraction of the cost.  Blockers suppress digits of every label;
#: DATE and DOCNO contain numerals; ORG names hold ordinals (第一中学) and numerals, and a
#: document number's issuer can be read as an ORG.  A recognizer absent from a row was never
#: seen to change that label: tests/test_labels_selection.py checks every row on the whole
#: equivalence corpus (benchmarks/equivalence.py), which also holds thousands of random
#: strings of the characters the rules turn on.
COMPETITORS: dict[str, frozenset[str]] = {
    "NUMBER": frozenset({"blockers", "dates", "docno", "org"}),
    "ORDINAL": frozenset({"blockers", "dates", "docno", "org"}),
    "PERCENT": frozenset({"blockers", "dates", "docno"}),
    "MONEY": frozenset({"blockers", "dates", "docno"}),
    "DATE": frozenset({"blockers", "docno", "numbers"}),
    # a NUMBER ending in a magnitude can take the first character of an agency code
    # (00000000000亿教发〔1949〕1号: hypothesis, tests/test_properties.py)
    "DOCNO": frozenset({"blockers", "numbers"}),
    "ORG": frozenset({"blockers", "docno"}),
}


#: the recognizers COMPETITORS knows
_SHIPPED = frozenset({"blockers", "numbers", "dates", "docno", "org"})


def needed_for(labels: frozenset[str], recognizers: Iterable[Recognizer]) -> list[Recognizer]:
    """The recognizers that must run for spans of ``labels`` to come out as after a full run.

    With a recognizer the table does not know (a plug-in), every recognizer runs: nothing is
    known about which candidates of the others can beat its spans, or its spans theirs.
    """
    recognizers = list(recognizers)
    if any(r.name not in _SHIPPED for r in recognizers):
        return recognizers
    names: set[str] = set()
    for label in labels:
        names |= COMPETITORS.get(label, _SHIPPED)
    return [r for r in recognizers if r.name in names or not labels.isdisjoint(r.labels)]


def factory(name: str) -> Callable[[Config], Recognizer]:
    module_name, _, attr = REGISTRY[name].partition(":")
    return getattr(import_module(module_name), attr)  # type: ignore[no-any-return]


def build_all(config: Config) -> list[Recognizer]:
    return [factory(name)(config) for name in REGISTRY if name not in config.disabled]
