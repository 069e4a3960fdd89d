"""Windowed scanning must find exactly what a scan of the whole text finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduextract.config import Config
from eduextract.normalize import normalize
from eduextract.recognizers.blockers import build as build_blockers
from eduextract.recognizers.dates import build as build_dates

RECOGNIZERS = {"dates": build_dates(Config()), "blockers": build_blockers(Config())}

# characters that dates and blockers are made of, plus filler prose
ALPHABET = list("0123456789年月日号届级季度至到—-~ .:/@五十一二三〇○今底旬路号楼电话ab的是,。\n")


def _same(recognizer, text: str) -> None:
    norm = normalize(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for rule in recognizer.rules:
        full = [m.span() for m in rule.pattern.finditer(norm)]
        windowed = [m.span() for m in recognizer._scanner.finditer(rule, norm, windows)]
        assert windowed == full, rule.name


@pytest.mark.parametrize("name", sorted(RECOGNIZERS))
def test_gold_texts_windowed_equals_full_scan(gold_docs, name):
    for doc in gold_docs:
        _same(RECOGNIZERS[name], doc["text"])


@pytest.mark.parametrize("name", sorted(RECOGNIZERS))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=200))
def test_random_texts_windowed_equals_full_scan(name, text):
    _same(RECOGNIZERS[name], text)


@pytest.mark.parametrize("name", sorted(RECOGNIZERS))
def test_rule_examples_windowed_equals_full_scan(name):
    recognizer = RECOGNIZERS[name]
    texts = [ex.text for rule in recognizer.rules for ex in rule.examples + rule.counter_examples]
    texts += ["规划到2100远景", "2100年", "二○二一年九月五日"]
    for text in texts:
        _same(recognizer, text)
