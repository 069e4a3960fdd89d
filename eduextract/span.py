"""The one span type every layer produces.

Offsets are Python ``str`` indices (code points), end exclusive, into the text the user
passed in, never into a normalised copy.  ``text`` is always the slice of that input, so
``text == document[start:end]`` holds by construction (the recognizers build spans through
:func:`make_span`, which slices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The labels of ANNOTATION.md, in the order results are documented.
LABELS: tuple[str, ...] = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO", "DATE")

#: The six labels micro-averaged by the scorer (DATE is scored apart).
CORE_LABELS: tuple[str, ...] = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO")

OFFSET_UNITS: tuple[str, ...] = ("codepoint", "utf16", "utf8")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of the input with its normalised value and provenance.

    ``value`` holds plain JSON types (int, float, str, None, lists, dicts) so that
    ``to_dict()`` is directly serialisable and equal to what a gold file holds.
    ``source`` names the rule or gazetteer entry that produced the span, so a benchmark can
    report precision per rule.
    """

    start: int
    end: int
    label: str
    text: str
    value: Any = field(default=None, hash=False, compare=True)
    source: str = ""

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end):
            raise ValueError(f"invalid span offsets start={self.start} end={self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text {self.text!r} does not fit offsets {self.start}..{self.end}"
            )

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ANNOTATION.md plus ``source``."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "value": self.value,
            "source": self.source,
        }

    def offsets(self, document: str, unit: str = "codepoint") -> tuple[int, int]:
        """``(start, end)`` in another unit: code points, UTF-16 code units or UTF-8 bytes.

        JavaScript, Java and Elasticsearch count UTF-16 units; Rust, Go and C count bytes.
        They differ from code points as soon as the text holds astral characters (𠀀) or,
        for UTF-8, anything beyond ASCII.  ``document`` must be the text the span came from.
        """
        if document[self.start : self.end] != self.text:
            raise ValueError("document is not the text this span was extracted from")
        return convert_offset(document, self.start, unit), convert_offset(document, self.end, unit)


def convert_offset(document: str, index: int, unit: str) -> int:
    """A code-point index of ``document`` expressed in ``unit`` (see ``OFFSET_UNITS``)."""
    if unit == "codepoint":
        return index
    prefix = document[:index]
    if unit == "utf16":
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2
    if unit == "utf8":
        return len(prefix.encode("utf-8", "surrogatepass"))
    raise ValueError(f"unknown offset unit {unit!r}; use one of {', '.join(OFFSET_UNITS)}")


def make_span(
    document: str, start: int, end: int, label: str, value: Any = None, source: str = ""
) -> Span:
    """Build a span whose text is sliced from ``document`` (so it cannot disagree)."""
    return Span(start, end, label, document[start:end], value, source)
