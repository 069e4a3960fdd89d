"""The one span type every layer produces.

Offsets are Python ``str`` indices (code points), end exclusive, into the text the user
passed in, never into a normalised copy.  ``text`` is always the slice of that input, so
``text == document[start:end]`` holds by construction (the recognizers build spans through
:func:`make_span`, which slices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .values import SpanValue

#: The labels of ANNOTATION.md, in the order results are documented.
LABELS: tuple[str, ...] = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO", "DATE")

OFFSET_UNITS: tuple[str, ...] = ("codepoint", "utf16", "utf8")


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A labelled stretch of the input with its normalised value and provenance.

    ``value`` holds plain JSON types (int, float, str, None, lists, dicts), shaped per label as
    :mod:`eduextract.values` states, so that ``to_dict()`` is directly serialisable and equal
    to what a gold file holds.
    ``source`` names the rule or gazetteer entry that produced the span, so a benchmark can
    report precision per rule.
    """

    start: int
    end: int
    label: str
    text: str
    #: typed per label by the TypedDicts of :mod:`eduextract.values` (None: no value)
    value: SpanValue | None = field(default=None, hash=False, compare=True)
    source: str = ""

    def __init__(
        self, start: int, end: int, label: str, text: str, value: Any = None, source: str = ""
    ) -> None:
        # Written by hand rather than generated: a dense text yields thousands of candidates,
        # and the generated frozen __init__ (object.__setattr__ per field, then
        # __post_init__) costs twice as much.  The checks are the same.
        if not (0 <= start < end):
            raise ValueError(f"invalid span offsets start={start} end={end}")
        if len(text) != end - start:
            raise ValueError(f"span text {text!r} does not fit offsets {start}..{end}")
        _set_start(self, start)
        _set_end(self, end)
        _set_label(self, label)
        _set_text(self, text)
        _set_value(self, value)
        _set_source(self, source)

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


# the slot setters, which bypass the frozen __setattr__ exactly as object.__setattr__ would
_set_start, _set_end, _set_label, _set_text, _set_value, _set_source = (
    Span.__dict__[name].__set__ for name in ("start", "end", "label", "text", "value", "source")
)


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
