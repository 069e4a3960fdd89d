"""The invariants every extraction must satisfy, whatever the input (shared by the
reliability tests)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from eduextract import LABELS, Span

#: short inputs beside the gold documents for the parallel paths (threads, worker processes,
#: Dask), which must give exactly what ``extract()`` gives: every label, full-width digits,
#: traditional numerals, an empty text and an unpaired surrogate
SENTENCES = [
    "组织召开2023届毕业生就业工作会议，提供120余万个岗位，占比53%。",
    "辽宁省教育厅关于印发《辽教发〔2021〕23号》的通知，2021年9月25日。",
    "转化合同金额７.６４亿元，比去年同期增加801项，第三批一百二十所学校。",
    "教育部令第38号；电话024-86891234；投入三億五千萬元；百分之八十九点二。",
    "省委省政府高度重视，东北大学、辽宁大学等12所高校参加，近6000人。",
    "辽教发〔2021〕23号：投入7.64亿元，第三批。",
    "",
    "😀𠀀 astral \ud800 lone surrogate",
]


def sample_texts(gold_docs: Sequence[dict]) -> list[str]:
    """The gold documents' texts, then :data:`SENTENCES`."""
    return [d["text"] for d in gold_docs] + SENTENCES


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
