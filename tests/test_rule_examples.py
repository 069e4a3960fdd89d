"""Every example and counter-example in rules/*.toml, run through the whole extractor.

The examples are the documentation of each rule and its test at once: adding a rule means
adding a pattern and the sentences it must (and must not) produce.
"""

from __future__ import annotations

import pytest

from benchmarks.scoring import values_equal
from eduextract.rules import load_all_rules

RULES = load_all_rules()

EXAMPLES = [
    pytest.param(rule, ex, id=f"{rule.name}:{ex.text[:24]}")
    for rule in RULES
    for ex in rule.examples
]
COUNTERS = [
    pytest.param(rule, ex, id=f"{rule.name}:not:{ex.text[:24]}")
    for rule in RULES
    for ex in rule.counter_examples
]


def test_rule_files_load_and_have_examples():
    assert RULES, "no rules loaded from rules/"
    for rule in RULES:
        assert rule.examples, rule.name


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example(extractor, rule, example):
    label = example.label or rule.label
    spans = extractor.extract(example.text)
    found = [s for s in spans if s.label == label]
    if example.span is None:
        assert found, f"{rule.name}: no {label} in {example.text!r}; got {spans}"
        if example.source is not None:
            assert any(s.source == example.source for s in found), (
                f"{rule.name}: no {label} from {example.source} in {example.text!r}; got {found}"
            )
        return
    matching = [s for s in found if s.text == example.span]
    assert matching, (
        f"{rule.name}: expected {label} {example.span!r} in {example.text!r}; got {spans}"
    )
    if example.source is not None:
        assert any(s.source == example.source for s in matching), (
            f"{rule.name}: {example.span!r} came from {[s.source for s in matching]}, "
            f"expected {example.source}"
        )
    if example.value is not None:
        assert any(values_equal(s.value, example.value) for s in matching), (
            f"{rule.name}: value of {example.span!r} is {[s.value for s in matching]}, "
            f"expected {example.value}"
        )


@pytest.mark.parametrize(("rule", "example"), COUNTERS)
def test_rule_counter_example(extractor, rule, example):
    label = example.label or rule.label
    spans = [s for s in extractor.extract(example.text) if s.label == label]
    if example.span is None:
        assert not spans, f"{rule.name}: {example.text!r} must give no {label}; got {spans}"
    else:
        assert all(s.text != example.span for s in spans), (
            f"{rule.name}: {example.span!r} in {example.text!r} must not be {label}; got {spans}"
        )
