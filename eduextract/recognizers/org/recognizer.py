"""The ORG recognizer: the stages in the order one document goes through them.

1. gazetteer hits from one byte Aho-Corasick pass (:meth:`Context._scan`), filtered by
   :meth:`Grammar._gazetteer_ok`;
2. grammar names at every head the head regex finds (:meth:`Grammar._grow`), with near-miss
   recovery where the grammar cannot read one (:mod:`.near_miss`);
3. values (:mod:`.canonical`), the bare internal units of an institution's own text
   (:mod:`.units`), then document context (:mod:`.context`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...config import Config
from ...document import Document
from ...span import Span, make_span
from .canonical import Canonical
from .context import Context, refine_teams
from .grammar import Grammar
from .near_miss import NearMiss
from .patterns import TERM_BEFORE
from .regional import REGIONS, Regional
from .spaced import spaced_runs
from .tokens import Name
from .units import Units


class OrgRecognizer(Grammar, Canonical, Context, NearMiss, Regional, Units):
    name = "org"
    labels: tuple[str, ...] = ("ORG",)

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._init_regional()

    def find(self, doc: Document) -> Iterator[Span]:
        norm = self.fold(doc.norm)  # 財政廳 is read as 财政厅 (offsets unchanged)
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
            term = TERM_BEFORE.search(norm, max(0, start - 8), start)
            if term is not None:  # 第十四届全国人民代表大会: the term is part of the name
                found[(term.start(), stop)] = found.pop((start, stop))
        names: list[Name] = []
        exact_ends = {end for _start, end in found}
        grow = self._grow
        fuzzy_tails = self.fuzzy_index
        near_memo: dict[str, tuple[int, str] | None] = {}
        for m in self.head_re.finditer(norm):
            s, e = m.span()
            name = grow(norm, s, e, m.group())
            if name is not None and not name.unknown:
                if (name.start, name.end) not in found:
                    names.append(name)
                continue
            # the grammar could not read a name here: a known name with one character wrong
            # or missing (a typo breaks the word list) is recovered by near-miss matching
            if e not in exact_ends and norm[e - 2 : e] in fuzzy_tails and not (
                norm[e - 1 : e + 1] in self.generic or norm[e - 1 : e + 1] in self.glue_words
            ):  # 住房城乡建设部门: a head inside a generic word is no name's end
                near = self.near_miss(norm, e, near_memo)
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
            value_key = (norm[name.start : name.end], name.head.text, tuple(name.tokens))
            cached = values.get(value_key)
            if cached is None:
                cached = values[value_key] = self._value(norm, name, province, city, main_ting)
            value = dict(cached)  # each its own: refine_teams edits values in place
            found[(name.start, name.end)] = (value, "org.grammar")
            if name.head.cls == "team":
                teams.append((norm[name.start : name.end], value))
        refine_teams(teams)
        self._own_units(norm, found)
        self._trim_by_usage(norm, found)
        self._list_items(norm, found)
        self._school_short_forms(norm, found)
        self._listed_schools(norm, found)
        self._owned_divisions(norm, found)
        self._listed_offices(norm, found)
        self._context_aliases(norm, found)
        self._propagate(norm, found, raw, hay)
        if norm is not doc.norm or any(r in norm for r in REGIONS):
            self._regional(doc.text, doc.norm, norm, found)
        for (start, end), (value, source) in found.items():
            yield make_span(doc.text, start, end, "ORG", dict(value), source)
        yield from self._spaced(doc, norm, found)

    def _spaced(
        self, doc: Document, norm: str, found: dict[tuple[int, int], Any]
    ) -> Iterator[Span]:
        """Names in letter-spaced headers (:mod:`.spaced`), offsets into the spaced text."""
        for compact, where in spaced_runs(norm):
            lo, hi = where[0], where[-1] + 1
            if any(lo < e and s < hi for s, e in found):
                continue  # the run already holds a name read the ordinary way
            for span in self.find(Document(compact)):
                start, end = where[span.start], where[span.end - 1] + 1
                yield make_span(doc.text, start, end, "ORG", dict(span.value or {}), span.source)



def build(config: Config) -> OrgRecognizer:
    """The recognizer of ``config``; with user gazetteers, built once per snapshot.

    A large user gazetteer costs seconds to index (docs/org.md); the built recognizer is kept
    on the snapshot (``config.user.built``), so ``Extractor`` copies in one process and
    ``pipe`` workers started by ``fork`` share it instead of rebuilding it.  Sharing is safe:
    a recognizer keeps no per-call state outside the ``Document``.
    """
    user = config.user
    if user is None:
        return OrgRecognizer(config)
    built = user.built.get("org")
    if not isinstance(built, OrgRecognizer):
        built = user.built["org"] = OrgRecognizer(config)
    return built
