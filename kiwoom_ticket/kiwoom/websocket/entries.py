"""What an entry of a REAL frame may hold, checked before anyone reads it.

Kiwoom writes every value as text: field ids are digits, values short strings. A field
the app reads as a number must be one, within what a stock can be: a price past
1,000,000,000 won or a quantity past 10^13 shares is a bad value, not a big one (a
4,000-digit price would overflow the quote line's arithmetic). An order number is seven
digits or nothing. An entry that breaks any of this is left out whole: half an order
event is worse than none, and the exchange's lists settle what the stream could not say.
"""

from __future__ import annotations

import re
from typing import Any

from .frames import RealEntry

MAX_ENTRIES = 1_000  # entries read from one frame (Kiwoom's carry up to ~100)
MAX_FIELDS = 300  # a 0D entry has ~70
MAX_VALUE = 200  # characters of one value (names, a refusal's reason)
PRICE_LIMIT = 10**9  # won
QUANTITY_LIMIT = 10**13  # shares (누적거래량 of the busiest stock is ~10^10)
MONEY_LIMIT = 10**17  # won

# Field ids are global in Kiwoom's realtime (10 is 현재가 in 0B, 00 and 04 alike).
_PRICES = ("10", "11", "16", "17", "18", "27", "28", "307", "901", "910", "914", "931",
           *map(str, range(41, 61)))
_QUANTITIES = ("13", "15", "900", "902", "911", "915", "930", "933", "1030", "1031",
               "121", "122", "125", "126", "128", *map(str, range(61, 81)))
_MONEY = ("903", "932", "938", "939")
LIMITS: dict[str, int] = {**dict.fromkeys(_PRICES, PRICE_LIMIT),
                          **dict.fromkeys(_QUANTITIES, QUANTITY_LIMIT),
                          **dict.fromkeys(_MONEY, MONEY_LIMIT)}
DIGITS: dict[str, int] = {"9203": 7, "904": 7, "20": 6, "21": 6, "908": 6}  # exactly so many
_CHECKED = frozenset(LIMITS) | frozenset(DIGITS)
# The limits are powers of ten: below 10^n is at most n digits once leading zeros go.
_MOST_DIGITS = {fid: len(str(limit)) - 1 for fid, limit in LIMITS.items()}
# Each field's rule as a pattern (the same rule as the loop in checked_entry spelled out:
# around the text only what str.strip() takes (\s is the same set), then nothing, or for
# an order number or a time exactly so many ASCII digits, or for a number an optional
# sign and at most so many digits once leading zeros go).
_FIELD_PATTERN = {
    **{fid: rf"\s*(?:[0-9]{{{n}}}\s*)?" for fid, n in DIGITS.items()},
    **{fid: rf"\s*(?:[+-]?(?=[0-9])0*[0-9]{{0,{n}}}\s*)?" for fid, n in _MOST_DIGITS.items()},
}
# The values as Kiwoom writes them (no blanks around, no leading zeros past the limit):
# a subset of what each field's rule takes, matched about twice as fast. An entry whose
# values this pattern takes passes; any other is matched against the whole rule.
_PLAIN_PATTERN = {
    **{fid: rf"(?:[0-9]{{{n}}})?" for fid, n in DIGITS.items()},
    **{fid: rf"(?:[+-]?[0-9]{{1,{n}}})?" for fid, n in _MOST_DIGITS.items()},
}
SEPARATOR = "\x00"  # between the values joined for one match: no field's pattern takes it
MAX_SHAPES = 256  # field-id layouts remembered (Kiwoom sends a handful: 0B, 0D, 00, 04)
# The checked fields, the pattern of their rule, and the plain values' pattern.
Shape = tuple[tuple[str, ...], "re.Pattern[str] | None", "re.Pattern[str] | None"]
_shapes: dict[tuple[str, ...], Shape] = {}


def _shape(fids: tuple[str, ...]) -> Shape | None:
    """The checked fields of an entry with these field ids, in order, and one pattern
    for their values joined by SEPARATOR: each entry of a known layout is checked by one
    match in C, not a Python loop over its ~60 numbers (the feed brings thousands a
    second). None once MAX_SHAPES layouts are known (made-up layouts: checked field by
    field, nothing compiled or kept for them)."""
    shape = _shapes.get(fids)
    if shape is None:
        if len(_shapes) >= MAX_SHAPES:
            return None
        checked = tuple(fid for fid in fids if fid in _CHECKED)
        pattern = re.compile(SEPARATOR.join(_FIELD_PATTERN[fid] for fid in checked)) \
            if checked else None
        plain = re.compile(SEPARATOR.join(_PLAIN_PATTERN[fid] for fid in checked)) \
            if checked else None
        shape = _shapes[fids] = (checked, pattern, plain)
    return shape


def real_entries(frame: dict[str, Any]) -> tuple[list[RealEntry], int]:
    """The entries of a REAL frame that have Kiwoom's shape, and how many did not."""
    data = frame.get("data")
    if not isinstance(data, list):
        return [], 1
    out = [e for e in map(checked_entry, data[:MAX_ENTRIES]) if e is not None]
    return out, len(data) - len(out)


def checked_entry(raw: object) -> RealEntry | None:
    """`raw` as a RealEntry, or None if anything in it is not Kiwoom's shape. Written for
    speed (thousands of entries a second): whole-entry checks run in C where they can."""
    if not isinstance(raw, dict):
        return None
    type_, item, name, values = (raw.get("type"), raw.get("item", ""), raw.get("name", ""),
                                 raw.get("values"))
    if not (isinstance(type_, str) and len(type_) == 2 and type_.isascii() and type_.isalnum()
            and isinstance(item, str) and len(item) <= 20 and item.isascii()
            and (not item or item.replace("_", "").isalnum())
            and isinstance(name, str) and len(name) <= 40
            and isinstance(values, dict) and 0 < len(values) <= MAX_FIELDS):
        return None
    texts = values.values()
    try:
        joined = "".join(texts)  # TypeError unless every value is text
    except TypeError:
        return None
    fids = "".join(values)  # JSON keys are text: field ids are digits
    if (len(joined) > MAX_VALUE and max(map(len, texts)) > MAX_VALUE) or not (
            fids.isascii() and fids.isdigit()):
        return None
    shape = _shape(tuple(values))
    if shape is None:
        if not values_in_bounds(values):
            return None
    elif shape[1] is not None:
        joined = SEPARATOR.join([values[fid] for fid in shape[0]])
        if (shape[2] is None or shape[2].fullmatch(joined) is None) \
                and shape[1].fullmatch(joined) is None:
            return None
    return RealEntry(type_, item, name, values)


def values_in_bounds(values: dict[str, str]) -> bool:
    """The rule the pattern of `_shape` holds, field by field (for the tests: the
    pattern must say exactly this)."""
    for fid in _CHECKED.intersection(values):
        text = values[fid].strip()
        if not text:
            continue  # Kiwoom leaves fields empty (no fill yet, no original)
        digits = DIGITS.get(fid)
        if digits is not None:  # an order number, a time: exactly so many digits
            if not (len(text) == digits and text.isascii() and text.isdigit()):
                return False
            continue
        if text[0] in "+-":  # a number with its direction sign, within the field's limit
            text = text[1:]
        if not (text.isascii() and text.isdigit()
                and len(text.lstrip("0")) <= _MOST_DIGITS[fid]):
            return False
    return True
