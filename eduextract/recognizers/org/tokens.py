"""What the leftward walk reads: token classes, and the name it grows.

A token is ``(class, text)``.  The classes decide the walk's rules (a place opens a name, an
owner body nests, a mask stands for a place) and the value (places are split off to build
the canonical name), so each class says what kind of evidence a piece of a name is.
``Tok`` is a ``StrEnum`` with one-letter values; the walk keeps the plain values (``T_HEAD``
…) in its tokens, see below.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ...org_lexicon import Suffix


class Tok(StrEnum):
    WORD = "N"  # a word found inside names (org_words.tsv, org_fields.txt): 教育, 招考
    KNOWN = "G"  # a complete known name (gazetteer entry): 东北大学|党委
    PLACE = "P"  # a division name or short form: 辽宁, 沈阳市
    HEAD = "H"  # an owner body's head, or a name word ending in one: 省委|教育工委
    PREFIX = "X"  # the party prefix 中共 / 中国共产党
    LEVEL = "L"  # a level standing for the document's place: 省, 市, 自治区
    STATION = "C"  # 驻: a body stationed at another (驻厅纪检监察组)
    MASK = "M"  # a masked place: **
    QUOTED = "Q"  # a short quoted programme name: “双一流”
    ORDINAL = "O"  # a term or ordinal: 第六, 第十五届
    UNKNOWN = "U"  # characters no list knows, read as an own name: 杭州市|天长|小学
    CHUNK = "D"  # a whole name part read between clear edges: 、|高教|处, 来源:|教育装备采购|网
    JOIN = "J"  # 和 joining two field words: 人力资源|和|社会保障厅


#: ``(Tok value, text)``
Token = tuple[str, str]

# The walk stores and compares the members' values, exact ``str`` objects: CPython's fast
# paths for comparing and hashing strings skip ``str`` subclasses, and ``Tok.HEAD`` is an
# attribute look-up on the enum class; together they cost ~7% of ORG throughput.
T_WORD, T_KNOWN, T_PLACE, T_HEAD = Tok.WORD.value, Tok.KNOWN.value, Tok.PLACE.value, Tok.HEAD.value
T_PREFIX, T_LEVEL, T_STATION = Tok.PREFIX.value, Tok.LEVEL.value, Tok.STATION.value
T_MASK, T_QUOTED, T_ORDINAL = Tok.MASK.value, Tok.QUOTED.value, Tok.ORDINAL.value
T_UNKNOWN, T_CHUNK, T_JOIN = Tok.UNKNOWN.value, Tok.CHUNK.value, Tok.JOIN.value

#: tokens that only qualify (ordinal, quote, 驻): a name of nothing else names no body
ADJUNCT = frozenset((T_ORDINAL, T_QUOTED, T_STATION))
#: tokens that make an owner: what 政府 / 委员会 need before them
OWNER = frozenset((T_PLACE, T_MASK, T_KNOWN, T_PREFIX, T_LEVEL, T_HEAD))
#: what a team (巡视组) needs before it
TEAM_OWNER = frozenset((T_HEAD, T_KNOWN, T_PLACE, T_LEVEL, T_PREFIX))
LEVEL_ONLY = frozenset((T_LEVEL,))


@dataclass(slots=True)
class Name:
    start: int
    end: int
    head: Suffix
    tokens: list[Token]  # right to left, head excluded
    unknown: bool = False  # a Tok.UNKNOWN token is among them
