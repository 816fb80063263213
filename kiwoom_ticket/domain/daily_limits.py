"""Daily limits (일일 한도) per environment: the day's loss, orders and traded value.

Like the order precautions (precautions.py) each limit has two tiers: crossing `warn`
says so once a day; crossing `block` engages the kill switch with the limit as its
reason. The loss is realised (sells of the day against the holding's average price) plus
unrealised (the account's 평가손익); counted orders are the day's new buys and sells the
exchange may have taken (a rejected or never-received request is not an order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .orders import Action
from .precautions import Tier
from .records import OrderRecord
from .status import OrderStatus
from .text import Text
from .validation import Severity

_NOT_ORDERS = frozenset({OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED})


_LOSS = Tier(warn=1_000_000, block=3_000_000)  # KRW lost today
_ORDERS = Tier(warn=200, block=500)  # new orders today
_TRADED = Tier(warn=200_000_000, block=1_000_000_000)  # KRW filled today


@dataclass(frozen=True, slots=True)
class DailyLimits:
    loss: Tier = _LOSS
    orders: Tier = _ORDERS
    traded_value: Tier = _TRADED


PRACTICE_LIMITS = DailyLimits()
REAL_LIMITS = DailyLimits(loss=Tier(warn=300_000, block=1_000_000),
                          orders=Tier(warn=50, block=100),
                          traded_value=Tier(warn=30_000_000, block=100_000_000))


@dataclass(frozen=True, slots=True)
class DayTally:
    """What the day has come to so far."""

    realised: int = 0  # signed KRW: sells' fills against the average price
    unrealised: int = 0  # signed KRW: the account's 평가손익 now
    orders: int = 0
    traded_value: int = 0

    @property
    def loss(self) -> int:
        """The day's loss as a positive number (0 when the day is up)."""
        return max(0, -(self.realised + self.unrealised))


@dataclass(frozen=True, slots=True)
class Crossing:
    key: str  # "loss", "orders", "traded_value"
    severity: Severity
    text: Text


def _won(n: float) -> str:
    return f"{n:,.0f}"


def crossings(tally: DayTally, limits: DailyLimits, next_order: bool = False) -> list[Crossing]:
    """The limits the day is over; `next_order`: as if one more order were placed now
    (the gate asks before an order leaves, so the limit is never exceeded by one)."""
    found: list[Crossing] = []
    orders = tally.orders + (1 if next_order else 0)
    loss_text = (Text(f"오늘 손실 {_won(tally.loss)}원이 한도 ", f"Today's loss {_won(tally.loss)} "
                      "won is over the limit "), Text("원을 넘었습니다", " won"))
    orders_text = (Text(f"오늘 주문 {orders:,}건이 한도 ", f"{orders:,} orders today: over the "
                        "limit of "), Text("건을 넘습니다", ""))
    traded_text = (Text(f"오늘 체결금액 {_won(tally.traded_value)}원이 한도 ",
                        f"Today's traded value {_won(tally.traded_value)} won is over the "
                        "limit "), Text("원을 넘었습니다", " won"))
    checks: tuple[tuple[str, int, Tier, tuple[Text, Text]], ...] = (
        ("loss", tally.loss, limits.loss, loss_text),
        ("orders", orders, limits.orders, orders_text),
        ("traded_value", tally.traded_value, limits.traded_value, traded_text),
    )
    for key, value, tier, text in checks:
        severity = tier.level(value)
        if severity is None:
            continue
        limit = tier.block if severity is Severity.ERROR else tier.warn
        head, tail = text
        found.append(Crossing(key, severity, head + _won(limit or 0) + tail))
    return found


def tally_day(records: Iterable[OrderRecord], trade_day: str, unrealised: int,
              average_cost: Mapping[str, int]) -> DayTally:
    """The tally of `trade_day` from the journal's records of it. `average_cost`: the
    holding's average price per stock as last seen (a sell's realised result is its
    fills against it; a stock with none known counts no realised result)."""
    orders = traded = realised = 0
    for r in records:
        if r.trade_day != trade_day or not r.action.is_new:
            continue
        if r.status not in _NOT_ORDERS:
            orders += 1
        if r.filled_qty and r.avg_fill_price:
            traded += r.filled_qty * r.avg_fill_price
            cost = average_cost.get(r.stock_code)
            if r.action is Action.SELL and cost:
                realised += r.filled_qty * (r.avg_fill_price - cost)
    return DayTally(realised, unrealised, orders, traded)
