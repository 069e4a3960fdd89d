"""Blockers: spans that only exist to stop other layers from reading inside them.

A phone number, URL, e-mail, street address, time of day, postcode, filing or standard number
is full of digits that are not quantities or dates.  Instead of teaching every layer what such
strings look like, this layer emits them as ``_BLOCK`` candidates; the resolver lets the longer
blocker beat every candidate it overlaps and then drops it (see :mod:`eduextract.resolve`).
All patterns live in ``rules/blockers.toml``; there is no value to compute.
"""

from __future__ import annotations

import re

from ..config import Config
from ..document import Document
from ..rules import Rule
from .base import RuleRecognizer

RULE_FILE = "blockers.toml"


def _no_value(rule: Rule, match: re.Match[str], doc: Document) -> None:
    return None


def build(config: Config) -> RuleRecognizer:
    return RuleRecognizer("blockers", [RULE_FILE], _no_value)
