"""PLACEHOLDER: replaced by the blockers layer.  Emits nothing yet."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..document import Document
from ..span import Span


class _Empty:
    name = "blockers"
    labels: tuple[str, ...] = ()

    def find(self, doc: Document) -> Iterator[Span]:
        return iter(())


def build(config: Config) -> _Empty:
    return _Empty()
