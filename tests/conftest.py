from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def extractor():
    from eduextract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def gold_docs() -> list[dict]:
    with open(DATA / "gold_seeds.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]
