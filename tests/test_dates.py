"""DATE: every variant of ANNOTATION.md "Dates" with its span and ISO value, the things that
are not dates, and how a missing year is resolved from the document."""

from __future__ import annotations

import pytest

from eduextract import Extractor
from eduextract.document import Document
from eduextract.recognizers.dates import build

PUB_2021 = "发布时间:2021-09-05 来源: 辽宁省教育厅\n\n"
PUB_2023 = "发布时间:2023-03-03\n\n"


@pytest.fixture(scope="module")
def dates_only() -> Extractor:
    return Extractor(labels="DATE")


def date_spans(extractor: Extractor, text: str) -> dict[str, object]:
    return {s.text: s.value["iso"] for s in extractor.extract(text)}


# (id, text, expected span, expected iso)
DATES = [
    ("year", "参加2023年全国职业教育活动周", "2023年", "2023"),
    ("year_chinese_digits", "二〇二一年工作要点", "二〇二一年", "2021"),
    ("year_fullwidth", "参加２０２３年全国职业教育活动周", "２０２３年", "2023"),
    ("year_month", "针对2019年6月省招考办", "2019年6月", "2019-06"),
    ("year_month_day", "2021年2月23日,省委巡视组反馈", "2021年2月23日", "2021-02-23"),
    ("chinese_full_date", "二〇二一年九月二十五日", "二〇二一年九月二十五日", "2021-09-25"),
    ("space_inside", "意见,2020年 11月18日,同意", "2020年 11月18日", "2020-11-18"),
    ("iso_dash", "发布时间:2021-09-05 来源", "2021-09-05", "2021-09-05"),
    ("dotted", "截止2021.9.5", "2021.9.5", "2021-09-05"),
    ("slashed", "截止2021/10/1", "2021/10/1", "2021-10-01"),
    ("day_without_year", PUB_2021 + "于9月25日召开", "9月25日", "2021-09-25"),
    ("chinese_day_without_year", PUB_2021 + "十月一日起施行", "十月一日", "2021-10-01"),
    ("month_late_third", PUB_2021 + "于5月下旬举办", "5月下旬", "2021-05"),
    ("month_end", PUB_2021 + "截至3月底,全部完成", "3月底", "2021-03"),
    ("month_fen", PUB_2021 + "6月份开展", "6月份", "2021-06"),
    ("cohort", "全省2023届高校毕业生", "2023届", "2023"),
    ("year_du", "2019年度考核", "2019年度", "2019"),
    ("year_end_doubled", "实现2021年年底前达到", "2021年年底", "2021"),
    ("year_end", "2021年底前完成", "2021年底", "2021"),
    ("first_half", "围绕2023年上半年重点工作", "2023年上半年", "2023"),
    ("mid_year", "召开2023年年中重点工作推进会", "2023年年中", "2023"),
    ("season", "三是2021年春季开学后", "2021年春季", "2021"),
    ("year_quarter", "2023年第一季度", "2023年第一季度", "2023"),
    ("quarter_without_year", PUB_2023 + "抢抓一季度有效施工期", "一季度", "2023"),
    ("quarter_with_di", PUB_2023 + "第一季度完成", "第一季度", "2023"),
    ("plan_quoted", "纳入辽宁省“十四五”教育发展规划", "十四五", None),
    ("plan_short_quoted", "落实教育系统“八五”普法规划", "八五", None),
    ("plan_context", "十四五时期推进的重大工程", "十四五", None),
    ("plan_short_context", "九五计划", "九五", None),
    ("bare_year_goal", "规划和2035远景目标方案", "2035", "2035"),
    ("bare_year_revision", "议事规则(2021修订版)》", "2021", "2021"),
    ("bare_year_expo", "\n\n2023云展会", "2023", "2023"),
    ("this_year_month", PUB_2023 + "今年6月,教育部与辽宁省政府", "今年6月", "2023-06"),
    ("last_year_month", PUB_2023 + "去年12月召开", "去年12月", "2022-12"),
    ("range_shared_day", PUB_2021 + "4月15-16日,省教育厅赴锦州市", "4月15-16日",
     "2021-04-15/2021-04-16"),
    ("range_shared_year", "实施方案(2023—2025年)》", "2023—2025年", "2023/2025"),
    ("range_school_year", "2019-2020学年", "2019-2020学年", "2019/2020"),
    ("range_day_to_month_day", "2020年9月25日至12月21日,巡视组", "2020年9月25日至12月21日",
     "2020-09-25/2020-12-21"),
    ("range_across_years", "二是2020年11月30日至2021年1月30日,巡察",
     "2020年11月30日至2021年1月30日", "2020-11-30/2021-01-30"),
    ("range_across_new_year", "2020年12月28日至1月3日", "2020年12月28日至1月3日",
     "2020-12-28/2021-01-03"),
    ("range_month_days", PUB_2021 + "三是3月31日-4月18日,督导室", "3月31日-4月18日",
     "2021-03-31/2021-04-18"),
    ("range_years", "针对自2018年至2020年,厅党组", "2018年至2020年", "2018/2020"),
    ("range_day_to_day", "采购网 2023-08-02 15:21\n\n7月29日至30日,召开", "7月29日至30日",
     "2023-07-29/2023-07-30"),
    ("range_months_shared", "2021年3—5月开展督查", "2021年3—5月", "2021-03/2021-05"),
    ("range_year_months", "2021年3月至6月开展", "2021年3月至6月", "2021-03/2021-06"),
    ("no_context_year", "于5月下旬举办", "5月下旬", None),
]


