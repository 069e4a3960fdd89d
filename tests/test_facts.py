"""Quantity facts: the issue's examples, the convention's edge cases, gold floors, properties."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eduextract
from benchmarks.facts_eval import FACTS, load, score_facts
from eduextract import Extractor, Fact, facts, facts_to_dataframe
from eduextract.fact import facts_from_spans
from scripts._annotation import render
from tests.generated import assert_current, load_script

ROOT = Path(__file__).resolve().parents[1]


def _by_value(text: str) -> dict[object, Fact]:
    return {f.value: f for f in facts(text)}


def _subject(f: Fact) -> str | None:
    return f.subject.text if f.subject else None


# -- the examples -------------------------------------------------------------------------
def test_count_with_measure_word_and_scope():
    (f,) = facts("全市有普通高校45所。")
    assert (_subject(f), f.value, f.unit, f.scope.text) == ("普通高校", 45, "所", "全市")
    assert f.kind == "level" and f.change is None


def test_change_against_last_year_attaches_to_the_level():
    f = _by_value("在园幼儿32.6万人，比上年下降8.1%。")[326000]
    assert (_subject(f), f.unit) == ("在园幼儿", "人")
    assert f.change is not None
    assert (f.change.direction, f.change.amount.text, f.change.baseline.text) == (
        "decrease",
        "8.1%",
        "上年",
    )
    assert len(facts("在园幼儿32.6万人，比上年下降8.1%。")) == 1  # the change is no fact of its own


def test_two_facts_in_one_sentence_money_has_currency():
    got = facts("发放国家助学金3.1亿元，资助学生21.4万人次。")
    assert [(_subject(f), f.value, f.unit) for f in got] == [
        ("国家助学金", 310000000, "CNY"),
        ("资助学生", 214000, "人次"),
    ]


def test_percentage_points_and_explicit_baseline_year():
    (f,) = facts("高中阶段教育毛入学率达到92.5%，较2022年增长4.5个百分点。")
    assert (_subject(f), f.value, f.unit) == ("高中阶段教育毛入学率", 92.5, "%")
    assert (f.change.direction, f.change.amount.text, f.change.baseline.text) == (
        "increase",
        "4.5个百分点",
        "2022年",
    )


def test_doubling_is_a_change_with_a_multiple():
    (f,) = facts("全省教育经费3.2亿元，五年翻一番。")
    assert f.change is not None and f.change.multiple == 2 and f.change.amount is None


def test_chained_changes_all_kept():
    (f,) = facts("研究生招生58.97万人，比上年增加2.95万人，增长5.27%。")
    assert [(c.direction, c.amount.text) for c in f.changes] == [
        ("increase", "2.95万"),
        ("increase", "5.27%"),
    ]


def test_change_without_a_level_is_a_change_fact():
    (f,) = facts("普通高中在校生比上年增加3000人。")
    assert (f.kind, _subject(f), f.value, f.change.amount is f.quantity) == (
        "change",
        "普通高中在校生",
        3000,
        True,
    )


# -- subjects -------------------------------------------------------------------------------------
def test_thing_counted_after_the_measure_word():
    (f,) = facts("全县共有126所中小学校。")
    assert (_subject(f), f.value, f.unit) == ("中小学校", 126, "所")
    (g,) = facts("全年国家重点研发计划共安排42个重点专项。")
    assert _subject(g) == "重点专项"


def test_shared_subject_with_fenbie():
    got = facts("小学、初中在校生分别为12万人和8万人。")
    assert [(_subject(f), f.value) for f in got] == [
        ("小学、初中在校生", 120000),
        ("小学、初中在校生", 80000),
    ]


def test_share_of_the_previous_subject():
    got = facts("全省有普惠性幼儿园4747所，占总数的68.08%。")
    assert [_subject(f) for f in got] == ["普惠性幼儿园", "普惠性幼儿园"]


def test_parallel_clause_keeps_the_subject():
    got = facts("落实中职教育学生资助4003人次约309万元。")
    assert [(_subject(f), f.qualifier) for f in got] == [
        ("中职教育学生资助", None),
        ("中职教育学生资助", "约"),
    ]


def test_parenthetical_note_is_skipped_and_kept_inside_names():
    got = facts("全省共有教职工(含其他非学历高等教育机构)584087人。入园(班)幼儿377694人。")
    assert [_subject(f) for f in got] == ["教职工", "入园(班)幼儿"]


def test_list_markers_are_not_subjects_or_facts():
    got = facts("(一)资助资金突破2040亿元\n(二)免费教科书投入资金206.78亿元")
    assert [f.value for f in got] == [204000000000, 20678000000]
    assert _subject(got[0]) == "资助资金" and got[0].qualifier == "突破"


def test_not_facts_ordinals_codes_ages_and_names():
    assert facts("第三十五条规定，3-6岁儿童入园。") == []
    assert facts("教基〔2019〕15号") == []
    assert [f.value for f in facts("本科二批54人。")] == [54]


def test_qualifiers_before_and_after():
    (f,) = facts("毛入园率达到96%以上。")
    assert f.qualifier == "以上"
    (g,) = facts("学校资助资金超过290亿元。")
    assert g.qualifier == "超过"


def test_time_from_the_sentence_or_the_document_year():
    got = facts("2018年全省教育事业统计公报\n全省有幼儿园6973所。2010年，建有1所公办中心幼儿园。")
    assert [f.year for f in got] == [2018, 2010]
    assert got[1].time is not None and got[1].time.text == "2010年"


def test_quantities_inside_titles_are_not_facts():
    assert facts("印发《三年行动计划（2021—2023年）》和《50所学校名单》。") == []


# -- API, errors, outputs -------------------------------------------------------------------------
def test_extractor_method_and_module_function_agree():
    text = "全市有普通高校45所，比上年增加3所。"
    assert [f.to_dict() for f in Extractor().facts(text)] == [f.to_dict() for f in facts(text)]


@pytest.mark.parametrize("bad", [None, 123, b"abc", ["x"]])
def test_bad_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="text must be str"):
        facts(bad)  # type: ignore[arg-type]


def test_to_dict_is_json_and_rows_are_flat():
    (f,) = facts("全市有普通高校45所，比上年增加3所。")
    json.dumps(f.to_dict(), ensure_ascii=False)
    row = f.to_row()
    assert row["change_direction"] == "increase" and row["baseline"] == "上年"


def test_dataframe_has_one_row_per_fact():
    pd = pytest.importorskip("pandas")
    df = facts_to_dataframe(facts("发放国家助学金3.1亿元，资助学生21.4万人次。"))
    assert isinstance(df, pd.DataFrame)
    assert list(df["subject"]) == ["国家助学金", "资助学生"]
    assert list(facts_to_dataframe([]).columns)[:3] == ["subject", "subject_start", "subject_end"]
    with pytest.raises(TypeError, match="list of Fact"):
        facts_to_dataframe("全市有普通高校45所")  # type: ignore[arg-type]


def test_facts_are_not_computed_by_extract():
    # the layer loads only when asked for: extract() never imports it
    code = (
        "import sys, eduextract; eduextract.extract('全市有普通高校45所');"
        "m = sys.modules.get('eduextract.fact');"
        "print(bool(m and m._words.cache_info().currsize))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_spacy_doc_extension():
    spacy = pytest.importorskip("spacy")
    import eduextract.spacy_component  # noqa: F401

    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    doc = nlp("全市有普通高校45所，比上年增加3所。")
    got = doc._.eduextract_facts
    assert [(_subject(f), f.value) for f in got] == [("普通高校", 45)]
    assert doc.to_bytes()  # the stored spans stay serialisable
    bare = spacy.blank("zh")("全市有普通高校45所")
    with pytest.raises(ValueError, match="needs the eduextract component"):
        _ = bare._.eduextract_facts


def test_cli_facts_formats(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("全市有普通高校45所，比上年增加3所。", encoding="utf-8")
    run = [sys.executable, "-m", "eduextract", str(src), "--format"]
    out = subprocess.run([*run, "facts"], capture_output=True, text=True, cwd=ROOT, check=True)
    row = json.loads(out.stdout.splitlines()[0])
    assert (row["subject"], row["value"], row["unit"], row["start"]) == ("普通高校", 45, "所", 7)
    out = subprocess.run([*run, "facts-csv"], capture_output=True, text=True, cwd=ROOT, check=True)
    header, line = out.stdout.splitlines()
    assert header.startswith("document,subject,") and ",普通高校,3,7,45,7,9," in line


# -- properties -----------------------------------------------------------------------------------
_PIECES = st.sampled_from(
    ["全市", "有", "普通高校", "45所", "，", "比上年", "增加", "3所", "。", "在园幼儿", "32.6万人",
     "下降8.1%", "（含", "独立学院", "303所）", "分别为", "12万人", "和", "约", "以上", "《", "》",
     "𠀀", "\n", "、", "占总数的", "68.08%", "翻一番", "3.1亿元", "2023年"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_offsets_always_match_the_text(text):
    for f in facts(text):
        for part in (f.quantity, f.subject, f.scope, f.time):
            if part is not None:
                assert text[part.start : part.end] == part.text
        for c in f.changes:
            for part in (c.amount, c.baseline):
                if part is not None:
                    assert text[part.start : part.end] == part.text
        if f.subject is not None:
            assert len(f.subject.text) <= 24


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(text):
    facts_from_spans(text, eduextract.extract(text))


# -- gold -----------------------------------------------------------------------------------------
def test_gold_file_is_current_and_offsets_match():
    built = render(load_script("build_facts_gold").build())
    assert_current(built, FACTS, "python scripts/build_facts_gold.py")
    for doc in load(FACTS):
        raw = (ROOT / "tests" / "data" / "facts" / "raw" / f"{doc['id']}.txt").read_text(
            encoding="utf-8"
        )
        assert raw == doc["text"]


#: floors a little under the final measurement (docs/facts.md): a regression fails, noise not
FLOORS = {"lenient": 0.95, "strict": 0.91, "change": 0.97}
#: the last blind batch, scored once before any fix for it (docs/facts.md): its own floors, at
#: that blind measurement, so a later fix shows as a rise and nothing slips back unseen
BLIND6_FLOORS = {"lenient": 0.75, "strict": 0.60, "change": 0.50}


def test_gold_floors():
    res = score_facts([d for d in load(FACTS) if d["batch"] != "blind6"])
    assert res["gold"] >= 550 and res["documents"] >= 40
    assert res["lenient"]["f1"] >= FLOORS["lenient"], res["errors"][:20]
    assert res["strict"]["f1"] >= FLOORS["strict"]
    assert res["change_accuracy"] >= FLOORS["change"]


def test_blind6_floors():
    res = score_facts([d for d in load(FACTS) if d["batch"] == "blind6"])
    assert res["documents"] >= 12 and res["gold"] >= 150
    assert res["lenient"]["f1"] >= BLIND6_FLOORS["lenient"], res["errors"][:20]
    assert res["strict"]["f1"] >= BLIND6_FLOORS["strict"]
    assert res["change_accuracy"] >= BLIND6_FLOORS["change"]


def test_readme_example_rows():
    pytest.importorskip("pandas")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Facts and citations", 1)[1].split("```python", 1)[1].split("```")[0]
    namespace: dict[str, object] = {}
    import doctest  # the README block is a doctest (tests/test_doc_examples.py runs it too)

    code = "".join(e.source for e in doctest.DocTestParser().get_examples(block))
    exec(code.split("df[[")[0], namespace)  # the example's own code, not a copy of it
    df = namespace["df"]
    assert list(df["subject"]) == ["幼儿园", "入园(班)幼儿", "在园(班)幼儿", "学前教育毛入园率"]
    assert list(df["change_amount"]) == [36, 48729, 39693, 0.64]
    assert list(df["scope"].fillna("")) == ["全省", "", "", ""]


# -- subject boundaries (the failure classes of the dev gold, in written examples) ---------------
def _pairs(text: str) -> list[tuple[str | None, object]]:
    return [(_subject(f), f.value) for f in facts(text)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # an adverb and its verb open the predicate: the subject starts after them
        ("上半年已完成投资5172万元。", "完成投资"),  # 投资 alone is too short to lose 完成
        ("截至4月,已推动开工建设7所。", "开工建设"),
        ("预计建成后可新增学位约5400个。", "新增学位"),
        ("累计建设国家重点实验室503个。", "国家重点实验室"),
        ("共完成教育固定资产投资6.1547亿元。", "教育固定资产投资"),
        ("年内共计完工中小学校30所。", "完工中小学校"),
        ("计划竣工46个。", "计划竣工"),  # nothing after the verb: it stays
        ("农村小学增设附属幼儿园已增设193个班。", "农村小学增设附属幼儿园"),
        # a payer before a verb of giving; 财政性 is a name, not a payer
        ("中央财政累计安排资金1591亿元。", "资金"),
        ("全年财政投入教育专项经费1.07亿元。", "教育专项经费"),
        ("国家财政性教育经费5.3亿元。", "国家财政性教育经费"),
        ("(一)财政投入近1300亿元。", "财政投入"),
        # adverbs and qualifiers closing the subject
        ("广东、四川、山东都超过50万人。", "广东、四川、山东"),
        ("普惠性幼兒園覆蓋率超過89%。", "普惠性幼兒園覆蓋率"),
        ("每生每年的补助可达到800元。", "每生每年的补助"),
        ("经测算,共需补助资金4136万元。", "补助资金"),
        # a short quoted name, a cohort, a batch, a rate
        ("全面实现“两免一补”,“一补”金额199万元。", "“一补”金额"),
        ("数据显示,清华大学2022届毕业生共8003人。", "2022届毕业生"),
        ("目前第一批中央、省级配套资金4787万元已经到位。", "中央、省级配套资金"),
        ("补助标准为每生每天3元。", "每生每天"),
        ("按学生全年在校200天计算,每生每天 3 元标准进行补助。", "每生每天"),
        # glosses neither count towards the length cap nor cut a subject
        (
            "該縣發(fā)放義務(wù)教育階段家庭經(jīng)濟(jì)困難寄宿生生活費442萬元。",
            "義務(wù)教育階段家庭經(jīng)濟(jì)困難寄宿生生活費",
        ),
        ("普通高等學校本科、高職(專科)全日制在校生平均規模9675人。", "全日制在校生平均規模"),
    ],
)
def test_subject_boundaries(text: str, subject: str) -> None:
    got = facts(text)
    assert got, text
    assert _subject(got[0]) == subject


def test_thing_counted_after_the_measure_word_with_notes_glosses_verbs():
    assert _pairs("推進(jìn)120個教育補(bǔ)短板項目,將新增學(xué)位5.9萬個。") == [
        ("教育補(bǔ)短板項目", 120),
        ("新增學(xué)位", 59000),
    ]
    assert _pairs("向3680名中职学生发放生活补贴278万元。") == [
        ("中职学生", 3680),
        ("生活补贴", 2780000),
    ]
    assert _pairs("120个项目中,计划竣工46个。")[0] == ("项目", 120)
    assert _pairs("一年3个试点市县共需补助资金4136万元。") == [
        ("试点市县", 3),
        ("补助资金", 41360000),
    ]
    assert _pairs("改造100所以上的“老破舊”學校。") == [("“老破舊”學校", 100)]
    got = facts("免費為全縣44707名(小學34494名、初中10186名)學生提供了教科書。")
    assert [(_subject(f), f.value) for f in got] == [
        ("學生", 44707),
        ("小學", 34494),
        ("初中", 10186),
    ]
    # a predicate after a sum is not what it counts; a noun before the next number is its own
    assert _pairs("下达“全面改薄”资金7352万元新建该市薄弱学校。") == [("“全面改薄”资金", 73520000)]
    assert _pairs("免除中職學生937人學費74.96萬元。") == [
        ("中職學生", 937),
        ("學費", 749600),
    ]


def test_a_pages_spam_word_is_no_counted_noun():
    text = "".join(
        f"{name}招生{n}萬人,畢業生{m}萬人研究生。\n"
        for name, n, m in (
            ("初中", 1852.8, 1723.7),
            ("小學", 1461.7, 1860.5),
            ("高中", 1074.9, 924.6),
        )
    )
    assert {_subject(f) for f in facts(text)} == {"初中招生", "小學招生", "高中招生", "畢業生"}
    # one noun at one sentence end is read as counted
    assert _pairs("全市共建成45所普通高校。") == [("普通高校", 45)]


def test_change_words_with_a_gloss_and_a_baseline_level():
    (f,) = facts("支持學(xué)前教育發(fā)展資金230億元,比上年增加30億元,增長(zhǎng)15%。")
    assert [(c.direction, c.amount.text) for c in f.changes] == [
        ("increase", "30億元"),
        ("increase", "15%"),
    ]
    got = facts("2023年高考报名参考人数为25464人,较去年的24175人多出1289人。")
    assert [(_subject(f), f.value) for f in got] == [
        ("高考报名参考人数", 25464),
        ("高考报名参考人数", 24175),
    ]
    assert [(c.direction, c.amount.text) for c in got[0].changes] == [("increase", "1289")]
    assert not got[1].changes


def test_a_unit_written_once_for_a_list_and_a_baseline_date():
    got = facts("2022年度收、支总计各是4125.49,4143.91万元。")
    assert [(_subject(f), f.quantity.text, f.unit) for f in got] == [
        ("收、支", "4125.49", "万元"),
        ("收、支", "4143.91万元", "CNY"),
    ]
    assert [(f.value, f.unit) for f in facts("小学、初中分别新建12、8所。")] == [
        (12, "所"),
        (8, "所"),
    ]
    # no borrowing across a word, nor from an age
    assert [f.value for f in facts("招收新生12,其中3岁幼儿8人。")] == [8]
    (f,) = facts("2022年全县在校生3200人,与2021年相比增加120人。")
    assert (f.year, f.time.text) == (2022, "2022年")
    (f,) = facts("2022年报告:与2021年相比,在校生增加120人。")
    assert f.kind == "change" and f.year == 2022


def test_events_and_nouns_before_numbers_on_the_right():
    assert _pairs("先后2次召开党组会、1次专题调度会。")[0] == ("召开党组会", 2)
    assert _pairs("组织33所建设高校110个立项学科实施好总体规划。") == [
        ("建设高校", 33),
        ("立项学科", 110),
    ]
    assert _pairs("全省高校71个学科进入ESI全球前1%。")[0] == ("学科", 71)


def test_a_place_name_opening_a_subject_is_its_scope():
    (f,) = facts("今年上半年宁德市新、改扩建公办幼儿园项目开工率为97.4%。")
    assert (_subject(f), f.scope.text) == ("新、改扩建公办幼儿园项目开工率", "宁德市")
    (f,) = facts("2023年湛江夏季高考考生逾5.5万人。")
    assert (_subject(f), f.scope.text) == ("夏季高考考生", "湛江")
    # a list of places is what is counted; a name is no place (城区 is too short to be one)
    assert _subject(facts("广东、四川、山东都超过50万人。")[0]) == "广东、四川、山东"
    assert _subject(facts("城区在校生3200人。")[0]) == "城区在校生"
