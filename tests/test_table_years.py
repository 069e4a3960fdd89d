"""Years in the cells of flattened tables (eduextract/recognizers/table_years.py)."""

from __future__ import annotations

import eduextract


def _dates(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.value["iso"]) for s in eduextract.extract(text) if s.label == "DATE"]


def test_header_row_then_years_one_per_line():
    text = "单位:万人\n年份\n1949\n1980\n2000\n高等教育在校生\n11.72\n271.93\n939.85\n"
    assert _dates(text) == [("1949", "1949"), ("1980", "1980"), ("2000", "2000")]


def test_year_column_at_the_row_period():
    header = "年级\n\n专业代码\n\n招生专业\n\n学费\n\n合计\n\n"
    rows = "".join(f"2017\n\n62010{i}\n\n专业{i}\n\n5460\n\n6760\n\n" for i in range(3))
    assert [d for d, _ in _dates(header + rows)] == ["2017", "2017", "2017"]


def test_a_lone_year_like_fee_is_no_year():
    text = "年级\n\n学费\n\n住宿费\n\n一年级\n\n2000\n\n800\n\n"
    assert _dates(text) == []


def test_header_row_on_one_line():
    text = "单位:人\n             Item 2006 2007\n在校学生数 405118 445800\n"
    assert _dates(text) == [("2006", "2006"), ("2007", "2007")]


def test_decreasing_years_on_a_labelled_line_are_data():
    assert _dates("项目 2007 2006\n") == []
