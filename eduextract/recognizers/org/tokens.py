"""What the leftward walk reads: token classes, and the name it grows.

A token is ``(class, text)``.  The classes decide the walk's rules (a place opens a name, an
owner body nests, a mask stands for a place) and the value (places are split off to build
the canonical name), so each class says what kind of evidence a piece of a name is.
``Tok`` is a ``StrEnum`` with one-letter values: tokens stay cheap tuples of strings that
hash as fast as the letters they replaced.
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


Token = tuple[Tok, str]

#: tokens that only qualify (ordinal, quote, 驻): a name of nothing else names no body
ADJUNCT = frozenset((Tok.ORDINAL, Tok.QUOTED, Tok.STATION))
#: tokens that make an owner: what 政府 / 委员会 need before them
OWNER = frozenset((Tok.PLACE, Tok.MASK, Tok.KNOWN, Tok.PREFIX, Tok.LEVEL, Tok.HEAD))
#: what a team (巡视组) needs before it
TEAM_OWNER = frozenset((Tok.HEAD, Tok.KNOWN, Tok.PLACE, Tok.LEVEL, Tok.PREFIX))
LEVEL_ONLY = frozenset((Tok.LEVEL,))
#: tokens that carry the place of a name, split off to build its canonical form
PLACE_LIKE = (Tok.PLACE, Tok.LEVEL)


@dataclass(slots=True)
class Name:
    start: int
    end: int
    head: Suffix
    tokens: list[Token]  # right to left, head excluded
    unknown: bool = False  # a Tok.UNKNOWN token is among them
