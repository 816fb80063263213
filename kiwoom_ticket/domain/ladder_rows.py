"""What the 호가창 shows, row by row: the book's twenty levels (asks 10..1 above, bids
1..10 below), the current price marked, and the account's own open orders as badges
at their prices (sells on the ask side, buys on the bid side). No Qt.

A row is a frozen value: the widget repaints a row only when its value changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .market_depth import LEVELS, Depth, Level
from .open_orders import is_open_order
from .order_book import OrderBook
from .orders import Action
from .records import OrderRecord

ASK, BID = "ask", "bid"
ROWS = 2 * LEVELS


@dataclass(frozen=True, slots=True)
class OwnOrder:
    """An open order of the account: what its badge needs."""

    record: OrderRecord
    side: Action  # BUY or SELL (a modify takes its original's side)
    price: int
    open_qty: int


@dataclass(frozen=True, slots=True)
class Badge:
    """The account's open orders of one side at one price: their total open quantity,
    how many they are, and the newest of them (the one a drag or × acts on)."""

    side: Action
    open_qty: int
    count: int
    record: OrderRecord


@dataclass(frozen=True, slots=True)
class LadderRow:
    side: str  # ASK or BID
    level: Level
    is_last: bool = False  # the current price (현재가) is this row's
    sell: Badge | None = None
    buy: Badge | None = None

    @property
    def price(self) -> int:
        return self.level.price

    def badge(self, side: Action) -> Badge | None:
        return self.buy if side is Action.BUY else self.sell


def own_orders(records: Iterable[OrderRecord], code: str, book: OrderBook,
               trade_day: str | None = None) -> list[OwnOrder]:
    """The open orders of `code` with a price and shares left, today's only (an order
    number names an order within its day), oldest first. A modify is an order of its own
    (a new number, its original's side); a cancel is never open."""
    found: list[OwnOrder] = []
    for rec in records:
        if rec.stock_code != code or not rec.price or not is_open_order(rec, trade_day):
            continue
        side = rec.action if rec.action.is_new else book.side_of(rec)
        if side is None:
            continue
        found.append(OwnOrder(rec, side, rec.price, rec.open_qty))
    found.sort(key=lambda o: o.record.created_at)
    return found


def _badges(orders: Iterable[OwnOrder]) -> dict[tuple[Action, int], Badge]:
    badges: dict[tuple[Action, int], Badge] = {}
    for o in orders:  # oldest first: the newest becomes the badge's record
        key = (o.side, o.price)
        had = badges.get(key)
        qty, count = (had.open_qty, had.count) if had else (0, 0)
        badges[key] = Badge(o.side, qty + o.open_qty, count + 1, o.record)
    return badges


def ladder_rows(depth: Depth, last_price: int | None = None,
                orders: Iterable[OwnOrder] = ()) -> tuple[LadderRow, ...]:
    """Twenty rows, top to bottom: the tenth ask down to the best ask, then the best bid
    down to the tenth bid."""
    badges = _badges(orders)

    def row(side: str, level: Level) -> LadderRow:
        p = level.price
        if not p:
            return LadderRow(side, level)
        return LadderRow(side, level, bool(last_price) and p == last_price,
                         badges.get((Action.SELL, p)), badges.get((Action.BUY, p)))

    return (tuple(row(ASK, lv) for lv in reversed(depth.asks))
            + tuple(row(BID, lv) for lv in depth.bids))


def unseen_orders(rows: Iterable[LadderRow], orders: Iterable[OwnOrder]) -> list[OwnOrder]:
    """Open orders whose price is on none of the rows (outside the ten levels)."""
    shown = {r.price for r in rows if r.price}
    return [o for o in orders if o.price not in shown]


def bar_scale(max_qty: int) -> int:
    """The quantity a full bar stands for: the largest level rounded up to 1, 2 or 5 x
    10^k, so a small change of the book does not resize (and repaint) every bar."""
    if max_qty <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= max_qty:
                return m * step
        step *= 10
