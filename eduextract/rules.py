"""Rule files: regular expressions as data, each with examples that double as tests.

A file in ``rules/`` is TOML (read with the standard library's ``tomllib``).  It opens with
``#`` comment lines naming its source and format, then holds ``[[rule]]`` tables::

    [[rule]]
    name = "percent.symbol"          # unique across all files; becomes Span.source
    label = "PERCENT"                # label the rule produces ("_BLOCK" suppresses others)
    pattern = '''(?P<num>\\d+(?:\\.\\d+)?)\\s*%'''   # Python regex, run on the normalised text
    examples = [
      { text = "提前达到89.2%的目标", span = "89.2%", value = { value = 89.2, unit = "percent" } },
    ]
    counter_examples = [
      { text = "不低于师生人数1:1000", span = "1:1000" },   # this text is not a PERCENT here
    ]

A file may hold a ``[define]`` table of named, group-free regex fragments; a pattern writes
``(?&NAME)`` to insert fragment NAME wrapped in ``(?:…)`` (PCRE's subroutine syntax, expanded
textually, so it is not recursive).  Fragments may use other fragments.  This keeps a grammar
such as "year, month, day, connector" written once per file instead of once per rule.

Any other key of a rule table (``value``, ``unit``, ``currency`` …) is kept in
:attr:`Rule.options` for the recognizer that owns the file.  ``tests/test_rule_examples.py``
runs every example and counter-example through the *whole* extractor, so an example passes
only if the rule fires and no other layer or filter undoes it.

The loader validates at load time (missing keys, duplicate names, patterns that do not
compile, examples whose ``span`` is not in their ``text``) and names the file and rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .data import data_dir, rules_path

_KNOWN_KEYS = {"name", "label", "pattern", "examples", "counter_examples", "flags", "enabled"}
_FLAG_BITS = {"x": re.VERBOSE, "i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE}


@dataclass(frozen=True)
class Example:
    """One example sentence; ``span`` is the expected span text (None: whole-text check)."""

    text: str
    span: str | None = None
    value: Any = None
    label: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    pattern: re.Pattern[str]
    file: str
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[Example, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        return self.pattern.finditer(text)


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


def _example(raw: Any, where: str, label: str) -> Example:
    if isinstance(raw, str):
        return Example(text=raw, label=label)
    if not isinstance(raw, dict) or "text" not in raw:
        raise RuleFileError(f"{where}: an example must be a string or a table with 'text'")
    text = raw["text"]
    span = raw.get("span")
    if span is not None and span not in text:
        raise RuleFileError(f"{where}: example span {span!r} does not occur in {text!r}")
    return Example(text=text, span=span, value=raw.get("value"), label=raw.get("label", label))


_MACRO = re.compile(r"\(\?&(\w+)\)")


def expand_defines(pattern: str, defines: dict[str, str], where: str) -> str:
    """Replace each ``(?&NAME)`` in ``pattern`` by ``(?:`` + ``defines[NAME]`` + ``)``."""
    for _ in range(10):  # bounded: fragments may nest, but not cyclically
        if "(?&" not in pattern:
            return pattern

        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in defines:
                raise RuleFileError(f"{where}: (?&{name}) names no entry of [define]")
            return "(?:" + defines[name] + ")"

        pattern = _MACRO.sub(sub, pattern)
    raise RuleFileError(f"{where}: [define] fragments nest too deeply (a cycle?)")


def parse_rule_file(path: Path) -> tuple[Rule, ...]:
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: not valid TOML: {exc}") from exc
    rules: list[Rule] = []
    defines = doc.get("define", {})
    for index, raw in enumerate(doc.get("rule", [])):
        where = f"{path.name} rule #{index + 1}"
        for key in ("name", "label", "pattern"):
            if key not in raw:
                raise RuleFileError(f"{where}: missing required key {key!r}")
        where = f"{path.name} rule {raw['name']!r}"
        if raw.get("enabled", True) is False:
            continue
        flags = 0
        for letter in raw.get("flags", ""):
            if letter not in _FLAG_BITS:
                raise RuleFileError(f"{where}: unknown regex flag {letter!r}")
            flags |= _FLAG_BITS[letter]
        try:
            pattern = re.compile(expand_defines(raw["pattern"], defines, where), flags)
        except re.error as exc:
            raise RuleFileError(f"{where}: pattern does not compile: {exc}") from exc
        examples = tuple(_example(e, where, raw["label"]) for e in raw.get("examples", []))
        if not examples:
            raise RuleFileError(f"{where}: every rule needs at least one example")
        counters = tuple(
            _example(e, where, raw["label"]) for e in raw.get("counter_examples", [])
        )
        options = {k: v for k, v in raw.items() if k not in _KNOWN_KEYS}
        rules.append(
            Rule(raw["name"], raw["label"], pattern, path.name, examples, counters, options)
        )
    return tuple(rules)


@cache
def load_rules(filename: str) -> tuple[Rule, ...]:
    """The rules of one file in ``rules/`` (cached: loaded once per process)."""
    return parse_rule_file(rules_path(filename))


def all_rule_files() -> list[Path]:
    return sorted(data_dir("rules").glob("*.toml"))


def load_all_rules() -> tuple[Rule, ...]:
    """Every rule of every file, with names checked for uniqueness across files."""
    seen: dict[str, str] = {}
    out: list[Rule] = []
    for path in all_rule_files():
        for rule in load_rules(path.name):
            if rule.name in seen:
                raise RuleFileError(
                    f"rule name {rule.name!r} used in both {seen[rule.name]} and {path.name}"
                )
            seen[rule.name] = path.name
            out.append(rule)
    return tuple(out)
