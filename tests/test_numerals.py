"""The numeral parser (eduextract/numerals.py): named examples and properties.

New cases go in the lists below, grouped by form; a case the parser gets wrong and that is
not fixed yet goes in KNOWN_FAILURES as ``xfail(strict=True)`` so a fix is noticed.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduextract.numerals import expand, numeral_value, parse_core, parse_numeral

ARABIC = [
    ("7091", 7091),
    ("1,085", 1085),
    ("1,050,000,000", 1050000000),
    ("10,000.233", 10000.233),
    ("4.800", 4.8),
    ("01.10", 1.1),
    ("0", 0),
]
CHINESE = [
    ("零", 0),
    ("十", 10),
    ("十一", 11),
    ("一十一", 11),
    ("二百零三", 203),
    ("一千零十", 1010),
    ("一万零百一十一", 10111),
    ("一百零十万", 1100000),
    ("五亿零六", 500000006),
    ("一亿五千万零六千三百五十五", 150006355),
    ("二百亿四千二百三十", 20000004230),
    ("四万万", 400000000),
    ("二十一万亿", 21000000000000),
    ("廿二", 22),
    ("五百卅四", 534),
    ("一萬零卌", 10040),
    ("二〇二三", 2023),
]
ELLIPTICAL = [
    ("三万五", 35000),
    ("两千六", 2600),
    ("一百二", 120),
    ("千三", 1300),
    ("百二萬", 1200000),
    ("萬九", 19000),
    ("一百二十万三", 1203000),
    ("九十二万四", 924000),
]
FINANCIAL_AND_TRADITIONAL = [
    ("壹拾万零叁仟肆佰伍拾叁", 103453),
    ("參萬肆仟伍佰陸拾柒", 34567),
    ("貳佰零參", 203),
    ("倆千两百贰拾二", 2222),
    ("兩千六", 2600),
    ("四億五千六百四十二萬零壹十五", 456420015),
]
MIXED = [
    ("1.5万", 15000),
    ("7.64亿", 764000000),
    ("4.78万亿", 4780000000000),
    ("100万三千", 1003000),
    ("200亿零四千230", 20000004230),
    ("1万600", 10600),
    ("5亿1万4千6百", 500014600),
    ("1千零20", 1020),
    ("2千零30万", 20300000),
    ("1,100.9亿", 110090000000),
]
DECIMALS = [
    ("十五点七", 15.7),
    ("两千万点五五四四", 20000000.5544),
    ("一百点123", 100.123),
    ("零點77", 0.77),
    ("四百亿点零五零", 40000000000.05),
    ("零点零零零零零零零零零零零零零零一", 1e-15),
]
FRACTIONS = [
    ("三分之一", 0.3333),
    ("二分之一", 0.5),
    ("四千二分之三", 0.0007),
    ("一百万又五十万分之二十五", 1000000.0001),
    ("3又一千分之23", 3.023),
    ("１６分之2225", 139.0625),
]
APPROXIMATE = [
    ("120余万", 1200000, True),
    ("2万余", 20000, True),
    ("百余", 100, True),
    ("近6000", 6000, True),
    ("70多", 70, True),
    ("十多万", 100000, True),
    ("一百零几万", 1000000, True),
    ("约100", 100, True),
    ("大约3000", 3000, True),
    ("100左右", 100, True),
    ("65亿多", 6500000000, True),
    ("负3", -3, False),
]
NOT_NUMERALS = ["万", "万万", "亿", "十十", "一二三四五六七八九十百千万亿点"]

#: forms the parser cannot read today, run as xfail(strict=True): a fix makes the suite fail
#: until the case moves to the list of its form above
KNOWN_FAILURES = [
    ("一半", 0.5),  # half as a fraction (duckling-numeral-113)
    ("半百", 50),  # half a hundred (msrt-number-061)
    ("四十九兆", 49 * 10**12),  # 兆 as 10^12 (msrt-currency-031)
]

READABLE = (
    ARABIC + CHINESE + ELLIPTICAL + FINANCIAL_AND_TRADITIONAL + MIXED + DECIMALS + FRACTIONS
)
VALUE_CASES = READABLE + [
    pytest.param(t, v, id=t, marks=pytest.mark.xfail(strict=True)) for t, v in KNOWN_FAILURES
]


@pytest.mark.parametrize(("text", "value"), VALUE_CASES)
def test_value(text, value):
    from eduextract.normalize import normalize

    parsed = parse_numeral(normalize(text))
    assert parsed is not None, text
    assert parsed.value == Decimal(str(value)), (text, parsed.value)
    assert not parsed.approx


@pytest.mark.parametrize(
    ("text", "value", "approx"), APPROXIMATE, ids=[c[0] for c in APPROXIMATE]
)
def test_approximate(text, value, approx):
    parsed = parse_numeral(text)
    assert parsed is not None and parsed.value == value and parsed.approx is approx


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_not_a_numeral(text):
    assert parse_numeral(text) is None


def test_json_values_are_exact_ints():
    value = numeral_value("7.64亿")
    assert value == 764000000 and isinstance(value, int)
    assert isinstance(numeral_value("2.5"), float)


def test_num_fragment_matches_whole_numerals():
    pattern = re.compile(expand("{NUM}"))
    for text, *_ in READABLE[: -len(FRACTIONS)] + APPROXIMATE:
        if text.startswith("负"):
            continue
        from eduextract.normalize import normalize

        assert pattern.fullmatch(normalize(text)), text


# -- properties ---------------------------------------------------------------------------

cn2an = pytest.importorskip("cn2an")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_agrees_with_cn2an_on_pure_numerals(n):
    lower = cn2an.an2cn(n)
    upper = cn2an.an2cn(n, "up")
    assert parse_core(lower) == n, lower
    assert parse_core(upper) == n, upper
    try:
        assert cn2an.cn2an(lower, "strict") == n
    except ValueError:
        pass  # cn2an cannot read some of its own output back (八十九亿一千 for 8900001000)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=9999))
def test_agrees_with_cn2an_on_decimals(whole, frac):
    text = f"{whole}.{frac:04d}".rstrip("0").rstrip(".")
    cn = cn2an.an2cn(text)
    assert parse_core(cn) == Decimal(text), cn


_FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        # below phone-number length: long digit runs are blocked by the blockers layer
        st.integers(min_value=0, max_value=10**6).map(str),
        st.integers(min_value=1000, max_value=10**9).map(lambda n: f"{n:,}"),
        st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
    ),
    st.sampled_from(["", "万", "亿", "%", "万元", "个"]),
)
def test_full_width_spelling_gives_the_same_value(extractor, number, suffix):
    text = f"共有{number}{suffix}。"
    half = [(s.label, s.value) for s in extractor.extract(text)]
    full = [(s.label, s.value) for s in extractor.extract(text.translate(_FULL_WIDTH))]
    assert half == full
    assert half, text
