"""Data that tests itself: every file in rules/ and gazetteers/ opens with a header naming its
source, licence and format; the evidence column of docno_agencies.tsv is checked; no data file
cites a document the repository does not hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eduextract.data import data_dir, iter_data_lines

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = sorted(
    p
    for kind in ("rules", "gazetteers")
    for p in data_dir(kind).iterdir()
    if p.is_file() and p.name != "README.md"
)
FIELDS = {
    "source": re.compile(r"\bsources?\b", re.I),
    "licence": re.compile(r"\blicen[cs]e\b", re.I),
    "format": re.compile(r"\bformat\b", re.I),
}


def header(path: Path) -> str:
    """The leading ``#`` lines (blank lines between them allowed)."""
    lines = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith("#"):
            lines.append(line)
        elif line.strip():
            break
    return "\n".join(lines)


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_header_names_source_licence_and_format(path):
    text = header(path)
    missing = [name for name, pattern in FIELDS.items() if not pattern.search(text)]
    assert not missing, f"{path.name}: header lacks {', '.join(missing)}"


_CITED = re.compile(
    r"(?:shared|docs|tests|scripts|eduextract|rules|gazetteers)/[\w./-]+\.(?:md|py|tsv|txt|toml|jsonl)"
)


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_cited_files_exist_in_the_repository(path):
    cited = set(_CITED.findall(header(path)))
    missing = sorted(c for c in cited if not (ROOT / c).exists())
    assert not missing, f"{path.name} cites files the repository does not hold: {missing}"


# -- docno_agencies.tsv: the evidence column is a test ----------------------------------------

AGENCIES = [
    line.split("\t") for _, line in iter_data_lines(data_dir("gazetteers") / "docno_agencies.tsv")
]


@pytest.mark.parametrize("row", AGENCIES, ids=[r[0] for r in AGENCIES])
def test_agency_evidence_is_a_document_number_of_that_code(extractor, row):
    code, issuer, _host, kind, evidence, inferred = row
    assert kind in ("government", "party") and inferred in ("yes", "no"), row
    docnos = [s for s in extractor.extract(evidence) if s.label == "DOCNO"]
    assert docnos, f"{code}: the evidence {evidence!r} holds no document number eduextract reads"
    first = docnos[0]
    agency = first.value["agency"]
    assert agency.startswith(code) or code.startswith(agency), (
        f"{code}: evidence number {first.text!r} has agency {agency!r}"
    )
    if agency == code and first.value["issuer_source"] == "code_table":
        assert first.value["issuer"] == issuer, (code, first.value)
