"""A stateful test (hypothesis) of brackets: buys that fill in parts, prices that reach
the target or the stop, the trader cancelling the rest of a buy, and restarts, through
the real BracketKeeper, WatchKeeper and their journal tables. The exchange is a small
stand-in here (resting limit sells fill when the price reaches them, market sells at
once, cancels take what is open). It finds no bracket that sold more than was bought,
and no position below zero."""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.journal.protection_store import ProtectionStore
from kiwoom_ticket.service.account import AccountSnapshot, Holding
from kiwoom_ticket.service.bracket_keeper import BracketKeeper
from kiwoom_ticket.service.observer import Event
from kiwoom_ticket.service.orders import Quote
from kiwoom_ticket.service.watch_keeper import WatchKeeper

CODE = "035720"
DAY = "20260105"
_OPEN = (OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED)


class StandInExchange:
    """The core's place path and journal over a tiny exchange."""

    def __init__(self) -> None:
        for name in ("state_changed", "env_changed", "records_changed", "history_loaded",
                     "account_changed", "trade_day_changed", "trades_changed", "watched_trades",
                     "stream_changed"):
            setattr(self, name, Event())
        self.env = Environment.PRACTICE
        self.service = self
        self.journal = self
        self.stream_live = True
        self.rows: dict[str, OrderRecord] = {}
        self.price = 60_000
        self.next_no = 1

    # ---- the journal ----------------------------------------------------------------

    def get(self, local_id):
        return self.rows.get(local_id)

    def with_status(self, *statuses):
        return [r for r in self.rows.values() if r.status in statuses]

    def of_day(self, day):
        return [r for r in self.rows.values() if r.trade_day == day]

    def today(self):
        return DAY

    # ---- the position ---------------------------------------------------------------

    def filled(self, action):
        return sum(r.filled_qty for r in self.rows.values() if r.action is action)

    @property
    def held(self):
        return self.filled(Action.BUY) - self.filled(Action.SELL)

    @property
    def account(self):
        open_sells = sum(r.open_qty for r in self.rows.values()
                         if r.action is Action.SELL and r.status in _OPEN)
        return AccountSnapshot(0, (Holding(CODE, "카카오", self.held,
                                           max(0, self.held - open_sells), 60_000, self.price,
                                           0, 0.0),))

    async def load_account(self):
        return self.account

    async def quote(self, code):
        return Quote(code, "카카오", self.price, 60_000, 10_000_000, 1)

    def watch_also(self, codes):
        pass

    # ---- orders ---------------------------------------------------------------------

    def _put(self, record: OrderRecord) -> OrderRecord:
        self.rows[record.local_id] = record
        return record

    async def place(self, order, stock_name=""):
        local_id = f"o{len(self.rows)}"
        record = OrderRecord.from_request(local_id, "practice", order, stock_name, trade_day=DAY)
        no = f"{self.next_no:07d}"
        self.next_no += 1
        if isinstance(order, CancelOrder):
            target = next(r for r in self.rows.values() if r.ord_no == order.orig_ord_no)
            moved = [self._put(replace(record, status=OrderStatus.DONE, ord_no=no))]
            if target.status in _OPEN:
                moved.append(self._put(replace(target, status=OrderStatus.CANCELLED)))
            self.records_changed.emit(moved)
            return moved
        record = replace(record, status=OrderStatus.ACCEPTED, ord_no=no)
        if order.action is Action.SELL and order.trade_type == "3":
            record = replace(record, status=OrderStatus.FILLED, filled_qty=order.quantity,
                             avg_fill_price=self.price)
        self._put(record)
        self.records_changed.emit([record])
        return [record]

    def fill(self, record: OrderRecord, qty: int) -> None:
        done = record.filled_qty + qty
        self.records_changed.emit([self._put(replace(
            record, filled_qty=done, avg_fill_price=record.price or self.price,
            status=OrderStatus.FILLED if done == record.quantity else OrderStatus.PARTLY_FILLED))])


class Guard:
    def __init__(self, machine):
        self.m = machine
        self.halt = None

    async def open_store(self):
        return self.m.store


async def run(fn, *args):
    return fn(*args)


class BracketMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.path = Path(tempfile.mkdtemp(prefix="kt-bracket-machine-")) / "journal.sqlite3"
        self.loop = asyncio.new_event_loop()
        self.ex = StandInExchange()
        self.store = None
        self.start()

    def start(self) -> None:
        self.store = ProtectionStore(self.path)
        self.watches = WatchKeeper(self.ex, run, Guard(self))
        self.brackets = BracketKeeper(self.ex, run, self.watches)
        self.watches.day_changed(DAY)

        async def go():
            await self.watches.start(self.store)
            await self.brackets.start(self.store)

        self.settle(go())

    def settle(self, coro=None) -> None:
        async def drain():
            if coro is not None:
                await coro
            for _ in range(100):
                pending = [t for t in (*self.watches.background, *self.brackets.background)
                           if not t.done()]
                if not pending:
                    return
                await asyncio.gather(*pending, return_exceptions=True)

        self.loop.run_until_complete(drain())

    def stop(self) -> None:
        tasks = [t for t in (self.watches._loop_task, *self.watches.background,
                             *self.brackets.background) if t is not None]
        self.watches.stop()
        self.brackets.stop()
        # A restart: the old keepers hear no more of the exchange.
        self.ex.records_changed = Event()
        self.ex.trades_changed = Event()
        self.ex.watched_trades = Event()
        self.ex.stream_changed = Event()
        if tasks:
            self.loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        self.store.close()

    def teardown(self) -> None:
        self.stop()
        self.loop.close()

    def open_buys(self):
        return [r for r in self.ex.rows.values() if r.action is Action.BUY
                and r.status in _OPEN and r.open_qty > 0]

    # ---- rules ------------------------------------------------------------------------

    @rule(qty=st.integers(1, 10), up=st.integers(1, 8), stop=st.integers(1, 8))
    def bracket_a_buy(self, qty, up, stop) -> None:
        async def go():
            [buy] = await self.ex.place(NewOrder(Action.BUY, Exchange.KRX, CODE, qty, "3"),
                                        "카카오")
            await self.brackets.add(buy, step_ticks(self.ex.price, up), stop)

        self.settle(go())

    @precondition(lambda self: bool(self.open_buys()))
    @rule(data=st.data())
    def a_buy_fills_in_part(self, data) -> None:
        buy = data.draw(st.sampled_from(self.open_buys()))
        qty = data.draw(st.integers(1, buy.open_qty))

        async def go():
            self.ex.fill(buy, qty)

        self.settle(go())

    @precondition(lambda self: bool(self.open_buys()))
    @rule(data=st.data())
    def the_trader_cancels_the_rest_of_a_buy(self, data) -> None:
        buy = data.draw(st.sampled_from(self.open_buys()))
        self.settle(self.ex.place(CancelOrder(Exchange.KRX, buy.ord_no, CODE, 0)))

    @rule(ticks=st.integers(-10, 10))
    def trade(self, ticks) -> None:
        self.ex.price = step_ticks(self.ex.price, ticks)

        async def go():
            for r in list(self.ex.rows.values()):
                if r.action is Action.SELL and r.status in _OPEN and r.price \
                        and self.ex.price >= r.price:
                    self.ex.fill(self.ex.rows[r.local_id], r.open_qty)
            self.watches.see(CODE, self.ex.price, 60_000, "live")

        self.settle(go())

    @rule()
    def restart(self) -> None:
        self.stop()
        self.start()

    # ---- what must hold ------------------------------------------------------------------

    @invariant()
    def never_more_sold_than_bought(self) -> None:
        assert self.ex.held >= 0, self.ex.held
        rows = self.ex.rows
        for b in self.brackets.all():
            buy = rows.get(b.buy_local_id)
            bought = buy.filled_qty if buy else 0
            stop = next((w for w in self.watches.all() if w.watch_id == b.stop_watch_id), None)
            mine = [*b.target_ids, *([stop.order_local_id] if stop and stop.order_local_id
                                     else [])]
            sold = sum(rows[i].filled_qty for i in mine if i in rows)
            assert sold <= bought, (b, sold, bought)


BracketMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30,
                                            deadline=None)
TestBracketMachine = BracketMachine.TestCase
