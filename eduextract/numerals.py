"""The numeral grammar: regex fragments that find numerals and an exact parser for their value.

Two halves that must agree:

* **Fragments** (``FRAGMENTS``) are regex source strings that rule files use as macros
  (``{NUM}``, ``{INT}`` …, expanded by :func:`expand`).  They run on the normalised text
  (:mod:`eduextract.normalize`), so Arabic digits, ``.`` and ``,`` are ASCII there even when the
  input had ``２０２１``, ``．`` or ``，``.  Every repetition is bounded and the numeral core is
  an atomic group, so no input can make them backtrack catastrophically.
* **The parser** (:func:`parse_numeral`) turns the matched text into an exact value with
  :class:`~decimal.Decimal` arithmetic (``7.64亿`` is 764000000, never 763999999.99).  It
  reads Arabic digits with separators, Chinese and financial numerals (simplified and
  traditional), mixed forms (``1.5万``, ``5万4千6百``), elliptical forms (``三万五`` = 35000,
  ``两千六`` = 2600), ``点`` decimals, fractions (``三分之一``, ``3又一千分之23``) and
  approximation markers.

cn2an covers the pure Chinese numerals and is used in the tests as an oracle; it is not used
here because it rejects mixed and approximate forms that documents are full of, and importing
it costs more than this whole module.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from functools import lru_cache
from typing import NamedTuple

# -- character tables ---------------------------------------------------------------------

#: digit characters of every script mapped to their value
DIGITS: dict[str, int] = {}
for _chars, _value in (
    ("0零〇○", 0),
    ("1一壹幺弌", 1),
    ("2二两兩贰貳倆俩弍", 2),
    ("3三叁參弎", 3),
    ("4四肆", 4),
    ("5五伍", 5),
    ("6六陆陸", 6),
    ("7七柒", 7),
    ("8八捌", 8),
    ("9九玖", 9),
):
    for _c in _chars:
        DIGITS[_c] = _value

#: unit characters (positional multipliers) mapped to their power of ten
UNITS: dict[str, int] = {
    "十": 1, "拾": 1,
    "百": 2, "佰": 2,
    "千": 3, "仟": 3,
    "万": 4, "萬": 4,
    "亿": 8, "億": 8,
}
#: characters that stand for a tens value on their own
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}

#: the financial and traditional-only forms (a lone one is a numeral only out of a word:
#: 伍 in 队伍, 拾 in 收拾, 陆 in 大陆 are not numbers)
FINANCIAL = frozenset("壹贰貳叁參弎肆伍陆陸柒捌玖拾佰仟弌弍幺")

DECIMAL_POINTS = "点點"
APPROX_INFIX = "余餘多几幾来來"

_CN_DIGITS = "".join(c for c in DIGITS if not c.isascii())
_CN_UNITS = "".join(UNITS) + "".join(TENS)
CN_CHARS = frozenset(_CN_DIGITS + _CN_UNITS)

# -- regex fragments ------------------------------------------------------------------------

#: an Arabic number: thousands-grouped (``1,085``) or plain, with an optional decimal part.
#: A group separator must be followed by exactly three digits, so ``3,5个`` is two numbers.
ARABIC = r"(?:\d{1,3}(?:,\d{3}){1,6}(?![\d])|\d{1,20})(?:\.\d{1,12})?"
#: a run of Chinese numeral characters (digits and units, all scripts)
CN_RUN = f"[{_CN_DIGITS}{_CN_UNITS}]{{1,30}}"
#: the integer-or-decimal core: Arabic and Chinese pieces in any alternation (1万600,
#: 200亿零四千230), then an optional 点-decimal (一百点123, 两千万点五五四四)
CORE = (
    rf"(?>(?:{ARABIC}|{CN_RUN}){{1,12}}"
    rf"(?:[{DECIMAL_POINTS}](?:[{_CN_DIGITS}]{{1,15}}|\d{{1,15}}))?)"
)
#: approximation prefixes kept inside the span (ANNOTATION.md); not the 近 of 接近/最近 nor
#: the 约 of 签约/节约/公约 (words ending in the marker)
APPROX_PREFIX = (
    r"(?:大约|将近|(?<![接最附临靠邻亲贴])近|(?<![签节条公合预制规邀特履违守践婚誓相失赴应解隐简])约|(?<![簽節條公合預制規邀特履違守踐婚誓相失赴應解隱簡])約|逾)"
)
#: approximation after the digits, optionally followed by a magnitude (120余万, 十多万, 2万余);
#: only after a round figure (a 0 or a unit: 70多, 十几, 百余, 一百零几万), so 5多 is no numeral
#: and 其余, 多余 never attach
APPROX_SUFFIX = rf"(?:(?<=[0十拾百佰千仟万萬亿億零〇])[{APPROX_INFIX}](?:[万萬亿億]{{1,2}})?)"
#: a whole numeral: prefix, core, approximation and 左右
NUM = rf"(?:{APPROX_PREFIX}\s?)?{CORE}{APPROX_SUFFIX}?(?:左右)?"
#: a fraction, with an optional whole part (三分之一, 3又一千分之23)
FRACTION = rf"(?:{CORE}又)?{CORE}分之{CORE}"
#: an integer for ordinals: Arabic digits or Chinese numerals, no decimals
INT = rf"(?:\d{{1,9}}|[{_CN_DIGITS}{_CN_UNITS}]{{1,12}})"

FRAGMENTS: dict[str, str] = {
    "ARABIC": ARABIC,
    "CN_RUN": CN_RUN,
    "CORE": CORE,
    "APPROX_PREFIX": APPROX_PREFIX,
    "APPROX_SUFFIX": APPROX_SUFFIX,
    "NUM": NUM,
    "FRACTION": FRACTION,
    "INT": INT,
    "CN_DIGIT": f"[{_CN_DIGITS}]",
}

_MACRO = re.compile(r"\{([A-Z_]+)\}")


def expand(pattern: str, extra: dict[str, str] | None = None) -> str:
    """Replace ``{NAME}`` macros in a rule pattern by the fragments above (and ``extra``)."""
    table = {**FRAGMENTS, **(extra or {})}

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in table:
            raise KeyError(f"unknown pattern macro {{{name}}}")
        return f"(?:{table[name]})"

    return _MACRO.sub(sub, pattern)


# -- exact values ---------------------------------------------------------------------------


#: The arithmetic context of every value computation.  Python's default keeps 28 significant
#: digits, so ``11111111111111111111111111113亿`` came out rounded and ``二分之一万亿亿亿``
#: raised ``InvalidOperation`` (a quantize past 28 digits).  The grammar bounds a numeral
#: (``CORE``: at most 12 pieces of 20 digits or 30 characters, so under 3,000 digits even for
#: ``亿亿亿…``), and this precision holds every such value exactly; it costs nothing for the
#: short numerals of real text (precision is a bound, not a width).
EXACT = Context(prec=8_000, Emax=100_000, Emin=-100_000,
                traps=[InvalidOperation, DivisionByZero, Overflow])
#: Fractions divide at Python's default precision (28 digits: the values of real text stay
#: what they were), more only when the quotient's integer part needs it.
_DIVISION_GUARD = 12


class Numeral(NamedTuple):
    value: Decimal
    approx: bool


_FRACTION_PLACES = Decimal("0.0001")
_PREFIX_RE = re.compile(r"^(?:大约|将近|近|约|約|逾)\s?")
_SPLIT_RE = re.compile(rf"(\d+(?:\.\d+)?|[{_CN_DIGITS}]|[{''.join(UNITS)}]|[{''.join(TENS)}])")


def to_json_number(value: Decimal) -> int | float:
    """An int when integral (so 7.64亿 gives 764000000 exactly), else a float."""
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if number in (float("inf"), float("-inf")):  # past 1e308: JSON has no Infinity
        return int(value.to_integral_value(rounding=ROUND_HALF_UP))
    return number


def _section(tokens: list[str]) -> Decimal | None:
    """Value of tokens below 万 (digits, 十/百/千, Arabic numbers), ellipsis included."""
    acc = Decimal(0)
    cur: Decimal | None = None
    cur_single = False  # the pending number is one digit (eligible for 三万五-style ellipsis)
    last_unit: int | None = None
    zero_seen = False
    for tok in tokens:
        if tok in UNITS:
            power = UNITS[tok]
            if last_unit is not None and power >= last_unit and cur is None:
                return None  # 十百, 千千: not a numeral
            acc += (cur if cur is not None else Decimal(1)) * (Decimal(10) ** power)
            cur, last_unit, zero_seen = None, power, False
        elif tok in TENS:
            if cur is not None:
                return None
            acc += TENS[tok]
            last_unit, zero_seen = 1, False
        elif tok in DIGITS and not tok.isascii():
            if DIGITS[tok] == 0:
                if cur is not None:
                    if last_unit is None:
                        return None
                    acc += cur
                    cur = None
                zero_seen = True
                continue
            if cur is not None:
                return None  # two digits in a row outside a digit string
            cur, cur_single = Decimal(DIGITS[tok]), True
        else:  # Arabic number
            if cur is not None:
                return None
            cur = Decimal(tok)
            cur_single = len(tok) == 1
    if cur is not None:
        if last_unit is not None and last_unit >= 2 and cur_single and not zero_seen:
            acc += cur * (Decimal(10) ** (last_unit - 1))  # 两千六 = 2600, 一百二 = 120
        else:
            acc += cur
    return acc


def _integer(tokens: list[str], big: int = 0) -> Decimal | None:
    """Value of a token list, split at the last 亿 then the last 万 (so 万亿, 万万 work)."""
    if not tokens:
        return None
    for power in (8, 4):
        idx = max((i for i, t in enumerate(tokens) if UNITS.get(t) == power), default=-1)
        if idx < 0:
            continue
        left, right = tokens[:idx], tokens[idx + 1 :]
        lv = _integer(left, power) if left else Decimal(1)
        if lv is None:
            return None
        high = lv * (Decimal(10) ** power)
        if not right:
            return high
        if len(right) == 1 and (right[0] in DIGITS or (right[0].isdigit() and len(right[0]) == 1)):
            d = DIGITS.get(right[0])
            if d is None:
                d = int(right[0])
            if d == 0:
                return high
            return high + d * (Decimal(10) ** (power - 1))  # 三万五 = 35000, 萬九 = 19000
        rv = _integer(right, power)
        if rv is None or rv >= Decimal(10) ** power:
            return None
        return high + rv
    return _section(tokens)


def _digits_only(s: str) -> Decimal | None:
    """二〇二三 / 一九 read digit by digit."""
    if len(s) > 1 and all(c in DIGITS for c in s):
        return Decimal("".join(str(DIGITS[c]) for c in s))
    return None


@lru_cache(maxsize=4096)
def parse_core(s: str) -> Decimal | None:
    """The value of a numeral core (no approximation markers); None if it is not a numeral.

    Cached: documents repeat the same few numerals (一, 三, 2021) and the value is immutable.
    Exact at any length the grammar matches (:data:`EXACT`).
    """
    with localcontext(EXACT):
        return _parse_core(s)


def _parse_core(s: str) -> Decimal | None:
    s = s.replace(",", "").replace(" ", "")
    if not s:
        return None
    point = next((i for i, c in enumerate(s) if c in DECIMAL_POINTS), -1)
    if point >= 0:
        whole = parse_core(s[:point]) if point else None
        frac = s[point + 1 :]
        if whole is None or not frac:
            return None
        if frac.isdigit() and frac.isascii():
            digits = frac
        elif all(c in DIGITS and not c.isascii() for c in frac):
            digits = "".join(str(DIGITS[c]) for c in frac)
        else:
            return None
        return whole + Decimal("0." + digits)
    if all((c.isdigit() and c.isascii()) or c == "." for c in s):
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    if (only := _digits_only(s)) is not None:
        return only
    tokens = _SPLIT_RE.findall(s)
    if "".join(tokens) != s:
        return None
    if not any(t[0].isdigit() or t in DIGITS or t in TENS or UNITS.get(t, 9) < 4 for t in tokens):
        return None  # 万, 亿, 万万 alone are not numerals
    return _integer(tokens)


_FRAC_RE = re.compile(r"^(?:(?P<whole>.+?)又)?(?P<den>.+?)分之(?P<num>.+)$")
_APPROX_RE = re.compile(
    rf"^(?P<core>.+?)(?:(?P<mark>[{APPROX_INFIX}])(?P<mag>[万萬亿億]{{0,2}}))?(?P<lr>左右)?$"
)


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> Numeral | None:
    """Value and approximation flag of a numeral as the fragments match it (cached).

    >>> parse_numeral("120余万")
    Numeral(value=Decimal('1200000'), approx=True)
    >>> parse_numeral("7.64亿").value
    Decimal('764000000.00')
    >>> parse_numeral("三分之一").value
    Decimal('0.3333')
    """
    with localcontext(EXACT):
        return _parse_numeral(text)


def _parse_numeral(text: str) -> Numeral | None:
    s = text.strip().replace(",", "")
    negative = False
    if s.startswith(("负", "負", "-")):
        negative, s = True, s[1:].lstrip()
    approx = False
    m = _PREFIX_RE.match(s)
    if m:
        approx, s = True, s[m.end() :]
    if "分之" in s:
        fm = _FRAC_RE.match(s)
        if not fm:
            return None
        den, num = parse_core(fm["den"]), parse_core(fm["num"])
        if den is None or num is None or den == 0:
            return None
        # 28 digits as Python's default (real text keeps its values), more when the
        # integer part of the quotient needs them (二分之一万亿亿亿)
        digits = max(28, num.adjusted() - den.adjusted() + _DIVISION_GUARD)
        with localcontext(EXACT) as ctx:
            ctx.prec = digits
            value = num / den
        if fm["whole"]:
            whole = parse_core(fm["whole"])
            if whole is None:
                return None
            value += whole
        value = value.quantize(_FRACTION_PLACES, rounding=ROUND_HALF_UP)
        return Numeral(-value if negative else value, approx)
    am = _APPROX_RE.match(s)
    if not am:
        return None
    core = am["core"]
    core_value = parse_core(core)
    if core_value is None and core in ("万", "萬", "亿", "億") and (approx or am["mark"]):
        # 万余, 近万: a marker makes a lone magnitude a count
        core_value = Decimal(10) ** UNITS[core]
    if core_value is None:
        return None
    value = core_value
    if am["mark"]:
        approx = True
        for c in am["mag"] or "":
            value *= Decimal(10) ** UNITS[c]
    if am["lr"]:
        approx = True
    return Numeral(-value if negative else value, approx)


def numeral_value(text: str) -> int | float | None:
    """The JSON value of a numeral (int when integral), or None."""
    parsed = parse_numeral(text)
    return None if parsed is None else to_json_number(parsed.value)
