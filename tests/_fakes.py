"""A small stand-in layer so the reliability tests exercise real spans before every layer lands.

The shipped recognizers are added to the registry by other branches; until they do, an
extractor that finds nothing satisfies every invariant trivially.  This module is one
recognizer with a handful of bounded patterns over the same characters the real layers care
about (digits, Chinese numerals, ``%``, ``元``, ``年``, ``〔〕``/``号``, a phone-number blocker),
producing *overlapping* candidates, so the resolver, offsets, ordering and the ``labels=``
filter are exercised for real.  Tests run both this and the real extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from eduextract import Extractor
from eduextract.config import Config
from eduextract.document import Document
from eduextract.recognizers import REGISTRY
from eduextract.span import Span, make_span

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("NUMBER", r"(?<![\d.])\d{1,12}(?:\.\d{1,6})?"),
        ("NUMBER", r"[一二三四五六七八九十百千万亿两零]{1,12}"),
        ("PERCENT", r"(?<![\d.])\d{1,6}(?:\.\d{1,4})?%"),
        ("MONEY", r"(?<![\d.])\d{1,9}(?:\.\d{1,4})?[万亿]?元"),
        ("DATE", r"(?<!\d)\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"),
        ("ORDINAL", r"第[一二三四五六七八九十\d]{1,6}"),
        ("DOCNO", r"[\u4e00-\u9fff]{1,6}[〔\[]\d{4}[〕\]]\d{1,4}号"),
        ("_BLOCK", r"(?<!\d)1\d{10}(?!\d)"),
    )
)


class FakeLayer:
    name = "fake"
    labels: tuple[str, ...] = tuple(sorted({label for label, _ in _PATTERNS}))

    def find(self, doc: Document) -> Iterator[Span]:
        for label, pattern in _PATTERNS:
            for m in pattern.finditer(doc.norm):
                yield make_span(doc.text, m.start(), m.end(), label, {"text": m.group()}, label)


def build(config: Config) -> FakeLayer:
    return FakeLayer()


@contextmanager
def fake_registered() -> Iterator[None]:
    """Register :func:`build` under ``"fake"`` for the duration of the block."""
    REGISTRY["fake"] = f"{__name__}:build"
    try:
        yield
    finally:
        del REGISTRY["fake"]


def extractor_with_fake(**kwargs: object) -> Extractor:
    """The real extractor plus the fake layer (do not pickle it: workers rebuild without it)."""
    with fake_registered():
        return Extractor(**kwargs)  # type: ignore[arg-type]
