"""PLACEHOLDER: replaced by the dates layer.  Emits nothing yet."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..document import Document
from ..span import Span


class _Empty:
    name = "dates"
    labels: tuple[str, ...] = ()

    def find(self, doc: Document) -> Iterator[Span]:
        return iter(())


def build(config: Config) -> _Empty:
    return _Empty()
