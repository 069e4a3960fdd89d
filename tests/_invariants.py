"""The invariants every extraction must satisfy, whatever the input (shared by the
reliability tests)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from eduextract import LABELS, Span


def assert_valid_spans(text: str, spans: Sequence[Span]) -> None:
    """Offsets inside the text, ``text == input[start:end]``, known labels, JSON values,
    sorted by start and non-overlapping."""
    assert isinstance(spans, list), type(spans)
    previous_end = 0
    for span in spans:
        assert isinstance(span, Span), span
        assert 0 <= span.start < span.end <= len(text), (span, len(text))
        assert text[span.start : span.end] == span.text, span
        assert span.label in LABELS, span
        assert span.start >= previous_end, f"overlapping or unsorted: {span} after {previous_end}"
        previous_end = span.end
        encoded = json.dumps(span.value, ensure_ascii=False, allow_nan=False)
        assert json.loads(encoded) == span.value, f"value is not plain JSON: {span.value!r}"


def extract_with(extractor, text: str) -> list[Span]:
    """Module-level (so picklable by reference) call used in worker-process tests."""
    return extractor.extract(text)
