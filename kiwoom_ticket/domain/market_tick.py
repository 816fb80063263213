"""One live trade of a stock (WebSocket type 0B 주식체결), read from its values.

Field ids (spec 0B): 20 체결시간 HHMMSS, 10 현재가, 11 전일대비 (signed), 12 등락율,
13 누적거래량, 15 거래량 (+ bought at the ask, − sold at the bid), 27/28 best ask/bid.
Prices carry a sign that is direction against the base price, not value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import kiwoom_int


@dataclass(frozen=True, slots=True)
class Trade:
    code: str
    price: int  # 현재가
    change: int  # 전일대비, signed
    volume: int  # 누적거래량
    last_qty: int  # 거래량 of this print, signed (+ buy, − sell)
    time: str  # HHMMSS

    @property
    def base(self) -> int:
        """The day's base price this change is measured from."""
        return self.price - self.change


def _signed(text: str) -> int:
    text = text.strip()
    value = kiwoom_int(text)
    return -value if text.startswith("-") else value


def parse_trade(item: str, values: Mapping[str, object]) -> Trade | None:
    """A 0B entry of `item` (a code, maybe with _NX/_AL), or None without a price."""
    # Only the five fields read, each text or nothing (thousands of trades a second: no
    # copy of the entry's ~30 fields).
    def text(fid: str) -> str:
        value = values.get(fid, "")
        return value if isinstance(value, str) else ""

    price = kiwoom_int(text("10"))
    code = item.split("_")[0].strip()[:12]
    if price <= 0 or not code:
        return None
    return Trade(code=code, price=price, change=_signed(text("11")),
                 volume=kiwoom_int(text("13")), last_qty=_signed(text("15")),
                 time=text("20").strip()[:6])
