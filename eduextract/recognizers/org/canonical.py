"""Values of grammar names: ``kind`` and the ``canonical`` full name.

``canonical`` expands place-less short forms with the province / city the document names
most (``省委`` in a Liaoning text is 中国共产党辽宁省委员会) and short body names with
``gazetteers/org_bodies.tsv``; it is ``None`` when the document does not say (masked
``**市教育局``, a ``局党组`` of an unnamed city).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .index import OrgIndex
from .tokens import T_HEAD, T_KNOWN, T_LEVEL, T_MASK, T_PLACE, T_PREFIX, T_WORD, Name

_PLACE_OR_MASK = (T_PLACE, T_LEVEL, T_MASK)


class Canonical(OrgIndex):
    """Kind and canonical name of a grown name, mixed into the recognizer."""

    def _main_body(self, norm: str, names: list[Name], head: str) -> str | None:
        """The most mentioned ``…厅`` body of the document (what ``厅党组`` refers to)."""
        counts: Counter[str] = Counter()
        for n in names:
            if n.head.text == head and n.tokens and n.tokens[0][0] == T_WORD:
                counts[n.tokens[0][1] + head] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _kind(self, name: Name) -> str:
        kind = name.head.kind
        if name.head.cls == "school" or kind in ("party", "company", "research", "university"):
            return kind
        classes = [c for c, _ in name.tokens]
        texts = [t for _, t in name.tokens]
        if name.head.cls == "division" and any(
            t[i : i + 2] in self.party_fields for t in texts for i in range(len(t) - 1)
        ):
            return "party"  # 统战工作处, 组干处
        if name.head.text == "委" and classes and all(c in _PLACE_OR_MASK for c in classes):
            return "party"  # 省委, 辽宁省委
        for i, (cls, text) in enumerate(name.tokens):
            if cls == T_PREFIX:
                return "party"
            if cls == T_HEAD:
                suf = self.suffixes.get(text)
                if suf is not None and suf.kind == "party":
                    return "party"
                rest = classes[i + 1 :]
                if text == "委" and all(c in _PLACE_OR_MASK for c in rest):
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
        name: Name,
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
            (c == T_HEAD and t in self.suffixes and self.suffixes[t].cls == "school")
            or (c == T_KNOWN and self.entries[t].kind == "university")
            for c, t in name.tokens
        ):
            value["canonical"] = text  # a school's name is its own canonical form
            return value
        lead = name.tokens[-1] if name.tokens else None
        if lead is not None and lead[0] == T_KNOWN:
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
            name.tokens and name.tokens[-1][0] == T_LEVEL
        ):
            value["canonical"] = text  # companies, media, research bodies: the name as written
            return value
        # split the leading place tokens off
        place_len = 0
        place: str | None = None
        prefix = ""
        toks = list(reversed(name.tokens))
        i = 0
        if toks and toks[0][0] == T_PREFIX:
            prefix = "中共"
            place_len += len(toks[0][1])
            i = 1
        parts: list[str] = []
        while i < len(toks) and toks[i][0] in (T_PLACE, T_LEVEL):
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

