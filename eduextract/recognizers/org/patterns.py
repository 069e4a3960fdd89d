"""Character sets and small patterns of the ORG grammar, and the head-regex builder.

The closed word lists (party prefixes, national owners, lab-building verbs, level words …)
are data in ``gazetteers/org_grammar.tsv``; what stays here are character classes and
regexes whose shape is the rule itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...org_lexicon import read_grammar_words

_WORDS = read_grammar_words()

LEVEL = frozenset("省市县区州盟")  # 盟: an Inner Mongolian prefecture (盟教育局)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


PREFIX = _WORDS["prefix"]
NUMERAL = "一二三四五六七八九十百零〇两0123456789"
ORDINAL = re.compile(rf"第[{NUMERAL}]{{1,4}}[届次批]?")
#: last characters that need more than a word look-up: a mask, a quote, an ordinal
SPECIAL = frozenset("*”" + NUMERAL + "届次批")
#: a term number right before a national congress (第十四届|全国人民代表大会); as the guideline
#: keeps 第十五届 inside 青岛市第十五届人民代表大会常务委员会
TERM_BEFORE = re.compile(r"第[一二三四五六七八九十]{1,4}届$")
OWN_UNITS = _WORDS["own_unit"]
#: a university's field and its short form in the usual abbreviations (华中师大, 东华理工,
#: 哈工大), read as ``field<TAB>short`` rows of role ``field_short``
UNIVERSITY_FIELD_SHORT = tuple(
    tuple(row.split("|", 1)) for row in _WORDS["field_short"]
)
#: team heads that are a standing team only with their own number (市委第一巡察组)
DESIGNATED_TEAMS = frozenset(_WORDS["designated_team"])
#: stems that make a school head a kind of school, not one school (师范大学, 职业学院)
SCHOOL_CATEGORY = frozenset(_WORDS["school_category"])
#: qualifiers that make an internal unit after them a category (省级重点|马克思主义学院)
CATEGORY_BEFORE = re.compile("(?:" + "|".join(map(re.escape, _WORDS["category_before"])) + ")$")
#: a count after the head (…、深部工程与智能技术国家重点实验室6个): the fields before it list
#: the labs of a category, no single lab is named
COUNT_AFTER = re.compile(r"[ ]?[\d０-９*＊一二三四五六七八九十两]")
LAB_STEM_VERBS = _WORDS["lab_verb"]
#: characters that end a name on the left of an abbreviated division (、高教处)
DIV_LEFT_STOP = frozenset(
    "的和与及对在由向从把被让请经送至于、,，;；:：。!！?？()（）“”\"'《》 \n\t"
)
#: the edges of a stand-alone name (a website in a page header: ``\n教育装备采购网 2023-…``)
EDGE = frozenset("、,，;；:：。!！?？()（）“”\"'《》「」 \n\t")
#: heads whose names need a proper element (a place, a proper stem, a known name): 现代产业学院,
#: 教育集团 and 研究创新中心 are categories, not institutions
NEED_PROPER = frozenset(("university", "school", "research", "company", "other"))
NEED_OWNER = frozenset(_WORDS["need_owner"])
#: media heads that are ordinary nouns: a name needs an owner or words before them, never a
#: bare chunk between edges (浏览网站)
COMMON_MEDIA_HEADS = frozenset(("网站", "门户网站", "在线", "卫视"))
#: report words right after a paper or site (新京报报道, 大公网讯, 中新社电)
NEWS_AFTER = re.compile("报道|讯|消息|记者|电|获悉|评论|援引|刊发|发布")
#: prepositions that open a clause before a stand-alone paper (据新京报报道)
PREPOSITION_FIRST = frozenset("据从向对在由经被把将")
#: the longest stretch read back from a company's registered form, and the longest without a
#: place (a trade name and a line of business: 万科企业, 华为技术)
MAX_COMPANY = 24
MAX_COMPANY_NO_PLACE = 10
#: a deputy's title right after a short name (外交部副部长: 部副 is no word there)
DEPUTY_AFTER = re.compile("副[部局厅司处主书秘校院会委省市县区总]")
#: a document number right after a name means the name is its agency code (辽学位办〔2021〕)
DOCNO_AFTER = re.compile(r"\s?[〔\[【(（［]\s?(?:19|20)\d\d")
#: what can open DOCNO_AFTER: a bracket or a \s character (all of them lie below U+3001)
DOCNO_FIRST = frozenset("〔[【(（［") | {chr(i) for i in range(0x3001) if chr(i).isspace()}
NATIONAL = frozenset(_WORDS["national"])
#: what follows 处 the verb (to punish) in a penalty clause: an amount, a multiple, a term or a
#: penalty (可以处违法所得一倍以上…罚款, 对学校处五万元罚款, 处三年以下有期徒刑); a division's
#: name is followed by a year (教务处2023年工作要点), never by these
PENALTY_AFTER = re.compile(
    r"[\d０-９一二两三四五六七八九十百千万几.]+(?:元|万|千|百|倍|日|天|年以|个月|%|％|以[上下])"
    r"|违法|非法|罚|警告|拘留|没收|有期|无期|死刑|管制|拘役|以[罚警拘]|货值|相当于|吊销|暂扣"
)
#: the verb 报 (submit to) before a body: 报国务院批准 (报国 is no word there)
REPORT_TO = "报"
#: a lone level listed before another (省、市人民政府, 区、县人民政府): each level's body
LEVEL_SEP = frozenset("、和及与")
#: a level joined to the one before it by 或(者)/以及, or after a bracketed level list:
#: 市或者区人民政府, 县（市）、区人民政府, 市和县（市）区人民政府, 所在区人民政府
LEVEL_OR = re.compile(r"(?:[省市县区](?:或者?|以及)|[省市县区][）)]、?|所在)$")
#: a character automaton with more distinct first characters than this is slower than the
#: byte automaton (pyahocorasick searches a node's edges linearly): ~50 on the gold texts
SMALL_FANOUT = 48
#: heads that may stand without a token before them (高教处 via _abbreviated_division, a
#: website alone, 团省委)
BARE_OK = frozenset(("division", "media", "complete"))
LEVEL_LIST = re.compile(r"[（(][省市县区、]{2,8}[）)]$")
#: an address line or list opened by a plural determiner: 各市、县（市、区）财政局、教育局,
#: 各市委教育工委（教育局党组);
#: every placeless item of it is plural too (group: the text before the item, in its clause)
PLURAL_CLAUSE = re.compile(
    r"(?:^|[，。；：,;:\n])\s{0,4}(?:各级?[省市县区镇乡州盟旗]|(?:有关|相关)部门)[^，。；：,;:\n]{0,40}[、（）()]$"
)
LEVEL_WORDS = frozenset(_WORDS["level_word"])
LEVEL_WORDS_LAST = frozenset(w[-1] for w in LEVEL_WORDS)
AUTONOMOUS = _WORDS["autonomous"]
#: the last character before an item of a plural list (what PLURAL_CLAUSE ends with)
LIST_MARK = frozenset("、（）()")
MAX_TOKEN = 8
MAX_NAME = 30


def trie_pattern(words: Iterable[str], guards: dict[str, str] | None = None) -> str:
    """One regex over ``words`` as a prefix tree, matching the longest word at a position.

    A flat alternation is tried branch by branch at every position; the tree is entered by
    one character and continues greedily, and every word that matches at a position lies on
    the one path the text spells, so the deepest match is the longest word.  ``guards`` maps
    a word to a zero-width pattern that must hold where the word ends for the word to match
    when no longer word does.
    """
    guards = guards or {}
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = guards.get(w, "")

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        guard = node.get("")
        if not alts:
            return guard or ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if guard is None:
            return body
        return f"(?:{body})?" if guard == "" else f"(?:{body}|{guard})"

    return emit(trie)


def char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


