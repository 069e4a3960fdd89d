"""Blockers: spans that only exist to stop other layers from reading inside them.

A phone number, URL, e-mail, street address, time of day, postcode, filing or standard number
is full of digits that are not quantities or dates.  Instead of teaching every layer what such
strings look like, this layer emits them as ``_BLOCK`` candidates; the resolver lets the longer
blocker beat every candidate it overlaps and then drops it (see :mod:`eduextract.resolve`).
All patterns live in ``rules/blockers.toml``; there is no value to compute.  Every blocker
contains ASCII letters, digits or ``@``, so the rules run only near those (most of a Chinese
document has none), which keeps this layer cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..config import Config
from ..document import Document
from ..rules import Rule, load_rule_file, load_user_rule_file
from ..span import Span, make_span
from .windows import WindowScanner

RULE_FILE = "blockers.toml"
LABEL = "_BLOCK"


class BlockerRecognizer:
    name = "blockers"
    labels: tuple[str, ...] = (LABEL,)

    def __init__(self, rules: tuple[Rule, ...], scan: dict[str, Any]) -> None:
        """``scan``: the ``[scan]`` table of ``rules/blockers.toml`` (margin, trigger)."""
        self.rules: tuple[Rule, ...] = rules
        self._scanner = WindowScanner(self.rules, scan["margin"], scan["trigger"])

    def find(self, doc: Document) -> Iterator[Span]:
        windows: dict[str, list[tuple[int, int]]] = {}
        for rule in self.rules:
            for match in self._scanner.finditer(rule, doc.norm, windows):
                yield make_span(doc.text, match.start(), match.end(), LABEL, None, rule.name)


def build(config: Config) -> BlockerRecognizer:
    user = tuple(
        rule
        for path in config.rules
        for rule in load_user_rule_file(path).rules
        if rule.label == LABEL
    )
    shipped = load_rule_file(RULE_FILE)
    return BlockerRecognizer(shipped.rules + user, shipped.tables["scan"])
