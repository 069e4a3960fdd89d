"""The skip-ahead class of a rule must hold the first character of every match it can make."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduextract.recognizers.firstchars import first_class
from eduextract.rules import load_all_rules

RULES = [r for r in load_all_rules() if first_class(r.pattern) is not None]
ALPHABET = list("0123456789年月日号届级季度至到—-~ .:/@五十一二三〇○今底旬路楼电话ab的是,。\nQq第")


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (r"(?<!\d)(?:19|20)\d\d", "x2021", "[12]"),
        (r"(?:今年)?\d+月", "今年3月", r"[今\d]"),
        (r"a?b*c", "c", "[abc]"),
    ],
)
def test_first_class_examples(pattern: str, text: str, expected: str) -> None:
    fc = first_class(re.compile(pattern))
    assert fc is not None and fc.pattern == expected
    assert fc.match(text, re.compile(pattern).search(text).start())  # type: ignore[union-attr]


@pytest.mark.parametrize("pattern", [r"a?", r".b", r"[^a]b", r"(?i:a)b", r"(a)?\1b", r"x*"])
def test_unknown_or_empty_gives_none(pattern: str) -> None:
    assert first_class(re.compile(pattern)) is None


def test_rules_examples_start_inside_the_class() -> None:
    for rule in RULES:
        fc = first_class(rule.pattern)
        for ex in rule.examples + rule.counter_examples:
            for m in rule.pattern.finditer(ex.text):
                assert fc.match(ex.text, m.start()), (rule.name, ex.text)  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=120))
def test_random_texts_start_inside_the_class(text: str) -> None:
    for rule in RULES:
        fc = first_class(rule.pattern)
        for m in rule.pattern.finditer(text):
            assert fc.match(text, m.start()), rule.name  # type: ignore[union-attr]