@pytest.mark.parametrize(("text", "span", "iso"), [pytest.param(*c[1:], id=c[0]) for c in DATES])
def test_date_variant(dates_only, text, span, iso):
    found = date_spans(dates_only, text)
    assert span in found, f"{span!r} not found as DATE in {text!r}; got {found}"
    assert found[span] == iso


# (id, text, characters that must not be (part of) a DATE)
NOT_DATES = [
    ("this_year_alone", "今年以来,平稳有序", "今年"),
    ("before_year_end", "年底前优质特色普通高中", "年底前"),
    ("recently", "近日,省教育厅召开会议", "近日"),
    ("this_year_half", "今年上半年,我分管的基教处", "今年上半年"),
    ("time_of_day", "采购网 15:21 围观", "15:21"),
    ("duration_range", "推进3—5年", "3—5年"),
    ("duration_months", "以两个月为一个轮次", "两个月"),
    ("duration_years", "三年行动计划", "三年"),
    ("anniversary", "中国共产党成立100周年", "100周年"),
    ("implausible_year", "已有3000年的历史", "3000年"),
    ("count_measure", "普通高校转化科技成果1901项", "1901"),
    ("count_people", "共配备2000人", "2000"),
    ("chinese_month_alone", "同一月内完成", "一月"),
    ("infant_age", "0-6月龄婴幼儿", "6月"),
    ("central_government", "2021年中央和省级支持", "2021年中"),
    ("junior_middle", "2021年初中学业水平考试", "2021年初"),
    ("congress_name", "党的十九届五中全会", "十九届"),
    ("invalid_day", "2021年2月30日", "2021年2月30日"),
    ("reversed_range", "2025—2023年", "2025—2023年"),
    ("three_five", "三五成群", "三五"),
]


@pytest.mark.parametrize(("text", "bad"), [pytest.param(*c[1:], id=c[0]) for c in NOT_DATES])
def test_not_a_date(dates_only, text, bad):
    spans = dates_only.extract(text)
    start = text.index(bad)
    end = start + len(bad)
    assert not any(s.start <= start and end <= s.end for s in spans), spans


def year_of(text: str) -> tuple[int | None, str | None]:
    doc = Document(text)
    list(build(None).find(doc))  # type: ignore[arg-type]
    return doc.cache.get("doc_year"), doc.cache.get("doc_year_source")


DOC_YEARS = [
    ("publication_label_wins", "发布日期：2022年1月4日\n2019年2019年2019年的工作", 2022,
     "publication"),
    ("timestamp_line", "采购网 2023-08-02 15:21 围观\n2019年2019年", 2023, "timestamp"),
    ("signature_date", "2019年的问题已整改。\n\n辽宁省教育厅\n2021年9月5日\n", 2021, "signature"),
    ("most_frequent", "2023届毕业生、2023届、2022年以来、2023年", 2023, "frequency"),
    ("frequency_tie_latest", "2019年和2020年", 2020, "frequency"),
    ("nothing", "于5月下旬举办", None, None),
]


@pytest.mark.parametrize(
    ("text", "year", "source"), [pytest.param(*c[1:], id=c[0]) for c in DOC_YEARS]
)
def test_document_year(text, year, source):
    assert year_of(text) == (year, source)


ANCHORS = [
    # the last full date of the same sentence carries its year …
    ("same_sentence", PUB_2021 + "2020年 11月18日,同意设置;12月18日,批复", "12月18日",
     "2020-12-18"),
    # … into a new year when the month goes back and the page is later
    ("month_goes_back", PUB_2021 + "2020年11月30日启动,3月18日反馈", "3月18日", "2021-03-18"),
    # … but not past the end of its sentence: then the page's year applies
    ("next_sentence", PUB_2021 + "针对2019年6月的问题。一是整改。截至3月底,全部完成",
     "3月底", "2021-03"),
    ("year_only_is_no_anchor", PUB_2021 + "针对2016年制定的规则,3月29日审议通过", "3月29日",
     "2021-03-29"),
]


@pytest.mark.parametrize(("text", "span", "iso"), [pytest.param(*c[1:], id=c[0]) for c in ANCHORS])
def test_narrative_anchor(dates_only, text, span, iso):
    assert date_spans(dates_only, text)[span] == iso


def test_offsets_refer_to_original_text(dates_only):
    text = "于２０２１年９月２５日召开"
    (span,) = dates_only.extract(text)
    assert text[span.start : span.end] == span.text == "２０２１年９月２５日"
    assert span.value == {"iso": "2021-09-25"}
    assert span.source == "date.ymd"


@pytest.mark.parametrize(
    "text",
    ["2" * 50_000, "年" * 50_000, "1月" * 20_000, "2021年" * 10_000, "十" * 50_000,
     "1-" * 30_000, "“十五”" * 10_000],
    ids=["digits", "nian", "months", "years", "shi", "dashes", "plans"],
)
def test_pathological_input_is_fast(text):
    import time

    t0 = time.perf_counter()
    list(build(None).find(Document(text)))  # type: ignore[arg-type]
    assert time.perf_counter() - t0 < 2.0
