"""Document context: what the whole document says about its names.

* the province / city it names most (what ``省委`` / ``市教育局`` refer to), counted in the
  same Aho-Corasick pass that finds known names (:meth:`Context._scan`);
* short university forms it defines (``郑大`` after ``郑州大学``);
* every further mention of a name it has established (``org.context``);
* the one fuller team name a short team name stands for (``省委巡视组``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import ahocorasick

from ...document import Document
from .index import OrgIndex
from .patterns import (
    CATEGORY_BEFORE,
    LEVEL,
    OWN_UNITS,
    SMALL_FANOUT,
    TERM_BEFORE,
    UNIVERSITY_FIELD_SHORT,
)

Found = dict[tuple[int, int], tuple[dict[str, Any], str]]


class Context(OrgIndex):
    """Document-level stages, mixed into the recognizer."""

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
            doc.cache["org.places"] = (dominant(prov), dominant(city))
        return known


    def _context_aliases(
        self, norm: str, found: dict[tuple[int, int], tuple[dict[str, Any], str]]
    ) -> None:
        """``郑大`` for ``郑州大学`` when the document names the university in full."""
        aliases: dict[str, str] = {}
        for (start, end), (value, _src) in list(found.items()):
            text = norm[start:end]
            if value.get("kind") != "university" or not text.endswith("大学"):
                continue
            if len(text) == 4:
                aliases[text[0] + "大"] = text
            for field, short in UNIVERSITY_FIELD_SHORT:
                # 华中师范大学 → 华中师大, 北师大; 东华理工大学 → 东华理工; 哈尔滨工业大学 → 哈工大
                stem = text[: -2 - len(field)]
                if text.endswith(field + "大学") and 1 <= len(stem) <= 3:
                    if len(stem) >= 2:
                        aliases[stem + short] = text
                    if len(stem + short) > 3:
                        aliases[stem[0] + short] = text
        for alias, full in aliases.items():
            if alias in self.divisions or alias in self.entries:
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
        units: set[str] = set()
        for (start, end), (value, src) in found.items():
            text = norm[start:end]
            if len(text) >= 4 and "*" not in text and text[0] not in LEVEL:
                # a name opened by a bare level (市人民政府) is read by the grammar at every
                # mention, which knows where it is plural (市和区、县人民政府)
                seen.setdefault(text, value)
                if src == "org.unit":
                    units.add(text)
        for text, value in list(seen.items()):
            for unit in OWN_UNITS:  # 西北农林科技大学研究生院 … 研究生院召开: the same unit
                if (text.endswith(unit) and len(text) > len(unit)
                        and value.get("kind") == "university"):
                    seen.setdefault(unit, value)
        if not seen:
            return
        automaton = ahocorasick.Automaton()
        ends: dict[str, list[int]] = {}
        if len({text[0] for text in seen}) <= SMALL_FANOUT:
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
        glue = self.glue_words
        for text, value in seen.items():
            n = len(text)
            for end in ends[text]:  # in text order, as the mentions are read
                if (end - n, end) in found:
                    continue
                after = norm[end - 1 : end + 1]
                if after == "部门" or after in glue:
                    continue  # 住房城乡建设部门, 国务院银行业: the mention ends inside a word
                start = end - n
                if text in units:
                    if CATEGORY_BEFORE.search(norm, max(0, start - 6), start):
                        continue  # 省级重点|马克思主义学院: the unit's name used as a category
                    term = TERM_BEFORE.search(norm, max(0, start - 6), start)
                    if term is not None:  # 第四届|校务委员会: the term is inside the name
                        start = term.start()
                if (start, end) not in found:
                    found[(start, end)] = (value, "org.context")


def dominant(counts: Counter[str]) -> str | None:
    """The place a document is about: named more often than all others together.

    A national document that lists provinces names none of them dominantly, so its
    ``省教育厅`` stays unresolved rather than being pinned on the most frequent one.
    """
    if not counts:
        return None
    (name, top), *_ = counts.most_common(1)
    return name if top * 2 > sum(counts.values()) else None


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def refine_teams(teams: list[tuple[str, dict[str, Any]]]) -> None:
    """``省委巡视组`` is the ``省委第六巡视组`` the document names (when it names just one)."""
    fuller: dict[str, dict[str, Any]] = {}
    for text, value in teams:
        fuller.setdefault(text, value)
    for text, value in teams:
        longer = {
            t: v["canonical"] for t, v in fuller.items()
            if len(t) > len(text) and t[-2:] == text[-2:] and is_subsequence(text, t)
            and v.get("canonical")
        }
        if len(set(longer.values())) == 1:
            value["canonical"] = next(iter(longer.values()))


