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


def factory(name: str) -> Callable[[Config], Recognizer]:
    module_name, _, attr = REGISTRY[name].partition(":")
    return getattr(import_module(module_name), attr)  # type: ignore[no-any-return]


def build_all(config: Config) -> list[Recognizer]:
    return [factory(name)(config) for name in REGISTRY if name not in config.disabled]
