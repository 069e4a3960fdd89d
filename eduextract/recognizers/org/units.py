"""Internal units named without their owner in the owning institution's own text.

A university's news names its units bare (``文学院``, ``测试计算中心``, ``校党委``,
``党委宣传部``, ``学院党总支``): in that text each picks out one unit, as ``研究生处`` does
(ANNOTATION.md "short forms that pick out one institution in context"; docs/decisions.md).
The grammar rejects them elsewhere because nothing singles them out, and it cannot read
their stems (``文``, ``测试计算``), so this stage runs only when the document is an
institution's own (it names a university, or says ``我校``/``校党委`` …) and reads each
unit's stem by its **edges**, not its words: from the head leftwards to the nearest clear
edge (punctuation, a function word such as ``的 和 对 向``, a verb of the curated list, line
start), at most :data:`MAX_STEM` characters.  No clear edge within reach means the start is
unknown and no name is made (``要求各部门给予马克思主义学院``): a later mention with clear
edges establishes the name, and propagation (:meth:`Context._propagate`) finds the rest.

Why edges and not a segmenter: measured on the real batches (``benchmarks/org_units.py``),
jieba on a window left of the head gives the same boundaries where both decide and costs a
run-time dependency and ~20× the time per candidate; see docs/org.md.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...org_lexicon import read_grammar_words, read_t2s
from .index import OrgIndex
from .patterns import (
    CATEGORY_BEFORE,
    DIV_LEFT_STOP,
    PLURAL_CLAUSE,
    SCHOOL_CATEGORY,
    TERM_BEFORE,
    is_han,
)
from .tokens import T_HEAD, T_KNOWN, T_PLACE, T_WORD

_W = read_grammar_words()
#: unit heads, longest first (党总支 before 支, 研究院 before 院)
UNIT_HEADS = tuple(sorted(_W["unit_head"], key=len, reverse=True))
UNIT_OWNERS = tuple(sorted(_W["unit_owner"], key=len, reverse=True))
OWN_SIGNAL = re.compile("|".join(map(re.escape, _W["own_signal"])))
#: the longest stem read between a clear edge and a unit head
MAX_STEM = 8
_ONE_CHAR = frozenset(h for h in UNIT_HEADS if len(h) == 1)
_UNIT_RE = re.compile("|".join(map(re.escape, UNIT_HEADS)))
#: tokens a unit's stem is read over (field words, owner bodies, known names)
_STEM_TOKENS = frozenset((T_WORD, T_HEAD, T_KNOWN))
#: heads whose stem may be characters no list knows (文学院, 测试计算中心), between clear edges
_CHUNK_HEADS = frozenset((
    "学院", "学部", "书院", "研究院", "研究所", "中心", "办公室", "委员会", "本科生院",
))
#: a character that makes an own-text signal a plural or generic one (高校党委, 各学校党委)
_NOT_OWN = frozenset("高各全院分学所届两")
_CENTRE_WORD = re.compile("工作|大局|任务|环节|城市|位置|思想")
_NUMERALS = frozenset("一二三四五六七八九十百两0123456789")
#: list marks around an item of a list of divisions, and the heads such items end in
_LIST_EDGE = frozenset("、，,；;：:（(）)。 \n\t|")
_DIVISION_HEADS = ("处", "科", "室", "办", "局", "中心")
#: the same between two list marks (职业教育与成人|教育科)
MAX_LIST_GAP = 8
#: an item of a list ending in an office head: 、督查考核局(, 、地志办、
_LISTED_OFFICE = re.compile(
    "(?<=[、，,：:])([\u4e00-\u9fff]{2,5}[办局])(?=[、，,。；;(（\n])"
)
#: the neighbouring items of a list and the last characters that make them offices
_LIST_ITEM_BEFORE = re.compile("([\u4e00-\u9fff]{2,12})$")
_LIST_ITEM_AFTER = re.compile("([\u4e00-\u9fff]{2,12}?)(?=[、，,。；;(（\n\\d])")
_OFFICE_LAST = frozenset("办局处科室委厅部院所站心会")
#: ordinary words ending in 局 (a list of slogans is no list of offices)
_ORDINARY_JU = frozenset(("大局", "布局", "格局", "全局", "结局", "时局", "当局", "开局", "僵局"))
#: 人大附中, 北大附小, 华师大附中, 清华附中 (a university's short form + its affiliated school)
_AFFILIATED = re.compile(
    "(?:[\u4e00-\u9fff][师工交农医科]大|[\u4e00-\u9fff]大|清华)附(?:属)?(?:中学|小学|中|小)"
)
#: 海淀一中, 杭州二中, 长沙市十一中: a number + 中/小 (the place before it is checked)
_NUMBERED = re.compile("[一二三四五六七八九十]{1,3}[中小](?![学心国央华文期间旬部型等路街道巷])")
_NOT_AFTER_NUMBERED = frozenset("全会共")
#: the most unread characters between the word walk's stop and a clear edge
#: heads of school names in lists and tables (simplified and traditional)
_SCHOOL_HEADS = ("幼儿园", "幼兒園", "小学", "小學", "中学", "中學", "学校", "學校", "书院", "書院")
_SCHOOL_HEAD_RE = "|".join(_SCHOOL_HEADS)
#: a school head that ends a run of Han characters (the item is read leftwards from it)
_SCHOOL_END = re.compile("(?:" + _SCHOOL_HEAD_RE + ")(?![\u4e00-\u9fff])")
MAX_SCHOOL_STEM = 18
_SCHOOL_BEFORE = re.compile("(?:" + _SCHOOL_HEAD_RE + ")[ ]?$")
_SCHOOL_AFTER = re.compile(
    "[ ]?[\u4e00-\u9fff·]{2,18}?(?:" + _SCHOOL_HEAD_RE + ")(?![\u4e00-\u9fff])"
)
#: what may stand on either side of a school named as a list item or table cell
_ITEM_EDGE = frozenset("、，,；;：: \n\t|(（)）。")
_LIST_SEP = frozenset("、，,；;")
#: function characters that put a clause, not a name, between list marks
_ITEM_FUNCTION = frozenset("的了着过将把被让使是为在从由各该此每某这那等所有或如未")

#: owners whose own departments follow them at once (教育部|高校学生司, 公安厅|刑警总队)
_OWNER_LAST = frozenset("部厅院")
_OWNED_DIVISION = re.compile("([\u4e00-\u9fff]{2,10}?)(?:司|局|总队|委员会)")
#: stems that make the head an ordinary word (公司, 当局)
_NOT_DIVISION_STEM = ("公", "当", "布", "格", "全", "大")
#: function characters that open a clause after the owner (教育部|关于成立…委员会,
#: 外交部|副部长…和…委员会)
_CLAUSE = frozenset("于对向就关同召和")

MAX_GAP = 4
#: the longest such unread stem
MAX_CHUNK = 6
#: characters that never stand in such a stem: function words, verbs of being and having
_FUNCTION = frozenset(
    "了着过将并把被让使有是为以于任设含称向对在从由及与和的之其个各该此每某这那第级"
)
#: stems that open a category, not a unit (国家实验教学示范中心, 省级重点…)
_CATEGORY_OPEN = ("国家", "省级", "重点", "示范", "独立", "时代")
#: whole stems that point back instead of naming (本中心, 本院)
_ANAPHORA = frozenset(("本", "我", "全", "分"))

Found = dict[tuple[int, int], tuple[dict[str, Any], str]]


def _fold_table() -> dict[int, str]:
    return {ord(t): s for t, s in read_t2s().items() if len(t) == 1}


class Units(OrgIndex):
    """The own-institution stage, mixed into the recognizer."""

    _t2s: dict[int, str] | None = None

    if TYPE_CHECKING:  # from the Grammar stage, which the recognizer mixes in before this one

        def _token_at(self, norm: str, p: int) -> tuple[str, str] | None: ...

    def _own_units(self, norm: str, found: Found) -> None:
        """Add the bare internal units of an institution's own text to ``found``."""
        if Units._t2s is None:
            Units._t2s = _fold_table()
        text = norm.translate(Units._t2s)  # 校黨委 reads as 校党委; offsets are unchanged
        if not any(
            m.start() == 0 or text[m.start() - 1] not in _NOT_OWN for m in OWN_SIGNAL.finditer(text)
        ):
            return  # a bureau's report naming universities is not a university's own text
        for (start, end), (value, src) in list(found.items()):
            # 心理与认知|科学学院党委: the grammar stopped inside a name two fields join
            if src == "org.grammar" and start > 2 and text[start - 1] not in DIV_LEFT_STOP:
                new = self._to_edge(text, start)
                if new < start and any(c in "与和" for c in text[new:start]) \
                        and (start - 1, end) not in found:
                    value, src = found.pop((start, end))
                    if value.get("canonical") == norm[start:end]:
                        value = {**value, "canonical": norm[new:end]}  # as written
                    found[(new, end)] = (value, src)
        covered = bytearray(len(norm) + 1)
        for s, e in found:
            covered[s:e] = b"\x01" * (e - s)
        cands: list[tuple[int, int]] = []
        for m in _UNIT_RE.finditer(text):
            s, e = m.span()
            if covered[s] or covered[e - 1]:
                continue
            if e < len(text) and (text[e] in "长员" or (text[e] == "会" and text[e - 1] == "委")) \
                    and m.group() != "委员会":
                continue  # 校长, 部长, 委员, 科员: a post, not the unit (党委会 likewise)
            if m.group() == "中心" and _CENTRE_WORD.match(text, e):
                continue  # 围绕中心工作, 聚焦中心大局: 中心 the adjective
            unit_start = self._unit_start(text, s, m.group())
            if unit_start is None:
                continue
            start = unit_start
            name = text[start:e]
            if name in self.generic or name.endswith(self.categories) or name in self.entries:
                continue
            if name[-1] in self.type_last and any(
                name.endswith(t) for t in self.types
            ):
                continue  # 村民委员会, 选举委员会: a type of body, one in every village
            if CATEGORY_BEFORE.search(text, max(0, start - 6), start):
                continue  # 普通高等学校|马克思主义学院, 省级重点|…: a category of units
            term = TERM_BEFORE.search(text, max(0, start - 6), start)
            if term is not None:
                start = term.start()  # 第四届校务委员会: the term stays inside the name
            cands.append((start, e))
        # the document's own usage fixes a stem no list can: where a shorter unit the text
        # names elsewhere ends a candidate, the words before it are not part of it
        # (研究|马克思主义学院 once 马克思主义学院 stands alone)
        names = {text[s:e] for s, e in cands}
        for start, e in cands:
            for k in range(start + 1, e - 2):
                if text[k:e] in names and text[start:k] not in UNIT_OWNERS \
                        and not TERM_BEFORE.match(text, start, k):
                    start = k
                    break
            name = text[start:e]
            kind = "party" if any(p in name for p in ("党", "纪委", "团委")) else "university"
            for key in [k for k in found if start <= k[0] and k[1] <= e]:
                del found[key]  # 校党委 inside 校党委常委会: longest name wins
            found[(start, e)] = ({"kind": kind, "canonical": None}, "org.unit")

    def _to_edge(self, text: str, p: int, max_gap: int = MAX_GAP) -> int:
        """The walk stopped at ``p`` on a character it cannot read: when a clear edge lies at
        most :data:`MAX_GAP` plain characters further (``、旅游接待|服务中心``), the name runs
        to it; a ``与``/``和`` joining two fields counts as plain (``、心理与认知科学学院``)."""
        q = p
        joins = 0
        while q > 0 and p - q - joins <= max_gap:
            ch = text[q - 1]
            if ch in "与和" and not joins and q >= 2 \
                    and text[q - 2] not in DIV_LEFT_STOP:
                q -= 1  # 人事与劳资科: the join stays inside when a field stands before it
                joins = 1
                continue
            if ch in DIV_LEFT_STOP or ch.isspace():
                return q
            if not is_han(ch) or ch in _FUNCTION or ch in _NUMERALS or ch in self.determiners:
                return p
            if text[max(0, q - 2) : q] in self.edge_verbs:
                return q
            q -= 1
        return q if q == 0 else p

    def _unit_start(self, text: str, s: int, head: str) -> int | None:
        """Start of the unit whose head begins at ``s``, or None when it is not clear.

        First the name words: the walk's word list read leftwards from the head (owner bodies,
        field words; a verb of the curated list or an unread character stops it:
        ``加强|马克思主义学院``, ``任|校务委员会``).  Where it reads no stem (``文学院``,
        ``测试计算中心``), a short stem of plain characters counts only between clear edges.
        """
        for inner in UNIT_HEADS:
            if len(inner) >= 2 and text.endswith(inner, 0, s):
                # 马克思主义学部|校友会, 校党委|常委会: a unit owns the unit after it
                q = self._unit_start(text, s - len(inner), inner)
                if q is not None:
                    return q
                break
        p = s
        while p > 0 and s - p < MAX_STEM:
            tok = self._token_at(text, p)
            if tok is None or tok[0] not in _STEM_TOKENS or tok[1] in self.edge_verbs \
                    or any(c in _NUMERALS for c in tok[1]):
                break  # 加强|…, 新一届|…: a verb or a count is no part of the unit
            p -= len(tok[1])
        if p > 0 and text[p - 1] == "校" and text[p - 2 : p] not in self.blockers \
                and text[p - 2 : p] not in self.name_words:
            p -= 1  # 校|党委, 校|纪委 (not 学校|党委, 全校|…: those are words)
        if p < s and p > 0 and text[p - 1] not in DIV_LEFT_STOP:
            p = self._to_edge(text, p)  # 旅游接待|服务中心, 心理与认知|科学学院
        stem = text[p:s]
        if stem == "校" and head not in _ONE_CHAR:
            return p
        if p < s:
            if p > 0 and text[p - 1] == "*":
                return None  # **大学招投标中心: the masked owner is not read here
            owner = next((o for o in UNIT_OWNERS if stem.startswith(o)), "")
            rest = stem[len(owner):]
            if rest in self.generic or (rest and stem in self.generic) \
                    or rest.startswith(_CATEGORY_OPEN):
                return None  # 学校中心, 国家实验教学示范中心: generic or a category
            if head in _ONE_CHAR and (not owner or len(rest) < 2):
                return None  # 宣传部, 教务处 alone: the grammar's named divisions decide those
            if not owner and stem in self.name_words and len(stem) < 2:
                return None
            return p
        if head in _ONE_CHAR or head not in _CHUNK_HEADS:
            return None
        q = s
        while q > 0 and s - q < MAX_CHUNK:
            ch = text[q - 1]
            if ch in DIV_LEFT_STOP or ch.isspace():
                break
            if ch == "届" and TERM_BEFORE.search(text, max(0, q - 6), q):
                break  # 第二届|校务委员会: the term opens the name (the caller keeps it inside)
            if not is_han(ch) or ch in _FUNCTION or ch in _NUMERALS or ch in self.determiners:
                return None
            q -= 1
        clear = q == 0 or text[q - 1] in DIV_LEFT_STOP or text[q - 1].isspace() \
            or text[q - 1] == "届"
        if (q == s and len(head) < 4) or not clear:
            return None  # no clear edge within reach: the start is unknown
        if text[q:s] in _ANAPHORA or text[q:s] in self.generic:
            return None  # 本中心, 学校|中心
        if any(v in text[q:s] for v in self.edge_verbs):
            return None  # 承担|委员会的日常工作: a verb is no part of a unit's name
        if q < s and head == "本科生院":
            return None
        return q

    def _trim_by_usage(self, norm: str, found: Found) -> None:
        """``研究|马克思主义学院`` once the document names ``马克思主义学院`` alone: a name read
        with a word no list can judge (a verb that is also a name word) loses that word where
        the document itself uses the shorter name.  Only plain name words are dropped, never a
        place or a known name (北京师范大学 stays whole beside 师范大学)."""
        texts = {norm[s:e] for (s, e), (_v, src) in found.items() if src != "org.context"}
        if len(texts) < 2:
            return
        for (start, end), (value, src) in list(found.items()):
            if src != "org.grammar" or value.get("kind") not in ("university", "school"):
                continue
            for k in range(start + 2, end - 2):
                if norm[k:end] not in texts:
                    continue
                cut = norm[start:k]
                if cut in self.name_words and cut not in self.proper and cut not in self.divisions:
                    del found[(start, end)]
                    if (k, end) not in found:
                        value = dict(value)
                        if value.get("canonical") == norm[start:end]:
                            value["canonical"] = norm[k:end]  # the name as written
                        found[(k, end)] = (value, src)
                break

    def _list_items(self, norm: str, found: Found) -> None:
        """``、学校安全管理室、``, ``、职业教育与成人教育科、``: an item of a list of divisions
        runs from the list mark to the head; the grammar stopped at a word it cannot read
        (学校, 成人).  Only where both edges are list marks, at most :data:`MAX_GAP` more
        characters, and the head is a division's."""
        n = len(norm)
        for (start, end), (value, src) in list(found.items()):
            if src != "org.grammar" or not norm.endswith(_DIVISION_HEADS, start, end):
                continue
            if start == 0 or norm[start - 1] in _LIST_EDGE or end >= n \
                    or norm[end] not in _LIST_EDGE or norm.endswith("实验室", start, end):
                continue  # both edges must be list marks; a lab is no division
            if norm[start] in "省市县区州" or norm.startswith(("中共", "中国"), start) or any(
                norm[start : start + k] in self.divisions for k in (2, 3, 4)
            ):
                continue  # 沟通|省委巡视办: a place or level opened the name, nothing before it
            new = self._to_edge(norm, start, MAX_LIST_GAP)
            if 0 < new < start and norm[new - 1] in _LIST_EDGE \
                    and norm[new:end] not in self.generic:
                del found[(start, end)]
                if value.get("canonical") == norm[start:end]:
                    value = {**value, "canonical": norm[new:end]}
                found[(new, end)] = (value, src)

    def _listed_offices(self, norm: str, found: Found) -> None:
        """``、督查考核局、``, ``、地志办、``: an office or bureau named by a short stem as an
        item of a list (an enumeration mark on one side, a list mark on the other)."""
        for m in _LISTED_OFFICE.finditer(norm):
            s, e = m.span(1)
            if norm[s - 1] != "、" and norm[e] != "、":
                continue  # one side at least is an enumeration mark
            stem = norm[s : e - 1]
            if not all(c not in _FUNCTION and c not in self.determiners for c in stem):
                continue
            if norm[e - 2 : e] in self.blockers or norm[e - 2 : e] in _ORDINARY_JU \
                    or stem.startswith(("相关", "有关")):
                continue  # 顾大局, 多点布局: an ordinary word ends in 局
            name = norm[s:e]
            if name in self.generic or any(a < e and s < b for a, b in found):
                continue
            if PLURAL_CLAUSE.search(norm, max(0, s - 48), s):
                continue  # 各市、县财政局、教育局: items of a plural list
            p = e - 1
            while p > s and (tok := self._token_at(norm, p)) is not None:
                p -= len(tok[1])
            if p <= s:
                continue  # the word lists read it all: the grammar has judged it (and said no)
            before = _LIST_ITEM_BEFORE.search(norm, max(0, s - 16), s - 1)
            after = _LIST_ITEM_AFTER.match(norm, e + 1)
            if not ((before and before.group(1)[-1] in _OFFICE_LAST and norm[s - 1] == "、")
                    or (after and after.group(1)[-1] in _OFFICE_LAST and norm[e] == "、")):
                continue  # 谋好篇、布好局: a neighbour in the list must be an office too
            found[(s, e)] = ({"kind": "government", "canonical": None}, "org.grammar")

    def _listed_schools(self, norm: str, found: Found) -> None:
        """``,随县淮河镇中心幼儿园,``, ``| 东华三院陈兆民中学 |``: a school named as an item of a
        list of schools or as a table cell.  The walk stops inside such names at a stem no
        list knows (厉山镇东镇, 东华三院); between list marks the whole item is the name.  A list
        item needs a neighbour item that is a school too; a table cell stands alone.  Items that
        are kinds of school (官立学校, 实验小学, 示范幼儿园) or plural are no names."""
        if not any(h in norm for h in _SCHOOL_HEADS):
            return
        spans = list(found)
        for m in _SCHOOL_END.finditer(norm):
            e = m.end()
            s = m.start()
            while s > 0 and m.start() - s < MAX_SCHOOL_STEM and (
                "\u4e00" <= norm[s - 1] <= "\u9fff" or norm[s - 1] == "·"
            ):
                s -= 1
            a, b = s, e
            while a > 0 and norm[a - 1] == " ":
                a -= 1  # | 东华三院陈兆民中学 |: a table cell is padded with spaces
            while b < len(norm) and norm[b] == " ":
                b += 1
            left, right = norm[a - 1] if a else "\n", norm[b] if b < len(norm) else "\n"
            if left not in _ITEM_EDGE or right not in _ITEM_EDGE:
                continue
            item = norm[s:e]
            head = m.group()
            stem = item[: -len(head)]
            if len(stem) < 2 or any(c in _ITEM_FUNCTION for c in stem) or item in self.generic:
                continue
            if any(v in stem for v in self.edge_verbs) or stem.endswith(("中小", "试点")) \
                    or self._category_stem(stem):
                continue  # 举办|中学: a verb's object; 中小学校, 官立学校, 省示范幼儿园: kinds
            if PLURAL_CLAUSE.search(norm, max(0, s - 48), s) \
                    or self._type_stem(norm, s, e - len(head)):
                continue  # 技工|学校, 社区教育|学校: field words alone name a type of school
            inside = [(a, b) for a, b in spans if s <= a and b <= e]
            if any(a < e and s < b for a, b in spans if (a, b) not in inside):
                continue  # a name read otherwise crosses the item: the grammar decided
            if (s, e) in found:
                continue
            table = left == "|" or right == "|"
            if not table and not (self._school_neighbour(norm, a - 1, -1)
                                  or self._school_neighbour(norm, b, 1)):
                continue  # one school-like item alone is no list of schools
            for key in inside:
                del found[key]
            found[(s, e)] = ({"kind": "school", "canonical": None}, "org.grammar")

    def _type_stem(self, norm: str, s: int, p: int) -> bool:
        """The stem ``norm[s:p]`` reads wholly as field and category words of the word list
        (技工, 社区|教育, 职业|高中): a type of school, not one school's own name."""
        while p > s:
            tok = self._token_at(norm, p)
            if tok is None or tok[0] != T_WORD or p - len(tok[1]) < s:
                return False
            p -= len(tok[1])
        return True

    def _owned_divisions(self, norm: str, found: Found) -> None:
        """``教育部|高校学生司``, ``河北省公安厅|刑警总队``, ``最高人民法院|审判委员会``: a
        ministry, department or court named in full and followed at once by one of its own
        departments is one name, the department's.  The walk cannot read the department's
        stem (高校学生, 离退休干部); the owner right before it closes it on the left."""
        for (start, end), (value, _src) in list(found.items()):
            if value.get("kind") != "government" or norm[end - 1 : end] not in _OWNER_LAST:
                continue
            m = _OWNED_DIVISION.match(norm, end)
            if m is None:
                continue
            e = m.end()
            stem = m.group(1)
            if stem[0] in "长副" or any(c in _ITEM_FUNCTION or c in _CLAUSE for c in stem) \
                    or stem.endswith(_NOT_DIVISION_STEM) or any(v in stem for v in self.edge_verbs):
                continue
            if norm[e - 1 : e + 1] in self.blockers and norm[e : e + 1] != "长":
                continue  # 教育部|布局: an ordinary word ends in the head
            if any(a < e and end < b and not (end <= a and b <= e) for a, b in found):
                continue  # a name read otherwise crosses the department
            for key in [(a, b) for a, b in found if end <= a and b <= e]:
                del found[key]
            del found[(start, end)]
            found[(start, e)] = ({"kind": "government", "canonical": None}, "org.grammar")

    def _category_stem(self, stem: str) -> bool:
        """The stem reads wholly as level characters and category words (省|示范, 农村)."""
        ok = [False] * (len(stem) + 1)
        ok[0] = True
        for i in range(len(stem)):
            if not ok[i]:
                continue
            if stem[i] in "省市县区镇乡":
                ok[i + 1] = True
            for n in range(2, min(6, len(stem) - i + 1)):
                if stem[i : i + n] in SCHOOL_CATEGORY:
                    ok[i + n] = True
        return ok[len(stem)]

    @staticmethod
    def _school_neighbour(norm: str, p: int, step: int) -> bool:
        """The list item next to the separator at ``p`` (``step`` -1: before, 1: after) ends
        with a school head too."""
        if not 0 <= p < len(norm) or norm[p] not in _LIST_SEP:
            return False
        if step < 0:
            m = _SCHOOL_BEFORE.search(norm, max(0, p - 24), p)
        else:
            m = _SCHOOL_AFTER.match(norm, p + 1)
        return m is not None

    def _school_short_forms(self, norm: str, found: Found) -> None:
        """Short school names the guideline counts: ``人大附中``, ``北大附小``, ``华师大附中``
        (a university's short form + 附中/附小) and ``海淀一中``, ``杭州二中`` (a place + a
        number + 中/小)."""
        taken = [(s, e) for s, e in found]
        for m in _AFFILIATED.finditer(norm):
            s, e = m.span()
            if not any(a < e and s < b for a, b in taken):
                found[(s, e)] = ({"kind": "school", "canonical": None}, "org.grammar")
        for m in _NUMBERED.finditer(norm):
            s, e = m.span()
            if e < len(norm) and norm[e] in _NOT_AFTER_NUMBERED:
                continue  # 一中全会? 二中心: the number belongs to another word
            place = self._token_at(norm, s)
            if place is None or place[0] != T_PLACE or len(place[1]) < 2:
                continue
            start = s - len(place[1])
            if any(a < e and start < b for a, b in taken):
                continue
            found[(start, e)] = ({"kind": "school", "canonical": None}, "org.grammar")
