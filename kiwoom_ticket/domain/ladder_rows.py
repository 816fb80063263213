"""What the 호가창 shows, row by row: the book's twenty levels (asks 10..1 above, bids
1..10 below), the current price marked, and the account's own open orders as badges
at their prices (sells on the ask side, buys on the bid side). No Qt.

A row is a frozen value: the widget repaints a row only when its value changed.

Held still (호가 고정, while the pointer is over the ladder): the rows keep the prices
they had and only their quantities follow the book (`held_rows`); a price the book no
longer lists shows no quantity, and a best price beyond the held rows is told apart
(`beyond`). An untriggered stop order shows at its stop price, marked as a stop.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .market_depth import EMPTY_LEVEL, LEVELS, Depth, Level
from .open_orders import is_open_order
from .order_ledger import MAX_CHAIN, OrderLedger
from .orders import Action
from .records import OrderRecord
from .trade_types import BY_CODE

ASK, BID = "ask", "bid"
ROWS = 2 * LEVELS


@dataclass(frozen=True, slots=True)
class OwnOrder:
    """An open order of the account: what its badge needs."""

    record: OrderRecord
    side: Action  # BUY or SELL (a modify takes its original's side)
    price: int  # where its badge sits: the limit price, or the stop price of a stop order
    open_qty: int
    stop_price: int = 0  # a stop order not known to have triggered: shown at this price
    limit_price: int = 0  # ... and the limit it becomes once the stop trades

    @property
    def is_stop(self) -> bool:
        return self.stop_price > 0


@dataclass(frozen=True, slots=True)
class Badge:
    """The account's open orders of one side at one price: their total open quantity,
    how many they are, and the newest of them (the one a drag or × acts on)."""

    side: Action
    open_qty: int
    count: int
    record: OrderRecord
    stop_price: int = 0  # a stop badge: its orders wait for this price to trade
    limit_price: int = 0  # the newest one's limit once triggered

    @property
    def is_stop(self) -> bool:
        return self.stop_price > 0


@dataclass(frozen=True, slots=True)
class LadderRow:
    side: str  # ASK or BID
    level: Level
    is_last: bool = False  # the current price (현재가) is this row's
    sell: Badge | None = None
    buy: Badge | None = None
    listed: bool = True  # False: a held row whose price the book no longer lists
    # Stop orders waiting at this price, when a limit badge holds the same side's place
    # (the row shows one badge a side; the stop is marked and named in the tooltip).
    hidden_stops: int = 0

    @property
    def price(self) -> int:
        return self.level.price

    def badge(self, side: Action) -> Badge | None:
        return self.buy if side is Action.BUY else self.sell


def own_orders(records: Iterable[OrderRecord], code: str, book: OrderLedger,
               trade_day: str | None = None,
               triggered: Collection[tuple[str, str | None]] = ()) -> list[OwnOrder]:
    """The open orders of `code` with a price and shares left, today's only (an order
    number names an order within its day), oldest first. A modify is an order of its own
    (a new number, its original's side); a cancel is never open. `triggered`: the
    (trade day, order number) of stop orders whose stop price was seen to trade."""
    found: list[OwnOrder] = []
    for rec in records:
        if rec.stock_code != code or not rec.price or not is_open_order(rec, trade_day):
            continue
        first = _first_of_chain(rec, book)
        side = first.action if first is not None else None
        if side is None:
            continue
        stop = _waiting_stop(rec, first)
        if stop and (rec.trade_day, rec.ord_no) not in triggered:
            found.append(OwnOrder(rec, side, stop, rec.open_qty, stop, rec.price))
        else:
            found.append(OwnOrder(rec, side, rec.price, rec.open_qty))
    found.sort(key=lambda o: o.record.created_at)
    return found


def _first_of_chain(rec: OrderRecord, book: OrderLedger) -> OrderRecord | None:
    """The new order (buy or sell) a modify chain starts from: its side and type."""
    current = rec
    for _ in range(MAX_CHAIN):
        if current.action.is_new:
            return current
        parent = book.original_of(current)
        if parent is None:
            return None
        current = parent
    return None


def _waiting_stop(rec: OrderRecord, first: OrderRecord | None) -> int:
    """The stop price of a stop order (스톱지정가) not known to have triggered, else 0.
    Kiwoom's lists don't say whether a stop has traded: a fill says it has, and so does
    a trade at or through the stop seen since (the caller's `triggered`). A modify keeps
    its chain's type and, unless it set a new one, its stop price."""
    if first is None or rec.filled_qty:
        return 0
    kind = BY_CODE.get(first.trade_type or "")
    if kind is None or not kind.stop_price_required:
        return 0
    return rec.stop_price or first.stop_price or 0


def _badges(orders: Iterable[OwnOrder]) -> dict[tuple[Action, int, bool], Badge]:
    badges: dict[tuple[Action, int, bool], Badge] = {}
    for o in orders:  # oldest first: the newest becomes the badge's record
        key = (o.side, o.price, o.is_stop)
        had = badges.get(key)
        qty, count = (had.open_qty, had.count) if had else (0, 0)
        badges[key] = Badge(o.side, qty + o.open_qty, count + 1, o.record, o.stop_price,
                            o.limit_price)
    return badges


def _row(side: str, level: Level, last_price: int | None,
         badges: dict[tuple[Action, int, bool], Badge], listed: bool = True) -> LadderRow:
    p = level.price
    if not p:
        return LadderRow(side, level)
    placed: dict[Action, Badge | None] = {}
    hidden = 0
    for action in (Action.SELL, Action.BUY):
        limit, stop = badges.get((action, p, False)), badges.get((action, p, True))
        placed[action] = limit or stop
        if limit is not None and stop is not None:
            hidden += stop.count
    return LadderRow(side, level, bool(last_price) and p == last_price,
                     placed[Action.SELL], placed[Action.BUY], listed, hidden)


def ladder_rows(depth: Depth, last_price: int | None = None,
                orders: Iterable[OwnOrder] = ()) -> tuple[LadderRow, ...]:
    """Twenty rows, top to bottom: the tenth ask down to the best ask, then the best bid
    down to the tenth bid."""
    badges = _badges(orders)
    return (tuple(_row(ASK, lv, last_price, badges) for lv in reversed(depth.asks))
            + tuple(_row(BID, lv, last_price, badges) for lv in depth.bids))


def held_rows(depth: Depth, held: Iterable[LadderRow], last_price: int | None = None,
              orders: Iterable[OwnOrder] = ()) -> tuple[LadderRow, ...]:
    """The rows of `held` (as they were painted when the ladder was held still) at the
    same prices, with `depth`'s quantities. A price the book lists on the other side now
    takes that side's colour; a price it no longer lists shows no quantity."""
    badges = _badges(orders)
    asks = {lv.price: lv for lv in depth.asks if lv.price}
    bids = {lv.price: lv for lv in depth.bids if lv.price}
    rows = []
    for old in held:
        p = old.price
        if not p:
            rows.append(LadderRow(old.side, EMPTY_LEVEL))
        elif p in asks:
            rows.append(_row(ASK, asks[p], last_price, badges))
        elif p in bids:
            rows.append(_row(BID, bids[p], last_price, badges))
        else:
            level = Level(p, 0, 0, old.level.direction)
            rows.append(_row(_side_of(p, depth, old.side), level, last_price, badges,
                             listed=False))
    return tuple(rows)


def stop_traded(order: OwnOrder, price: int) -> bool:
    """A trade at `price` sets off `order`'s stop (buy: at or above, sell: at or below)."""
    if not order.is_stop or price <= 0:
        return False
    return price >= order.stop_price if order.side is Action.BUY else price <= order.stop_price


def _side_of(price: int, depth: Depth, was: str) -> str:
    """The side a price the book doesn't list lies on: at or above the best ask, the
    asks'; at or below the best bid, the bids'; between them, where it was."""
    ask, bid = depth.asks[0].price, depth.bids[0].price
    if ask and price >= ask:
        return ASK
    if bid and price <= bid:
        return BID
    return was


def beyond(depth: Depth, rows: Iterable[LadderRow]) -> tuple[int, int]:
    """(above, below): the book's best price nearest to the rows that lies above the
    highest row, and the one below the lowest; 0 where there is none. Held rows can
    lose the best prices as the book moves: these say where they went."""
    shown = [r.price for r in rows if r.price]
    bests = [p for p in (depth.asks[0].price, depth.bids[0].price) if p]
    if not shown or not bests:
        return 0, 0
    top, bottom = max(shown), min(shown)
    return (min((p for p in bests if p > top), default=0),
            max((p for p in bests if p < bottom), default=0))


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
