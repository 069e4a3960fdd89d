"""Institution names (ORG): gazetteer layer, name grammar, document context.

Three sources of candidates, all offsets on ``doc.norm``:

* **gazetteer** - one Aho-Corasick pass over every known name and alias (central bodies,
  universities, user gazetteers);
* **grammar** - ``[prefix][place][field words][head suffix]``: a combined regex finds head
  suffixes (``gazetteers/org_suffixes.txt``, longest first) and the name is grown leftwards
  over a compact word list (places, name words, nested owner bodies) until a word that cannot
  stand in a name.  No segmentation of the whole text: work happens only at head suffixes;
* **context** - short forms whose full name the same document spells out (``郑大`` after
  ``郑州大学``).

Values: ``{"kind", "canonical"}`` (plus ``id`` from user gazetteers).  ``canonical`` expands
place-less short forms with the province / city the document names most (``省委`` in a
Liaoning text is 中国共产党辽宁省委员会); it is ``None`` when the document does not say
(masked ``**市教育局``, a ``局党组`` of an unnamed city).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from ..config import Config
from ..document import Document
from ..org_lexicon import (
    Entry,
    Suffix,
    load_user_gazetteer,
    read_bodies,
    read_central,
    read_divisions,
    read_generic,
    read_suffixes,
    read_universities,
    read_words,
)
from ..span import Span, make_span

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LEVEL = frozenset("省市县区州")
_PREFIX = ("中国共产党", "中共")
_NUMERAL = "一二三四五六七八九十百零〇两0123456789"
_ORDINAL = re.compile(rf"第[{_NUMERAL}]{{1,4}}[届次批]?")
#: characters that end a name on the left of an abbreviated division (、高教处)
_DIV_LEFT_STOP = frozenset("的和与及对在由向从为把被让请经、,，;；:：。!！?？()（）“”\"'《》 \n\t")
#: the edges of a stand-alone name (a website in a page header: ``\n教育装备采购网 2023-…``)
_EDGE = frozenset("、,，;；:：。!！?？()（）“”\"'《》「」 \n\t")
#: heads whose names need a proper element (a place, a proper stem, a known name): 现代产业学院,
#: 教育集团 and 研究创新中心 are categories, not institutions
_NEED_PROPER = frozenset(("university", "school", "research", "company", "other"))
#: heads that say nothing about which body without a place or owner (地方政府, 指导委员会)
_NEED_OWNER = frozenset(("政府", "人民政府", "委员会", "工作委员会", "领导小组办公室"))
#: a document number right after a name means the name is its agency code (辽学位办〔2021〕)
_DOCNO_AFTER = re.compile(r"\s?[〔\[【(（［]\s?(?:19|20)\d\d")
_MAX_TOKEN = 8
_MAX_NAME = 30


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    head: Suffix
    tokens: list[tuple[str, str]]  # (class, text), right to left, head excluded


class OrgRecognizer:
    name = "org"
    labels: tuple[str, ...] = ("ORG",)

    def __init__(self, config: Config) -> None:
        self.suffixes = read_suffixes()
        self.single_heads = frozenset(s for s in self.suffixes if len(s) == 1)
        self.divisions = read_divisions()
        self.name_words, self.proper, self.blockers = read_words()
        self.generic, self.determiners, self.categories = read_generic()
        self.bodies = read_bodies()
        entries: dict[str, Entry] = {}
        entries.update(read_universities())
        entries.update(read_central())
        for path in config.gazetteers:
            entries.update(load_user_gazetteer(path))
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        for key in entries:
            self.automaton.add_word(key, key)
        self.automaton.make_automaton()
        # place names for the document's province / city
        self.place_ac = ahocorasick.Automaton()
        for key, div in self.divisions.items():
            if div.level != "county" and len(key) >= 2:
                self.place_ac.add_word(key, div)
        self.place_ac.make_automaton()
        heads = sorted(self.suffixes, key=len, reverse=True)
        self.head_re = re.compile("|".join(map(re.escape, heads)))
        self.tokens: dict[str, str] = {}
        for w in self.name_words:
            self.tokens[w] = "N"
        for key in entries:
            self.tokens[key] = "G"
        for key in self.divisions:
            if len(key) >= 2:
                self.tokens[key] = "P"
        for s in self.suffixes:
            self.tokens[s] = "H"
        for p in _PREFIX:
            self.tokens[p] = "X"
        # token lengths by last character, longest first: the walk tries only lengths that exist
        lens: dict[str, set[int]] = {}
        for w in self.tokens:
            if 2 <= len(w) <= _MAX_TOKEN:
                lens.setdefault(w[-1], set()).add(len(w))
        self.lengths = {ch: tuple(sorted(v, reverse=True)) for ch, v in lens.items()}

    # -- document context ---------------------------------------------------------------
    def _places(self, doc: Document) -> tuple[str | None, str | None]:
        cached = doc.cache.get("org.places")
        if cached is not None:
            return cached
        prov: Counter[str] = Counter()
        city: Counter[str] = Counter()
        divisions = self.divisions
        for _end, div in self.place_ac.iter(doc.norm):
            full = divisions[div.full] if div.full in divisions else div
            if full.level == "province":
                prov[full.name] += 1
            elif full.level == "city" and div.name == full.name:
                city[full.name] += 1
        result = (
            prov.most_common(1)[0][0] if prov else None,
            city.most_common(1)[0][0] if city else None,
        )
        doc.cache["org.places"] = result
        return result

    # -- candidates -----------------------------------------------------------------------
    def find(self, doc: Document) -> Iterator[Span]:
        norm = doc.norm
        found: dict[tuple[int, int], tuple[dict[str, Any], str]] = {}
        for end, key in self.automaton.iter(norm):
            start = end + 1 - len(key)
            if self._gazetteer_ok(norm, start, end + 1, key):
                entry = self.entries[key]
                value: dict[str, Any] = {"kind": entry.kind, "canonical": entry.canonical}
                if entry.id is not None:
                    value["id"] = entry.id
                found[(start, end + 1)] = (value, entry.source)
        names: list[_Name] = []
        for m in self.head_re.finditer(norm):
            name = self._grow(norm, m.start(), m.end(), self.suffixes[m.group()])
            if name is not None and (name.start, name.end) not in found:
                names.append(name)
        province, city = self._places(doc)
        main_ting = self._main_body(norm, names, "厅")
        teams: list[tuple[str, dict[str, Any]]] = []
        for name in names:
            value = self._value(norm, name, province, city, main_ting)
            found[(name.start, name.end)] = (value, "org.grammar")
            if name.head.cls == "team":
                teams.append((norm[name.start : name.end], value))
        _refine_teams(teams)
        self._context_aliases(norm, found)
        self._propagate(norm, found)
        for (start, end), (value, source) in found.items():
            yield make_span(doc.text, start, end, "ORG", dict(value), source)

    def _gazetteer_ok(self, norm: str, start: int, end: int, key: str) -> bool:
        if len(key) < 4 and norm[end - 1 : end + 1] in self.blockers:
            return False  # 教育部门, 教育部署
        if _DOCNO_AFTER.match(norm, end):
            return False
        if len(key) <= 3:
            # a short name glued into a longer word: 全国办…, 集中办理
            left = norm[start - 1 : start + 1] if start else ""
            if left in self.name_words or left in self.blockers:
                return False
        return True

    def _token_at(self, norm: str, p: int) -> tuple[str, str] | None:
        """The longest known token ending at ``p`` with its class, or None."""
        ch = norm[p - 1]
        if ch == "*":
            q = p - 1
            while q > 0 and p - q < 6 and norm[q - 1] == "*":
                q -= 1
            return ("M", norm[q:p])
        if ch == "”":
            q = norm.rfind("“", max(0, p - 12), p - 1)
            if q >= 0 and not any(c in _DIV_LEFT_STOP for c in norm[q + 1 : p - 1]):
                return ("Q", norm[q:p])
            return None
        if ch in _NUMERAL or ch in "届次批":
            for length in range(2, 8):
                if p - length >= 0 and _ORDINAL.fullmatch(norm, p - length, p):
                    return ("O", norm[p - length : p])
        tokens = self.tokens
        for length in self.lengths.get(ch, ()):
            if length > p:
                continue
            w = norm[p - length : p]
            cls = tokens.get(w)
            if cls is not None:
                if cls == "N" and (w[-1] in self.single_heads or w[-2:] in self.suffixes):
                    return ("H", w)  # 江苏省委: a word that is itself a body nests like one
                return (cls, w)
        if ch in self.single_heads:
            return ("H", ch)
        if ch in _LEVEL:
            return ("L", ch)
        if ch == "驻":
            return ("C", ch)
        return None

    def _grow(self, norm: str, s: int, e: int, head: Suffix) -> _Name | None:
        # 部署, 处理, 委员, 局面, 办法 hide a one-character head; a longer head stands
        # (党组成员 is 党组 + 成员; 党组织 is caught by the generic list below)
        right_blocked = (
            len(head.text) == 1 and norm[e - 1 : e + 1] in self.blockers
            and norm[e : e + 2] != head.text + "长"  # 财务处处长 is 财务处 + 处长
        )
        if s > 0 and (norm[s - 1 : e] in self.blockers or norm[s - 1 : e] in self.generic):
            return None  # 西部, 干部, 举办, 到处, 中小学
        if norm[s : e + 1] in self.generic:
            return None  # 处室, 党组织: the head starts a generic word
        if _DOCNO_AFTER.match(norm, e):
            return None  # the agency code of a document number
        tokens: list[tuple[str, str]] = []
        p = s
        leftmost = "HEAD"
        owner_seen = False
        while p > 0 and e - p < _MAX_NAME:
            tok = self._token_at(norm, p)
            if tok is None and leftmost == "HEAD" and head.cls in ("school", "branch") or (
                tok is None and leftmost == "HEAD" and head.kind == "company"
            ):
                tok = self._proper_chunk(norm, p)  # 杭州市|天长|小学
            if tok is None:
                break
            cls, text = tok
            if cls in ("H", "G") and leftmost in ("P", "L", "M", "X"):
                if not (head.cls == "branch" and not owner_seen):
                    break  # 省委|省政府: a place starts a new, coordinated name
            if cls in ("H", "G"):
                owner_seen = True
            if cls == "L" and leftmost == "L":
                return None  # 市县教育局, 县区委: a list of levels is a plural
            if leftmost == "M" and cls not in ("P", "L", "X"):
                break  # a mask stands for the place: 组织|**大学
            if cls == "H":
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
            if cls == "X" or norm[p:e] in self.entries:
                break  # a prefix ends the name; so does a complete known name (组织|东北大学)
            if cls == "N" and p > 1 and norm[p - 1] == "和":
                # 人力资源和社会保障厅: 和 joins two field words inside one name
                inner = self._token_at(norm, p - 1)
                if inner is not None and inner[0] in ("N", "R"):
                    tokens.append(("J", "和"))
                    p -= 1
        # strip trailing connectors on the left: 和, 驻 alone at the edge stays (驻厅纪检监察组)
        if right_blocked and not (
            head.text == "委" and tokens and all(c in ("P", "L") for c, _ in tokens)
            and norm[e : e + 1] != "员"
        ):
            return None  # a place + 委 is a party committee whatever follows (省委实施细则)
        name = _Name(p, e, head, tokens)
        return name if self._valid(norm, name) else None

    def _proper_chunk(self, norm: str, p: int) -> tuple[str, str] | None:
        """2-4 unknown characters between a place and a school head are the school's own name."""
        for length in (2, 3, 4):
            q = p - length
            if q < 2:
                break
            chunk = norm[q:p]
            if not all(_HAN.match(c) and c not in _DIV_LEFT_STOP for c in chunk):
                break
            left = self._token_at(norm, q)
            if left is not None and left[0] in ("P", "L") and len(left[1]) >= 2 or (
                left is not None and left[0] == "L" and q >= 3
                and self._token_at(norm, q - 1) is not None
                and self._token_at(norm, q - 1)[0] in ("P", "M")  # type: ignore[index]
            ):
                return ("R", chunk)
        return None

    def _valid(self, norm: str, name: _Name) -> bool:
        text = norm[name.start : name.end]
        head = name.head
        if text in self.generic:
            return False
        classes = [c for c, _ in name.tokens]
        if not classes:
            if head.cls == "division":
                return self._abbreviated_division(norm, name)
            if head.cls == "media":
                return self._standalone(norm, name)
            return False  # a bare head word: 党组, 办公室, 委
        if any(t in self.generic for c, t in name.tokens if c in ("N", "R")):
            return False  # 高校党委: a generic owner
        if all(c in ("O", "Q", "C") for c in classes):
            return False  # 第七届图书馆
        if classes == ["X"] and head.text != "委":
            return False  # 中国共产党党组(工作条例): the party's organ type, not one body
        if text.endswith(self.categories):
            return False  # 教育部重点实验室, 现代产业学院: a category of institutions
        owned = any(c in ("P", "M", "G", "X", "L", "H") for c in classes)
        if head.text in _NEED_OWNER and not owned:
            return False
        if head.kind in _NEED_PROPER and not any(
            c in ("P", "M", "G", "X") or (c in ("N", "R") and t in self.proper)
            or (head.cls != "school" and c in ("L", "H", "O"))
            for c, t in name.tokens
        ):
            if head.cls == "media":
                return self._standalone(norm, name)
            return False
        left = norm[max(0, name.start - 2) : name.start]
        has_place = any(c in ("P", "M") for c in classes)
        if not has_place and (left[-1:] in self.determiners or left in self.determiners):
            return False  # 各市政府, 全省…, 有关部门
        if head.cls == "team" and not any(c in ("H", "G", "P", "L", "X") for c in classes):
            return False  # 巡视组 without its owner
        if classes == ["C"]:
            return False
        if classes[-1] == "C":
            # 驻 only starts a name when it says where (驻厅纪检监察组)
            return len(classes) > 1
        if head.cls in ("media",) and len(text) < 4:
            return False
        if len(head.text) == 1 and classes == ["N"] and len(name.tokens[0][1]) < 2:
            return False
        if all(c == "L" for c in classes) and len(head.text) == 1 and head.text != "委":
            # 省厅, 市局: too vague to name one body
            return False
        return True

    def _standalone(self, norm: str, name: _Name) -> bool:
        """A website or paper named on its own (``来源:教育装备采购网``): both edges clear."""
        if name.end < len(norm) and norm[name.end] not in _EDGE:
            return False
        s = name.end - len(name.head.text)
        for length in range(6, 1, -1):
            q = s - length
            if q < 0:
                continue
            chunk = norm[q:s]
            if not all(_HAN.match(c) for c in chunk) or any(c in self.determiners for c in chunk):
                continue
            if q == 0 or norm[q - 1] in _EDGE:
                name.start = q
                name.tokens = [("D", chunk)]
                return True
        return False

    def _abbreviated_division(self, norm: str, name: _Name) -> bool:
        """``高教处``, ``组干处``: 2-4 characters between a clear left edge and the head."""
        s = name.end - len(name.head.text)
        for length in (2, 3, 4):
            q = s - length
            if q < 0:
                break
            chunk = norm[q:s]
            if not all(
                _HAN.match(c) and c not in self.determiners and c not in _DIV_LEFT_STOP
                for c in chunk
            ):
                break
            before = norm[q - 1] if q > 0 else "\n"
            if before in _DIV_LEFT_STOP:
                name.start = q
                name.tokens.append(("D", chunk))
                return True
        return False

    # -- values ---------------------------------------------------------------------------
    def _main_body(self, norm: str, names: list[_Name], head: str) -> str | None:
        """The most mentioned ``…厅`` body of the document (what ``厅党组`` refers to)."""
        counts: Counter[str] = Counter()
        for n in names:
            if n.head.text == head and n.tokens and n.tokens[0][0] == "N":
                counts[n.tokens[0][1] + head] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _kind(self, name: _Name) -> str:
        kind = name.head.kind
        if name.head.cls == "school" or kind in ("party", "company", "research", "university"):
            return kind
        classes = [c for c, _ in name.tokens]
        texts = [t for _, t in name.tokens]
        if name.head.text == "委" and classes and all(c in ("P", "L", "M") for c in classes):
            return "party"  # 省委, 辽宁省委
        for i, (cls, text) in enumerate(name.tokens):
            if cls == "X":
                return "party"
            if cls == "H":
                suf = self.suffixes.get(text)
                if suf is not None and suf.kind == "party":
                    return "party"
                rest = classes[i + 1 :]
                if text == "委" and all(c in ("P", "L", "M") for c in rest):
                    return "party"
        del texts
        return kind

    def _expand(self, rest: str) -> tuple[str, bool]:
        party = False
        for short, full, is_party in self.bodies:
            if short in rest and full not in rest:
                rest = rest.replace(short, full, 1)
                party = party or is_party
        return rest, party

    def _value(
        self,
        norm: str,
        name: _Name,
        province: str | None,
        city: str | None,
        main_ting: str | None,
    ) -> dict[str, Any]:
        kind = self._kind(name)
        text = norm[name.start : name.end]
        value: dict[str, Any] = {"kind": kind, "canonical": None}
        if "*" in text:
            return value
        if name.head.cls == "school" or any(
            (c == "H" and t in self.suffixes and self.suffixes[t].cls == "school")
            or (c == "G" and self.entries[t].kind == "university")
            for c, t in name.tokens
        ):
            value["canonical"] = text  # a school's name is its own canonical form
            return value
        if kind not in ("government", "party") and not (
            name.tokens and name.tokens[-1][0] == "L"
        ):
            value["canonical"] = text  # companies, media, research bodies: the name as written
            return value
        # split the leading place tokens off
        place_len = 0
        place: str | None = None
        prefix = ""
        toks = list(reversed(name.tokens))
        i = 0
        if toks and toks[0][0] == "X":
            prefix = "中共"
            place_len += len(toks[0][1])
            i = 1
        parts: list[str] = []
        while i < len(toks) and toks[i][0] in ("P", "L"):
            parts.append(toks[i][1])
            place_len += len(toks[i][1])
            i += 1
        rest = text[place_len:]
        joined = "".join(parts)
        if joined:
            if joined in ("省",):
                place = province
            elif joined in ("市",):
                place = city
            elif joined in ("县", "区", "州"):
                place = None
            else:
                div = self.divisions.get(joined) or self.divisions.get(joined[:-1])
                place = div.full if div is not None else joined
        else:
            # no place written: a provincial body type implies the document's province
            if rest.startswith("厅") and main_ting and province:
                rest = main_ting + rest[1:]
                place = province
            elif (rest.startswith(("教育厅", "教育工委")) or rest.endswith("厅")) and province:
                place = province
                if rest.startswith("教育工委"):
                    rest = "委" + rest
            elif name.head.cls == "division" or not province:
                return value
            else:
                return value
        if place is None:
            return value
        if rest == "委":
            value["canonical"] = f"中国共产党{place}委员会"
            return value
        if "驻" in rest:  # 纪委监委驻省教育厅纪检监察组: the official name keeps its short forms
            value["canonical"] = f"{place}{rest}"
            return value
        full_rest, party = self._expand(rest)
        if prefix or rest.startswith("委") or party or full_rest.endswith("党组"):
            value["canonical"] = f"中共{place}{full_rest}"
        else:
            value["canonical"] = f"{place}{full_rest}"
        return value

    def _context_aliases(
        self, norm: str, found: dict[tuple[int, int], tuple[dict[str, Any], str]]
    ) -> None:
        """``郑大`` for ``郑州大学`` when the document names the university in full."""
        aliases: dict[str, str] = {}
        for (start, end), (value, _src) in list(found.items()):
            text = norm[start:end]
            if value.get("kind") == "university" and len(text) == 4 and text.endswith("大学"):
                aliases[text[0] + "大"] = text
        for alias, full in aliases.items():
            if alias in self.divisions:
                continue
            for m in re.finditer(re.escape(alias), norm):
                s, e = m.span()
                if norm[e : e + 1] == "学" or (s, e) in found:
                    continue
                found[(s, e)] = ({"kind": "university", "canonical": full}, "org.context")


    def _propagate(
        self, norm: str, found: dict[tuple[int, int], tuple[dict[str, Any], str]]
    ) -> None:
        """Every other mention of a name the document has established is that ORG too."""
        seen: dict[str, dict[str, Any]] = {}
        for (start, end), (value, _src) in found.items():
            text = norm[start:end]
            if len(text) >= 4 and "*" not in text:
                seen.setdefault(text, value)
        for text, value in seen.items():
            i = norm.find(text)
            while i >= 0:
                if (i, i + len(text)) not in found:
                    found[(i, i + len(text))] = (value, "org.context")
                i = norm.find(text, i + 1)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _refine_teams(teams: list[tuple[str, dict[str, Any]]]) -> None:
    """``省委巡视组`` is the ``省委第六巡视组`` the document names (when it names just one)."""
    fuller: dict[str, dict[str, Any]] = {}
    for text, value in teams:
        fuller.setdefault(text, value)
    for text, value in teams:
        longer = {
            t: v["canonical"] for t, v in fuller.items()
            if len(t) > len(text) and t[-2:] == text[-2:] and _is_subsequence(text, t)
            and v.get("canonical")
        }
        if len(set(longer.values())) == 1:
            value["canonical"] = next(iter(longer.values()))


def build(config: Config) -> OrgRecognizer:
    return OrgRecognizer(config)
