"""The name grammar: from a head suffix, grow a name leftwards and judge it.

``[prefix][place][field words][head suffix]``: a head found by ``head_re`` grows over the
tokens :meth:`Grammar._token_at` reads right to left (places, name words, nested owner
bodies, masks, ordinals) until a character no list knows.  :meth:`Grammar._valid` then
applies ANNOTATION.md's rules (a distinguishing element, no generic or plural mention);
the recoveries at the end read a name part no list knows between clear edges (``高教处``, a
website in a page header, a company's trade name).  Why one module over 300 lines: the walk
and its validity rules share every token-class decision; split, each would need the other
to be read.
"""

from __future__ import annotations

from ...org_lexicon import Suffix
from .index import OrgIndex
from .patterns import (
    BARE_OK,
    COMMON_MEDIA_HEADS,
    COUNT_AFTER,
    DEPUTY_AFTER,
    DESIGNATED_TEAMS,
    DIV_LEFT_STOP,
    DOCNO_AFTER,
    DOCNO_FIRST,
    EDGE,
    LAB_STEM_VERBS,
    LEVEL,
    LEVEL_LIST,
    LEVEL_OR,
    LEVEL_SEP,
    LEVEL_WORDS,
    LEVEL_WORDS_LAST,
    LIST_MARK,
    MAX_COMPANY,
    MAX_COMPANY_NO_PLACE,
    MAX_NAME,
    NATIONAL,
    NEED_OWNER,
    NEED_PROPER,
    NEWS_AFTER,
    ORDINAL,
    PENALTY_AFTER,
    PLURAL_CLAUSE,
    PREPOSITION_FIRST,
    REPORT_TO,
    SCHOOL_CATEGORY,
    SPECIAL,
    is_han,
)
from .tokens import (
    ADJUNCT,
    LEVEL_ONLY,
    OWNER,
    T_CHUNK,
    T_HEAD,
    T_JOIN,
    T_KNOWN,
    T_LEVEL,
    T_MASK,
    T_ORDINAL,
    T_PLACE,
    T_PREFIX,
    T_QUOTED,
    T_STATION,
    T_UNKNOWN,
    T_WORD,
    TEAM_OWNER,
    Name,
)

#: an owner body (a head or a known name): 省委|教育工委, 东北大学|党委
_BODY = (T_HEAD, T_KNOWN)
_PLACE_OR_LEVEL = (T_PLACE, T_LEVEL)
#: what may stand left of a mask: it stands for (part of) a place (辽宁省**市, 中共**县委)
_PLACE_PARTS = (T_PLACE, T_LEVEL, T_PREFIX)
#: tokens that single out a body other than a school: a level (省教育科学研究院), an owner,
#: an ordinal
_QUALIFIED = (T_LEVEL, T_HEAD, T_ORDINAL)
#: tokens that open a name: a body left of one starts another name (省委|省政府)
_OPENERS = (T_PLACE, T_LEVEL, T_MASK, T_PREFIX)
#: what may stand left of a place inside one name (中共|辽宁, **|市, 驻|辽宁, 教育部|…)
_AFTER_PLACE = (T_PLACE, T_PREFIX, T_MASK, T_STATION, T_HEAD, T_KNOWN)
#: tokens that single a name out whatever the head (places, masks, known names, own names)
_PROPER = (T_PLACE, T_MASK, T_KNOWN, T_PREFIX, T_UNKNOWN)
#: the state's own name: no element that singles out one body of a type
STATE_NAMES = frozenset(("中华人民共和国", "中国", "我国", "全国", "国家"))


