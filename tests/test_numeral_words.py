"""gazetteers/numeral_words.txt is generated from jieba's dict.txt; it must be current.

Like dateparser's data-integrity test: regenerate in memory, compare with the committed file.
Skipped when jieba is not installed (it is a test extra, never a run-time dependency).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.generated import assert_current, load_script

ROOT = Path(__file__).resolve().parents[1]


def test_numeral_words_file_is_current():
    pytest.importorskip("jieba")
    assert_current(
        load_script("build_numeral_words").render(),
        ROOT / "gazetteers" / "numeral_words.txt",
        "python scripts/build_numeral_words.py",
    )


def test_selection_keeps_words_and_drops_quantities():
    script = load_script("build_numeral_words")
    lines = [
        "统一 2000 vn", "一定 9000 d", "四川 5000 ns", "一心一意 300 i",
        "一个 90000 m", "三年 800 m", "十天 50 t", "二人 40 nr", "吴三桂 30 nr", "一流 2 a",
    ]
    assert script.select(lines) == ["一定", "一心一意", "吴三桂", "四川", "统一"]


def test_selection_drops_approximate_quantities_and_straddles():
    """近三成, 近百人, 约一亿 are approximate quantities; 中三/长三 hide 其中三所, 增长三成."""
    script = load_script("build_numeral_words")
    lines = ["近三成 30 l", "近百人 30 l", "约一亿 10 l", "中三 20 nz", "长三 20 nz",
             "长三角 500 ns", "近代 900 t", "逾千越万 5 i"]
    assert script.select(lines) == ["逾千越万", "长三角"]  # the idiom stays
