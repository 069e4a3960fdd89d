"""Rule files: regular expressions as data, each with examples that double as tests.

This module is the only place that knows rule syntax.  A file in ``rules/`` (or a user's file
passed as ``Extractor(rules=[path])``) is TOML (read with the standard library's ``tomllib``).
It opens with ``#`` comment lines naming its source, licence and format, then holds
``[[rule]]`` tables::

    [[rule]]
    name = "percent.symbol"          # unique across all files; becomes Span.source
    label = "PERCENT"                # label the rule produces ("_BLOCK" suppresses others)
    pattern = '''(?P<n>{NUM})\\s*%'''   # Python regex, run on the normalised text
    examples = [
      { text = "提前达到89.2%的目标", span = "89.2%", value = { value = 89.2, unit = "percent" } },
    ]
    counter_examples = [
      { text = "不低于师生人数1:1000", span = "1:1000" },   # this text is not a PERCENT here
    ]

**Macros.**  A pattern writes ``{NAME}`` to insert a named, group-free fragment wrapped in
``(?:…)``.  The names are the built-in macros of :mod:`eduextract.macros` (``{NUM}``,
``{INT}``, ``{CUR_SUFFIX}``, ``{MW}`` …) and the entries of the file's own ``[define]`` table,
which may use each other.  There is one macro syntax for every file.

**Load-time checks.**  Every pattern is fully expanded, then compiled with its ``flags``
(``x`` verbose, ``i``, ``s``, ``m``); missing keys, duplicate names, unknown macros, patterns
that do not compile and examples whose ``span`` is not in their ``text`` raise
:class:`RuleFileError` naming the file and the rule.  Nothing about a rule's syntax can fail
later, inside ``extract()``.

**File-level tables.**  Any top-level table other than ``rule`` and ``define`` (``[scan]``,
``[doc_year]`` …) is returned in :attr:`RuleFile.tables` for the recognizer that owns the
file; no recognizer opens a rule file itself.

Any other key of a rule table (``kind``, ``trigger``, ``veto`` …) is kept in
:attr:`Rule.options`.  An example may name the rule that must produce its span with
``source = "rule.name"``; by default an example of the rule's own label must come from the
rule it sits under.
``tests/test_rule_examples.py`` runs every example and counter-example through the *whole*
extractor, so an example passes only if the rule fires and no other layer or filter undoes it.
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
_MACRO = re.compile(r"\{([A-Z_][A-Z0-9_]*)\}")
_GROUP_DEF = re.compile(r"\(\?P<(\w+)>")
_GROUP_REF = re.compile(r"\(\?P=(\w+)\)")


@dataclass(frozen=True)
class Example:
    """One example sentence; ``span`` is the expected span text (None: whole-text check).

    ``source``: the rule that must produce the span (None: any rule may).
    """

    text: str
    span: str | None = None
    value: Any = None
    label: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    #: compiled from the fully expanded pattern (``pattern.pattern`` is the expanded source)
    pattern: re.Pattern[str]
    file: str
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[Example, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        return self.pattern.finditer(text)

    def alternative(self, tag: str) -> str:
        """The pattern as one branch of a combined alternation: every group name suffixed
        with ``tag`` (so branches never clash) and the rule's flags scoped to the branch.

        The result is checked here: it must compile to the same groups, renamed.
        """
        source = _GROUP_DEF.sub(lambda m: f"(?P<{m[1]}{tag}>", self.pattern.pattern)
        source = _GROUP_REF.sub(lambda m: f"(?P={m[1]}{tag})", source)
        flags = self.pattern.flags
        letters = "".join(c for c, bit in _FLAG_BITS.items() if flags & bit)
        if letters:
            # a verbose pattern may end in a comment: the newline closes it before ``)``
            source = f"(?{letters}:{source}\n)" if "x" in letters else f"(?{letters}:{source})"
        try:
            compiled = re.compile(source)
        except re.error as exc:  # pragma: no cover - only a group name inside a class does it
            raise RuleFileError(f"{self.file} rule {self.name!r}: cannot combine: {exc}") from exc
        expected = {name + tag for name in self.pattern.groupindex}
        if set(compiled.groupindex) != expected:
            raise RuleFileError(
                f"{self.file} rule {self.name!r}: group names could not be renamed safely "
                "(write no '(?P<' inside a character class)"
            )
        return source


@dataclass(frozen=True)
class RuleFile:
    """One parsed rule file: its rules and its other top-level tables."""

    name: str
    rules: tuple[Rule, ...]
    tables: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


def _example(raw: Any, where: str, label: str, rule_name: str) -> Example:
    if isinstance(raw, str):
        return Example(text=raw, label=label, source=rule_name)
    if not isinstance(raw, dict) or "text" not in raw:
        raise RuleFileError(f"{where}: an example must be a string or a table with 'text'")
    text = raw["text"]
    span = raw.get("span")
    if span is not None and span not in text:
        raise RuleFileError(f"{where}: example span {span!r} does not occur in {text!r}")
    # an example of the rule's own label must come from the rule itself unless it names
    # another (a veto's example shows the span that survives next to it)
    source = raw.get("source", rule_name if raw.get("label", label) == label else None)
    if source is not None and not isinstance(source, str):
        raise RuleFileError(f"{where}: example source must be a rule name, got {source!r}")
    return Example(
        text=text, span=span, value=raw.get("value"), label=raw.get("label", label), source=source
    )


def expand_macros(pattern: str, macros: dict[str, str], where: str) -> str:
    """Replace each ``{NAME}`` in ``pattern`` by ``(?:`` + ``macros[NAME]`` + ``)``.

    Fragments may use other fragments; expansion is textual and bounded (no cycles).
    """
    for _ in range(12):
        if _MACRO.search(pattern) is None:
            return pattern

        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                known = ", ".join(sorted(macros))
                raise RuleFileError(f"{where}: unknown macro {{{name}}}; known macros: {known}")
            return "(?:" + macros[name] + ")"

        pattern = _MACRO.sub(sub, pattern)
    raise RuleFileError(f"{where}: macros nest too deeply (a cycle in [define]?)")


def _file_macros(doc: dict[str, Any], path: Path) -> dict[str, str]:
    from .macros import builtin_macros

    builtins = builtin_macros()
    defines = doc.get("define", {})
    if not isinstance(defines, dict):
        raise RuleFileError(f"{path.name}: [define] must be a table of NAME = 'regex'")
    for name, value in defines.items():
        if not isinstance(value, str) or _MACRO.fullmatch("{" + name + "}") is None:
            raise RuleFileError(f"{path.name}: [define] {name}: an UPPER_CASE name and a string")
        if name in builtins:
            raise RuleFileError(f"{path.name}: [define] {name} shadows the built-in macro")
    return {**builtins, **defines}


def parse_rule_file(path: Path) -> RuleFile:
    """Read, expand, validate and compile one rule file (see the module docstring)."""
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read rule file: {exc}") from exc
    macros = _file_macros(doc, path)
    rules: list[Rule] = []
    seen: set[str] = set()
    raw_rules = doc.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleFileError(f"{path.name}: rules must be [[rule]] tables")
    for index, raw in enumerate(raw_rules):
        where = f"{path.name} rule #{index + 1}"
        for key in ("name", "label", "pattern"):
            if key not in raw:
                raise RuleFileError(f"{where}: missing required key {key!r}")
        where = f"{path.name} rule {raw['name']!r}"
        if raw["name"] in seen:
            raise RuleFileError(f"{where}: rule name used twice in the file")
        seen.add(raw["name"])
        if raw.get("enabled", True) is False:
            continue
        flags = 0
        for letter in raw.get("flags", ""):
            if letter not in _FLAG_BITS:
                valid = ", ".join(_FLAG_BITS)
                raise RuleFileError(f"{where}: unknown regex flag {letter!r}; valid: {valid}")
            flags |= _FLAG_BITS[letter]
        source = expand_macros(raw["pattern"], macros, where)
        try:
            pattern = re.compile(source, flags)
        except re.error as exc:
            raise RuleFileError(f"{where}: pattern does not compile: {exc}") from exc
        label, name = raw["label"], raw["name"]
        examples = tuple(_example(e, where, label, name) for e in raw.get("examples", []))
        if not examples:
            raise RuleFileError(f"{where}: every rule needs at least one example")
        counters = tuple(_example(e, where, label, name) for e in raw.get("counter_examples", []))
        options = {k: v for k, v in raw.items() if k not in _KNOWN_KEYS}
        rule = Rule(name, label, pattern, path.name, examples, counters, options)
        rule.alternative("__check")  # a rule that cannot join a combined scan fails now
        rules.append(rule)
    tables = {k: v for k, v in doc.items() if k not in ("rule", "define")}
    return RuleFile(path.name, tuple(rules), tables)


@cache
def load_rule_file(filename: str) -> RuleFile:
    """One shipped file of ``rules/`` (cached: loaded once per process)."""
    return parse_rule_file(rules_path(filename))


def load_rules(filename: str) -> tuple[Rule, ...]:
    """The rules of one shipped file in ``rules/``."""
    return load_rule_file(filename).rules


@cache
def load_user_rule_file(path: Path) -> RuleFile:
    """A user's rule file, checked exactly like a shipped one (cached per path)."""
    return parse_rule_file(path)


def all_rule_files() -> list[Path]:
    return sorted(data_dir("rules").glob("*.toml"))


def load_all_rules(extra: Iterable[Path] = ()) -> tuple[Rule, ...]:
    """Every rule of every shipped file (and of ``extra`` user files), names unique."""
    seen: dict[str, str] = {}
    out: list[Rule] = []
    files = [load_rule_file(p.name) for p in all_rule_files()]
    files += [load_user_rule_file(Path(p)) for p in extra]
    for rule_file in files:
        for rule in rule_file.rules:
            if rule.name in seen:
                raise RuleFileError(
                    f"rule name {rule.name!r} used in both {seen[rule.name]} and {rule_file.name}"
                )
            seen[rule.name] = rule_file.name
            out.append(rule)
    return tuple(out)
