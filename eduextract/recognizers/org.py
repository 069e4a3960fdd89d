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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick
from rapidfuzz import fuzz, process

from ..config import Config
from ..document import Document
from ..normalize import normalize
from ..org_lexicon import (
    Division,
    Entry,
    Suffix,
    load_user_gazetteer,
    read_bodies,
    read_central,
    read_divisions,
    read_generic,
    read_party_fields,
    read_suffixes,
    read_universities,
    read_words,
)
from ..span import Span, make_span

_LEVEL = frozenset("省市县区州盟")  # 盟: an Inner Mongolian prefecture (盟教育局)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"

_PREFIX = ("中国共产党", "中共")
_NUMERAL = "一二三四五六七八九十百零〇两0123456789"
_ORDINAL = re.compile(rf"第[{_NUMERAL}]{{1,4}}[届次批]?")
#: last characters that need more than a word look-up: a mask, a quote, an ordinal
_SPECIAL = frozenset("*”" + _NUMERAL + "届次批")
#: characters that end a name on the left of an abbreviated division (、高教处)
#: a term number right before a national congress (第十四届|全国人民代表大会); as the guideline
#: keeps 第十五届 inside 青岛市第十五届人民代表大会常务委员会
_TERM_BEFORE = re.compile(r"第[一二三四五六七八九十]{1,4}届$")
#: a university's own units that the rest of its notice names bare, once the document has
#: named them with their owner (docs/decisions.md: university internal units)
_OWN_UNITS = ("研究生院",)
#: a count after the head (…、深部工程与智能技术国家重点实验室6个): the fields before it list
#: the labs of a category, no single lab is named
_COUNT_AFTER = re.compile(r"[ ]?[\d０-９*＊一二三四五六七八九十两]")
#: verbs and determiners that make 国家重点实验室 / 国家工程研究中心 a category after them
#: (加快建设国家工程研究中心, 新增国家重点实验室3个), not a named lab
_LAB_STEM_VERBS = (
    "建设", "组建", "创建", "筹建", "共建", "获批", "申报", "依托", "培育", "批准", "认定", "新增",
    "布局", "推动", "支持", "加快", "围绕", "争创", "入选", "牵头", "联合", "各", "一批", "多个",
    "评估", "管理", "重组",
    "加强", "深化", "开展", "推进", "促进",
)
_DIV_LEFT_STOP = frozenset(
    "的和与及对在由向从把被让请经送至于、,，;；:：。!！?？()（）“”\"'《》 \n\t"
)
#: the edges of a stand-alone name (a website in a page header: ``\n教育装备采购网 2023-…``)
_EDGE = frozenset("、,，;；:：。!！?？()（）“”\"'《》「」 \n\t")
#: heads whose names need a proper element (a place, a proper stem, a known name): 现代产业学院,
#: 教育集团 and 研究创新中心 are categories, not institutions
_NEED_PROPER = frozenset(("university", "school", "research", "company", "other"))
#: heads that say nothing about which body without a place or owner (地方政府, 指导委员会)
_NEED_OWNER = frozenset(("政府", "人民政府", "委员会", "工作委员会", "领导小组办公室"))
#: a document number right after a name means the name is its agency code (辽学位办〔2021〕)
_DOCNO_AFTER = re.compile(r"\s?[〔\[【(（［]\s?(?:19|20)\d\d")
#: what can open _DOCNO_AFTER: a bracket or a \s character (all of them lie below U+3001)
_DOCNO_FIRST = frozenset("〔[【(（［") | {chr(i) for i in range(0x3001) if chr(i).isspace()}
#: near-miss matching (one wrong or missing character) only for names at least this long,
#: and only at this rapidfuzz ``fuzz.ratio`` or above; measured by benchmarks/org_fuzzy.py
FUZZY_MIN_LEN = 7
FUZZY_THRESHOLD = 85.0
#: national owner words: they single out one body as a place does (国家开发银行, 中国教育学会)
_NATIONAL = frozenset(("国家", "中国", "中华", "全国", "中央"))
#: class sets of _valid: tokens that only qualify (ordinal, quote, 驻), owners, team owners
_ADJUNCT = frozenset("OQC")
_OWNER = frozenset("PMGXLH")
_TEAM_OWNER = frozenset("HGPLX")
_L_ONLY = frozenset("L")
#: a character automaton with more distinct first characters than this is slower than the
#: byte automaton (pyahocorasick searches a node's edges linearly): ~50 on the gold texts
_SMALL_FANOUT = 48
#: heads that may stand without a token before them (高教处 via _abbreviated_division, a
#: website alone, 团省委)
_BARE_OK = frozenset(("division", "media", "complete"))
_LEVEL_LIST = re.compile(r"[（(][省市县区、]{2,8}[）)]$")
#: an address line or list opened by a plural determiner: 各市、县（市、区）财政局、教育局,
#: 各市委教育工委（教育局党组);
#: every placeless item of it is plural too (group: the text before the item, in its clause)
_PLURAL_CLAUSE = re.compile(
    r"(?:^|[，。；：,;:\n])\s{0,4}(?:各级?[省市县区镇乡州盟旗]|(?:有关|相关)部门)[^，。；：,;:\n]{0,40}[、（）()]$"
)
#: level words whose last character is no place of its own (各省、自治区、直辖市教育厅)
_LEVEL_WORDS = frozenset({"直辖市", "单列市"})
_LEVEL_WORDS_LAST = frozenset(w[-1] for w in _LEVEL_WORDS)
#: the short forms of autonomous regions and prefectures, levels like 省 and 市
_AUTONOMOUS = ("自治区", "自治州")
#: the last character before an item of a plural list (what _PLURAL_CLAUSE ends with)
_LIST_MARK = frozenset("、（）()")
_MAX_TOKEN = 8
_MAX_NAME = 30


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    head: Suffix
    tokens: list[tuple[str, str]]  # (class, text), right to left, head excluded
    unknown: bool = False  # a "U" token (unknown characters read as an own name) is among them


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
        self.party_fields = read_party_fields()
        entries: dict[str, Entry] = {}
        entries.update(read_universities())
        entries.update(read_central())
        for path in config.gazetteers:
            entries.update(load_user_gazetteer(path))
        # keys are matched on the folded text, where （ ） are ( )
        self.entries = {normalize(k): v for k, v in entries.items()}
        entries = self.entries
        # near-miss candidates, indexed by their last two characters (the head: 大学, 学院 …)
        # tail (last two characters) -> length -> one of the first two characters -> names.
        # One wrong or missing character leaves the tail (the head) and, in a name of seven or
        # more characters, the first or the second character where a window starts.
        self.fuzzy_index: dict[str, dict[int, dict[str, list[str]]]] = {}
        for key in entries:
            if len(key) >= FUZZY_MIN_LEN:
                by_len = self.fuzzy_index.setdefault(key[-2:], {}).setdefault(len(key), {})
                for ch in {key[0], key[1]}:
                    by_len.setdefault(ch, []).append(key)
        self.fuzzy_threshold = FUZZY_THRESHOLD
        # the same, read per window: tail -> (longest window, {(window length, its first or
        # second character): names of length ±1}) - one dictionary look-up per window
        self.fuzzy_windows: dict[str, tuple[int, dict[tuple[int, str], frozenset[str]]]] = {}
        for tail, by_len in self.fuzzy_index.items():
            top = max(by_len) + 1
            windows: dict[tuple[int, str], set[str]] = {}
            for length in range(FUZZY_MIN_LEN - 1, top + 1):
                for d in (length - 1, length, length + 1):
                    for ch, names in by_len.get(d, {}).items():
                        windows.setdefault((length, ch), set()).update(names)
            self.fuzzy_windows[tail] = (top, {k: frozenset(v) for k, v in windows.items()})
        # One Aho-Corasick pass finds known names and the place names that tell the document's
        # province / city.  It runs over the UTF-8 bytes (as a latin-1 str): pyahocorasick
        # searches a node's edges linearly, and at the root a CJK key set has about a thousand
        # edges but only a handful of UTF-8 lead bytes, so the byte automaton is several times
        # faster.  Values: (length in characters, known name or None, place or None).
        scan: dict[str, tuple[int, str | None, Division | None]] = {}
        for key in entries:
            scan[key] = (len(key), key, None)
        for key, div in self.divisions.items():
            if div.level != "county" and len(key) >= 2:
                n, known, _ = scan.get(key, (len(key), None, None))
                scan[key] = (n, known, div)
        self.scan_ac = ahocorasick.Automaton()
        for key, item in scan.items():
            self.scan_ac.add_word(key.encode("utf-8", "surrogatepass").decode("latin-1"), item)
        self.scan_ac.make_automaton()
        # per head, the characters that veto it before any walk: a left neighbour making a
        # blocker or generic word (西部, 干部, 中小学), a right neighbour making a generic word
        # (处室, 党组织) or, after a one-character head, a blocker word (部署, 处理, 局面)
        left: dict[str, set[str]] = {h: set() for h in self.suffixes}
        right_generic: dict[str, set[str]] = {h: set() for h in self.suffixes}
        right_block: dict[str, set[str]] = {h: set() for h in self.suffixes}
        for w in self.blockers | self.generic:
            if w[1:] in left:
                left[w[1:]].add(w[0])
        generic_before: dict[str, set[str]] = {}
        for w in self.generic:
            if w[:-1] in right_generic:
                right_generic[w[:-1]].add(w[-1])
            if len(w) == 2:
                generic_before.setdefault(w[1], set()).add(w[0])
        # second character of a two-character generic word -> its first characters: a name
        # cannot start inside one (公办|中心幼儿园)
        self.generic_before = {c: frozenset(v) for c, v in generic_before.items()}
        # a blocker word read from a one-character head or from the last character of a
        # division (教务处理: 处理 hides 处 whatever the division's length)
        by_last: dict[str, list[str]] = {}
        for h, suf in self.suffixes.items():
            if len(h) == 1 or suf.cls == "division":
                by_last.setdefault(h[-1], []).append(h)
        for w in self.blockers:
            if len(w) == 2:
                for h in by_last.get(w[0], ()):
                    right_block[h].add(w[1])
        # heads whose own name may be unknown characters (杭州市|天长|小学, 华为|有限公司)
        self.chunk_heads = frozenset(
            h for h, suf in self.suffixes.items()
            if suf.cls in ("school", "branch") or suf.kind == "company"
        )
        # (class, word) tokens that make a generic owner (高校|党委)
        self.generic_owners = frozenset((c, w) for w in self.generic for c in ("N", "R"))
        self.head_info: dict[str, tuple[Suffix, frozenset[str], frozenset[str], frozenset[str]]]
        self.head_info = {
            h: (suf, frozenset(left[h]), frozenset(right_generic[h]), frozenset(right_block[h]))
            for h, suf in self.suffixes.items()
        }
        # The head regex itself skips a one-character head its neighbours veto (西部, 部署,
        # 处室, 局〔2021〕): _grow would return None at once, and a one-character head
        # consumes only itself, so the scan goes on exactly where it would have.  Kept: a
        # head whose two last characters may end a known name with a typo (near-miss).
        guards: dict[str, str] = {}
        for h, (_suf, left_veto, right_gen, right_blk) in self.head_info.items():
            if len(h) != 1:
                continue
            typo_tail = {t[0] for t in self.fuzzy_index if t[1] == h}
            vetoes: list[str] = []
            if left_veto - typo_tail:
                vetoes.append(f"(?<!{_char_class(left_veto - typo_tail)}{re.escape(h)})")
            if right_gen:
                vetoes.append(f"(?!{_char_class(right_gen)})")
            vetoes.append(f"(?!{_DOCNO_AFTER.pattern})")
            if h == "委":
                if "员" in right_blk:
                    vetoes.append("(?!员)")  # 委员: a place + 委 survives other blocked edges
            elif right_blk:
                vetoes.append(f"(?!(?!{re.escape(h)}长){_char_class(right_blk)})")
            keep = "".join(vetoes)
            if typo_tail:
                keep = f"(?:(?<={_char_class(typo_tail)}{re.escape(h)})|{keep})"
            guards[h] = keep
        self.head_re = re.compile(_trie_pattern(self.suffixes, guards))
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
        # the walk's answer for every multi-character token, built once: a name word that is
        # itself a body (江苏省委's 省委) nests like a head
        self.token_results: dict[str, tuple[str, str]] = {}
        for w, cls in self.tokens.items():
            if 2 <= len(w) <= _MAX_TOKEN:
                if cls == "N" and (w[-1] in self.single_heads or w[-2:] in self.suffixes):
                    cls = "H"
                self.token_results[w] = (cls, w)
        # the same words as a trie read from the last character leftwards: a node maps the
        # next character to the left to its child, and "" to the token ending there
        self.suffix_trie: dict[str, Any] = {}
        for w, result in self.token_results.items():
            node = self.suffix_trie
            for ch in reversed(w):
                child = node.get(ch)
                if child is None:
                    child = node[ch] = {}
                node = child
            node[""] = result
        # 自治区教育厅: the region's short form is a level like 省, read only where no other
        # token ends (the walk's longest token still wins: 广西壮族自治区)
        for w in _AUTONOMOUS:
            if w not in self.token_results and w[-2:] not in self.token_results \
                    and w[-1] not in self.single_heads:
                node = self.suffix_trie
                for ch in reversed(w):
                    node = node.setdefault(ch, {})
                node[""] = ("L", w)
        # one-character tokens: a head, a level (省, 市), 驻
        self.char_results: dict[str, tuple[str, str]] = {}
        for ch in ("驻", *_LEVEL, *self.single_heads):
            cls = "H" if ch in self.single_heads else "L" if ch in _LEVEL else "C"
            self.char_results[ch] = (cls, ch)

    # -- document context ---------------------------------------------------------------
    def _places(self, doc: Document) -> tuple[str | None, str | None]:
        cached = doc.cache.get("org.places")
        if cached is None:
            raw = doc.norm.encode("utf-8", "surrogatepass")
            self._scan(doc, raw, raw.decode("latin-1"))
            cached = doc.cache["org.places"]
        return cached

    def _scan(self, doc: Document, raw: bytes, hay: str) -> list[tuple[int, int, str]]:
        """Known names ``(start, end, key)`` in text order; caches the document's places.

        Offsets come back from the byte automaton as byte offsets; hits arrive in order of
        their end, so the character offset is advanced by decoding only the bytes between
        consecutive hits (every hit ends on a character boundary: UTF-8 is self-synchronising).
        ``raw`` is ``doc.norm`` in UTF-8 (``surrogatepass``), ``hay`` the same bytes as a
        latin-1 ``str`` (what the byte automata search).
        """
        count = "org.places" not in doc.cache
        prov: Counter[str] = Counter()
        city: Counter[str] = Counter()
        divisions = self.divisions
        known: list[tuple[int, int, str]] = []
        pos_b = pos_c = 0
        for end_b, (n, key, div) in self.scan_ac.iter(hay):
            end_b += 1
            if end_b != pos_b:
                pos_c += len(raw[pos_b:end_b].decode("utf-8", "surrogatepass"))
                pos_b = end_b
            if key is not None:
                known.append((pos_c - n, pos_c, key))
            if div is not None and count:
                full = divisions[div.full] if div.full in divisions else div
                if full.level == "province":
                    prov[full.name] += 1
                    if full.name.endswith("市") and div.name == full.name:
                        city[full.name] += 1  # 北京市: a municipality is the city of 市委 too
                elif full.level == "city" and div.name == full.name:
                    city[full.name] += 1
        if count:
            doc.cache["org.places"] = (_dominant(prov), _dominant(city))
        return known

    # -- candidates -----------------------------------------------------------------------
    def find(self, doc: Document) -> Iterator[Span]:
        norm = doc.norm
        found: dict[tuple[int, int], tuple[dict[str, Any], str]] = {}
        raw = norm.encode("utf-8", "surrogatepass")
        hay = raw.decode("latin-1")
        for start, stop, key in self._scan(doc, raw, hay):
            end = stop - 1
            if self._gazetteer_ok(norm, start, end + 1, key):
                entry = self.entries[key]
                value: dict[str, Any] = {"kind": entry.kind, "canonical": entry.canonical}
                if entry.id is not None:
                    value["id"] = entry.id
                stop = end + 1
                if key.endswith(")") and "(" in key:
                    # 中国石油大学（华东）: the campus note stays outside the span, but it
                    # chose the entry (canonical and id are the campus's)
                    stop = start + key.index("(")
                found[(start, stop)] = (value, entry.source)
        for start, stop in [k for k in found if norm.startswith("全国", k[0])]:
            term = _TERM_BEFORE.search(norm, max(0, start - 8), start)
            if term is not None:  # 第十四届全国人民代表大会: the term is part of the name
                found[(term.start(), stop)] = found.pop((start, stop))
        names: list[_Name] = []
        exact_ends = {end for _start, end in found}
        grow = self._grow
        fuzzy_tails = self.fuzzy_index
        for m in self.head_re.finditer(norm):
            s, e = m.span()
            name = grow(norm, s, e, m.group())
            if name is not None and not name.unknown:
                if (name.start, name.end) not in found:
                    names.append(name)
                continue
            # the grammar could not read a name here: a known name with one character wrong
            # or missing (a typo breaks the word list) is recovered by near-miss matching
            if e not in exact_ends and norm[e - 2 : e] in fuzzy_tails:
                near = self.near_miss(norm, e)
                if near is not None:
                    start, key = near
                    entry = self.entries[key]
                    value = {"kind": entry.kind, "canonical": entry.canonical}
                    if entry.id is not None:
                        value["id"] = entry.id
                    found[(start, e)] = (value, "gazetteer.fuzzy")
                    continue
            if name is not None and (name.start, name.end) not in found:
                names.append(name)  # a place, an unknown own name, a school head
        province, city = self._places(doc)
        main_ting = self._main_body(norm, names, "厅")
        teams: list[tuple[str, dict[str, Any]]] = []
        # a value depends only on the name's text, head and tokens (and the document facts
        # above): a name the document repeats is valued once
        values: dict[tuple[str, str, tuple[tuple[str, str], ...]], dict[str, Any]] = {}
        for name in names:
            key = (norm[name.start : name.end], name.head.text, tuple(name.tokens))
            value = values.get(key)
            if value is None:
                value = values[key] = self._value(norm, name, province, city, main_ting)
            value = dict(value)  # each its own: _refine_teams edits values in place
            found[(name.start, name.end)] = (value, "org.grammar")
            if name.head.cls == "team":
                teams.append((norm[name.start : name.end], value))
        _refine_teams(teams)
        self._context_aliases(norm, found)
        self._propagate(norm, found, raw, hay)
        for (start, end), (value, source) in found.items():
            yield make_span(doc.text, start, end, "ORG", dict(value), source)

    def near_miss(self, norm: str, end: int) -> tuple[int, str] | None:
        """``(start, known name)`` for a name ending at ``end`` that misses one character.

        Windows of every plausible length ending at ``end`` are compared with the known names
        that share their last two characters; the best ``fuzz.ratio`` at or above the
        threshold wins (ties: the longer window); two different names at the best score are
        ambiguous and give None.  Exact names never get here.
        """
        index = self.fuzzy_windows.get(norm[end - 2 : end])
        if not index:
            return None
        top, windows = index
        best: tuple[float, int, list[str]] | None = None
        empty: frozenset[str] = frozenset()
        for length in range(FUZZY_MIN_LEN - 1, top + 1):
            start = end - length
            if start < 0:
                break
            first = norm[start]
            if not _is_han(first):
                break
            choices = windows.get((length, first), empty) | windows.get(
                (length, norm[start + 1]), empty
            )
            if not choices:
                continue
            window = norm[start:end]
            hits = process.extract(
                window, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold,
                limit=None,
            )
            if not hits:
                continue
            score = max(h[1] for h in hits)
            keys = sorted(h[0] for h in hits if h[1] == score)
            if best is None or score > best[0] or (score == best[0] and length > end - best[1]):
                best = (score, start, keys)
        if best is None:
            return None
        keys = best[2]
        if len({self.entries[k].canonical for k in keys}) > 1:
            return None  # 州职业技术学院: 荆州 or 汝州 — one missing character, two names
        return best[1], keys[0]

    def _gazetteer_ok(self, norm: str, start: int, end: int, key: str) -> bool:
        if len(key) < 4 and norm[end - 1 : end + 1] in self.blockers and norm[end] != "将":
            return False  # 教育部门, 教育部署 (not 教育部将: 将 is the modal "will" there)
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
        if ch in _SPECIAL:
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
            for length in range(2, 8):
                if p - length >= 0 and _ORDINAL.fullmatch(norm, p - length, p):
                    return ("O", norm[p - length : p])
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

    def _grow(self, norm: str, s: int, e: int, head_text: str) -> _Name | None:
        head, left_veto, right_generic, right_block = self.head_info[head_text]
        if s > 0 and norm[s - 1] in left_veto:
            return None  # 西部, 干部, 举办, 到处, 中小学
        if e < len(norm):
            nxt = norm[e]
            if nxt in right_generic:
                return None  # 处室, 党组织: the head starts a generic word
            if nxt in _DOCNO_FIRST and _DOCNO_AFTER.match(norm, e):
                return None  # the agency code of a document number
            # 部署, 处理, 委员, 局面, 办法 hide a one-character head; a longer head stands
            # (党组成员 is 党组 + 成员; 党组织 is caught by the generic list)
            right_blocked = nxt in right_block and norm[e : e + 2] != head_text + "长"
            if right_blocked and (head_text != "委" or nxt == "员"):
                return None  # (see below: only a place + 委 survives a blocked right edge)
        else:
            right_blocked = False
        if head.text.startswith(("国家", "教育部")) and head.kind == "research":
            q = None if _COUNT_AFTER.match(norm, e) else self._lab_stem(norm, s)
            if q is not None:  # 旱区作物逆境生物学|国家重点实验室: the field is the name
                return _Name(q, e, head, [("U", norm[q:s])], True)
        tokens: list[tuple[str, str]] = []
        p = s
        leftmost = "HEAD"
        owner_seen = False
        unknown = False
        token_at = self._token_at
        entries = self.entries
        while p > 0 and e - p < _MAX_NAME:
            tok = token_at(norm, p)
            if tok is None:
                if leftmost != "HEAD" or head.text not in self.chunk_heads:
                    break
                tok = self._proper_chunk(norm, p)  # 杭州市|天长|小学
                if tok is None:
                    break
            cls, text = tok
            if cls in ("H", "G") and leftmost in ("P", "L", "M", "X"):
                campus = self._campus_unit(text, head)
                if not (head.cls == "branch" and not owner_seen) and not campus:
                    break  # 省委|省政府: a place starts a new, coordinated name
                if campus:
                    tokens.append(tok)  # the owner completes the name: 联合|中国科学院上海…
                    p -= len(text)
                    break
            if cls in ("H", "G"):
                owner_seen = True
            if cls == "L" and leftmost == "L":
                return None  # 市县教育局, 县区委: a list of levels is a plural
            if leftmost == "M" and cls not in ("P", "L", "X"):
                break  # a mask stands for the place: 组织|**大学
            if leftmost in ("P", "L") and cls not in ("P", "X", "M", "C", "H", "G"):
                break  # a place opens a name: 联合|省教育厅, 组织|辽宁某某学院
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
            if cls == "U":
                unknown = True
            if cls == "X" or norm[p:e] in entries:
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
        if not tokens and head.cls not in _BARE_OK:
            return None  # a bare head word: 党组, 办公室, 委 (what _valid says, sooner)
        name = _Name(p, e, head, tokens, unknown)
        return name if self._valid(norm, name) else None

    @staticmethod
    def _lab_stem(norm: str, s: int) -> int | None:
        """Start of the field name before 国家重点实验室 / 国家工程研究中心: 2-20 Han
        characters back to a clear edge (punctuation, line start, 的 和 …), cut after the last
        verb (获批|…): with nothing left the head is a category being built
        (建设|国家工程研究中心)."""
        q = s
        while q > 0 and s - q < 20 and _is_han(norm[q - 1]) and (
            norm[q - 1] not in _DIV_LEFT_STOP
            or (norm[q - 1] == "与" and s - q >= 2)  # 土壤侵蚀与旱地农业: 与 joins two fields
        ):
            q -= 1
        if s - q < 2:
            return None
        stem = norm[q:s]
        cut = max((stem.rfind(v) + len(v) for v in _LAB_STEM_VERBS if v in stem), default=0)
        if not cut and ((q > 0 and norm[q - 1] not in _DIV_LEFT_STOP) or norm[q] == "与"):
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
            if not all(_is_han(c) and c not in _DIV_LEFT_STOP for c in added):
                break
            left = self._token_at(norm, q)
            if left is None:
                continue
            if left[0] in ("P", "L") and len(left[1]) >= 2:
                return ("U", norm[q:p])
            if left[0] == "L" and q >= 3:
                before = self._token_at(norm, q - 1)
                if before is not None and before[0] in ("P", "M"):
                    return ("U", norm[q:p])
        return None

    def _valid(self, norm: str, name: _Name) -> bool:
        start = name.start
        text = norm[start : name.end]
        head = name.head
        if text in self.generic:
            return False
        if head.cls == "complete":
            return True  # 团省委
        if start and norm[start - 1] in ")）" and _LEVEL_LIST.search(
            norm, max(0, start - 12), start
        ):
            return False  # 各县（市、区）教育局: a list of levels is a plural
        tokens = name.tokens
        if not tokens:
            if head.cls == "division":
                return self._abbreviated_division(norm, name)
            if head.cls == "media":
                return self._standalone(norm, name)
            return False  # a bare head word: 党组, 办公室, 委
        present = {c for c, _ in tokens}
        single = len(tokens) == 1
        if not self.generic_owners.isdisjoint(tokens):
            return False  # 高校党委: a generic owner
        last_cls, last_text = tokens[-1]
        if last_cls == "H" and last_text in self.generic:
            return False  # 学校党委, 党委办公室: the owner is itself a bare generic head
        if present <= _ADJUNCT:
            return False  # 第七届图书馆
        if single and last_cls == "X" and head.text != "委":
            return False  # 中国共产党党组(工作条例): the party's organ type, not one body
        if text.endswith(self.categories) and not head.text.startswith(("国家", "教育部")):
            return False  # 教育部重点实验室, 现代产业学院: a category of institutions
        if head.text in _NEED_OWNER and present.isdisjoint(_OWNER):
            return False
        if head.kind in _NEED_PROPER and not any(
            c in ("P", "M", "G", "X", "U") or (c in ("N", "R") and t in self.proper)
            or t in _NATIONAL
            or (head.cls != "school" and c in ("L", "H", "O"))
            for c, t in tokens
        ):
            if head.cls == "media" and not single and len(text) >= 6:
                return True  # 人民教育出版社: a publisher's name of field words
            if head.cls == "media":
                return self._standalone(norm, name)
            if head.kind == "company":
                return self._company_chunk(norm, name)
            return False
        if "P" not in present and "M" not in present:
            left = norm[max(0, start - 2) : start]
            if left[-1:] in self.determiners or left in self.determiners:
                return False  # 各市政府, 全省…, 有关部门
            if start and norm[start - 1] in _LIST_MARK and _PLURAL_CLAUSE.search(
                norm, max(0, start - 48), start
            ):
                return False  # 各区（县）教育局, 各市、县财政局、教育局: items of a plural list
        first = last_text[0]  # norm[start]: the leftmost token opens the name
        if first in _LEVEL_WORDS_LAST and norm[max(0, start - 2) : start + 1] in _LEVEL_WORDS:
            return False  # 直辖市教育厅: 市 ends a level word, the list is plural
        generic_before = self.generic_before
        if start and first in generic_before and norm[start - 1] in generic_before[first]:
            return False  # 公办|中心幼儿园: the name would start inside a generic word
        if tokens[0][0] == "O" and len(head.text) == 1 and tokens[0][1][-1] == "次":
            return False  # 教育部第四次部务会议: a session count, no term inside a name
        if head.cls == "team" and present.isdisjoint(_TEAM_OWNER):
            return False  # 巡视组 without its owner
        if last_cls == "C":
            # 驻 only starts a name when it says where (驻厅纪检监察组); alone it is none
            return not single
        if head.cls == "media" and len(text) < 4:
            return False
        if len(head.text) == 1 and single and last_cls == "N" and len(last_text) < 2:
            return False
        if present == _L_ONLY and len(head.text) == 1 and head.text != "委":
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
            if not all(_is_han(c) for c in chunk) or any(c in self.determiners for c in chunk):
                continue
            if q == 0 or norm[q - 1] in _EDGE:
                name.start = q
                name.tokens = [("D", chunk)]
                return True
        return False

    def _plain_chunk(self, chunk: str) -> bool:
        """Han characters that are neither determiners (各, 全) nor a left edge: a name part."""
        return all(
            _is_han(c) and c not in self.determiners and c not in _DIV_LEFT_STOP for c in chunk
        )

    def _company_chunk(self, norm: str, name: _Name) -> bool:
        """``华为技术有限公司``: a trade name unknown to the word list, from a clear left edge."""
        s = name.start
        if name.tokens and (s == 0 or norm[s - 1] in _DIV_LEFT_STOP):
            return True  # the walk itself ended at a clear edge: 与|华为技术有限公司
        for length in (2, 3):
            q = s - length
            if q < 0:
                break
            chunk = norm[q:s]
            if not self._plain_chunk(chunk):
                break
            if q == 0 or norm[q - 1] in _DIV_LEFT_STOP:
                name.start = q
                name.tokens.append(("U", chunk))
                name.unknown = True
                return True
            place = self._token_at(norm, q)
            if place is not None and place[0] == "P":
                # 广州市|穗农|食品有限公司, 北京|华图|教育科技有限公司: a place opens the name
                name.start = q - len(place[1])
                name.tokens += [("U", chunk), place]
                name.unknown = True
                return True
        return False

    def _abbreviated_division(self, norm: str, name: _Name) -> bool:
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
        if name.head.cls == "division" and any(
            t[i : i + 2] in self.party_fields for t in texts for i in range(len(t) - 1)
        ):
            return "party"  # 统战工作处, 组干处
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
        return rest.replace("委委", "委"), party  # 委编办 -> 委机构编制委员会办公室

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
        lead = name.tokens[-1] if name.tokens else None
        if lead is not None and lead[0] == "G":
            entry = self.entries[lead[1]]
            if entry.canonical and entry.kind in ("government", "party"):
                # 教育部高等教育司: the known body's full name + the unit
                value["canonical"] = entry.canonical + text[len(lead[1]) :]
                return value
        if name.head.cls == "complete":
            if province and name.head.text == "团省委":
                value["canonical"] = f"中国共产主义青年团{province}委员会"
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
        self,
        norm: str,
        found: dict[tuple[int, int], tuple[dict[str, Any], str]],
        raw: bytes,
        hay: str,
    ) -> None:
        """Every other mention of a name the document has established is that ORG too.

        The established names are found in one pass of a small automaton built for this
        document, not one scan of the text per name: over the characters when the names start
        with few distinct characters, else over the bytes (``raw``/``hay`` as in
        :meth:`_scan`), where the root's fan-out stays small whatever the names.
        """
        seen: dict[str, dict[str, Any]] = {}
        for (start, end), (value, _src) in found.items():
            text = norm[start:end]
            if len(text) >= 4 and "*" not in text:
                seen.setdefault(text, value)
        for text, value in list(seen.items()):
            for unit in _OWN_UNITS:  # 西北农林科技大学研究生院 … 研究生院召开: the same unit
                if (text.endswith(unit) and len(text) > len(unit)
                        and value.get("kind") == "university"):
                    seen.setdefault(unit, value)
        if not seen:
            return
        automaton = ahocorasick.Automaton()
        ends: dict[str, list[int]] = {}
        if len({text[0] for text in seen}) <= _SMALL_FANOUT:
            # few first characters: the character automaton is cheap and needs no offset map
            for text in seen:
                automaton.add_word(text, text)
            automaton.make_automaton()
            for end, text in automaton.iter(norm):
                ends.setdefault(text, []).append(end + 1)
        else:
            for text in seen:
                automaton.add_word(text.encode("utf-8", "surrogatepass").decode("latin-1"), text)
            automaton.make_automaton()
            pos_b = pos_c = 0
            for end_b, text in automaton.iter(hay):
                end_b += 1
                if end_b != pos_b:
                    pos_c += len(raw[pos_b:end_b].decode("utf-8", "surrogatepass"))
                    pos_b = end_b
                ends.setdefault(text, []).append(pos_c)
        for text, value in seen.items():
            n = len(text)
            for end in ends[text]:  # in text order, as the mentions are read
                if (end - n, end) not in found:
                    found[(end - n, end)] = (value, "org.context")


def _trie_pattern(words: Iterable[str], guards: dict[str, str] | None = None) -> str:
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


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _dominant(counts: Counter[str]) -> str | None:
    """The place a document is about: named more often than all others together.

    A national document that lists provinces names none of them dominantly, so its
    ``省教育厅`` stays unresolved rather than being pinned on the most frequent one.
    """
    if not counts:
        return None
    (name, top), *_ = counts.most_common(1)
    return name if top * 2 > sum(counts.values()) else None


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
