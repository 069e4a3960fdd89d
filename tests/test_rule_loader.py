"""The rule loader is the only owner of rule syntax: what it accepts runs, what it rejects
fails when the Extractor is built (naming file, rule and error), never inside ``extract()``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from eduextract import Extractor
from eduextract.recognizers.numbers import VALUE_READERS
from eduextract.rules import RuleFileError, load_rule_file, parse_rule_file


def _write(tmp_path: Path, body: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text("# test rules. Source: tests. Licence: MIT.\n" + textwrap.dedent(body), "utf-8")
    return path


def test_user_rule_file_adds_a_numeric_rule(tmp_path):
    path = _write(
        tmp_path,
        """
        [[rule]]
        name = "user.money.jin"
        label = "MONEY"
        kind = "money"
        pattern = '''(?P<n>{NUM})(?P<cur>金币)'''
        examples = [{ text = "奖励500金币", span = "500金币" }]
        """,
    )
    ex = Extractor(rules=[path])
    spans = ex.extract("奖励500金币")
    assert [(s.label, s.text, s.source) for s in spans] == [("MONEY", "500金币", "user.money.jin")]
    # the shipped rules are unchanged
    assert [s.text for s in Extractor().extract("奖励500金币")] == ["500"]


def test_verbose_flag_on_a_numeric_rule_runs(tmp_path):
    path = _write(
        tmp_path,
        """
        [[rule]]
        name = "user.number.verbose"
        label = "NUMBER"
        flags = "x"
        pattern = '''
            (?P<n> \\d{1,3} )   # a short number
            [ ] 台               # a literal space (a class keeps it in verbose mode)
        '''
        examples = [{ text = "购置12 台", span = "12" }]
        """,
    )
    spans = Extractor(rules=[path]).extract("共购置12 台设备")
    # the "number" kind reads the group n; the verbose comment and the class both held
    assert [(s.text, s.source) for s in spans] == [("12", "user.number.verbose")]


def _one_rule(tmp_path: Path, name: str, pattern: str, example: str, **fields: str) -> Path:
    """A user rule file of one ``[[rule]]`` with one example; label NUMBER unless ``fields``
    (further string keys: label, kind, flags) says otherwise."""
    keys = {"name": name, "label": "NUMBER", **fields}
    lines = [f'{key} = "{value}"' for key, value in keys.items()]
    lines += [f"pattern = '''{pattern}'''", f'examples = [{{ text = "{example}" }}]']
    return _write(tmp_path, "[[rule]]\n" + "\n".join(lines) + "\n")


#: (rule, what the error must name): each is refused when the Extractor is built
BROKEN_RULES = [
    # valid before expansion ({NUM} alone is a literal), invalid after it: a quantifier on
    # a look-behind group
    pytest.param(
        {"name": "user.broken", "pattern": "(?<={NUM})+x", "example": "1x"},
        r"mine\.toml rule 'user\.broken'.*does not compile",
        id="broken-by-macro-expansion",
    ),
    pytest.param(
        {"name": "user.m", "pattern": "{NOPE}", "example": "1"},
        r"user\.m.*unknown macro \{NOPE\}.*NUM",
        id="unknown-macro",
    ),
    pytest.param(
        {"name": "user.f", "flags": "q", "pattern": r"\d", "example": "1"},
        r"user\.f.*unknown regex flag 'q'",
        id="unknown-flag",
    ),
    pytest.param(
        {"name": "user.k", "kind": "numbr", "pattern": r"(?P<n>\d+)号", "example": "1号"},
        r"user\.k.*unknown kind 'numbr'.*number_range",
        id="unknown-kind-lists-the-valid-kinds",
    ),
    pytest.param(
        {"name": "user.org", "label": "ORG", "pattern": "某某学校", "example": "某某学校"},
        "label 'ORG' cannot come from a user rule file",
        id="label-not-from-user-files",
    ),
]


@pytest.mark.parametrize(("rule", "error"), BROKEN_RULES)
def test_a_broken_user_rule_fails_when_the_extractor_is_built(tmp_path, rule, error):
    path = _one_rule(tmp_path, **rule)
    with pytest.raises(RuleFileError, match=error):
        Extractor(rules=[path])


def test_macro_and_flag_errors_come_from_the_loader(tmp_path):
    with pytest.raises(RuleFileError, match=r"unknown macro \{NOPE\}"):
        parse_rule_file(_one_rule(tmp_path, "user.m", "{NOPE}", "1"))
    with pytest.raises(RuleFileError, match="unknown regex flag 'q'"):
        parse_rule_file(_one_rule(tmp_path, "user.f", r"\d", "1", flags="q"))
    assert {"number", "money", "ordinal"} <= set(VALUE_READERS)


def test_rules_argument_must_name_readable_files(tmp_path):
    with pytest.raises(TypeError, match="rules must hold file paths"):
        Extractor(rules=[3])
    with pytest.raises(RuleFileError, match="cannot read"):
        Extractor(rules=[tmp_path / "missing.toml"])


def test_define_tables_use_the_same_macro_syntax(tmp_path):
    path = _write(tmp_path, """
        [define]
        UNIT = '台|套'
        BOTH = '{NUM}\\s?(?:{UNIT})'

        [[rule]]
        name = "user.block"
        label = "_BLOCK"
        pattern = '''设备{BOTH}'''
        examples = [{ text = "设备3台", label = "NUMBER" }]
        """)
    rule_file = parse_rule_file(path)
    assert rule_file.rules[0].pattern.fullmatch("设备3台")
    assert "{UNIT}" not in rule_file.rules[0].pattern.pattern
    assert Extractor(rules=[path]).extract("设备3台") == []


def test_file_level_tables_come_from_the_loader():
    assert load_rule_file("blockers.toml").tables["scan"]["margin"] > 0
    assert "publication" in load_rule_file("dates.toml").tables["doc_year"]


@pytest.mark.parametrize("labels", ["MONEY,PERCENT", "MONEY, PERCENT", ["MONEY", "PERCENT"]])
def test_comma_separated_labels_are_a_list(labels):
    text = "投入7.64亿元，占比53%，共3所"
    expected = [("MONEY", "7.64亿元"), ("PERCENT", "53%")]
    assert [(s.label, s.text) for s in Extractor().extract(text, labels=labels)] == expected
    assert [(s.label, s.text) for s in Extractor(labels=labels).extract(text)] == expected


def test_comma_separated_labels_name_the_unknown_one():
    with pytest.raises(ValueError, match="unknown label 'MONY'"):
        Extractor().extract("1", labels="MONY,PERCENT")
