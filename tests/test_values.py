"""``Span.value`` has the keys its label's TypedDict (eduextract.values) promises, no more."""

from __future__ import annotations

from typing import get_type_hints

from eduextract.values import VALUE_TYPES


def test_values_on_the_gold_texts_match_their_typed_dicts(extractor, gold_docs):
    seen = set()
    for doc in gold_docs:
        for span in extractor.extract(doc["text"]):
            kind = VALUE_TYPES[span.label]
            keys = set(get_type_hints(kind))
            required = kind.__required_keys__  # type: ignore[attr-defined]
            assert isinstance(span.value, dict), span
            assert required <= set(span.value) <= keys, (span.label, span.value)
            seen.add(span.label)
    assert seen == set(VALUE_TYPES)
