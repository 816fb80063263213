"""The matching engine: takes buys, sells, modifies and cancels, and fills them.

OrderPricing rules come from the domain's trade-type table (TradeType.fill and .tif):
- market, 최유리 (best) and 최우선 (priority) fill at once at the current price;
  the rest of a 최유리/최우선 order rests as a limit at that first price;
- limit orders fill when the price reaches them: at the current price on arrival,
  at their own price once resting; otherwise they rest until a price move crosses them;
- 스톱지정가 rests until its stop price trades (buy: price >= stop, sell: price <= stop),
  then acts as a limit;
- 중간가 fills at the midpoint of the one-tick book around the current price;
- 시간외 종가 fills at the closing price (61: yesterday's close, 81: the last price);
- each order takes at most `step_liquidity_krw` worth per step, so large orders fill
  in parts; IOC cancels what it could not fill on arrival, FOK fills all or nothing.
Every method runs under the simulator's lock.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial

from kiwoom_ticket.domain.trade_types import OrderPricing, TimeInForce, TradeType

from .account import Account
from .book import NO_ORDER, Execution, LedgerEntry, SimOrder, State
from .clock import Clock
from .errors import OrderRejected
from .events import Action, Kind, OrderEvent
from .market import Market, Quote

log = logging.getLogger(__name__)

UNKNOWN_ORDER = "RC4061"  # also: an order that is filled, cancelled or modified away
TOO_MANY = "RC4034"
NOT_MODIFIABLE = "RC4035"

MAX_ORDER_NO = 9_999_999
PAST_DAYS_KEPT = 7  # days of orders kept for kt00007 with an earlier ord_dt


class Engine:
    def __init__(
        self,
        market: Market,
        account: Account,
        clock: Clock,
        lock: threading.RLock,
        step_liquidity_krw: int,
    ) -> None:
        self._market = market
        self.account = account
        self._clock = clock
        self._lock = lock
        self._liquidity = step_liquidity_krw
        self.orders: dict[str, SimOrder] = {}
        self._resting: dict[str, dict[str, SimOrder]] = defaultdict(dict)  # by stock, in time order
        self.ledger: list[LedgerEntry] = []
        self.executions: list[Execution] = []
        self._next_no = 1
        # Kiwoom restarts order numbers every trading day and day orders expire at its
        # end; `roll_day` does both when the clock passes midnight (KST).
        self.day: date = clock.now().date()
        self.past_orders: dict[date, dict[str, SimOrder]] = {}
        self.version = 0  # changes whenever state changes (the state file watches it)
        # Views derived from the state (the day's history lines), each kept with the
        # version it was derived from.
        self.memo: dict[str, tuple] = {}
        # Told of every order change, under the lock (the WebSocket feed): see observers below.
        self.observers: list[Callable[[OrderEvent], None]] = []
        market.on_move(self._on_move)

    # --- trading days --------------------------------------------------------------

    def roll_day(self) -> bool:
        """Start a new trading day if the clock says so: what still works expires (its
        reservation released), numbering restarts at 1, the day's orders are kept for the
        history TRs (kt00007 ord_dt). True when a new day began."""
        with self._lock:
            today = self._clock.now().date()
            if today <= self.day:
                return False
            for o in self.orders.values():
                if o.is_open:
                    self._release(o, o.remaining)
                    self._close(o, State.EXPIRED)
                    self._emit(OrderEvent(Kind.CANCELLED, o, qty=o.remaining))
            self.past_orders[self.day] = self.orders
            for old in sorted(self.past_orders)[:-PAST_DAYS_KEPT]:
                del self.past_orders[old]
            self.orders = {}
            self._resting.clear()
            self._next_no = 1
            self.day = today
            self.version += 1
            return True

    def reset(self, account: Account) -> None:
        """Start over with `account`: no orders, no history, numbering from 1."""
        with self._lock:
            self.account = account
            self.orders = {}
            self.past_orders = {}
            self._resting.clear()
            self.ledger = []
            self.executions = []
            self._next_no = 1
            self.day = self._clock.now().date()
            self.version += 1

    def orders_of(self, day: date) -> dict[str, SimOrder]:
        return self.orders if day == self.day else self.past_orders.get(day, {})

    # --- requests ------------------------------------------------------------------

    def place(
        self, api_id: str, side: str, exchange: str, stk_cd: str, tt: TradeType,
        qty: int, price: int | None, stop: int | None, body: dict,
        credit: str = "", loan_dt: str = "",
    ) -> SimOrder:
        """A new order; `credit` "03" buys on a loan of today, "33"/"99" sell loan shares."""
        draft = partial(SimOrder, NO_ORDER, side, exchange, stk_cd, tt.code, qty, price or 0,
                        stop or 0, 0, "", credit=credit)
        with self._lock, self._refusals(Action.NEW, draft):
            q = self._market.quote(stk_cd)
            reserve_price = price if price else q.upper
            if side == "buy" and credit:
                self.account.reserve_credit(reserve_price * qty)
                loan_dt = self._clock.now().strftime("%Y%m%d")
            elif side == "buy":
                self.account.reserve_cash(reserve_price * qty)
            elif credit:
                loan_dt = self.account.reserve_loan_shares(stk_cd, qty, loan_dt)
            else:
                self.account.reserve_shares(stk_cd, qty)
            o = SimOrder(
                self._take_no(), side, exchange, stk_cd, tt.code, qty, price or 0, stop or 0,
                reserve_price if side == "buy" else 0, self._hhmmss(), remaining=qty,
                credit=credit, loan_dt=loan_dt,
            )
            self.orders[o.ord_no] = o
            self._record(api_id, o.ord_no, NO_ORDER, o.ord_no, stk_cd, qty, body)
            self._emit(OrderEvent(Kind.ACCEPTED, o))
            self._arrive(o)
            return o

    def modify(
        self, api_id: str, orig_no: str, exchange: str, stk_cd: str, qty: int, price: int,
        stop: int | None, body: dict,
    ) -> tuple[SimOrder, int]:
        """Move `qty` (0: all) of an open order's remainder to a new order at `price`."""
        draft = partial(self._draft, orig_no, exchange, stk_cd, qty, price, True)
        with self._lock, self._refusals(Action.MODIFY, draft):
            o = self._open_order(orig_no, exchange, stk_cd)
            if not o.tt.price_required:
                raise OrderRejected(NOT_MODIFIABLE)
            moved = o.remaining if qty == 0 else qty
            if moved > o.remaining:
                raise OrderRejected(TOO_MANY)
            if o.side == "buy":
                reserve = self.account.reserve_credit if o.credit else self.account.reserve_cash
                reserve(price * moved, releasing=o.reserve_price * moved)
            new = SimOrder(
                self._take_no(), o.side, o.exchange, stk_cd, o.trade_type, moved, price,
                stop or o.stop_price, price if o.side == "buy" else 0, self._hhmmss(),
                orig_ord_no=o.ord_no, root_ord_no=o.root_ord_no, is_modify=True,
                remaining=moved, triggered=o.triggered and not stop,
                credit=o.credit, loan_dt=o.loan_dt,
            )
            # Shares a sell had set aside stay set aside: the new order now holds them.
            o.remaining -= moved
            if o.remaining == 0:
                self._close(o, State.MODIFIED)
            self.orders[new.ord_no] = new
            self._record(api_id, new.ord_no, o.ord_no, o.root_ord_no, stk_cd, moved, body)
            self._emit(OrderEvent(Kind.ACCEPTED, new, Action.MODIFY))
            self._emit(OrderEvent(Kind.CONFIRMED, new, Action.MODIFY))
            self._arrive(new)
            return new, moved

    def cancel(
        self, api_id: str, orig_no: str, exchange: str, stk_cd: str, qty: int, body: dict
    ) -> tuple[str, str, int]:
        """Cancel `qty` (0: all) of an open order. Returns (new ord_no, chain root, cancelled)."""
        draft = partial(self._draft, orig_no, exchange, stk_cd, qty, 0)
        with self._lock, self._refusals(Action.CANCEL, draft):
            o = self._open_order(orig_no, exchange, stk_cd)
            n = o.remaining if qty == 0 else qty
            if n > o.remaining:
                raise OrderRejected(TOO_MANY)
            self._release(o, n)
            o.remaining -= n
            if o.remaining == 0:
                self._close(o, State.CANCELLED)
            cancel_no = self._take_no()
            self._record(api_id, cancel_no, o.ord_no, o.root_ord_no, stk_cd, n, body)
            for kind in (Kind.ACCEPTED, Kind.CONFIRMED):
                self._emit(OrderEvent(kind, o, Action.CANCEL, ord_no=cancel_no, qty=n))
            return cancel_no, o.root_ord_no, n

    def _open_order(self, orig_no: str, exchange: str, stk_cd: str) -> SimOrder:
        o = self.orders.get(orig_no)
        if o is None or not o.is_open or o.stk_cd != stk_cd or o.exchange != exchange:
            raise OrderRejected(UNKNOWN_ORDER)
        return o

    # --- matching ------------------------------------------------------------------

    def _arrive(self, o: SimOrder) -> None:
        self._match(o, arrival=True)
        if o.remaining == 0:
            return
        if o.tt.tif is not TimeInForce.DAY:
            self._release(o, o.remaining)  # IOC/FOK: the unfilled rest is cancelled
            rest, o.remaining = o.remaining, 0
            self._close(o, State.CANCELLED)
            self._emit(OrderEvent(Kind.CANCELLED, o, qty=rest))
        else:
            self._resting[o.stk_cd][o.ord_no] = o

    def _on_move(self, code: str) -> None:
        book = self._resting.get(code)
        if not book:
            return
        for o in list(book.values()):
            if o.is_open:
                self._match(o, arrival=False)

    def _match(self, o: SimOrder, arrival: bool) -> None:
        q = self._market.quote(o.stk_cd)
        rule = o.fill_rule
        if rule is OrderPricing.STOP_LIMIT:
            if not o.triggered:
                hit = q.price >= o.stop_price if o.side == "buy" else q.price <= o.stop_price
                if not hit:
                    return
                o.triggered = True
                arrival = True  # it enters the book now, as a fresh limit order
            rule = OrderPricing.LIMIT
        price = self._fill_price(o, rule, q, arrival)
        if price is None:
            return
        qty = min(o.remaining, max(1, self._liquidity // price))
        if o.tt.tif is TimeInForce.FOK and qty < o.remaining:
            return
        self._fill(o, qty, price)
        if rule in (OrderPricing.BEST, OrderPricing.PRIORITY) and o.remaining:
            o.as_limit, o.price = True, price

    def _fill_price(self, o: SimOrder, rule: OrderPricing, q: Quote, arrival: bool) -> int | None:
        if rule is OrderPricing.LIMIT:
            crossed = q.price <= o.price if o.side == "buy" else q.price >= o.price
            if not crossed:
                return None
            return q.price if arrival else o.price
        if rule is OrderPricing.MID:
            return q.mid
        if rule is OrderPricing.CLOSE:
            return q.stock.base_price if o.trade_type == "61" else q.price
        return q.price  # MARKET, BEST, PRIORITY

    def _fill(self, o: SimOrder, qty: int, price: int) -> None:
        o.filled += qty
        o.filled_amount += qty * price
        o.remaining -= qty
        a = self.account
        if o.side == "buy" and o.credit:
            a.settle_credit_buy(o.stk_cd, o.loan_dt, qty, price, o.reserve_price)
        elif o.side == "buy":
            a.settle_buy(o.stk_cd, qty, price, o.reserve_price)
        elif o.credit:
            a.settle_credit_sell(o.stk_cd, o.loan_dt, qty, price)
        else:
            a.settle_sell(o.stk_cd, qty, price)
        self._market.record_volume(o.stk_cd, qty)
        self.executions.append(Execution(o.ord_no, o.stk_cd, o.side, qty, price, self._hhmmss()))
        if o.remaining == 0:
            self._close(o, State.FILLED)
        self.version += 1
        self._emit(OrderEvent(Kind.FILLED, o, qty=qty, price=price,
                              exec_no=f"{len(self.executions):07d}"))

    def _release(self, o: SimOrder, qty: int) -> None:
        if o.side == "buy" and o.credit:
            self.account.release_credit(qty * o.reserve_price)
        elif o.side == "buy":
            self.account.release_cash(qty * o.reserve_price)
        elif o.credit:
            self.account.release_loan_shares(o.stk_cd, o.loan_dt, qty)
        else:
            self.account.release_shares(o.stk_cd, qty)

    def _close(self, o: SimOrder, state: str) -> None:
        o.state = state
        self._resting[o.stk_cd].pop(o.ord_no, None)

    # --- observers -----------------------------------------------------------------
    # Every change above tells the observers once, after it is made: 접수 (place, modify,
    # cancel), 확인 (modify, cancel), 체결 (each fill), 취소 (an IOC/FOK rest, the day's
    # end) and 거부 (a request the engine refuses). Nothing here depends on them.

    def observe(self, observer: Callable[[OrderEvent], None]) -> None:
        self.observers.append(observer)

    def _emit(self, event: OrderEvent) -> None:
        for observer in self.observers:
            try:
                observer(event)
            except Exception:  # an observer never undoes or blocks a change
                log.exception("practice exchange: an order observer failed")

    @contextmanager
    def _refusals(self, action: str, draft: Callable[[], SimOrder]) -> Iterator[None]:
        try:
            yield
        except OrderRejected as e:
            if self.observers:
                self._emit(OrderEvent(Kind.REJECTED, draft(), action, reason=e.code))
            raise

    def _draft(self, orig_no: str, exchange: str, stk_cd: str, qty: int, price: int,
               is_modify: bool = False) -> SimOrder:
        """A modify or cancel request the engine refused, as an order of its original's kind."""
        o = self.orders.get(orig_no)
        side, tt = (o.side, o.trade_type) if o else ("buy", "0")
        return SimOrder(NO_ORDER, side, exchange, stk_cd, tt, qty, price, 0, 0, "",
                        orig_ord_no=orig_no, is_modify=is_modify)

    # --- bookkeeping ---------------------------------------------------------------

    def _take_no(self) -> str:
        # Numbers wrap after 9,999,999 (Kiwoom's restart daily); never reuse one still known.
        while True:
            no = self._next_no
            self._next_no = no + 1 if no < MAX_ORDER_NO else 1
            text = f"{no:07d}"
            if text not in self.orders:
                return text

    def _hhmmss(self) -> str:
        return self._clock.now().strftime("%H%M%S")

    def _record(
        self, api_id: str, ord_no: str, orig: str, base: str, stk_cd: str, qty: int, body: dict
    ) -> None:
        self.ledger.append(
            LedgerEntry(api_id, ord_no, orig, base, stk_cd, qty, dict(body), self._clock.now())
        )
        self.version += 1

    def to_dict(self) -> dict:
        with self._lock:
            return {
                "day": self.day.isoformat(),
                "past_orders": {d.isoformat(): [o.to_dict() for o in orders.values()]
                                for d, orders in self.past_orders.items()},
                "next_no": self._next_no,
                "orders": [o.to_dict() for o in self.orders.values()],
                "ledger": [e.to_dict() for e in self.ledger],
                "executions": [e.__dict__ for e in self.executions],
            }

    def restore(self, data: dict) -> None:
        with self._lock:
            if "day" in data:
                self.day = date.fromisoformat(data["day"])
            for d, rows in data.get("past_orders", {}).items():
                orders = (SimOrder.from_dict(row) for row in rows)
                self.past_orders[date.fromisoformat(d)] = {o.ord_no: o for o in orders}
            self._next_no = int(data["next_no"])
            for row in data["orders"]:
                o = SimOrder.from_dict(row)
                self.orders[o.ord_no] = o
                if o.is_open:
                    self._resting[o.stk_cd][o.ord_no] = o
            self.ledger = [LedgerEntry.from_dict(e) for e in data["ledger"]]
            self.executions = [Execution(**e) for e in data["executions"]]
