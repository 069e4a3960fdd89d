"""The ORG layer's look-up structures, built once per ``Extractor`` from the gazetteers.

Everything the per-document stages need is precomputed here so that reading a document is
dictionary look-ups, one Aho-Corasick pass and one regex scan:

* ``entries`` (known names, user gazetteers last so they override) and ``scan_ac``, one byte
  automaton over known names and the place names that tell a document's province / city;
* ``head_re``, one regex over every head suffix whose one-character heads carry their
  neighbour vetoes as lookarounds;
* ``suffix_trie`` / ``char_results``, the word list read right to left for the walk;
* the near-miss index (:mod:`.near_miss`).
"""

from __future__ import annotations

import re
from typing import Any

import ahocorasick

from ...config import Config
from ...normalize import normalize
from ...org_lexicon import (
    Division,
    Entry,
    Suffix,
    read_bodies,
    read_central,
    read_divisions,
    read_generic,
    read_generic_class,
    read_party_fields,
    read_suffixes,
    read_universities,
    read_words,
)
from .near_miss import FUZZY_THRESHOLD, build_fuzzy_index
from .patterns import AUTONOMOUS, DOCNO_AFTER, LEVEL, MAX_TOKEN, PREFIX, char_class, trie_pattern
from .tokens import T_HEAD, T_KNOWN, T_LEVEL, T_PLACE, T_PREFIX, T_STATION, T_WORD


class OrgIndex:
    def __init__(self, config: Config) -> None:
        self.suffixes = read_suffixes()
        self.single_heads = frozenset(s for s in self.suffixes if len(s) == 1)
        self.divisions = read_divisions()
        self.name_words, self.proper, self.blockers = read_words()
        self.generic, self.determiners, self.categories = read_generic()
        # institution types (人民法院, 街道办事处), by length for the suffix test of _valid
        self.types = read_generic_class("type")
        self.type_lengths = tuple(sorted({len(w) for w in self.types}, reverse=True))
        self.type_last = frozenset(w[-1] for w in self.types)
        # ordinary words a head sits in (科普, 可以处, 中共有): vetoes on either side
        self.glue_words = read_generic_class("word")
        self.edge_verbs = read_generic_class("verb")
        self.bodies = read_bodies()
        self.party_fields = read_party_fields()
        entries: dict[str, Entry] = {}
        entries.update(read_universities())
        entries.update(read_central())
        if config.user is not None:
            entries.update(config.user.entries)
        # keys are matched on the folded text, where （ ） are ( )
        self.entries = {normalize(k): v for k, v in entries.items()}
        entries = self.entries
        self.fuzzy_index, self.fuzzy_windows = build_fuzzy_index(entries)
        self.fuzzy_threshold = FUZZY_THRESHOLD
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
        for w in self.glue_words:
            if w[1:] in left:
                left[w[1:]].add(w[0])  # 可以|处, 申|报, 管|网
            if len(w) == 2 and w[0] in self.single_heads:
                right_block[w[0]].add(w[1])  # 科|普, 办|好, 行|政
        # heads whose own name may be unknown characters (杭州市|天长|小学, 华为|有限公司)
        self.chunk_heads = frozenset(
            h for h, suf in self.suffixes.items()
            if suf.cls in ("school", "branch") or suf.kind == "company"
        )
        # (class, word) tokens that make a generic owner (高校|党委)
        self.generic_owners = frozenset((T_WORD, w) for w in self.generic)
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
                vetoes.append(f"(?<!{char_class(left_veto - typo_tail)}{re.escape(h)})")
            if right_gen:
                vetoes.append(f"(?!{char_class(right_gen)})")
            vetoes.append(f"(?!{DOCNO_AFTER.pattern})")
            if h == "委":
                if "员" in right_blk:
                    vetoes.append("(?!员)")  # 委员: a place + 委 survives other blocked edges
            elif right_blk:
                vetoes.append(f"(?!(?!{re.escape(h)}长){char_class(right_blk)})")
            keep = "".join(vetoes)
            if typo_tail:
                keep = f"(?:(?<={char_class(typo_tail)}{re.escape(h)})|{keep})"
            guards[h] = keep
        self.head_re = re.compile(trie_pattern(self.suffixes, guards))
        self.tokens: dict[str, str] = {}
        for w in self.name_words:
            self.tokens[w] = T_WORD
        for key in entries:
            self.tokens[key] = T_KNOWN
        for key in self.divisions:
            if len(key) >= 2:
                self.tokens[key] = T_PLACE
        for s in self.suffixes:
            self.tokens[s] = T_HEAD
        for p in PREFIX:
            self.tokens[p] = T_PREFIX
        # the walk's answer for every multi-character token, built once: a name word that is
        # itself a body (江苏省委's 省委) nests like a head
        self.token_results: dict[str, tuple[str, str]] = {}
        for w, cls in self.tokens.items():
            if 2 <= len(w) <= MAX_TOKEN:
                if cls == T_WORD and (w[-1] in self.single_heads or w[-2:] in self.suffixes):
                    cls = T_HEAD
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
        for w in AUTONOMOUS:
            if w not in self.token_results and w[-2:] not in self.token_results \
                    and w[-1] not in self.single_heads:
                node = self.suffix_trie
                for ch in reversed(w):
                    node = node.setdefault(ch, {})
                node[""] = (T_LEVEL, w)
        # one-character tokens: a head, a level (省, 市), 驻
        self.char_results: dict[str, tuple[str, str]] = {}
        for ch in ("驻", *LEVEL, *self.single_heads):
            cls = T_HEAD if ch in self.single_heads else T_LEVEL if ch in LEVEL else T_STATION
            self.char_results[ch] = (cls, ch)
