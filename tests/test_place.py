"""The place a text is about, and the currency of a bare 元 / $ it gives (eduextract/place.py)."""

from __future__ import annotations

import eduextract
from eduextract.place import place_of


def _money(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.value["currency"]) for s in eduextract.extract(text) if s.label == "MONEY"]


def test_places_from_cues():
    assert place_of("澳門特區政府公報刊登行政長官批示,教青局公佈津貼") == "MO"
    assert place_of("香港教育局宣佈,本港中學每班資助") == "HK"
    assert place_of("臺灣臺北市政府自100年度起") == "TW"
    assert place_of("辽宁省教育厅关于做好2021年招生工作的通知") is None


def test_shared_sar_words_follow_the_specific_cues():
    # 特區 and 立法會 alone name neither region
    assert place_of("特區政府向立法會提交") is None
    assert place_of("香港特區政府向立法會提交") == "HK"


def test_a_mainland_report_that_mentions_hong_kong_stays_unplaced():
    text = ("香港大学昨日公布获得1亿港元捐款。学费每年17.5万港元,折合人民币16.1万元。"
            "另据新华社报道,家长愿意投入超过50万元。")
    assert place_of(text) is None
    assert ("50万元", "CNY") in _money(text)


def test_bare_yuan_and_dollar_take_the_local_currency():
    text = "澳門教青局公佈,學費津貼為1,450元,收入上限$ 18,690。"
    assert _money(text) == [("1,450元", "MOP"), ("$ 18,690", "MOP")]


def test_written_currencies_are_never_overridden():
    text = "澳門教育發展基金預算約7.7億澳門幣,約合人民幣5.8億元,另撥US$100。"
    assert _money(text) == [("約7.7億澳門幣", "MOP"), ("人民幣5.8億元", "CNY"), ("US$100", "USD")]


def test_letter_spaced_headings_still_name_the_place():
    assert place_of("香 港 教 育 ⏎ 本 港 學 生 資 助") == "HK"
