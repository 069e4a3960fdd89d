"""Traditional script, and bodies of Hong Kong, Macao and Taiwan.

Why a fold and not traditional word lists: every word list of the walk (places, name words,
heads, known names) is simplified; folding traditional characters one for one
(``gazetteers/org_t2s.tsv``) lets 財政廳, 香港考試及評核局 and
澳門特別行政區政府教育及青年發展局 be read by the same lists, with offsets unchanged.

Why canonical names are checked afterwards: a fold must not turn 臺灣教育部 into 中华人民共和国
教育部.  A central body written right after 台湾/香港/澳门 is that region's own body (one
span with the region), and in a Taiwan text (臺灣, 台灣, 中華民國 in traditional script) no
central body gets the mainland canonical name; a name written in traditional script keeps
its own characters as canonical.
"""

from __future__ import annotations

import re
from typing import Any

from ...org_lexicon import read_t2s
from .patterns import char_class

#: a region written right before a central body's short name: that region's own body
REGIONS = ("台湾", "香港", "澳门")
#: a Taiwan text: these are written only in traditional script there
TAIWAN_MARKS = re.compile("臺灣|台灣|中華民國")
MAINLAND = "中华人民共和国"
#: traditional characters of which a traditional text, or a traditional name quoted in a
#: simplified one (考試, 澳門, 財政廳), almost always holds one: searching a dozen characters
#: with ``str.find`` costs ~1.5 ns a character, the full 3,200-character class ~65 ns
GATE = "國學會們為與處廳區門發試財臺灣資報"


class Regional:
    """Fold and canonical checks, mixed into the recognizer."""

    def _init_regional(self) -> None:
        self.t2s = read_t2s()
        self.trad_re = re.compile(char_class(self.t2s))

    def fold(self, norm: str) -> str:
        """``norm`` with traditional characters simplified, one for one (same length).

        As ``normalize``: one C-speed ``str.replace`` per distinct traditional character the
        text holds; a simplified text costs one regex scan that finds nothing.
        """
        if not any(c in norm for c in GATE):
            return norm
        hit = self.trad_re.search(norm)
        if hit is None:
            return norm
        t2s = self.t2s
        folded = norm
        while hit is not None:
            ch = hit.group()
            folded = folded.replace(ch, t2s[ch])
            hit = self.trad_re.search(folded, hit.start() + 1)
        return folded

    def _regional(
        self,
        text: str,
        norm: str,
        folded: str,
        found: dict[tuple[int, int], tuple[dict[str, Any], str]],
    ) -> None:
        """Region-owned central bodies and traditional names (module docstring)."""
        taiwan = TAIWAN_MARKS.search(text) is not None
        for (start, end), (value, source) in list(found.items()):
            canonical = value.get("canonical")
            if not isinstance(canonical, str):
                continue
            own = folded[start:end]
            if canonical.startswith(REGIONS) and not own.startswith(REGIONS):
                # 省政府 in a text that names Hong Kong: no 省 is 香港特别行政区人民政府
                value["canonical"] = None
                continue
            if canonical.startswith(REGIONS) and "人民政府" in canonical and "人民政府" not in own:
                # 香港特别行政区政府: the region's government is not a 人民政府
                canonical = value["canonical"] = canonical.replace("人民政府", "政府")
            if canonical.startswith(MAINLAND) or source == "gazetteer":
                region = next(
                    (r for r in REGIONS if folded.startswith(r, start - len(r))), None
                ) if start >= 2 else None
                if region is not None and canonical.startswith(MAINLAND):
                    # 臺灣教育部: the region's own ministry, one span, named as written
                    del found[(start, end)]
                    new = dict(value)
                    new["canonical"] = text[start - len(region) : end]
                    found[(start - len(region), end)] = (new, source)
                    continue
                if taiwan and canonical.startswith(MAINLAND):
                    value["canonical"] = None
                    continue
            if norm[start:end] != own:
                # written in traditional script: its own characters, never a simplified or
                # mainland expansion
                value["canonical"] = text[start:end] if canonical == folded[start:end] else None