class Grammar(OrgIndex):
    """Leftward walk and validity rules, mixed into the recognizer."""

    def _gazetteer_ok(self, norm: str, start: int, end: int, key: str) -> bool:
        if len(key) < 4 and norm[end - 1 : end + 1] in self.blockers and norm[end] != "将" \
                and not DEPUTY_AFTER.match(norm, end):
            return False  # 教育部门, 教育部署 (not 教育部将: 将 is the modal "will" there)
        if DOCNO_AFTER.match(norm, end):
            return False
        if norm[end - 1 : end + 1] == "部门":
            return False  # 生态环境部门: a generic 部门 holds no …部 (ANNOTATION.md)
        if len(key) <= 3:
            if norm[end - 1 : end + 1] in self.glue_words:
                return False  # 会议中共有十人: 共有 is a word
            # a short name glued into a longer word: 全国办…, 集中办理; not after the verb
            # 报 (报国务院批准: submit to the State Council)
            left = norm[start - 1 : start + 1] if start else ""
            if (left in self.name_words or left in self.blockers) and left[0] != REPORT_TO:
                return False
        return True

    def _token_at(self, norm: str, p: int) -> tuple[str, str] | None:
        """The longest known token ending at ``p`` with its class, or None."""
        ch = norm[p - 1]
        if ch in SPECIAL:
            if ch == "*":
                q = p - 1
                while q > 0 and p - q < 6 and norm[q - 1] == "*":
                    q -= 1
                return (T_MASK, norm[q:p])
            if ch == "”":
                q = norm.rfind("“", max(0, p - 12), p - 1)
                if q >= 0 and not any(c in DIV_LEFT_STOP for c in norm[q + 1 : p - 1]):
                    return (T_QUOTED, norm[q:p])
                return None
            for length in range(2, 8):
                if p - length >= 0 and ORDINAL.fullmatch(norm, p - length, p):
                    return (T_ORDINAL, norm[p - length : p])
        node = self.suffix_trie.get(ch)
        if node is not None:
            # read leftwards through the reversed words; the deepest word passed is the longest
            tok = None
            q = p - 1
            while q > 0:
                node = node.get(norm[q - 1])
                if node is None:
                    break
                q -= 1
                found = node.get("")
                if found is not None:
                    tok = found
            if tok is not None:
                return tok
        return self.char_results.get(ch)

    def _grow(self, norm: str, s: int, e: int, head_text: str) -> Name | None:
        head, left_veto, right_generic, right_block = self.head_info[head_text]
        if s > 0 and norm[s - 1] in left_veto:
            return None  # 西部, 干部, 举办, 到处, 中小学
        if norm[e - 1 : e + 1] in self.glue_words:
            return None  # 部分行政法规, 科普: the head's last character starts a word
        if head_text[-1] == "处" and PENALTY_AFTER.match(norm, e):
            return None  # 对学校处五万元罚款: 处 is the verb to punish
        if e < len(norm):
            nxt = norm[e]
            if nxt in right_generic:
                return None  # 处室, 党组织: the head starts a generic word
            if nxt in DOCNO_FIRST and DOCNO_AFTER.match(norm, e):
                return None  # the agency code of a document number
            # 部署, 处理, 委员, 局面, 办法 hide a one-character head; a longer head stands
            # (党组成员 is 党组 + 成员; 党组织 is caught by the generic list)
            right_blocked = nxt in right_block and norm[e : e + 2] != head_text + "长"
            if right_blocked and (head_text != "委" or nxt == "员"):
                return None  # (see below: only a place + 委 survives a blocked right edge)
        else:
            right_blocked = False
        if head.text.startswith(("国家", "教育部")) and head.kind == "research":
            q = None if COUNT_AFTER.match(norm, e) else self._lab_stem(norm, s)
            if q is not None:  # 旱区作物逆境生物学|国家重点实验室: the field is the name
                return Name(q, e, head, [(T_UNKNOWN, norm[q:s])], True)
        tokens: list[tuple[str, str]] = []
        p = s
        leftmost = "HEAD"
        owner_seen = False
        unknown = False
        token_at = self._token_at
        entries = self.entries
        while p > 0 and e - p < MAX_NAME:
            tok = token_at(norm, p)
            if tok is None:
                if leftmost != "HEAD" or head.text not in self.chunk_heads:
                    break
                tok = self._proper_chunk(norm, p)  # 杭州市|天长|小学
                if tok is None:
                    break
            cls, text = tok
            if cls == T_HEAD and text == REPORT_TO:
                break  # 报|劳动人事部: a lone 报 before a body is the verb submit to
            if (cls == T_WORD and text in self.edge_verbs) or (
                len(text) == 1 and norm[p - 2 : p] in self.edge_verbs
            ):
                break  # 新建|幼儿园, 举办|学校: what a verb builds or runs is its object
            if leftmost == "HEAD" and cls in _BODY and len(head.text) == 1 \
                    and text.endswith(head.text):
                break  # 财政部|部长: the head repeats the owner's own last character
            if cls in _BODY and leftmost in _OPENERS:
                campus = self._campus_unit(text, head)
                if not (head.cls == "branch" and not owner_seen) and not campus:
                    break  # 省委|省政府: a place starts a new, coordinated name
                if campus:
                    tokens.append(tok)  # the owner completes the name: 联合|中国科学院上海…
                    p -= len(text)
                    break
            if cls in _BODY:
                if 2 * p >= e and norm.startswith(norm[p:e], 2 * p - e):
                    break  # 教育厅教育厅, 委员会委员会: a name repeated is no owner of itself
                owner_seen = True
            if cls == T_LEVEL and leftmost == T_LEVEL:
                return None  # 市县教育局, 县区委: a list of levels is a plural
            if leftmost == T_MASK and cls not in _PLACE_PARTS:
                break  # a mask stands for the place: 组织|**大学
            if leftmost in _PLACE_OR_LEVEL and cls not in _AFTER_PLACE:
                break  # a place opens a name: 联合|省教育厅, 组织|辽宁某某学院
            if cls == T_HEAD:
                inner = self.suffixes.get(text)
                if inner is not None and inner.cls == "division":
                    break  # 秘书处|办公室: a division owns no body
                if leftmost == "HEAD" and len(text) == 1 and len(head.text) == 1:
                    break  # 部署, 局委, 委厅: two one-character heads are a word or a fusion
                if leftmost == "HEAD" and head.cls == "school" and inner is not None \
                        and inner.cls == "school":
                    break  # 中小学幼儿园: a list of school types
            tokens.append(tok)
            p -= len(text)
            leftmost = cls
            if cls == T_UNKNOWN:
                unknown = True
            if cls == T_PREFIX or norm[p:e] in entries:
                break  # a prefix ends the name; so does a complete known name (组织|东北大学)
            if cls == T_WORD and p > 1 and norm[p - 1] in "和及暨":
                # 人力资源和社会保障厅, 教育及青年发展局 / 教育暨青年局 (Macao), 考试及评核局
                # (Hong Kong): 和/及/暨 joins two field words inside one name
                joined = self._token_at(norm, p - 1)
                if joined is not None and joined[0] == T_WORD:
                    tokens.append((T_JOIN, norm[p - 1]))
                    p -= 1
        # strip trailing connectors on the left: 和, 驻 alone at the edge stays (驻厅纪检监察组)
        if right_blocked and not (
            head.text == "委" and tokens and all(c in _PLACE_OR_LEVEL for c, _ in tokens)
            and norm[e : e + 1] != "员"
        ):
            return None  # a place + 委 is a party committee whatever follows (省委实施细则)
        if not tokens and head.cls not in BARE_OK:
            if head.kind == "company":  # 四川明德招标代理|有限公司: no word read at all
                bare = Name(p, e, head, [], False)
                return bare if self._company_stretch(norm, bare) else None
            return None  # a bare head word: 党组, 办公室, 委 (what _valid says, sooner)
        name = Name(p, e, head, tokens, unknown)
        return name if self._valid(norm, name) else None

    @staticmethod
    def _lab_stem(norm: str, s: int) -> int | None:
        """Start of the field name before 国家重点实验室 / 国家工程研究中心: 2-20 Han
        characters back to a clear edge (punctuation, line start, 的 和 …), cut after the last
        verb (获批|…): with nothing left the head is a category being built
        (建设|国家工程研究中心)."""
        q = s
        while q > 0 and s - q < 20 and is_han(norm[q - 1]) and (
            norm[q - 1] not in DIV_LEFT_STOP
            or (norm[q - 1] == "与" and s - q >= 2)  # 土壤侵蚀与旱地农业: 与 joins two fields
        ):
            q -= 1
        if s - q < 2:
            return None
        stem = norm[q:s]
        cut = max((stem.rfind(v) + len(v) for v in LAB_STEM_VERBS if v in stem), default=0)
        if not cut and ((q > 0 and norm[q - 1] not in DIV_LEFT_STOP) or norm[q] == "与"):
            return None  # no clear edge and no verb: the name's start is unknown
        q += cut  # 获批|儿童发育疾病研究|教育部重点实验室: the name starts after the verb
        while q < s and norm[q] in "与和":
            q += 1
        return q if s - q >= 2 else None

    def _campus_unit(self, owner: str, head: Suffix) -> bool:
        """四川大学|成都|研究院, 中国科学院|上海|药物研究所: a university or academy owns a
        research body or centre named after its site, a group its provincial company
        (中国移动通信集团|广东|有限公司); bodies of state are coordinated instead."""
        if head.cls != "body" or head.kind not in ("research", "other", "company"):
            return False
        owners = ("company",) if head.kind == "company" else ("university", "research")
        for n in range(min(len(owner) - 1, 6), 1, -1):
            suffix = self.suffixes.get(owner[-n:])
            if suffix is not None:
                return suffix.kind in owners
        return False

    def _proper_chunk(self, norm: str, p: int) -> tuple[str, str] | None:
        """2-4 unknown characters between a place and a school head are the school's own name."""
        for length in (2, 3, 4):
            q = p - length
            if q < 2:
                break
            # the chunk grows by one character on the left: only that one needs checking
            added = norm[q:p] if length == 2 else norm[q]
            if not all(is_han(c) and c not in DIV_LEFT_STOP for c in added):
                break
            left = self._token_at(norm, q)
            if left is None:
                continue
            if left[0] in _PLACE_OR_LEVEL and len(left[1]) >= 2:
                return (T_UNKNOWN, norm[q:p])
            if left[0] == T_LEVEL and q >= 3:
                before = self._token_at(norm, q - 1)
                if before is not None and before[0] in (T_PLACE, T_MASK):
                    return (T_UNKNOWN, norm[q:p])
        return None

    def _valid(self, norm: str, name: Name) -> bool:
        start = name.start
        text = norm[start : name.end]
        head = name.head
        if text in self.generic:
            return False
        if head.cls == "complete":
            return True  # 团省委
        if start and norm[start - 1] in ")）" and LEVEL_LIST.search(
            norm, max(0, start - 12), start
        ):
            return False  # 各县（市、区）教育局: a list of levels is a plural
        tokens = name.tokens
        if not tokens:
            if head.cls == "division":
                return self._abbreviated_division(norm, name) and not self._is_type(
                    norm[name.start : name.end], name.tokens, head
                )  # 、母婴室: a room, no division
            if head.cls == "media":
                return self._standalone(norm, name) and not self._is_type(
                    norm[name.start : name.end], [], head
                )  # 、有线电视台: a kind of station
            return False  # a bare head word: 党组, 办公室, 委
        if self._is_type(text, tokens, head):
            return False  # 人民法院, 中级人民法院, 街道办事处: an institution type
        if head.cls == "school" and all(t in STATE_NAMES for _c, t in tokens):
            return False  # 全国小学, 全国幼儿园, 中国大学(排行): the country's schools
        present = {c for c, _ in tokens}
        single = len(tokens) == 1
        if not self.generic_owners.isdisjoint(tokens):
            return False  # 高校党委: a generic owner
        last_cls, last_text = tokens[-1]
        if last_cls == T_HEAD and last_text in self.generic:
            return False  # 学校党委, 党委办公室: the owner is itself a bare generic head
        if present <= ADJUNCT:
            return False  # 第七届图书馆
        if single and last_cls == T_PREFIX and head.text != "委":
            return False  # 中国共产党党组(工作条例): the party's organ type, not one body
        if text.endswith(self.categories) and not head.text.startswith(("国家", "教育部")):
            return False  # 教育部重点实验室, 现代产业学院: a category of institutions
        if head.text in NEED_OWNER and present.isdisjoint(OWNER):
            return False
        if head.kind in NEED_PROPER and not any(
            c in _PROPER or (c == T_WORD and t in self.proper)
            or t in NATIONAL
            or (head.cls != "school" and c in _QUALIFIED)
            for c, t in tokens
        ):
            if head.cls == "media" and not single and len(text) >= 6:
                return True  # 人民教育出版社: a publisher's name of field words
            if head.cls == "media":
                return self._standalone(norm, name)
            if head.kind == "company":
                return self._company_chunk(norm, name)
            if head.cls == "school":
                return self._school_stem(norm, name)
            return False
        if last_cls == T_LEVEL and start:
            left = norm[max(0, start - 2) : start]
            if left[-1:] in self.determiners or left in self.determiners:
                return False  # 各县人民政府, 每区教育局: one body per level, plural
            if start >= 2 and left[-1] in LEVEL_SEP and left[0] in LEVEL and (
                start == 2 or not is_han(norm[start - 3]) or norm[start - 3] in DIV_LEFT_STOP
                or norm[start - 3] in self.determiners
                or norm[max(0, start - 4) : start - 2] in self.determiners  # 有关市、县
                or norm[start - 3 : start - 1] in self.glue_words  # 城市、县人民政府
            ):
                return False  # 省、市人民政府, 各市、县人民政府: each level's body
            if LEVEL_OR.search(norm, max(0, start - 6), start):
                return False  # 市或者区人民政府, 县（市）、区人民政府: one of several levels
            if norm[start - 1 : start + 1] in self.glue_words or norm.endswith(
                "设区的", 0, start
            ):
                return False  # 所在地区人民政府, 省辖市…, 设区的市人民政府: a kind of level
        if T_PLACE not in present and T_MASK not in present:
            left = norm[max(0, start - 2) : start]
            if left[-1:] in self.determiners or left in self.determiners:
                return False  # 各市政府, 全省…, 有关部门
            if start and norm[start - 1] in LIST_MARK and PLURAL_CLAUSE.search(
                norm, max(0, start - 48), start
            ):
                return False  # 各区（县）教育局, 各市、县财政局、教育局: items of a plural list
        first = last_text[0]  # norm[start]: the leftmost token opens the name
        if first in LEVEL_WORDS_LAST and norm[max(0, start - 2) : start + 1] in LEVEL_WORDS:
            return False  # 直辖市教育厅: 市 ends a level word, the list is plural
        generic_before = self.generic_before
        if start and first in generic_before and norm[start - 1] in generic_before[first]:
            return False  # 公办|中心幼儿园: the name would start inside a generic word
        if tokens[0][0] == T_ORDINAL and len(head.text) == 1 and tokens[0][1][-1] == "次":
            return False  # 教育部第四次部务会议: a session count, no term inside a name
        if head.cls == "team" and (present.isdisjoint(TEAM_OWNER) or (
            head.text in DESIGNATED_TEAMS and T_ORDINAL not in present
        )):  # 巡视组 without its owner; 省教育厅党组|巡察组 without its number is ad hoc
            return False  # 巡视组 without its owner
        if last_cls == T_STATION:
            # 驻 only starts a name when it says where (驻厅纪检监察组); alone it is none
            return not single
        if head.cls == "media" and len(text) < 4:
            return False
        if head.text == REPORT_TO and last_cls in _BODY and single:
            return False  # 由国务院报全国人大常委会, 出版社报省出版局: 报 is the verb
        if len(head.text) == 1 and single and last_cls == T_WORD and len(last_text) < 2:
            return False
        if present == LEVEL_ONLY and len(head.text) == 1 and head.text != "委":
            # 省厅, 市局: too vague to name one body
            return False
        return True

    def _is_type(self, text: str, tokens: list[tuple[str, str]], head: Suffix) -> bool:
        """The name is an institution type (``org_generic.txt`` class ``type``) with nothing
        that singles one body out: 人民法院, 中级人民法院, 外国法院, 街道办事处, 承租房屋处;
        the state's name alone is no such element (中华人民共和国人民法院组织法)."""
        if text[-1] not in self.type_last:
            return False
        types = self.types
        for n in self.type_lengths:
            if n > len(text) or text[-n:] not in types:
                continue
            if n == len(text):
                return True
            width = len(head.text)  # tokens run right to left, the head excluded
            i = 0
            while width < n and i < len(tokens):
                width += len(tokens[i][1])
                i += 1
            if width > n:
                if i == 0 or tokens[i - 1][0] not in (T_WORD, T_CHUNK):
                    continue  # a place or owner ends inside the type word: no type reading
                i -= 1  # 文化活动|室: a word that ends inside the type word is an owner word
                if tokens[i][0] == T_CHUNK:
                    i += 1  # 、防空地下|室: a chunk read between clear edges is a word here
            if n == len(head.text) and head.kind == "company" and head.cls != "media":
                # 微软|公司 names a company by a trade name the word list holds as a word;
                # only the state's name before a bare 公司 makes a type (中华人民共和国公司法)
                return all(t in STATE_NAMES for _c, t in tokens[i:])
            return all(
                c in (T_WORD, T_JOIN) or t in STATE_NAMES or t in self.edge_verbs
                for c, t in tokens[i:]
            )  # 开办|有线电视台: a verb read as a chunk singles nothing out
        return False

    def _standalone(self, norm: str, name: Name) -> bool:
        """A website or paper named on its own (``来源:教育装备采购网``): both edges clear."""
        if name.end < len(norm) and norm[name.end] not in EDGE \
                and not NEWS_AFTER.match(norm, name.end):
            return False  # (据新京报|报道, 大公网|讯: a report word is an edge too)
        if name.head.text in COMMON_MEDIA_HEADS:
            return False  # 浏览网站, 收看卫视: these heads are ordinary nouns without an owner
        s = name.end - len(name.head.text)
        for length in range(6, 1, -1):
            q = s - length
            if q < 0:
                continue
            chunk = norm[q:s]
            if not all(is_han(c) for c in chunk) or any(c in self.determiners for c in chunk):
                continue
            if any(v in chunk for v in self.edge_verbs):
                continue  # 开办有线电视台, 不设立报社: what a verb opens is no name
            if q == 0 or norm[q - 1] in EDGE:
                if chunk[0] in PREPOSITION_FIRST:
                    if length < 3:
                        return False
                    q += 1  # 据|新京报, 从|中国教育在线: the preposition stays outside
                    chunk = chunk[1:]
                name.start = q
                name.tokens = [(T_CHUNK, chunk)]
                return True
        return False

    def _plain_chunk(self, chunk: str) -> bool:
        """Han characters that are neither determiners (各, 全) nor a left edge: a name part."""
        return all(
            is_han(c) and c not in self.determiners and c not in DIV_LEFT_STOP for c in chunk
        )

    def _company_chunk(self, norm: str, name: Name) -> bool:
        """``华为技术有限公司``: a trade name unknown to the word list, from a clear left edge."""
        s = name.start
        if name.tokens and (s == 0 or norm[s - 1] in DIV_LEFT_STOP):
            return True  # the walk itself ended at a clear edge: 与|华为技术有限公司
        for length in (2, 3):
            q = s - length
            if q < 0:
                break
            chunk = norm[q:s]
            if not self._plain_chunk(chunk):
                break
            if q == 0 or norm[q - 1] in DIV_LEFT_STOP:
                name.start = q
                name.tokens.append((T_UNKNOWN, chunk))
                name.unknown = True
                return True
            place = self._token_at(norm, q)
            if place is not None and place[0] == T_PLACE:
                # 广州市|穗农|食品有限公司, 北京|华图|教育科技有限公司: a place opens the name
                name.start = q - len(place[1])
                name.tokens += [(T_UNKNOWN, chunk), place]
                name.unknown = True
                return True
        return self._company_stretch(norm, name)

    def _company_stretch(self, norm: str, name: Name) -> bool:
        """``苏州宝碟激光电子有限公司``, ``与中标单位杭州海康威视数字技术股份有限公司``: a
        company's full name is longer than any chunk the word list can read.  Its start is the
        first place inside the stretch back to a clear edge (a registered name opens with its
        place), or, with no place, the clear edge itself when it is close (``、万科企业…``)."""
        s = name.end - len(name.head.text)
        if not name.head.text.endswith("公司") or len(name.head.text) < 4:
            return False  # 有限公司, 股份有限公司: the registered forms only
        q = s
        while q > 0 and s - q < MAX_COMPANY:
            ch = norm[q - 1]
            if ch in DIV_LEFT_STOP or ch.isspace() or ch in self.determiners:
                break
            if not (is_han(ch) or (ch.isascii() and ch.isalnum())):
                break
            if norm[max(0, q - 2) : q] in self.edge_verbs or ch in "了着过":
                break  # 设立|…, 成立了|…: a verb's object starts here
            if ch == "家" and q >= 2 and norm[q - 2] in "一这该每":
                return False  # 一家有限公司: a company, not a name
            q -= 1
        start = None
        divisions = self.divisions
        for i in range(q, s - 1):
            if any(norm[i : i + k] in divisions for k in (4, 3, 2)):
                start = i  # 中标单位|杭州…: the place opens the registered name
                break
        if start is None:
            if s - q > MAX_COMPANY_NO_PLACE or not (q == 0 or norm[q - 1] in DIV_LEFT_STOP
                                                    or norm[q - 1].isspace()):
                return False
            start = q
        if s - start < 2:
            return False
        name.tokens = [(T_UNKNOWN, norm[start:s])]
        name.start = start
        name.unknown = True
        return True

    def _school_stem(self, norm: str, name: Name) -> bool:
        """``在|哈佛大学``, ``毕业于|燕京大学``: a stem no place or proper-word list knows before
        a school head is the school's own name when a clear edge (punctuation, a function word,
        a verb of the list) closes it on the left and it is not a category stem (师范, 综合,
        职业: ``一所师范大学`` is a kind of school)."""
        start = name.start
        if not (start == 0 or norm[start - 1] in DIV_LEFT_STOP or norm[start - 1].isspace()
                or norm[max(0, start - 2) : start] in self.edge_verbs):
            return False
        stem = norm[start : name.end - len(name.head.text)]
        if len(stem) < 2 or not self._plain_chunk(stem):
            return False
        if all(t in SCHOOL_CATEGORY or t in self.generic for _c, t in name.tokens):
            return False  # 师范|大学, 综合|大学: a kind of school
        if any(c != T_WORD for c, _t in name.tokens):
            return False
        name.unknown = True  # an own name no list knows: near-miss matching may still map it
        return True

    def _abbreviated_division(self, norm: str, name: Name) -> bool:
        """``高教处``, ``发展规划处``: 2-4 characters between a clear left edge and the head."""
        s = name.end - len(name.head.text)
        for length in (2, 3, 4):
            q = s - length
            if q < 0:
                break
            chunk = norm[q:s]
            if not self._plain_chunk(chunk):
                break
            before = norm[q - 1] if q > 0 else "\n"
            if before in DIV_LEFT_STOP:
                name.start = q
                name.tokens.append((T_CHUNK, chunk))
                return True
        return False

