"""The ten-level order book (호가) of one stock: from ka10004 (REST) or a 0D frame
(WebSocket, 주식호가잔량). No Qt, no I/O.

Kiwoom writes prices signed against the base price ("+201000" above it, "-199000" below,
"200000" at it): the sign is a direction, kept apart from the price. A level whose price
is 0 is empty (near a daily limit the book has fewer than ten levels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LEVELS = 10
_NUMBER = re.compile(r"[+-]?\d{1,15}")


@dataclass(frozen=True, slots=True)
class Level:
    price: int  # 0: no level here
    qty: int
    change: int = 0  # 직전대비: the quantity's change since the last snapshot (signed)
    direction: int = 0  # +1 above the base price, -1 below, 0 at it (Kiwoom's sign)


EMPTY_LEVEL = Level(0, 0)


def _ka10004_name(side: str, n: int, what: str) -> str:
    """Level 1 is sel_fpr_bid / sel_fpr_req; then sel_2th_pre_bid ... ("2th" sic)."""
    return f"{side}_fpr_{what}" if n == 1 else f"{side}_{n}th_pre_{what}"


def ka10004_fields() -> tuple[str, ...]:
    """Every number field the ladder reads from a ka10004 reply."""
    names: list[str] = ["tot_sel_req", "tot_buy_req"]
    for side in ("sel", "buy"):
        for n in range(1, LEVELS + 1):
            names += [_ka10004_name(side, n, "bid"), _ka10004_name(side, n, "req"),
                      f"{side}_{n}th_pre_req_pre"]
    return tuple(names)


KA10004_FIELDS = ka10004_fields()


def is_number_text(value: Any) -> bool:
    """Kiwoom's number text: digits with an optional sign, or empty (no value)."""
    return isinstance(value, str) and (value.strip() == "" or bool(_NUMBER.fullmatch(value.strip())))


def signed(value: Any) -> int:
    """A Kiwoom number with its sign ("-19" is -19); 0 for empty or unreadable text."""
    text = str(value if value is not None else "").strip().replace(",", "")
    if not _NUMBER.fullmatch(text):
        return 0
    return int(text)


def direction_of(value: Any) -> int:
    text = str(value if value is not None else "").strip()
    return 1 if text.startswith("+") else -1 if text.startswith("-") else 0


def _level(price: Any, qty: Any, change: Any) -> Level:
    p = abs(signed(price))
    if p == 0:
        return EMPTY_LEVEL
    return Level(p, abs(signed(qty)), signed(change), direction_of(price))


@dataclass(frozen=True, slots=True)
class Depth:
    code: str
    asks: tuple[Level, ...]  # best (lowest) first, always LEVELS long
    bids: tuple[Level, ...]  # best (highest) first, always LEVELS long
    ask_total: int = 0
    bid_total: int = 0
    expected_price: int = 0  # 예상체결가 during a call auction (동시호가); 0: none
    expected_qty: int = 0
    time: str = ""  # HHMMSS of the snapshot, as Kiwoom gave it

    def __post_init__(self) -> None:
        if len(self.asks) != LEVELS or len(self.bids) != LEVELS:
            raise ValueError(f"a depth has {LEVELS} levels a side")

    @property
    def has_expected(self) -> bool:
        return self.expected_price > 0

    @property
    def empty(self) -> bool:
        return not any(lv.price for lv in self.asks + self.bids)

    @classmethod
    def blank(cls, code: str = "") -> Depth:
        return cls(code, (EMPTY_LEVEL,) * LEVELS, (EMPTY_LEVEL,) * LEVELS)

    @classmethod
    def from_ka10004(cls, body: Mapping[str, Any], code: str = "") -> Depth:
        """A ka10004 주식호가요청 reply (its shape checked by the client)."""
        def side(name: str) -> tuple[Level, ...]:
            return tuple(_level(body.get(_ka10004_name(name, n, "bid")),
                                body.get(_ka10004_name(name, n, "req")),
                                body.get(f"{name}_{n}th_pre_req_pre"))
                         for n in range(1, LEVELS + 1))

        return cls(code, side("sel"), side("buy"),
                   abs(signed(body.get("tot_sel_req"))), abs(signed(body.get("tot_buy_req"))),
                   time=str(body.get("bid_req_base_tm") or "")[:8])

    @classmethod
    def from_0d(cls, item: str, values: Mapping[str, str]) -> Depth:
        """A 0D 주식호가잔량 entry: asks 41-50 (qty 61-70, change 81-90), bids 51-60 (qty
        71-80, change 91-100), totals 121 / 125. The expected price: 291/292 (valid only
        while a call auction runs), or 23/24 when a frame has no 291."""
        v = values
        asks = tuple(_level(v.get(str(40 + n)), v.get(str(60 + n)), v.get(str(80 + n)))
                     for n in range(1, LEVELS + 1))
        bids = tuple(_level(v.get(str(50 + n)), v.get(str(70 + n)), v.get(str(90 + n)))
                     for n in range(1, LEVELS + 1))
        price_id, qty_id = ("291", "292") if "291" in v else ("23", "24")
        expected = abs(signed(v.get(price_id)))
        return cls(item, asks, bids, abs(signed(v.get("121"))),
                   abs(signed(v.get("125"))), expected,
                   abs(signed(v.get(qty_id))) if expected else 0, str(v.get("21") or "")[:8])
