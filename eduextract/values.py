"""The shape of ``Span.value`` for each label (ANNOTATION.md's value column), as TypedDicts.

Values stay plain ``dict`` objects at run time (JSON-ready, equal to what a gold file holds);
these types only tell a type checker which keys a label's value has::

    if span.label == "MONEY":
        money = cast(MoneyValue, span.value)
        money["currency"]          # str, checked

``VALUE_TYPES`` maps each label to its type, for code that dispatches on the label.
"""

# no ``from __future__ import annotations``: on Python 3.11 it hides NotRequired from
# ``__required_keys__``
from typing import Literal, NotRequired, TypedDict

#: a count or an amount: an int when integral, a float otherwise; a range is ``[low, high]``
Quantity = int | float | list[int | float]


class NumberValue(TypedDict):
    value: Quantity
    approx: bool


class OrdinalValue(TypedDict):
    value: int


class PercentValue(TypedDict):
    value: int | float
    unit: Literal["percent", "permille", "percentage_point"]


class MoneyValue(TypedDict):
    value: Quantity
    currency: str  # ISO 4217
    approx: bool


class OrgValue(TypedDict):
    kind: Literal["government", "party", "university", "school", "research", "company", "other"]
    canonical: str | None
    id: NotRequired[str]  # from a user gazetteer


class DocnoValue(TypedDict):
    agency: str
    year: int | None
    serial: int | None
    normalized: str
    issuer: str | None
    issuer_source: Literal["title", "code_table", "province_prefix+organ_marker"] | None


class DateValue(TypedDict):
    iso: str | None


SpanValue = (
    NumberValue | OrdinalValue | PercentValue | MoneyValue | OrgValue | DocnoValue | DateValue
)

VALUE_TYPES: dict[str, type] = {
    "NUMBER": NumberValue,
    "ORDINAL": OrdinalValue,
    "PERCENT": PercentValue,
    "MONEY": MoneyValue,
    "ORG": OrgValue,
    "DOCNO": DocnoValue,
    "DATE": DateValue,
}
