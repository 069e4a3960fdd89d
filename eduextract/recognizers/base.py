"""A recognizer driven entirely by a rule file: patterns in, spans with values out.

Most layers are "run these patterns, compute a value from the match, drop the match if a
check fails".  :class:`RuleRecognizer` does exactly that, so such a layer is one rule file
plus one value function, and a new pattern is a data edit.

The value function receives the rule, the match and the document and returns the span's
value, or :data:`REJECT` to drop the candidate (a validation hook in Presidio's sense).  A
rule may mark the part of its match that becomes the span with a named group ``span``;
otherwise the whole match is the span (context can then sit in look-arounds or outside the
``span`` group).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..document import Document
from ..rules import Rule, load_rules
from ..span import Span, make_span

REJECT: Any = object()

ValueFn = Callable[[Rule, re.Match[str], Document], Any]


class RuleRecognizer:
    def __init__(self, name: str, files: Iterable[str], value: ValueFn) -> None:
        self.name = name
        self.rules: tuple[Rule, ...] = tuple(r for f in files for r in load_rules(f))
        self.labels: tuple[str, ...] = tuple(sorted({r.label for r in self.rules}))
        self._value = value

    def find(self, doc: Document) -> Iterator[Span]:
        for rule in self.rules:
            for match in rule.finditer(doc.norm):
                start, end = match.span("span") if "span" in rule.pattern.groupindex else match.span()
                if start < 0 or start == end:
                    continue
                value = self._value(rule, match, doc)
                if value is REJECT:
                    continue
                yield make_span(doc.text, start, end, rule.label, value, rule.name)
