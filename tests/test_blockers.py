"""Blockers: each kind found with its exact extent, real numbers left alone, and the resolver
letting a blocker suppress what it covers."""

from __future__ import annotations

import time

import pytest

from eduextract.config import Config
from eduextract.document import Document
from eduextract.recognizers.blockers import build
from eduextract.resolve import resolve
from eduextract.span import make_span


@pytest.fixture(scope="module")
def blockers():
    return build(Config())


def blocked(recognizer, text: str) -> list[str]:
    return [s.text for s in recognizer.find(Document(text))]


# (id, text, a span the blockers must produce)
BLOCKS = [
    ("landline", "联系方式:电话024-86891234;", "024-86891234"),
    ("landline_dalian", "拨打0411-84521234咨询", "0411-84521234"),
    ("landline_brackets", "拨打(024)86891234咨询", "(024)86891234"),
    ("landline_extension", "总机010-57028685-801", "010-57028685-801"),
    ("mobile", "监督电话 15010596982 违法", "15010596982"),
    ("mobile_dashes", "手机 138-1234-5678", "138-1234-5678"),
    ("mobile_country_code", "+86 13812345678", "+86 13812345678"),
    ("service_number", "客服400-810-5000", "400-810-5000"),
    ("qq_number", "客服QQ:871104617", "QQ:871104617"),
    ("hotline", "举报电话12345", "电话12345"),
    ("url", "原文链接:http://jyt.ln.gov.cn/zwgk/gsgg/202108/t20210831_4236644.html\n",
     "http://jyt.ln.gov.cn/zwgk/gsgg/202108/t20210831_4236644.html"),
    ("bare_domain", "文教内参 wjnc.org.cn 版权所有", "wjnc.org.cn"),
    ("domain_with_path", "见www.moe.gov.cn/jyb_xxgk/s5743", "www.moe.gov.cn/jyb_xxgk/s5743"),
    ("email", "电子邮件dw519519@126.com。", "dw519519@126.com"),
    ("street_number", "皇姑区崇山东路46号", "路46号"),
    ("street_number_sub", "皇姑区崇山东路46-1号 ;", "路46-1号"),
    ("courtyard", "西城区砖塔胡同56号院", "胡同56号院"),
    ("street_building", "南京北街5号楼3单元", "街5号楼3单元"),
    ("building_room", "在3号楼302室", "3号楼302室"),
    ("clock_colon", "2023-08-02 15:21 围观", "15:21"),
    ("clock_seconds", "更新于09:30:15", "09:30:15"),
    ("clock_chinese", "会议于15时21分开始", "15时21分"),
    ("clock_morning", "上午9点开会", "上午9点"),
    ("postcode", "邮编:110032", "邮编:110032"),
    ("icp_filing", "鲁ICP备14035344号-1", "鲁ICP备14035344号-1"),
    ("police_filing", "京公网安备 11010802020088号", "京公网安备 11010802020088号"),
    ("isbn", "ISBN 978-7-04-050000-1", "ISBN 978-7-04-050000-1"),
    ("standard", "执行GB/T 9704-2012标准", "GB/T 9704-2012"),
    ("standard_iso", "通过ISO 9001:2015认证", "ISO 9001:2015"),
    ("index_number", "13914928L/2018-02652 发布机构", "13914928L/2018-02652"),
    ("index_number_labelled", "索引号:11B000-0203-2021-0001", "索引号:11B000-0203-2021-0001"),
    ("table_code", "详见表2-3-1", "表2-3-1"),
    ("id_card", "身份证号21010219800101123X", "21010219800101123X"),
    ("account_number", "账号6222020200112233445", "6222020200112233445"),
]


@pytest.mark.parametrize(("text", "span"), [pytest.param(*c[1:], id=c[0]) for c in BLOCKS])
def test_blocker_found(blockers, text, span):
    assert span in blocked(blockers, text)


# (id, text): real quantities and dates that no blocker may touch
FREE = [
    ("ratio", "不低于师生人数1:1000的比例"),
    ("ratio_two_digits", "生师比18:1"),
    ("dimensions", "2023云展会300*245"),
    ("count_range", "发表2-3篇论文"),
    ("representatives", "代表2.5万名"),
    ("age_range", "0-6岁儿童"),
    ("docno", "辽教党〔2021〕23号"),
    ("date", "2021年9月5日"),
    ("iso_date", "2021-09-05"),
    ("money", "7.64亿元"),
    ("hours_duration", "每天8小时"),
    ("page_views", "围观4785次"),
    ("ten_digit_count", "1234567890人"),
]


@pytest.mark.parametrize("text", [pytest.param(c[1], id=c[0]) for c in FREE])
def test_no_blocker_on_real_values(blockers, text):
    assert blocked(blockers, text) == []


def test_blocker_suppresses_number_inside_and_is_dropped(blockers):
    text = "联系方式:电话024-86896321;"
    doc = Document(text)
    number = make_span(text, text.index("86896321"), text.index("86896321") + 8, "NUMBER",
                       {"value": 86896321, "approx": False}, "test")
    assert resolve([number, *blockers.find(doc)]) == []


def test_blocker_does_not_swallow_neighbours(blockers):
    text = "2023-08-02 15:21 围观4785次"
    doc = Document(text)
    views = make_span(text, 19, 23, "NUMBER", {"value": 4785, "approx": False}, "test")
    assert resolve([views, *blockers.find(doc)]) == [views]


@pytest.mark.parametrize(
    "text",
    ["1" * 100_000, "a" * 50_000 + "@", "a." * 30_000, "http://" + "a" * 50_000, "路1" * 30_000,
     "0" * 50_000, "电话" + "1-" * 30_000, "表1-" * 20_000],
    ids=["digits", "local_part", "dots", "long_url", "roads", "zeros", "phone_dashes", "tables"],
)
def test_pathological_input_is_fast(blockers, text):
    t0 = time.perf_counter()
    list(blockers.find(Document(text)))
    assert time.perf_counter() - t0 < 2.0
