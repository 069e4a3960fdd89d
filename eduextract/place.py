"""The place a document is about: Hong Kong, Macao, Taiwan, or elsewhere (None).

Some values depend on it and on nothing in the span itself: a bare ``元`` or ``$`` is HKD in a
Hong Kong text, MOP in a Macao text, TWD in a Taiwan text and CNY elsewhere (ANNOTATION.md
"Money"), and a Taiwan text counts years in the Minguo era.  The span cannot tell; the
document can.  The cues (place names, currency names, offices; ``gazetteers/place_cues.tsv``)
are counted over the whole text once and kept in ``doc.cache``.

A place is named only when it clearly leads: its score reaches ``_MIN_SCORE`` and is at least
twice the next place's.  A mainland notice that mentions a Hong Kong university once stays
unplaced (CNY); a Macao bulletin that cites ``人民幣`` conversions once is still Macao.
"""

from __future__ import annotations

from functools import cache

from .data import read_table
from .document import Document

#: the local currency of each place (ISO 4217)
CURRENCY = {"HK": "HKD", "MO": "MOP", "TW": "TWD"}

#: a place needs at least this score (a currency word alone, or a place name twice)
_MIN_SCORE = 3


@cache
def _cues() -> tuple[tuple[str, str, int], ...]:
    rows = read_table("place_cues.tsv", columns=3)
    out = []
    for cue, place, weight in rows:
        if place not in CURRENCY and place not in ("SAR", "CN"):
            raise ValueError(f"place_cues.tsv: unknown place {place!r} for {cue!r}")
        out.append((cue, place, int(weight)))
    return tuple(out)


def place_of(text: str) -> str | None:
    """``"HK"``, ``"MO"``, ``"TW"`` or None for a text about none of them (or not clearly)."""
    text = text.replace(" ", "")  # 香 港: letter-spaced headings still name the place
    scores = dict.fromkeys((*CURRENCY, "SAR", "CN"), 0)
    for cue, place, weight in _cues():
        n = text.count(cue)
        if n:
            scores[place] += n * weight
    shared = scores.pop("SAR")
    if scores["HK"] > scores["MO"]:
        scores["HK"] += shared
    elif scores["MO"] > scores["HK"]:
        scores["MO"] += shared
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if best != "CN" and top >= _MIN_SCORE and top >= 2 * second:
        return best
    return None


def doc_place(doc: Document) -> str | None:
    """:func:`place_of` for a document, computed once and cached."""
    if "place" not in doc.cache:
        doc.cache["place"] = place_of(doc.text)
    return doc.cache["place"]  # type: ignore[no-any-return]


def local_currency(doc: Document) -> str | None:
    """The currency a bare ``元``/``$`` stands for in this document (None: the default)."""
    place = doc_place(doc)
    return None if place is None else CURRENCY[place]


#: currency marks that name no country: 元 is the unit of CNY, HKD, MOP and TWD alike, and $
#: is the sign of USD, HKD, MOP and TWD
_BARE = frozenset({"元", "圆", "块", "块钱", "$"})


@cache
def _explicit_default_words() -> tuple[str, ...]:
    """Words that say CNY or USD outright (人民币, ￥, 美元, US$): no place overrides them."""
    rows = read_table("currencies.tsv", columns=3)
    return tuple(w for w, code, _ in rows if code in ("CNY", "USD") and w not in _BARE)


def currency_for(doc: Document, text: str, code: str) -> str:
    """The currency of a MONEY span reading ``text`` whose written marks gave ``code``.

    Only a default reading changes: CNY from a bare 元, USD from a bare $.  In a Hong Kong,
    Macao or Taiwan text those are the local currency; a span that writes 人民币, ￥, 美元 or
    US$ keeps what it says.
    """
    if code not in ("CNY", "USD"):
        return code
    local = local_currency(doc)
    if local is None or any(w in text for w in _explicit_default_words()):
        return code
    if code == "USD" and "$" not in text:
        return code
    return local
