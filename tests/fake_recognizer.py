"""A small stand-in recognizer so the pipeline tests control exactly which spans exist.

The real layers are developed elsewhere and their output changes; the spaCy component, the
exports and the CLI only need *some* spans of every label with known offsets and values.
``install(monkeypatch)`` swaps ``eduextract.recognizers.REGISTRY`` for this one recognizer for
the duration of a test, the same way a real layer is plugged in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eduextract import recognizers
from eduextract.config import Config
from eduextract.document import Document
from eduextract.span import Span, make_span

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("DOCNO", re.compile(r"辽教发〔(\d{4})〕(\d{1,4})号")),
    ("MONEY", re.compile(r"(\d+(?:\.\d+)?)亿元")),
    ("PERCENT", re.compile(r"(\d+(?:\.\d+)?)%")),
    ("DATE", re.compile(r"(\d{4})年")),
    ("ORDINAL", re.compile(r"第(\d{1,3})")),
    ("ORG", re.compile(r"教育部|辽宁省教育厅|省委|省政府")),
    ("NUMBER", re.compile(r"\d+")),
)


def _value(label: str, m: re.Match[str]) -> object:
    if label == "NUMBER":
        return {"value": int(m.group()), "approx": False}
    if label == "ORDINAL":
        return {"value": int(m.group(1))}
    if label == "PERCENT":
        return {"value": float(m.group(1)), "unit": "percent"}
    if label == "MONEY":
        amount = round(float(m.group(1)) * 100_000_000)
        return {"value": amount, "currency": "CNY", "approx": False}
    if label == "DATE":
        return {"iso": m.group(1)}
    if label == "DOCNO":
        return {"agency": m.group().split("〔")[0], "year": int(m.group(1)),
                "serial": int(m.group(2))}
    return {"kind": "government", "canonical": None}


class FakeRecognizer:
    name = "fake"
    labels = tuple(label for label, _ in _PATTERNS)

    def find(self, doc: Document) -> Iterator[Span]:
        for label, pattern in _PATTERNS:
            for m in pattern.finditer(doc.norm):
                yield make_span(doc.text, m.start(), m.end(), label, _value(label, m),
                                f"fake.{label.lower()}")


def build(config: Config) -> FakeRecognizer:
    return FakeRecognizer()


def install(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(recognizers, "REGISTRY", {"fake": "tests.fake_recognizer:build"})


#: a sentence with every label; the expected spans follow from the patterns above
SENTENCE = "𠀀教育部印发辽教发〔2020〕39号，2021年投入7.64亿元，占比53%，排名第3，共114所。"
