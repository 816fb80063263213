"""One hypothesis state machine for everything that protects a position: watches (stop,
target, trailing; set, paused, resumed, cancelled), brackets (a buy with a target and a
stop; the buy and the target filling in parts or whole), trade prices, a stream that goes
quiet or down, crashes and restarts of the app's core, and day changes (trading days the
app never saw, base-price changes), interleaved, against the real practice exchange on
127.0.0.1: the real AppSession with its Protection, WatchKeeper and BracketKeeper, its
journal a file reopened on every restart.

What it finds, after every step, once the core has settled and polled:
- no watch fired twice, ever, across restarts and crashes (the file's compare-and-set
  counted; each order one watch's);
- no watch fired on a price that is not the exchange's price of the trading day now, nor
  on a day whose base price moved (or that followed trading days nobody watched) since
  the watch was set, unless the trader confirmed it that day;
- no bracket sold more than its buy bought (its target's sells and its stop's together);
- no sell refused by the exchange for want of shares (a watch's order is capped by
  holdings minus open sells);
- the journal agrees with the exchange: every order of its ledger on one journal row,
  none made up, and each of today's orders in the same state with the same fills.

The stream is played by the machine, deterministically: a price set at the exchange (its
admin's set_price, which matches the resting orders) reaches the core as the live stream
hands it on (AppSession.take_trades, then watched_trades), while the stream is live; the
stream's status is set as the WebSocket session sets it. The WebSocket itself has its own
machine (live_ledger_machine.py). Fills reach the core through its polls (refresh), and
the watch keeper's one-second tick is a rule here (its clock is the machine's).

Used by tests/service/test_protection_machine.py (short) and bench/stateful.py
(`--machine protection`, long). The process-level kill -9 tests are test_watch_crash.py.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from kiwoom_ticket.domain.clock import wall_clock
from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.market_tick import Trade
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.session_clock import krx_calendar
from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import round_to_tick, step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, Watch, WatchKind, WatchState
from kiwoom_ticket.journal.protection_store import ProtectionStore
from kiwoom_ticket.kiwoom.websocket.events import DOWN, LIVE, StreamStatus
from kiwoom_ticket.service import AppSession, app_session, open_service, read_history, watch_keeper
from kiwoom_ticket.service import protection as protection_module
from kiwoom_ticket.service.serial import SerialThread
from kiwoom_ticket.simulator import SimConfig, Simulator

CODE = "035720"  # the practice account holds 20: watches can sell from the start
FIRST_DAY = datetime(2026, 1, 5, 10, 0, tzinfo=KST)  # a Monday, a KRX trading day
# A resting order fills at most this many won per price step: a buy of a few shares, or a
# target sell, fills in parts as the price crosses it again and again.
LIQUIDITY = 130_000
_OPEN = (OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED)

# Across every run in this process (bench/stateful.py reports them).
steps_taken = 0
watches_fired = 0


# ---- the world: the exchange, the app's core, the stream, the clocks -------------------------


class Firings:
    """The protection file's compare-and-set, counted: how many times each watch won
    "armed -> firing" (a second win is a watch fired twice). The core opens its store
    through service/protection.py; the machine puts this counting kind there."""

    def __init__(self) -> None:
        self.won: dict[str, int] = {}
        counts = self.won

        class CountingStore(ProtectionStore):
            def begin_firing(self, watch_id: str, fired_at: str) -> bool:
                won = super().begin_firing(watch_id, fired_at)
                if won:
                    counts[watch_id] = counts.get(watch_id, 0) + 1
                return won

        self.store_class = CountingStore


class World:
    """The practice exchange, the core on it (rebuilt on every restart or crash), the
    stream's part, the watch keeper's clock, and the loop that runs it all."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="kt-protection-machine-")
        self.folder = Path(self._tmp.name)
        wall_clock.start_at(FIRST_DAY)  # the app and the exchange share it
        self.sim = Simulator(SimConfig(profile="real", seed=5, rate_limits=False,
                                       page_size=4, step_liquidity_krw=LIQUIDITY)).start()
        self.loop = asyncio.new_event_loop()
        self.firings = Firings()
        self._saved = (protection_module.ProtectionStore, app_session.QUOTE_TTL)
        protection_module.ProtectionStore = self.firings.store_class  # type: ignore[misc]
        # Every quote asks the exchange: what a watch reads on REST is the exchange's now,
        # and no step depends on how long the one before took.
        app_session.QUOTE_TTL = 0.0
        self.keeper_clock = 1_000.0  # the watch keeper's monotonic clock (seconds)
        self.live = True  # the stream's state, as the machine plays it
        self.worker: SerialThread | None = None
        self.core: AppSession | None = None

    # ---- the core's life -----------------------------------------------------------------

    def start(self) -> AppSession:
        self.worker = SerialThread("protection-machine-worker")
        factory = partial(self._service, self.sim.base_url, self.folder)
        core = AppSession(self.worker.call, service_factory=factory,
                          history_reader=partial(_history, self.folder), stream=False)
        self.core = core
        core.protection.watches._clock = lambda: self.keeper_clock

        async def connect():
            assert await core.connect(Environment.PRACTICE)

        self.settle(connect())
        # The keeper's one-second tick is the machine's rule (time_passes), not real time.
        task = core.protection.watches._loop_task
        if task is not None:
            task.cancel()
            core.protection.watches._loop_task = None
        self.set_stream(self.live)
        assert core.protection.started
        return core

    @staticmethod
    def _service(base_url, folder, env, creds):
        return open_service(env, creds, base_url=base_url, data_dir=folder, pacing=False,
                            settle_after=timedelta(0))

    def restart(self) -> None:
        """The app is closed (the token revoked, the files closed); start() opens it again."""
        core = self.core

        async def close():
            await core.logout()

        self.settle(close())
        self._drop()

    def crash(self) -> None:
        """The app dies between two steps: nothing more is written, nothing revoked; the
        files are left as they are (every write so far was durable). start() opens it
        again."""
        core = self.core
        keepers = core.protection
        tasks = [*keepers.watches.background.stop(), *keepers.brackets.background.stop(),
                 *keepers.background.stop()]
        if tasks:
            self.loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        service, store = core.service, keepers.store
        keepers.watches.stop()
        keepers.brackets.stop()

        def die():
            if store is not None:
                store.close()
            if service is not None:
                service.client.close()
                service.journal.close()

        self.loop.run_until_complete(self.worker.call(die))
        core._service = None  # the dead app's core is dropped with it
        self._drop()

    def _drop(self) -> None:
        self.worker.stop(5.0, cancel_pending=False)
        self.core = None

    def close(self) -> None:
        try:
            if self.core is not None:
                self.shut_down()
        finally:
            protection_module.ProtectionStore, app_session.QUOTE_TTL = self._saved
            self.sim.stop()
            self.loop.close()
            wall_clock.reset()
            self._tmp.cleanup()

    def shut_down(self) -> None:
        core = self.core

        async def close():
            await core.logout()

        try:
            self.settle(close())
        finally:
            core.protection.shutdown()
            self._drop()

    # ---- waiting: on the core's own tasks, never on time ----------------------------------

    def settle(self, coro=None):
        """Run `coro`, then every task the core started meanwhile (a watch's order, a
        bracket's step, the store's open), and the tasks those start, until none is left."""
        core = self.core

        async def drain():
            result = await coro if coro is not None else None
            for _ in range(1000):
                pending = [t for t in background(core) if not t.done()]
                if not pending:
                    return result
                await asyncio.gather(*pending, return_exceptions=True)
            raise AssertionError("the core's background work never ended")

        return self.loop.run_until_complete(drain())

    # ---- the market and the stream ---------------------------------------------------------

    def quote(self):
        return self.sim.market.quote(CODE)

    def set_stream(self, live: bool) -> None:
        """The stream's status as the WebSocket session sets it (AppStream.on_stream_status)."""
        self.live = live
        stream = self.core.stream
        stream._status = StreamStatus(LIVE if live else DOWN, datetime.now().astimezone())
        stream.stream_changed.emit(stream._status)

    def trade_at(self, price: int) -> None:
        """A trade at `price` at the exchange (resting orders it crosses fill), and, while
        the stream is live, the same print to the core as the stream hands it on."""
        self.sim.market.set_price(CODE, price)
        if not self.live:
            return
        q = self.quote()
        trade = Trade(CODE, q.price, q.price - q.stock.base_price, 0, 1,
                      wall_clock.now().astimezone(KST).strftime("%H%M%S"))

        async def deliver():  # on the loop, as the stream's own hand-over runs
            self.core.take_trades({CODE: trade})
            self.core.watched_trades.emit({CODE: [trade]})

        self.settle(deliver())


