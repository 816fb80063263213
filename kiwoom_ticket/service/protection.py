"""Protection, in the core: the kill switch (긴급 정지), the daily limits, and the watches'
store. AppSession holds one (`core.protection`) and asks it before every order leaves
(`admit`, the place path's gate); the watches are service/watch_keeper.py.

- The kill switch refuses every new order and modify (cancels pass) from the moment it
  is engaged, in memory at once and then in the environment's journal file, so it is
  still engaged after a restart until the trader releases it (by mouse: the UI's part).
- The daily limits are counted from the day's records and the account snapshot; a warn
  tier is said once a day, a block tier engages the kill switch with its reason. The
  order count is checked as if the order at the gate were placed (the limit is never
  exceeded by that one).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..domain.daily_limits import (
    PRACTICE_LIMITS,
    REAL_LIMITS,
    DailyLimits,
    DayTally,
    crossings,
    tally_day,
)
from ..domain.environment import Environment
from ..domain.kill_switch import ENGAGED_BY_HAND, Halt, OrdersHalted, blocks
from ..domain.orders import CancelOrder, OrderRequest
from ..domain.precautions import Tier
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.text import Text
from ..domain.validation import Severity
from ..journal.protection_store import ProtectionStore
from .account import AccountSnapshot
from .background import BackgroundTasks
from .bracket_keeper import BracketKeeper
from .observer import Event
from .watch_keeper import Core, WatchKeeper

if TYPE_CHECKING:
    from .orders import OrderService

log = logging.getLogger(__name__)

Runner = Callable[..., Awaitable[Any]]
HALT_KEY = "kill_switch"
LIMITS_KEY = "daily_limits"
_CANCELLABLE = (OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED)


def default_limits(env: Environment) -> DailyLimits:
    return REAL_LIMITS if env is Environment.REAL else PRACTICE_LIMITS


def limits_to_json(limits: DailyLimits) -> str:
    return json.dumps({k: asdict(v) for k, v in
                       (("loss", limits.loss), ("orders", limits.orders),
                        ("traded_value", limits.traded_value))})


def limits_from_json(text: str, fallback: DailyLimits) -> DailyLimits:
    try:
        data = json.loads(text)
        tiers = {k: Tier(**data[k]) for k in ("loss", "orders", "traded_value")}
    except (ValueError, KeyError, TypeError):
        return fallback
    return DailyLimits(**tiers)


class Protection:
    def __init__(self, core: Core, run: Runner) -> None:
        self._core = core
        self._run = run
        self._store: ProtectionStore | None = None
        self._store_of: OrderService | None = None  # the service whose file is open
        self._opening: asyncio.Future[ProtectionStore | None] | None = None
        self._halts: dict[Environment, Halt | None] = {}
        self._unsaved: set[Environment] = set()  # engaged before its file was open
        self._limits: dict[Environment, DailyLimits] = {}
        self._day = ""
        self._records: dict[str, OrderRecord] = {}  # today's, by local id
        self._average_cost: dict[str, int] = {}
        self._unrealised = 0
        self._warned: set[tuple[str, str]] = set()  # (day, limit) said once a day
        # A background open or save: the gate opens the file again before any order.
        self.background = BackgroundTasks("protection", logging.INFO)
        self.changed = Event()  # () the kill switch or the limits moved
        self.warned = Event()  # (Text) a daily limit's warn tier crossed (once a day)
        self.watches = WatchKeeper(core, run, self)
        self.brackets = BracketKeeper(core, run, self.watches)
        core.state_changed.connect(self._state_changed)
        core.records_changed.connect(self._records_changed)
        core.history_loaded.connect(self._history_loaded)
        core.account_changed.connect(self._account_changed)
        core.trade_day_changed.connect(self._day_changed)
        core.env_changed.connect(lambda _env: self.changed.emit())

    # ---- state -------------------------------------------------------------------------

    @property
    def env(self) -> Environment:
        return self._core.env

    @property
    def halt(self) -> Halt | None:
        """Why new orders are stopped in the environment in use, or None."""
        return self._halts.get(self.env)

    @property
    def limits(self) -> DailyLimits:
        return self._limits.get(self.env) or default_limits(self.env)

    @property
    def store(self) -> ProtectionStore | None:
        return self._store

    @property
    def started(self) -> bool:
        """The file is open and the watches and brackets are read from it (they start
        one worker turn after the file opens, once connected)."""
        return self._store is not None and self.watches.started and self.brackets.started

    def tally(self) -> DayTally:
        return tally_day(self._records.values(), self._day, self._unrealised,
                         self._average_cost)

    # ---- the gate ----------------------------------------------------------------------

    def refusal(self, order: OrderRequest) -> Text | None:
        """Why the kill switch refuses `order` now (None: it doesn't), for the ticket to
        say before any question is asked; `admit` checks again at the gate."""
        halt = self.halt
        return halt.refusal() if halt is not None and blocks(halt, order.action) else None

    async def admit(self, order: OrderRequest) -> None:
        """Raise OrdersHalted if `order` must not leave: the kill switch (read from the
        journal's file first, so a restart can't slip an order past it) or a daily
        limit at its block tier (which engages the switch)."""
        await self.open_store()
        halt = self.halt
        if blocks(halt, order.action):
            assert halt is not None
            raise OrdersHalted(halt.refusal())
        if not order.action.is_new:
            return
        for crossing in crossings(self.tally(), self.limits, next_order=True):
            if crossing.severity is Severity.ERROR:
                engaged = self.engage(crossing.text, limit=crossing.key)
                raise OrdersHalted(engaged.refusal())

    # ---- the kill switch ---------------------------------------------------------------

    def engage(self, reason: Text = ENGAGED_BY_HAND, limit: str = "") -> Halt:
        """Stop new orders and watches now (in memory at once; in the journal's file
        next). Engaged already: the first reason stays."""
        env = self.env
        halt = self._halts.get(env)
        if halt is not None:
            return halt
        halt = Halt(reason, datetime.now().astimezone(), limit)
        self._halts[env] = halt
        log.info("kill switch engaged (%s): %s", env.value, reason.en)
        self._unsaved.add(env)
        self.background.spawn(self._save_halt(env))
        self.changed.emit()
        self.watches.halted()
        return halt

    async def release(self) -> None:
        """Release the switch (the UI asks by mouse first)."""
        env = self.env
        if self._halts.get(env) is None:
            return
        self._halts[env] = None
        self._unsaved.add(env)
        log.info("kill switch released (%s)", env.value)
        self.changed.emit()
        await self._save_halt(env)

    async def _save_halt(self, env: Environment) -> None:
        store = await self.open_store()
        if store is None or env is not self.env or env not in self._unsaved:
            return
        halt = self._halts.get(env)
        await self._run(store.set_value, HALT_KEY, None if halt is None else halt.to_json())
        self._unsaved.discard(env)

    async def cancel_all_open(self) -> tuple[int, int]:
        """Cancel every open order of today (the UI confirms once first): through the
        place path, journal first, one at a time; a failure is counted, never retried.
        (cancelled, failed)."""
        service = self._core.service
        if service is None:
            return 0, 0
        day = self._day or await self._run(service.today)
        rows = await self._run(service.journal.with_status, *_CANCELLABLE)
        done = failed = 0
        for rec in rows:
            if rec.trade_day != day or not rec.ord_no or not rec.action.is_new:
                continue
            try:
                [result, *_] = await self._core.place(
                    CancelOrder(rec.exchange, rec.ord_no, rec.stock_code, 0), rec.stock_name)
            except Exception as exc:  # said in the count; the log has the reason
                log.info("cancel-all: %s failed: %s", rec.ord_no, exc)
                failed += 1
                continue
            if result.status in (OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED,
                                 OrderStatus.UNKNOWN):
                failed += 1
            else:
                done += 1
        return done, failed

    # ---- the daily limits --------------------------------------------------------------

    async def set_limits(self, limits: DailyLimits) -> None:
        env = self.env
        store = await self.open_store()  # first: opening reads the saved limits
        self._limits[env] = limits
        if store is not None and env is self.env:
            await self._run(store.set_value, LIMITS_KEY, limits_to_json(limits))
        self.changed.emit()
        self._check_limits()

    def _check_limits(self) -> None:
        if not self._day:
            return
        for crossing in crossings(self.tally(), self.limits):
            if crossing.severity is Severity.ERROR:
                self.engage(crossing.text, limit=crossing.key)
            elif (self._day, crossing.key) not in self._warned:
                self._warned.add((self._day, crossing.key))
                self.warned.emit(crossing.text)

    def _history_loaded(self, records: list[OrderRecord]) -> None:
        self._records = {}
        self._take(records)

    def _records_changed(self, records: list[OrderRecord]) -> None:
        self._take(records)
        self._check_limits()

    def _take(self, records: list[OrderRecord]) -> None:
        for r in records:
            if not self._day or r.trade_day == self._day:
                self._records[r.local_id] = r

    def _account_changed(self, snapshot: AccountSnapshot | None) -> None:
        if snapshot is None:
            return
        for h in snapshot.holdings:
            if h.avg_price > 0:
                self._average_cost[h.code] = h.avg_price
        self._unrealised = sum(h.profit for h in snapshot.holdings)
        self._check_limits()

    def _day_changed(self, day: str) -> None:
        if day != self._day:
            self._day = day
            self._records = {k: r for k, r in self._records.items() if r.trade_day == day}
        self.watches.day_changed(day)

    # ---- the store's lifecycle ---------------------------------------------------------

    def _state_changed(self, state: Enum) -> None:  # ConnectionState (app_session.py)
        if state.value == "conn.connected":
            self.background.spawn(self._connected())
        elif state.value in ("conn.logged_out", "conn.connecting"):
            self.background.spawn(self._close_store())

    async def _connected(self) -> None:
        store = await self.open_store()
        if store is not None:
            await self.watches.start(store)
            await self.brackets.start(store)

    async def open_store(self) -> ProtectionStore | None:
        """The protection tables of the journal in use (opened on the worker once per
        connection); None while not connected."""
        service = self._core.service
        if service is None:
            return None
        if self._store_of is service and self._store is not None:
            return self._store
        if self._opening is None:
            self._opening = asyncio.ensure_future(self._open(service))
        opening = self._opening
        try:
            return await asyncio.shield(opening)
        finally:
            if self._opening is opening and opening.done():
                self._opening = None

    async def _open(self, service: OrderService) -> ProtectionStore | None:
        old, self._store, self._store_of = self._store, None, None
        if old is not None:
            self.watches.stop()
            self.brackets.stop()
            await self._run(old.close)
        store: ProtectionStore = await self._run(ProtectionStore, service.journal.path)
        env = service.env
        if self._core.service is not service:
            await self._run(store.close)
            return None
        saved = await self._run(store.value, HALT_KEY)
        if env in self._unsaved:
            halt = self._halts.get(env)
            await self._run(store.set_value, HALT_KEY, None if halt is None else halt.to_json())
            self._unsaved.discard(env)
        elif saved is not None:
            # An unreadable value keeps the switch engaged: it was engaged for a reason.
            self._halts[env] = Halt.from_json(saved) or Halt(
                Text("저장된 긴급 정지", "Kill switch kept from before"),
                datetime.now().astimezone())
        else:
            self._halts[env] = None
        limits = await self._run(store.value, LIMITS_KEY)
        self._limits[env] = (limits_from_json(limits, default_limits(env)) if limits
                             else default_limits(env))
        self._store, self._store_of = store, service
        self.changed.emit()
        return store

    async def _close_store(self) -> None:
        store, self._store, self._store_of = self._store, None, None
        self.watches.stop()
        self.brackets.stop()
        if store is not None:
            await self._run(store.close)

    def shutdown(self) -> None:
        """The app is closing: the watches stop, the file is closed here (the worker may
        be gone already). Everything kept in the file is already on disk."""
        self.watches.stop()
        self.brackets.stop()
        self.background.stop()
        store, self._store, self._store_of = self._store, None, None
        if store is not None:
            store.close()
