"""Every veto and every blocker is needed: without it, one of its own examples changes.

A veto or blocker produces no span, so its examples say what it makes observable (a NUMBER
that survives next to it, no DATE inside a URL).  Remove the rule and rebuild the extractor:
if every example and counter-example still holds, another rule already does its work and one
of the two should go (three mechanisms for times of day were folded into one this way).
"""

from __future__ import annotations

import pytest

from benchmarks.scoring import values_equal
from eduextract import Extractor
from eduextract.config import Config
from eduextract.recognizers.blockers import BlockerRecognizer
from eduextract.recognizers.numbers import NumericRecognizer, numeric_rules
from eduextract.rules import Example, Rule, load_all_rules, load_rule_file

SUPPRESSORS = [r for r in load_all_rules() if r.label == "_BLOCK" or r.options.get("veto")]


def _without(name: str) -> Extractor:
    ex = Extractor()
    rebuilt = []
    for recognizer in ex._recognizers:
        if recognizer.name == "numbers":
            rules = tuple(r for r in numeric_rules(Config()) if r.name != name)
            recognizer = NumericRecognizer(rules)
        elif recognizer.name == "blockers":
            shipped = load_rule_file("blockers.toml")
            rules = tuple(r for r in shipped.rules if r.name != name)
            recognizer = BlockerRecognizer(rules, shipped.tables["scan"])
        rebuilt.append(recognizer)
    ex._recognizers, ex._selected = rebuilt, {}
    return ex


def _holds(ex: Extractor, rule: Rule, example: Example, counter: bool) -> bool:
    label = example.label or rule.label
    found = [s for s in ex.extract(example.text) if s.label == label]
    if counter:
        return not found if example.span is None else all(s.text != example.span for s in found)
    if example.span is not None:
        found = [s for s in found if s.text == example.span]
    if example.source is not None:
        found = [s for s in found if s.source == example.source]
    if example.value is not None:
        found = [s for s in found if values_equal(s.value, example.value)]
    return bool(found)


def test_there_are_vetoes_and_blockers():
    assert any(r.label == "_BLOCK" for r in SUPPRESSORS)
    assert any(r.options.get("veto") for r in SUPPRESSORS)


@pytest.mark.parametrize("rule", SUPPRESSORS, ids=[r.name for r in SUPPRESSORS])
def test_removing_the_rule_changes_one_of_its_examples(rule):
    ex = _without(rule.name)
    cases = [(e, False) for e in rule.examples] + [(e, True) for e in rule.counter_examples]
    held = [_holds(ex, rule, e, counter) for e, counter in cases]
    assert not all(held), (
        f"{rule.name}: every example still holds without it; another rule does its work"
    )