def background(core: AppSession):
    p = core.protection
    return [*p.background, *p.watches.background, *p.brackets.background,
            *core.stream.background]


def _history(data_dir, env, _data_dir=None, limit=None):
    return read_history(env, data_dir, limit)


# ---- the machine -------------------------------------------------------------------------


class ProtectionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.world = World()
        self.day = FIRST_DAY.strftime("%Y%m%d")
        self.created: dict[str, str] = {}  # watch id -> the day it was set (first shown)
        self.confirmed: set[tuple[str, str]] = set()  # (watch, day) confirmed by the trader
        # Today's base price is not the last day's close, or trading days went by that the
        # app never saw: no watch set before today may fire on today's prices unconfirmed.
        self.base_moved = False
        # The armed watches that saw the last day's close: on an ordinary next day (its
        # base price that close, no day skipped) they watch on, asking nothing.
        self.saw_close: set[str] = set()
        self.unsound: list[tuple] = []
        self.firing_seen: dict[str, int] = {}  # watch id -> times seen going to firing
        self.start()

    # ---- the app's life --------------------------------------------------------------------

    def start(self) -> None:
        # A restarted app knows the last price each watch saw only as far as it was
        # written (not every price is): it may ask on an ordinary day, and that is safe.
        self.saw_close.clear()
        core = self.world.start()
        core.protection.watches.changed.connect(self._watches_moved)

    @property
    def core(self) -> AppSession:
        return self.world.core

    @property
    def watches(self):
        return self.core.protection.watches

    @property
    def brackets(self):
        return self.core.protection.brackets

    def teardown(self) -> None:
        self.world.close()

    def _watches_moved(self, moved: list[Watch]) -> None:
        """Each watch that goes to firing, the moment it does (before any await)."""
        global watches_fired
        for w in moved:
            # The day a watch was set (the trader's, or a bracket's stop), when first shown.
            self.created.setdefault(w.watch_id, self.day)
            if w.state is WatchState.ASKING and w.watch_id in self.saw_close and \
                    not self.base_moved:
                self.unsound.append(("asked on an ordinary day", w.watch_id[:8], w.trade_day,
                                     w.base_price, self.day))
            if w.state is not WatchState.FIRING:
                continue
            watches_fired += 1
            self.firing_seen[w.watch_id] = self.firing_seen.get(w.watch_id, 0) + 1
            price = self.world.quote().price
            if w.trade_day != self.day or w.last_price != price:
                self.unsound.append(("not today's price", w.watch_id[:8], w.trade_day,
                                     w.last_price, self.day, price))
            if self.base_moved and self.created.get(w.watch_id) != self.day and \
                    (w.watch_id, self.day) not in self.confirmed:
                self.unsound.append(("moved base, not confirmed", w.watch_id[:8],
                                     w.trade_day, w.base_price, self.day,
                                     self.world.quote().stock.base_price))

    def refresh(self) -> None:
        """The core polls the exchange (the fills of the step reach the journal, the
        brackets and the watches), and everything that starts settles."""
        self.world.settle(self.core.refresh(full=True))
        self.world.settle(self.core.load_account())

    def _live(self, *states: WatchState) -> list[Watch]:
        # In the order they were set (ids are random: hypothesis must pick the same one
        # when it replays the steps).
        return sorted((w for w in self.watches.all() if w.state in states),
                      key=lambda w: (w.created_at, w.watch_id))

    def _open_buys(self):
        journal = self.core.service.journal
        return sorted((r for r in journal.with_status(*_OPEN)
                       if r.action is Action.BUY and r.trade_day == self.day and r.ord_no),
                      key=lambda r: (r.created_at, r.local_id))

    # ---- from the start: a position already protected ------------------------------------

    @initialize(quantity=st.integers(3, 8), up=st.integers(1, 3), stop=st.integers(1, 4),
                kind=st.sampled_from(list(WatchKind)), distance=st.integers(1, 4))
    def protected_from_the_start(self, quantity, up, stop, kind, distance) -> None:
        """A bracketed buy at market (it fills in parts as the price moves) and a watch on
        the holding: every run has both sides of a bracket and a watch to fire."""
        self.bracket_a_buy(quantity, 0, up, stop)
        self.set_watch(kind, TriggerUnit.TICKS, distance, quantity, None)

    # ---- watches ---------------------------------------------------------------------------

    @rule(kind=st.sampled_from(list(WatchKind)), unit=st.sampled_from(list(TriggerUnit)),
          distance=st.integers(1, 6), quantity=st.integers(1, 12),
          limit=st.none() | st.integers(0, 2))
    def set_watch(self, kind, unit, distance, quantity, limit) -> None:
        price = self.world.quote().price
        if unit is TriggerUnit.PRICE and kind is not WatchKind.TRAILING:
            amount = step_ticks(price, distance if kind is WatchKind.TAKE_PROFIT else -distance)
        elif unit is TriggerUnit.PRICE:
            amount = distance * 100
        elif unit is TriggerUnit.PERCENT:
            amount = distance / 2
        else:
            amount = distance

        async def add():
            await self.watches.add(CODE, kind, unit, amount, quantity, price,
                                   limit_offset=limit)

        self.world.settle(add())

    @precondition(lambda self: bool(self._live(*WatchState)))
    @rule(data=st.data(), act=st.sampled_from(["pause", "resume", "cancel"]))
    def act_on_a_watch(self, data, act) -> None:
        """The trader pauses a watch, arms one again (a paused one; one that asks after a
        base-price change is confirmed for today), or cancels one."""
        w = data.draw(st.sampled_from(self._live(*WatchState)))
        if act == "pause":
            self.world.settle(self.watches.pause(w.watch_id))
        elif act == "resume":
            if w.state is WatchState.ASKING:  # resumed from paused: no confirmation
                self.confirmed.add((w.watch_id, self.day))
            self.world.settle(self.watches.resume(w.watch_id))
        else:
            self.world.settle(self.watches.cancel(w.watch_id))

    # ---- brackets --------------------------------------------------------------------------

    @rule(quantity=st.integers(1, 8), below=st.integers(0, 4), up=st.integers(1, 6),
          stop=st.integers(1, 6))
    def bracket_a_buy(self, quantity, below, up, stop) -> None:
        """A buy (at market, or resting `below` ticks under the price) with a target `up`
        ticks over the price and a stop `stop` ticks under its average fill."""
        price = self.world.quote().price
        order = (NewOrder(Action.BUY, Exchange.KRX, CODE, quantity, "3") if below == 0 else
                 NewOrder(Action.BUY, Exchange.KRX, CODE, quantity, "0",
                          step_ticks(price, -below)))

        async def go():
            records = await self.core.place(order)
            if records and records[0].ord_no:
                await self.brackets.add(records[0], step_ticks(price, up), stop)

        self.world.settle(go())

    @precondition(lambda self: bool(self._open_buys()))
    @rule(data=st.data())
    def cancel_the_rest_of_a_buy(self, data) -> None:
        buy = data.draw(st.sampled_from(self._open_buys()))
        self.world.settle(self.core.place(CancelOrder(Exchange.KRX, buy.ord_no, CODE, 0)))

    # ---- prices, the stream, time ----------------------------------------------------------

    @rule(moves=st.lists(st.sampled_from([-4, -3, -2, -1, 1, 2, 3, 4]), min_size=1, max_size=6))
    def trades(self, moves) -> None:
        """A few trades, each `move` ticks from the last (the core polls after them)."""
        for ticks in moves:
            q = self.world.quote()
            self.world.trade_at(min(max(step_ticks(q.price, ticks), q.lower), q.upper))
        self.refresh()

    @rule(moves=st.lists(st.sampled_from([-4, -3, -2, -1, 1, 2, 3, 4]), min_size=1, max_size=4),
          early=st.booleans())
    def stream_lost(self, moves, early) -> None:
        """The stream is lost while the price moves (the core sees none of it): the
        watches are blind and their keeper reads REST quotes (at most every REST_INTERVAL s,
        `early`: before the moves too) until the stream is back."""
        self.world.set_stream(False)
        if early:
            self.world.keeper_clock += watch_keeper.REST_INTERVAL + 0.1
            self.world.settle(self.watches.check_blind())
        for ticks in moves:
            q = self.world.quote()
            self.world.trade_at(min(max(step_ticks(q.price, ticks), q.lower), q.upper))
        self.world.keeper_clock += watch_keeper.REST_INTERVAL + 0.1
        self.world.settle(self.watches.check_blind())
        self.refresh()
        self.world.set_stream(True)

    @rule(seconds=st.sampled_from([1.0, watch_keeper.REST_INTERVAL + 0.1,
                                   watch_keeper.STALE_AFTER + 1.0]))
    def time_passes(self, seconds) -> None:
        """The keeper's clock moves on and its tick runs: a stock with no trade for
        STALE_AFTER s is blind, and checked on a REST quote (at most every REST_INTERVAL s)."""
        self.world.keeper_clock += seconds
        self.world.settle(self.watches.check_blind())
        self.refresh()

    @rule(base=st.sampled_from(["close", "close", "close", 0.5, 0.8, 2.0]))
    def next_day(self, base) -> None:
        """The next KRX trading day; its base price is the last close, or moved (권리락,
        액면분할, a limit reset)."""
        self.new_day(False, base, 1.0)

    @rule(away=st.sampled_from([0.8, 1.25]), base=st.sampled_from(["close", 0.5, 2.0]))
    def days_go_by_unseen(self, away, base) -> None:
        """A trading day the app never saw (its base price moved `away` and back), then
        the next."""
        self.new_day(True, base, away)

    def new_day(self, skip, base, away) -> None:
        """The next KRX trading day (or the one after: a day the app never saw, its base
        price moved `away` and back); its base price is the last close, or moved (권리락,
        액면분할, a limit reset)."""
        day = datetime.strptime(self.day, "%Y%m%d").date()
        close = self.world.quote().price
        self.saw_close = set() if skip else {
            w.watch_id for w in self._live(WatchState.ARMED)
            if w.trade_day == self.day and w.last_price == close}
        sim = self.world.sim
        if skip:
            day = krx_calendar.next_trading_day(day)
            wall_clock.start_at(datetime.combine(day, FIRST_DAY.timetz()))
            sim.orders()  # the exchange rolls its day
            sim.market.set_base(CODE, round_to_tick(int(close * away)))
            sim.market.set_base(CODE, close)
        day = krx_calendar.next_trading_day(day)
        wall_clock.start_at(datetime.combine(day, FIRST_DAY.timetz()))
        self.day = day.strftime("%Y%m%d")
        sim.orders()
        new_base = close if base == "close" else round_to_tick(int(close * base))
        sim.market.set_base(CODE, new_base)
        self.base_moved = skip or new_base != close
        self.world.settle(self.core._run(self.core.service.login))  # the token's 24 h passed
        self.refresh()  # the core's trading day is the new one now
        self.world.trade_at(new_base)  # the day's first print, at its base price
        self.refresh()

    # ---- crashes and restarts --------------------------------------------------------------

    @rule(crash=st.booleans())
    def app_stops(self, crash) -> None:
        """The app is closed and started again, or dies (kill -9 between two steps) and is
        started again: the same journal, reopened."""
        if crash:
            self.world.crash()
        else:
            self.world.restart()
        self.start()

    @precondition(lambda self: bool(self._live(WatchState.ARMED)))
    @rule(data=st.data(), order_left=st.booleans())
    def crash_after_firing(self, data, order_left) -> None:
        """Killed right after a watch's "firing" reached the file, its sell journaled and
        sent or not: on the next start it is fired, for good, its order (if any) its own."""
        w = data.draw(st.sampled_from(self._live(WatchState.ARMED)))
        store = self.core.protection.store
        fired_at = datetime.now().astimezone().isoformat()
        assert self.world.settle(self.core._run(store.begin_firing, w.watch_id, fired_at))
        self.firing_seen[w.watch_id] = self.firing_seen.get(w.watch_id, 0) + 1
        account = self.world.settle(self.core.load_account())
        held = next((h.sellable for h in account.holdings if h.code == CODE), 0)
        if order_left and held > 0:
            self.world.settle(self.core.place(NewOrder(Action.SELL, Exchange.KRX, CODE, 1, "3")))
        self.world.crash()
        self.start()
        again = self.watches.get(w.watch_id)
        assert again is not None and again.state in (WatchState.FIRED, WatchState.DONE), again

    # ---- what must hold --------------------------------------------------------------------

    @invariant()
    def after_every_step(self) -> None:
        """Once the core has polled the exchange and settled what that started."""
        global steps_taken
        steps_taken += 1
        self.refresh()
        self.no_watch_fires_twice_or_on_a_bad_price()
        self.no_bracket_sells_beyond_its_buy()
        self.sells_never_exceed_the_holding()
        self.journal_agrees_with_the_exchange()

    def no_watch_fires_twice_or_on_a_bad_price(self) -> None:
        assert not self.unsound, self.unsound
        assert all(n == 1 for n in self.world.firings.won.values()), self.world.firings.won
        assert all(n == 1 for n in self.firing_seen.values()), self.firing_seen
        ids = [w.order_local_id for w in self.watches.all() if w.order_local_id]
        assert len(ids) == len(set(ids)), ids

    def no_bracket_sells_beyond_its_buy(self) -> None:
        journal = self.core.service.journal
        for b in self.brackets.all():
            buy = journal.get(b.buy_local_id)
            bought = buy.filled_qty if buy else 0
            stop = self.watches.get(b.stop_watch_id) if b.stop_watch_id else None
            if b.stop_watch_id and stop is None:  # shown no more (done long ago): the file's
                stop = self.core.protection.store.get(b.stop_watch_id)
            mine = [*b.target_ids, *([stop.order_local_id] if stop and stop.order_local_id
                                     else [])]
            sold = sum(r.filled_qty for i in mine if (r := journal.get(i)) is not None)
            assert sold <= bought, (b, sold, bought)

    def sells_never_exceed_the_holding(self) -> None:
        refused = [r for r in self.core.service.journal.all() if r.action is Action.SELL
                   and r.status is OrderStatus.REJECTED and "800033" in r.message]
        assert not refused, refused
        with self.world.sim.core.lock:
            held = self.world.sim.engine.account.holding(CODE)
            assert held.qty >= 0 and held.sellable >= 0, held

    def journal_agrees_with_the_exchange(self) -> None:
        records = self.core.service.journal.all()
        taken = [(r.trade_day, r.ord_no) for r in records if r.ord_no]
        assert len(taken) == len(set(taken)), "one exchange order on two journal rows"
        ledger = {(e.time.strftime("%Y%m%d"), e.ord_no) for e in self.world.sim.ledger()}
        assert ledger <= set(taken), f"lost: {sorted(ledger - set(taken))}"
        assert set(taken) <= ledger, f"phantom: {sorted(set(taken) - ledger)}"
        stuck = [r for r in records if r.status.is_unsettled]
        assert not stuck, f"unsettled after a poll: {stuck}"
        exchange = {o["ord_no"]: o for o in self.world.sim.orders()}
        for r in records:
            if r.trade_day != self.day or not r.ord_no or r.ord_no not in exchange:
                continue
            o = exchange[r.ord_no]
            assert r.filled_qty == o["filled"], (r, o)
