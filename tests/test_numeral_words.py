"""gazetteers/numeral_words.txt is generated from jieba's dict.txt; it must be current.

Like dateparser's data-integrity test: regenerate in memory, compare with the committed file.
Skipped when jieba is not installed (it is a test extra, never a run-time dependency).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "build_numeral_words", ROOT / "scripts" / "build_numeral_words.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_numeral_words_file_is_current():
    pytest.importorskip("jieba")
    script = _load_script()
    committed = (ROOT / "gazetteers" / "numeral_words.txt").read_text(encoding="utf-8")
    assert script.render() == committed, (
        "gazetteers/numeral_words.txt is stale: run python scripts/build_numeral_words.py"
    )


def test_selection_keeps_words_and_drops_quantities():
    script = _load_script()
    lines = [
        "统一 2000 vn", "一定 9000 d", "四川 5000 ns", "一心一意 300 i",
        "一个 90000 m", "三年 800 m", "十天 50 t", "二人 40 nr", "吴三桂 30 nr", "一流 2 a",
    ]
    assert script.select(lines) == ["一定", "一心一意", "吴三桂", "四川", "统一"]
