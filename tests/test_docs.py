"""The documentation a user looks for exists and keeps up with the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import eduextract
from eduextract import export

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SETUP = (
    "```bash\n"
    'python3 -m venv .venv && .venv/bin/pip install -e ".[test,spacy]" && '
    ".venv/bin/eduextract samples/sample.txt\n"
    ".venv/bin/python -m pytest -q\n"
    "```\n"
)


def headings(path: Path) -> set[str]:
    return set(re.findall(r"^### `([^`]+)`", path.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("module", [eduextract, export], ids=lambda m: m.__name__)
def test_every_public_name_has_an_api_entry(module):
    missing = sorted(set(module.__all__) - headings(DOCS / "api.md"))
    assert not missing, f"docs/api.md has no '### `name`' entry for {missing}"


def test_schema_covers_every_label_and_links_decisions():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    for label in eduextract.LABELS:
        assert f"### {label}" in text, label
    assert "(decisions.md)" in text


def test_readme_keeps_the_setup_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.split("\n", 2)[2].startswith(SETUP)
    install = readme[readme.index("## Install"):]
    for extra in ("pip install eduextract", "[spacy]", "[pandas]", "[spark]", "[bench]"):
        assert extra in install, extra


def test_readme_and_docs_links_resolve():
    for page in [ROOT / "README.md", *DOCS.glob("*.md"), ROOT / "CHANGELOG.md"]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_licence_changelog_and_extras():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"]["text"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in changelog and f"## {eduextract.__version__}" in changelog
    extras = meta["optional-dependencies"]
    assert any(d.startswith("jieba") for d in extras["spacy"])  # spaCy's jieba segmenter
    for name in ("nbclient", "nbformat", "ipykernel"):
        assert any(d.startswith(name) for d in extras["test"]), name


def test_commands_in_docs_use_no_machine_paths():
    for page in DOCS.glob("*.md"):
        for block in re.findall(r"```(?:sh|bash)\n(.*?)```", page.read_text(encoding="utf-8"),
                                re.S):
            assert not re.search(r"(^|\s)/(work|home|Users|tmp)/", block), (page.name, block)
