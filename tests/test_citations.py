"""Policy citations: linking 《titles》 to document numbers; gold floor; properties."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.facts_eval import CITATIONS, load, score_citations
from eduextract import Citation, Extractor, citations
from scripts._annotation import render
from tests.generated import assert_current, load_script

ROOT = Path(__file__).resolve().parents[1]


def _pairs(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (c.title.text if c.title else None, c.docno.text if c.docno else None)
        for c in citations(text)
    ]


def test_title_followed_by_its_number():
    text = "按照《教育部关于加强初中学业水平考试命题工作的意见》（教基〔2019〕15号）要求"
    (c,) = citations(text)
    assert (c.title.text, c.docno.text) == (
        "教育部关于加强初中学业水平考试命题工作的意见",
        "教基〔2019〕15号",
    )
    assert (c.issuer, c.year) == ("教育部", 2019)
    assert text[c.title.start - 1] == "《" and text[c.title.end] == "》"


def test_titles_and_numbers_alone_are_records_too():
    text = "根据《中华人民共和国教育法》，国发〔2019〕4号文件精神"
    assert _pairs(text) == [("中华人民共和国教育法", None), (None, "国发〔2019〕4号")]
    assert citations(text)[1].issuer == "国务院"


def test_number_before_its_title():
    assert _pairs("以教发〔2020〕3号文件印发的《实施方案》") == [("实施方案", "教发〔2020〕3号")]


def test_lists_pair_each_title_with_its_own_number():
    text = "《A办法》（法释〔2000〕36号）、《B解释》（法释〔2004〕3号）同时废止"
    assert _pairs(text) == [("A办法", "法释〔2000〕36号"), ("B解释", "法释〔2004〕3号")]


def test_issuer_from_the_title_when_the_number_names_none():
    (c,) = citations("《中共中央办公厅 国务院办公厅关于进一步减轻义务教育阶段学生作业负担的意见》")
    assert (c.issuer, c.issuer_source) == ("中共中央办公厅 国务院办公厅", "title")


def test_periodicals_certificates_and_defined_short_names_are_not_citations():
    text = "据《人民日报》报道，取得《教师资格证书》，（以下简称《方案》），落实《方案》"
    assert _pairs(text) == [("方案", None)]


def test_nested_titles_are_one_citation():
    assert _pairs("《关于印发〈实施细则〉的通知》") == [("关于印发〈实施细则〉的通知", None)]


def test_unbalanced_marks_never_raise_or_run_across_lines():
    assert _pairs("《未闭合的标题\n下一行》") == []


def test_extractor_method_and_to_dict():
    (c,) = Extractor().citations("《某办法》（教基〔2019〕15号）")
    assert isinstance(c, Citation)
    d = c.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["docno"]["value"]["year"] == 2019 and (c.start, c.end) == (1, 17)


@pytest.mark.parametrize("bad", [None, 1, b"x"])
def test_bad_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="text must be str"):
        citations(bad)  # type: ignore[arg-type]


def test_cli_citations_formats(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("按照《某某办法》（教基〔2019〕15号）要求", encoding="utf-8")
    run = [sys.executable, "-m", "eduextract", str(src), "--format"]
    out = subprocess.run([*run, "citations"], capture_output=True, text=True, cwd=ROOT, check=True)
    row = json.loads(out.stdout)
    assert (row["title"], row["docno"], row["title_start"], row["docno_start"]) == (
        "某某办法",
        "教基〔2019〕15号",
        3,
        9,
    )
    out = subprocess.run(
        [*run, "citations-csv"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.splitlines()[0].startswith("document,title,title_start")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["《", "》", "〈", "〉", "教基〔2019〕15号", "（", "）", "关于", "办法",
                         "的通知", "\n", "以下简称", "文件", "，", "𠀀", "人民日报", "证书"]),
        max_size=20,
    ).map("".join)
)  # fmt: skip
def test_offsets_always_match_the_text(text):
    for c in citations(text):
        for part in (c.title, c.docno):
            if part is not None:
                assert text[part.start : part.end] == part.text
        if c.title is not None:
            assert text[c.title.start - 1] == "《" and text[c.title.end] == "》"


def test_gold_file_is_current():
    built = render(load_script("build_citation_gold").build())
    assert_current(built, CITATIONS, "python scripts/build_citation_gold.py")


def test_gold_floor():
    res = score_citations(load(CITATIONS))
    assert res["gold"] >= 150
    assert res["f1"] >= 0.97, res["errors"]
