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

from .frames import RealEntry

MAX_ENTRIES = 1_000  # entries read from one frame (Kiwoom's carry up to ~100)
MAX_FIELDS = 300  # a 0D entry has ~70
MAX_VALUE = 200  # characters of one value (names, a refusal's reason)
PRICE_LIMIT = 10**9  # won
QUANTITY_LIMIT = 10**13  # shares (누적거래량 of the busiest stock is ~10^10)
MONEY_LIMIT = 10**17  # won

_FID = re.compile(r"\d{1,5}")
_TYPE = re.compile(r"[0-9A-Za-z]{2}")
_ITEM = re.compile(r"[0-9A-Za-z_]{0,20}")
_NUMBER = re.compile(r"[+-]?\d{1,18}")
_ORD_NO = re.compile(r"\d{7}")
_HHMMSS = re.compile(r"\d{6}")

# Field ids are global in Kiwoom's realtime (10 is 현재가 in 0B, 00 and 04 alike).
_PRICES = ("10", "11", "16", "17", "18", "27", "28", "307", "901", "910", "914", "931",
           *map(str, range(41, 61)))
_QUANTITIES = ("13", "15", "900", "902", "911", "915", "930", "933", "1030", "1031",
               "121", "122", "125", "126", "128", *map(str, range(61, 81)))
_MONEY = ("903", "932", "938", "939")
LIMITS: dict[str, int] = {**dict.fromkeys(_PRICES, PRICE_LIMIT),
                          **dict.fromkeys(_QUANTITIES, QUANTITY_LIMIT),
                          **dict.fromkeys(_MONEY, MONEY_LIMIT)}
PATTERNS: dict[str, re.Pattern[str]] = {"9203": _ORD_NO, "904": _ORD_NO, "20": _HHMMSS,
                                        "21": _HHMMSS, "908": _HHMMSS}


def real_entries(frame: dict) -> tuple[list[RealEntry], int]:
    """The entries of a REAL frame that have Kiwoom's shape, and how many did not."""
    data = frame.get("data")
    if not isinstance(data, list):
        return [], 1
    out = [e for e in map(checked_entry, data[:MAX_ENTRIES]) if e is not None]
    return out, len(data) - len(out)


def checked_entry(raw: object) -> RealEntry | None:
    """`raw` as a RealEntry, or None if anything in it is not Kiwoom's shape."""
    if not isinstance(raw, dict):
        return None
    type_, item, name, values = (raw.get("type"), raw.get("item", ""), raw.get("name", ""),
                                 raw.get("values"))
    if not (isinstance(type_, str) and _TYPE.fullmatch(type_) and isinstance(item, str)
            and _ITEM.fullmatch(item) and isinstance(name, str) and len(name) <= 40
            and isinstance(values, dict) and len(values) <= MAX_FIELDS):
        return None
    for fid, value in values.items():
        if not (isinstance(value, str) and len(value) <= MAX_VALUE and _FID.fullmatch(fid)):
            return None
        if not _value_fits(fid, value.strip()):
            return None
    return RealEntry(type_, item, name, values)


def _value_fits(fid: str, text: str) -> bool:
    if not text:
        return True  # Kiwoom leaves fields empty (no fill yet, no original)
    limit = LIMITS.get(fid)
    if limit is not None:
        return _NUMBER.fullmatch(text) is not None and abs(int(text)) < limit
    pattern = PATTERNS.get(fid)
    return pattern is None or pattern.fullmatch(text) is not None
