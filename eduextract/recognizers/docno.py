"""Document numbers (发文字号 ``辽教党〔2021〕23号``) and order numbers (令号 ``教育部令第38号``).

Why an anchored scan rather than one big regex: the agency code in front of the year is a free
run of Han characters with no closing mark on its left, so a regex that matched it directly
would either need a whitelist of codes (and miss every provincial and university code) or
start a match attempt at every Han character of the text.  Instead the patterns of
``rules/docno.toml`` match only the *anchor* after the code (a bracketed year, the serial and
``号``; or ``令 … 第N号``), which a regex finds by scanning for a bracket or ``令``.  From each
anchor the code is read leftwards, a dozen characters at most, and its start is decided with
data (``gazetteers/docno_*.tsv``):

1. the code ends at punctuation, digits, brackets and spaces, and starts after the rightmost
   stop word (根据, 印发, 和, 的 …) that is not inside a protected name (中华人民共和国);
2. an issuer's name written before the code is split off (``教育部教发［2004］2号`` gives the
   DOCNO ``教发［2004］2号``; the ORG layer tags 教育部) when the rest starts with a known code or
   a province prefix + organ marker, or when a name ending in an issuer suffix (部, 厅, 党组 …)
   precedes a short code; words no list foresees are dropped before a recognisable code
   (``现将辽教发`` → ``辽教发``), but one character before a known code is kept, being a city
   prefix (``沈教发``);
3. runs ending in 法院 / 判决书 … are court and penalty numbers, not codes.

The value is ``{agency, year, serial, normalized, issuer, issuer_source}``.  The issuer comes
from the 《title》 right before the number when the title names it, else from the known-code
table (longest prefix), else from province prefix + organ marker; ``issuer_source`` says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..config import Config
from ..data import read_table
from ..document import Document
from ..rules import Rule, load_rules
from ..span import Span, make_span

RULE_FILE = "docno.toml"

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

#: Longest gap (characters) between 》 and the number for the title to count as its own.
_TITLE_GAP = re.compile(r"[ (\[【〔]{0,2}")
#: How far back a 《 is looked for (titles of policy documents stay well below this).
_TITLE_REACH = 160
#: A title issuer (several bodies joined by spaces or 、) stays below this length.
_TITLE_ISSUER_MAX = 48


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_latin(ch: str) -> bool:
    return ("A" <= ch <= "Z") or ("a" <= ch <= "z")


def cn_serial(text: str) -> int | None:
    """An order serial written out in Chinese (二十四, 三九七) as an int, None if malformed."""
    if all(ch in _CN_DIGITS for ch in text):  # digit by digit: 三九七 → 397
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS and _CN_DIGITS[ch] == 0:
            if digit is not None:
                return None
            continue  # 一百零五: 零 only marks a skipped place
        if ch in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


@dataclass(frozen=True)
class Lexicon:
    """The gazetteers of the docno layer, loaded once per process."""

    codes: dict[str, str]  # code -> issuer
    code_lengths: tuple[int, ...]  # distinct code lengths, longest first
    provinces: dict[str, tuple[str, str]]  # prefix -> (full name, level)
    organs: dict[str, tuple[str, str]]  # marker -> (province template, municipality template)
    organ_lengths: tuple[int, ...]
    stop: re.Pattern[str] | None
    protect: re.Pattern[str] | None
    issuer_suffixes: tuple[str, ...]
    title_verbs: re.Pattern[str] | None
    not_agency: tuple[str, ...]
    lookup_drop: tuple[str, ...]
    not_after: tuple[str, ...]

    def known_code(self, code: str) -> str | None:
        """The longest known code that ``code`` starts with."""
        for n in self.code_lengths:
            if n <= len(code) and code[:n] in self.codes:
                return code[:n]
        return None

    def composed_issuer(self, code: str) -> str | None:
        """Province prefix + organ marker → issuer name (辽教发 → 辽宁省教育厅)."""
        province = self.provinces.get(code[:1])
        if province is None:
            return None
        name, level = province
        for n in self.organ_lengths:
            marker = code[1 : 1 + n]
            if len(marker) == n and marker in self.organs:
                templates = self.organs[marker]
                template = {"province": templates[0], "municipality": templates[1]}.get(level)
                return template.format(p=name) if template else None
        return None

    def code_like(self, code: str) -> bool:
        """Does ``code`` start the way agency codes do (a known code, or prefix + organ)?"""
        if self.known_code(code) is not None:
            return True
        if code[:1] not in self.provinces:
            return False
        return any(code[1 : 1 + n] in self.organs for n in self.organ_lengths)


def _alternation(words: list[str], overlapping: bool = False) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?=({alternatives}))" if overlapping else alternatives)


@cache
def load_lexicon() -> Lexicon:
    codes = {row[0]: row[1] for row in read_table("docno_agencies.tsv", columns=6)}
    provinces = {row[0]: (row[1], row[2]) for row in read_table("docno_provinces.tsv", columns=5)}
    organs = {row[0]: (row[1], row[2]) for row in read_table("docno_organs.tsv", columns=6)}
    roles: dict[str, list[str]] = {}
    for word, role, _note in read_table("docno_context.tsv", columns=3):
        roles.setdefault(role, []).append(word)
    unknown = set(roles) - {
        "stop", "protect", "issuer_suffix", "title_verb", "not_agency", "lookup_drop", "not_after"
    }
    if unknown:
        raise ValueError(f"docno_context.tsv: unknown roles {sorted(unknown)}")
    return Lexicon(
        codes=codes,
        code_lengths=tuple(sorted({len(c) for c in codes}, reverse=True)),
        provinces=provinces,
        organs=organs,
        organ_lengths=tuple(sorted({len(m) for m in organs}, reverse=True)),
        stop=_alternation(roles.get("stop", []), overlapping=True),
        protect=_alternation(roles.get("protect", [])),
        issuer_suffixes=tuple(sorted(roles.get("issuer_suffix", []), key=len, reverse=True)),
        title_verbs=_alternation(roles.get("title_verb", [])),
        not_agency=tuple(roles.get("not_agency", [])),
        lookup_drop=tuple(roles.get("lookup_drop", [])),
        not_after=tuple(roles.get("not_after", [])),
    )


class DocnoRecognizer:
    """Finds DOCNO anchors with the rule patterns and reads the agency code leftwards."""

    name = "docno"
    labels: tuple[str, ...] = ("DOCNO",)

    def __init__(self, rules: tuple[Rule, ...], lexicon: Lexicon) -> None:
        self.lex = lexicon
        by_name = {r.name: r for r in rules}
        self.bracketed = by_name["docno.bracketed"]
        self.order = by_name["docno.order"]

    # -- the left walk ----------------------------------------------------------------------
    def _run_start(self, norm: str, end: int, limit: int) -> int:
        """Start of the Han/Latin run that ends at ``end`` (at most ``limit`` characters).

        A space belongs to the run only beside a Latin letter (黔教合 KY 字), so a space between
        two Han words still ends the code.
        """
        i = end
        while i > 0 and end - i < limit:
            ch = norm[i - 1]
            if _is_han(ch) or _is_latin(ch):
                i -= 1
            elif ch == " " and i < end and i >= 2 and (
                _is_latin(norm[i]) or _is_latin(norm[i - 2])
            ):
                i -= 1
            else:
                break
        while i < end and norm[i] == " ":
            i += 1
        return i

    def _cut(self, run: str) -> int:
        """Offset in ``run`` right after its last stop word (0 if none)."""
        lex = self.lex
        if lex.stop is None:
            return 0
        protected: list[tuple[int, int]] = []
        if lex.protect is not None:
            protected = [m.span() for m in lex.protect.finditer(run)]
        cut = 0
        for m in lex.stop.finditer(run):  # a look-ahead pattern: overlapping words all seen
            s, e = m.span(1)
            if any(ps < e and s < pe for ps, pe in protected):
                continue
            cut = max(cut, e)
        return cut

    def _address_after(self, norm: str, end: int) -> bool:
        """号 followed by 院/楼/室 … is a street or building number (56号院), not a DOCNO."""
        return any(norm.startswith(w, end) for w in self.lex.not_after)

    def _ends_with_issuer(self, name: str) -> bool:
        return any(name.endswith(s) for s in self.lex.issuer_suffixes)

    def _code_start(self, run: str) -> int:
        """Where the agency code starts in ``run`` (the part after the stop-word cut)."""
        lex = self.lex
        if lex.code_like(run):
            return 0
        # An issuer named before a code that is known or has prefix + organ: smallest split.
        for p in range(1, len(run) - 1):
            if self._ends_with_issuer(run[:p]) and lex.code_like(run[p:]):
                return p
        # An issuer name (3+ characters, ending in 部/厅/党组 …) before an unknown short code:
        # the first boundary that does not fall inside or before another suffix word
        # (国家卫生健康委|国卫办医发, 中共沈阳市教育局党组|沈教党, not …委|员会…).
        for p in range(max(3, len(run) - 6), len(run) - 1):
            if self._ends_with_issuer(run[:p]) and not self._inside_suffix(run, p):
                return p
        # Words no stop list foresees before a code that is recognisably one (现将|辽教发,
        # 通过|国发): a province prefix + organ after any word, a known code after two or
        # more characters (one character before a known code is a city prefix: 沈|教发).
        for p in range(1, len(run) - 1):
            if (run[p] in lex.provinces or p >= 2) and lex.code_like(run[p:]):
                return p
        return 0

    def _inside_suffix(self, run: str, p: int) -> bool:
        """Does an issuer-suffix word start at ``p`` or straddle the boundary ``p``?"""
        return any(
            run.startswith(suffix, p - j)
            for suffix in self.lex.issuer_suffixes
            for j in range(min(len(suffix), p + 1))
        )

    # -- issuer -----------------------------------------------------------------------------
    def _title_issuer(self, doc: Document, start: int) -> str | None:
        """The issuer named by a 《title》 that directly precedes the number, if any."""
        norm = doc.norm
        lo = max(0, start - 3)
        k = norm.rfind("》", lo, start)
        if k < 0 or not _TITLE_GAP.fullmatch(norm, k + 1, start):
            return None
        o = norm.rfind("《", max(0, k - _TITLE_REACH), k)
        if o < 0 or self.lex.title_verbs is None:
            return None
        title = doc.text[o + 1 : k]
        m = self.lex.title_verbs.search(title)
        if m is None or m.start() == 0 or m.start() > _TITLE_ISSUER_MAX:
            return None
        issuer = " ".join(title[: m.start()].split())
        parts = [p for p in re.split(r"[ 、，,]", issuer) if p]
        if not parts or not all(len(p) >= 2 and self._ends_with_issuer(p) for p in parts):
            return None
        return issuer

    def _issuer(self, doc: Document, start: int, agency: str) -> tuple[str | None, str | None]:
        title = self._title_issuer(doc, start)
        if title is not None:
            return title, "title"
        *joint, code = agency.split(" ")  # 卫生部 教育部令: the last issuer holds the code
        for head in self.lex.lookup_drop:
            if code.startswith(head) and len(code) > len(head):
                code = code[len(head) :]
        known = self.lex.known_code(code)
        if known is not None:
            return " ".join([*joint, self.lex.codes[known]]), "code_table"
        composed = self.lex.composed_issuer(code)
        if composed is not None:
            return composed, "province_prefix+organ_marker"
        return None, None

    # -- candidates -------------------------------------------------------------------------
    def _bracketed(self, doc: Document) -> Iterator[Span]:
        norm = doc.norm
        rule = self.bracketed
        max_agency = int(rule.options.get("max_agency", 10))
        short_year = bool(rule.options.get("short_year", False))
        for m in rule.finditer(norm):
            code_end = m.start()
            while code_end > 0 and m.start() - code_end < 2 and norm[code_end - 1] == " ":
                code_end -= 1
            run_start = self._run_start(norm, code_end, max_agency + 14)
            run = norm[run_start:code_end]
            cut = self._cut(run)
            run = run[cut:]
            if not run or not _is_han(run[0]):
                continue  # no agency: （〔2021〕1439号） or a court number's year-first bracket
            p = self._code_start(run)
            start = run_start + cut + p
            agency = norm[start:code_end].replace(" ", "")
            if not 2 <= len(agency) <= max_agency or not _is_han(agency[0]):
                continue  # one character (年, 第) is a word before a bracket, not a code
            if any(agency.endswith(w) for w in self.lex.not_agency):
                continue
            year_text = m.group("year")
            if len(year_text) == 2:
                if not short_year or self.lex.known_code(agency) is None:
                    continue
                year = int(year_text) + (1900 if int(year_text) >= 50 else 2000)
            else:
                year = int(year_text)
                if not 1949 <= year <= 2099:
                    continue
            serial = int(m.group("serial"))
            if serial == 0 or self._address_after(norm, m.end()):
                continue
            normalized = f"{agency}〔{year}〕{serial}号"
            yield self._span(doc, start, m.end(), agency, year, serial, normalized, rule.name)

    def _order(self, doc: Document) -> Iterator[Span]:
        norm = doc.norm
        rule = self.order
        max_agency = int(rule.options.get("max_agency", 20))
        for m in rule.finditer(norm):
            ling = m.start()
            run_start = self._run_start(norm, ling, max_agency)
            run = norm[run_start:ling]
            cut = self._cut(run)
            run = run[cut:]
            if not run or not _is_han(run[0]):
                continue
            start = run_start + cut
            # A joint order (卫生部 教育部令第76号): issuers before the last, one space apart.
            if cut == 0:
                for _ in range(3):
                    if start < 2 or norm[start - 1] != " ":
                        break
                    prev_start = self._run_start(norm, start - 1, max_agency)
                    prev = norm[prev_start : start - 1]
                    if not prev or self._cut(prev) or not self._ends_with_issuer(prev):
                        break
                    start = prev_start
            agency = " ".join(norm[start:ling].split()) + "令"
            if len(agency) > max_agency + 1:
                continue
            raw_serial = m.group("serial") or m.group("serial_after")
            serial = int(raw_serial) if raw_serial.isdigit() else cn_serial(raw_serial)
            if not serial or self._address_after(norm, m.end()):
                continue
            year = int(m.group("year")) if m.group("year") else None
            head = f"{agency}{year}年" if year is not None else agency
            normalized = f"{head}第{serial}号"
            yield self._span(doc, start, m.end(), agency, year, serial, normalized, rule.name)

    def _span(
        self,
        doc: Document,
        start: int,
        end: int,
        agency: str,
        year: int | None,
        serial: int,
        normalized: str,
        source: str,
    ) -> Span:
        """The DOCNO span with its value; the issuer is resolved here for both number kinds."""
        issuer, issuer_source = self._issuer(doc, start, agency)
        value: dict[str, Any] = {
            "agency": agency,
            "year": year,
            "serial": serial,
            "normalized": normalized,
            "issuer": issuer,
            "issuer_source": issuer_source,
        }
        return make_span(doc.text, start, end, "DOCNO", value, source)

    def find(self, doc: Document) -> Iterator[Span]:
        yield from self._bracketed(doc)
        yield from self._order(doc)


def build(config: Config) -> DocnoRecognizer:
    return DocnoRecognizer(load_rules(RULE_FILE), load_lexicon())
