"""The watches (감시주문) at work: live trades in, at most one sell per watch out.

- Prices: every live trade of a watched stock, in order (core.watched_trades: not only
  the last of a batch, which is all the screen needs), of the trading day in use. A stock whose feed is stale (no trade for STALE_AFTER s while its
  market is open, or the stream not live) makes its watches *blind*: shown as such, and
  checked on REST quotes every REST_INTERVAL s until trades come again.
- Fires once, ever: a watch goes to "firing" in memory and then in the journal's file (a
  compare-and-set) before its order is placed; the order goes through the core's place
  path (the kill switch's gate, journal first); then "fired" with the order's local id,
  and "done" once that order settles. A run killed after "firing" leaves it fired (the
  store settles it on the next open): its order, if any, is settled like any unknown one.
- The order is the same as a manual one: checked by the domain's validation and
  precautions (a blocking issue pauses the watch with the reason, nothing leaves), its
  quantity capped by what can be sold then (held minus open sells).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.kill_switch import OrdersHalted
from ..domain.market_tick import Trade
from ..domain.orders import Action, NewOrder
from ..domain.precautions import PRACTICE_DEFAULTS, REAL_DEFAULTS, Precautions, assess, combined
from ..domain.records import OrderRecord
from ..domain.session_clock import trading_days_between
from ..domain.sessions import KST, open_sessions
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text
from ..domain.validation import MarketContext, TicketInput, check
from ..domain.watches import (
    TriggerUnit,
    Verdict,
    Watch,
    WatchKind,
    WatchState,
    observe,
    rearmed,
    sellable_now,
)
from ..journal.protection_store import ProtectionStore
from .background import BackgroundTasks
from .observer import Event

if TYPE_CHECKING:
    from ..domain.kill_switch import Halt
    from ..domain.orders import OrderRequest
    from .account import AccountSnapshot
    from .orders import OrderService, Quote


class Core(Protocol):
    """What protection needs of the application core (service/app_session.AppSession)."""

    state_changed: Event
    env_changed: Event
    records_changed: Event
    history_loaded: Event
    account_changed: Event
    trade_day_changed: Event
    watched_trades: Event
    stream_changed: Event

    @property
    def env(self) -> Environment: ...
    @property
    def service(self) -> OrderService | None: ...
    @property
    def account(self) -> AccountSnapshot | None: ...
    @property
    def stream_live(self) -> bool: ...
    async def quote(self, stock_code: str) -> Quote: ...
    async def place(self, order: OrderRequest, stock_name: str = "",
                    attach: Callable[[OrderRecord], None] | None = None,
                    ) -> list[OrderRecord]: ...
    async def refresh(self, full: bool = False) -> list[OrderRecord]: ...
    async def load_account(self) -> AccountSnapshot | None: ...
    def watch_also(self, codes: set[str]) -> None: ...


class Guard(Protocol):
    """What the watches need of service/protection.Protection."""

    @property
    def halt(self) -> Halt | None: ...
    async def open_store(self) -> ProtectionStore | None: ...

log = logging.getLogger(__name__)

Runner = Callable[..., Awaitable[Any]]
STALE_AFTER = 30.0  # s without a trade (market open) before a watch is blind
REST_INTERVAL = 5.0  # s between REST quotes of a blind watch's stock
TICK = 1.0  # s between the keeper's checks of freshness
_OPEN_SELLS = (OrderStatus.SENDING, OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
               OrderStatus.UNKNOWN)
_FINAL = (OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED,
          OrderStatus.NOT_RECEIVED, OrderStatus.EXPIRED, OrderStatus.MODIFIED)


def default_precautions(env: Environment) -> Precautions:
    return REAL_DEFAULTS if env is Environment.REAL else PRACTICE_DEFAULTS


class WatchKeeper:
    def __init__(self, core: Core, run: Runner, protection: Guard,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._core = core
        self._run = run
        self._protection = protection
        self._clock = clock
        self._store: ProtectionStore | None = None
        self._started = False  # read from the file: start() ended
        self._watches: dict[str, Watch] = {}
        self._day = ""
        self._last_trade: dict[str, float] = {}  # code -> when its last live trade came
        self._last_rest: dict[str, float] = {}  # code -> when REST was last asked
        self._blind_shown: set[str] = set()  # the stocks the list was last told are blind
        self._selling: dict[str, asyncio.Lock] = {}  # code -> a watch's sell being sized
        self._loop_task: asyncio.Task[None] | None = None
        self.background = BackgroundTasks("watch task")
        # Where the precautions come from (the UI sets its saved ones).
        self.precautions: Callable[[Environment], Precautions] = default_precautions
        # Called when a watch fires, before its order is built: a bracket cancels its
        # target's open sells here, so the shares they set aside can be sold, and says
        # how many the watch may sell now (None: no limit but the watch's own).
        self.before_fire: Callable[[Watch], Awaitable[int | None]] | None = None
        self.changed = Event()  # (list[Watch]) watches that moved on
        self.fired = Event()  # (Watch, list[OrderRecord]) a watch's order left
        self.asked = Event()  # (Watch) the base price changed: the trader decides
        core.watched_trades.connect(self._trades)
        core.stream_changed.connect(lambda _s: self._emit(self.live_watches()))
        core.records_changed.connect(self._records)

    # ---- what the list shows -----------------------------------------------------------

    def all(self) -> list[Watch]:
        return list(self._watches.values())

    def live_watches(self) -> list[Watch]:
        return [w for w in self._watches.values() if w.state.live]

    def blind(self, code: str) -> bool:
        """No fresh live price for `code`: the stream is not live, or no trade came for
        STALE_AFTER s while its market is open."""
        if not self._core.stream_live:
            return True
        last = self._last_trade.get(code)
        if last is None:
            return self._market_open()
        return self._market_open() and self._clock() - last > STALE_AFTER

    def _market_open(self) -> bool:
        if self._core.env is Environment.PRACTICE:
            return True  # the practice exchange trades around the clock
        now = datetime.now(KST).time()
        return bool(open_sessions(Exchange.KRX, now) or open_sessions(Exchange.NXT, now))

    # ---- lifecycle ---------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """Read from the file (what it holds is in `all()`)."""
        return self._started

    async def start(self, store: ProtectionStore) -> None:
        """The environment's watches, re-armed from its file (armed ones watch again;
        one a killed run left firing stays fired, its order looked up)."""
        self._store = store
        self._watches = {w.watch_id: w for w in await self._run(store.shown)}
        for w in store.interrupted:
            await self._find_order(w)
        self._core.watch_also({w.stock_code for w in self.live_watches()})
        self._emit(self.all())
        if self._loop_task is None:
            self._loop_task = asyncio.ensure_future(self._keep())
        self._started = True

    def stop(self) -> None:
        self.background.stop()
        self._started = False
        self._store = None
        self._watches = {}
        self._last_trade.clear()
        self._last_rest.clear()
        task, self._loop_task = self._loop_task, None
        if task is not None:
            task.cancel()
        self._emit([])

    def day_changed(self, day: str) -> None:
        self._day = day

    def halted(self) -> None:
        """The kill switch: armed watches stop at once (paused, said why)."""
        halt = self._protection.halt
        if halt is None:
            return
        paused = [w.moved(state=WatchState.PAUSED, message=journal_text(
            Text("긴급 정지로 중지됨", "Paused by the kill switch")))
            for w in self._watches.values() if w.state is WatchState.ARMED]
        for w in paused:
            self._put(w)
            self.background.spawn(self._persist(w))  # kept paused after a restart too
        self._emit(paused)

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            try:
                await self.check_blind()
            except Exception as exc:  # the next tick tries again
                log.info("watches: REST fallback failed: %s", exc)

    # ---- the trader's actions ----------------------------------------------------------

    async def add(self, code: str, kind: WatchKind, unit: TriggerUnit, amount: float,
                  quantity: int, reference: int, *, limit_offset: int | None = None,
                  exchange: Exchange = Exchange.KRX, stock_name: str = "") -> Watch:
        """A new armed watch on the holding `code`, measured from `reference`; the day's
        base price is the quote's now."""
        store = await self._protection.open_store()
        if store is None:
            raise RuntimeError("not connected")
        quote = await self._core.quote(code)
        now = datetime.now().astimezone()
        w = Watch(uuid.uuid4().hex, self._core.env.value, code, kind, unit, amount,
                  reference, quantity, self._day or await self._today(), quote.base,
                  exchange, stock_name or quote.name, limit_offset, WatchState.ARMED,
                  high=max(reference, quote.current) if kind is WatchKind.TRAILING else 0,
                  last_price=quote.current, last_seen=now.strftime("%H:%M:%S") + " REST",
                  created_at=now)
        if self._protection.halt is not None:
            w = w.moved(state=WatchState.PAUSED, message=journal_text(
                Text("긴급 정지 중: 해제 후 다시 켜세요", "Kill switch engaged: arm it after release")))
        await self._run(store.save, w)
        self._watches[w.watch_id] = w
        self._core.watch_also({x.stock_code for x in self.live_watches()})
        self._emit([w])
        return w

    async def pause(self, watch_id: str) -> None:
        await self._set(watch_id, WatchState.PAUSED, (WatchState.ARMED, WatchState.ASKING))

    async def resume(self, watch_id: str) -> None:
        """Arm a paused watch (refused while the kill switch is engaged), or confirm one
        that asked after a base-price change (it watches today's prices from now)."""
        w = self._watches.get(watch_id)
        if w is None or w.state not in (WatchState.PAUSED, WatchState.ASKING):
            return
        if self._protection.halt is not None:
            return
        if w.state is WatchState.ASKING:
            quote = await self._core.quote(w.stock_code)
            w = rearmed(w, self._day, quote.base, quote.current)
        else:
            w = w.moved(state=WatchState.ARMED, message="")
        await self._save(w)

    async def set_quantity(self, watch_id: str, quantity: int) -> None:
        """What a watch that has not fired sells (a bracket's stop follows the fills)."""
        w = self._watches.get(watch_id)
        if w is not None and w.state.live and w.quantity != quantity:
            await self._save(w.moved(quantity=quantity))

    def get(self, watch_id: str) -> Watch | None:
        return self._watches.get(watch_id)

    async def move_trigger(self, watch_id: str, price: int, was: int) -> bool:
        """A stop-loss or take-profit now watches `price` (the ladder's line dragged),
        only if it is still live and still at `was` (the price the trader saw when asked);
        its trigger is a price from now on. False: not moved."""
        w = self._watches.get(watch_id)
        if (w is None or not w.state.live or w.kind is WatchKind.TRAILING or price <= 0
                or w.trigger != was):
            return False
        # In memory at once, before any await: the next price is checked against the new
        # line, and a price that fires it meanwhile moves on from this copy (the store
        # never takes a state back, so a late write can't re-arm what fired).
        moved = w.moved(unit=TriggerUnit.PRICE, amount=price)
        self._watches[watch_id] = moved
        self._emit([moved])
        await self._persist(moved)
        return True

    async def cancel(self, watch_id: str) -> None:
        await self._set(watch_id, WatchState.CANCELLED,
                        (WatchState.ARMED, WatchState.PAUSED, WatchState.ASKING,
                         WatchState.FIRED, WatchState.DONE))

    async def _set(self, watch_id: str, state: WatchState, allowed: tuple[WatchState, ...]) -> None:
        w = self._watches.get(watch_id)
        if w is not None and w.state in allowed:
            await self._save(w.moved(state=state, message=""))

    async def _save(self, w: Watch) -> None:
        store = self._store
        if store is None:
            return
        if await self._run(store.save, w):
            self._put(w)
            self._emit([w])

    def _put(self, w: Watch) -> None:
        if w.state is WatchState.CANCELLED:
            self._watches.pop(w.watch_id, None)
        else:
            self._watches[w.watch_id] = w

    # ---- prices ------------------------------------------------------------------------

    def _trades(self, trades: dict[str, list[Trade]]) -> None:
        """Every trade of the watched stocks since the last hand-over, oldest first (the
        screen shows only each stock's last; a stop must see the dip between)."""
        now = self._clock()
        seen = datetime.now().astimezone().strftime("%H:%M:%S")
        for code, prints in trades.items():
            self._last_trade[code] = now
            for trade in prints:
                self.see(code, trade.price, trade.base, seen)

    async def check_blind(self) -> None:
        """For each stock whose watches are blind: a REST quote every REST_INTERVAL s."""
        now = self._clock()
        codes = {w.stock_code for w in self._watches.values() if w.state is WatchState.ARMED}
        blind = {code for code in codes if self.blind(code)}
        if blind != self._blind_shown:  # the list says "blind" (or no longer) at once
            self._blind_shown = blind
            self._emit(self.live_watches())
        for code in sorted(codes):
            if not self.blind(code) or now - self._last_rest.get(code, -1e9) < REST_INTERVAL:
                continue
            self._last_rest[code] = now
            quote = await self._core.quote(code)
            self.see(code, quote.current, quote.base,
                     datetime.now().astimezone().strftime("%H:%M:%S") + " REST")

    def see(self, code: str, price: int, base: int, seen: str) -> None:
        """A price of `code` of the trading day in use: each armed watch of it is
        checked; one that fires goes to firing at once (before any await)."""
        if self._store is None or not self._day:
            return
        moved = []
        for w in list(self._watches.values()):
            if w.stock_code != code:
                continue
            seen_w = observe(w, price, self._day, base, seen,
                             missed_days=trading_days_between(w.trade_day, self._day))
            w2 = seen_w.watch
            if seen_w.verdict is Verdict.FIRE:
                if self._protection.halt is not None:
                    w2 = w2.moved(state=WatchState.PAUSED, message=journal_text(
                        Text("긴급 정지로 발동하지 않음", "Not fired: the kill switch is engaged")))
                else:
                    w2 = w2.moved(state=WatchState.FIRING,
                                  fired_at=datetime.now().astimezone().isoformat())
                    self.background.spawn(self._fire(w2, price))
            elif seen_w.verdict is Verdict.ASK:
                self.asked.emit(w2)
            if w2 != w:
                self._watches[w.watch_id] = w2
                moved.append(w2)
                # A new state (but firing: that is written by _fire), or a trailing
                # stop's new high.
                if (w2.state is not w.state and w2.state is not WatchState.FIRING) or (
                        w2.kind is WatchKind.TRAILING and w2.high != w.high):
                    self.background.spawn(self._persist(w2))
        if moved:  # a trade of a stock nobody watches changes nothing to show
            self._emit(moved)

    async def _persist(self, w: Watch) -> None:
        store = self._store
        if store is not None:
            await self._run(store.save, w)

    # ---- firing ------------------------------------------------------------------------

    async def _fire(self, w: Watch, price: int) -> None:
        store = self._store
        if store is None:
            return
        if not await self._run(store.begin_firing, w.watch_id, w.fired_at):
            # Not armed in the file (another copy of the app fired it, or it was paused).
            stored = await self._run(store.get, w.watch_id)
            if stored is not None:
                self._put(stored)
                self._emit([stored])
            return
        if self.before_fire is not None:
            try:
                cap = await self.before_fire(w)
                if cap is not None and cap < w.quantity:
                    w = w.moved(quantity=max(0, cap))
            except Exception as exc:  # what is left to sell is looked up next anyway
                log.warning("watch %s: before firing: %s", w.watch_id[:8], exc)
        # One watch's sell at a time per stock, sized once the one before it was placed:
        # watches firing on one trade must not each count the same shares as sellable.
        async with self._selling.setdefault(w.stock_code, asyncio.Lock()):
            await self._sell(w, price, store)

    async def _sell(self, w: Watch, price: int, store: ProtectionStore) -> None:
        try:
            order, name, why = await self._order_for(w, price)
        except Exception as exc:  # nothing left: arm it by hand again if it still makes sense
            log.info("watch %s: no order: %s", w.watch_id[:8], exc)
            order, name, why = None, "", Text("주문을 만들지 못했습니다", "Could not build the order")
        if order is None:
            state = WatchState.DONE if why is _NOTHING_TO_SELL else WatchState.PAUSED
            w = w.moved(state=state, message=journal_text(why))
            if state is WatchState.PAUSED:
                await self._run(store.abort_firing, w.watch_id, w.message)
            else:
                await self._run(store.save, w)
            self._put(w)
            self._emit([w])
            return
        try:
            records = await self._core.place(order, name)
        except OrdersHalted as exc:  # refused at the gate: nothing was journaled
            w = w.moved(state=WatchState.PAUSED, message=journal_text(exc.text))
            await self._run(store.abort_firing, w.watch_id, w.message)
            self._put(w)
            self._emit([w])
            return
        except Exception as exc:
            # Anything else may have happened after the journal had it: fired, outcome
            # to be looked up in the log (never again).
            log.warning("watch %s: placing failed: %s", w.watch_id[:8], exc)
            w = w.moved(state=WatchState.FIRED, message=journal_text(
                Text("발동했으나 주문 결과 불명: 주문 기록 확인", "Fired; the order's outcome is unknown: "
                     "see the log")))
            await self._run(store.save, w)
            self._put(w)
            self._emit([w])
            return
        head = records[0] if records else None
        w = w.moved(state=WatchState.FIRED, order_local_id=head.local_id if head else None,
                    message="")
        if head is not None and head.status in _FINAL:
            w = w.moved(state=WatchState.DONE, message=journal_text(head.status.label))
        await self._run(store.save, w)
        self._put(w)
        self._emit([w])
        self.fired.emit(w, records)

    async def _order_for(self, w: Watch, price: int) -> tuple[NewOrder | None, str, Text]:
        """The sell `w` sends now, checked as a manual one is; or None and why not."""
        service = self._core.service
        if service is None:
            return None, "", Text("연결되지 않았습니다", "Not connected")
        # The account now (a sell placed or filled a moment ago is not in the last
        # snapshot); the last snapshot only if it can't be read.
        account = await self._core.load_account() or self._core.account
        holding = next((h for h in account.holdings if h.code == w.stock_code),
                       None) if account else None
        held = holding.quantity if holding else 0
        rows = await self._run(service.journal.with_status, *_OPEN_SELLS)
        open_sells = sum(r.open_qty for r in rows if r.action is Action.SELL
                         and r.stock_code == w.stock_code and r.trade_day == self._day)
        quantity = sellable_now(held, open_sells, w.quantity)
        if holding is not None:
            quantity = min(quantity, holding.sellable)
        if quantity <= 0:
            return None, "", _NOTHING_TO_SELL
        order = w.sell_order(quantity, price)
        quote = await self._core.quote(w.stock_code)
        market = MarketContext(base_price=quote.base, current_price=quote.current,
                               upper_limit=quote.upper, lower_limit=quote.lower,
                               sellable=holding.sellable if holding else None)
        env = self._core.env
        checked = check(TicketInput.of(order), market, env.exchanges)
        report = checked.report
        if report.ok and checked.order is not None:
            report = combined(report, assess(order, self.precautions(env), market).report)
        if not report.ok:
            first = report.errors[0].text if report.errors else Text("주문 확인 실패", "Refused")
            return None, "", Text("주문 확인에서 막힘: ", "Refused by the order checks: ") + first
        return order, w.stock_name or quote.name, Text("", "")

    async def _find_order(self, w: Watch) -> None:
        """A watch a killed run left firing: its order, if the journal has one (a sell of
        that stock written after it fired), becomes its order."""
        service = self._core.service
        if service is None or self._store is None:
            return
        rows: list[OrderRecord] = await self._run(service.journal.of_day, w.trade_day)
        order = next((r for r in rows if r.action is Action.SELL and r.stock_code == w.stock_code
                      and r.created_at.isoformat() >= w.fired_at), None)
        if order is not None:
            w = w.moved(order_local_id=order.local_id)
            await self._run(self._store.save, w)
            self._put(w)

    def _records(self, records: list[OrderRecord]) -> None:
        """A fired watch is done when its order settles."""
        by_id = {r.local_id: r for r in records}
        for w in list(self._watches.values()):
            r = by_id.get(w.order_local_id or "")
            if w.state is WatchState.FIRED and r is not None and r.status in _FINAL:
                self.background.spawn(self._save(w.moved(state=WatchState.DONE, message=journal_text(
                    r.status.label))))

    async def _today(self) -> str:
        service = self._core.service
        return await self._run(service.today) if service is not None else ""

    def _emit(self, watches: list[Watch]) -> None:
        self.changed.emit(watches)



_NOTHING_TO_SELL = Text("팔 수 있는 수량이 없습니다 (보유 − 미체결 매도)",
                        "Nothing left to sell (held minus open sells)")
