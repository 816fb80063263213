"""The live half of the application core: Kiwoom's WebSocket feeding the journal, the
quotes and the account. AppSession holds one LiveStream (`session.stream`) and is its
host (StreamHost, below: the service of now, the generation, the account's orders, the
quote cache, the refresh); the stream owns its feed, its backlog and its events.

- 00 order events go through the worker into the journal (service/live_orders.py), so
  they line up behind any order reply in flight; the records that moved are emitted.
  They wait in one backlog here and go to the worker one batch at a time, in its later
  lane (service/serial.py): however many arrive, an order waits for at most one batch.
  Each is stamped with when it arrived, on the app's clock: that and its own time say
  which trading day, and which order, it can be about.
- Every time the stream becomes live (the first time, after any gap) the exchange's
  lists are read before the stream is trusted: whatever happened while it was down is
  caught up from REST. While it is not live, the poll does that work as before.
- 0B trades keep the cached quote current; 0D books and 04 balances are passed on.
  A burst is one batch (live_feed.py): only the last trade and book of each stock count.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..domain.fills import Fill
from ..domain.market_tick import Trade, parse_trade
from ..domain.order_events import EventKind, OrderEvent, parse_event
from ..domain.records import OrderRecord
from ..kiwoom.websocket.events import CONNECTING, DOWN, LIVE, RECONNECTING, StreamStatus
from .background import BackgroundTasks
from .live_orders import EARLY_WAIT
from .observer import Event
from .serial import Runner

if TYPE_CHECKING:
    from ..kiwoom.websocket import Gap, RealEntry
    from .account_orders import AccountOrders
    from .live_feed import LiveFeed
    from .orders import OrderService

log = logging.getLogger(__name__)

# What the UI needs to name the stream's states (it never imports the client itself).
__all__ = ["CONNECTING", "DOWN", "LIVE", "RECONNECTING", "LiveStream", "Runner", "StreamHost",
           "StreamStatus", "Trade"]

# While the stream is live the poll reads the lists only for what the stream can't
# settle; a full read this often anyway, in case an event was lost without a gap.
FULL_REFRESH_WHILE_LIVE = 60.0
EVENT_BATCH = 100  # 00 events journaled per job on the worker (one transaction)
EVENT_BACKLOG = 50_000  # events waiting for the worker at most; beyond, REST catches up
T = TypeVar("T")


class StreamHost(Protocol):
    """What the stream needs of the session that holds it (AppSession)."""

    orders: AccountOrders  # the account's orders: a live event moves them at once

    @property
    def service(self) -> OrderService | None: ...

    @property
    def generation(self) -> int: ...  # bumps on every switch: stale results are dropped

    def take_records(self, records: list[OrderRecord]) -> None: ...  # the journal's

    def take_trades(self, trades: dict[str, Trade]) -> None: ...  # the quote cache

    async def refresh(self, full: bool = False, look_outside: bool = False,
                      later: bool = False) -> list[OrderRecord]: ...


class LiveStream:
    """The FeedOwner of service/live_feed.py (its callbacks, below); the feed itself and
    aiohttp load only when a stream starts, after the window shows."""

    def __init__(self, host: StreamHost, run: Runner, run_later: Runner,
                 enabled: bool = True) -> None:
        self._host = host
        self._run = run
        self._run_later = run_later  # the worker's later lane (live events wait for orders)
        self._enabled = enabled
        self._feed: LiveFeed | None = None
        self._status: StreamStatus | None = None
        self._watched: set[str] = set()
        self._also_watched: set[str] = set()  # the watches' stocks (service/watch_keeper.py)
        self._catching_up = False
        self._catch_again = False
        self._last_full = 0.0
        self.background = BackgroundTasks("realtime update", logging.INFO)
        self._backlog: list[OrderEvent] = []
        self._applying = False  # a task is taking the backlog to the worker
        self._overdue_check = False  # a task waits EARLY_WAIT to ask about early events
        self._refusals_shown: set[str] = set()  # one status line per refused order
        self.stream_changed = Event()  # (StreamStatus) live, reconnecting, down
        self.trades_changed = Event()  # (dict[str, Trade]) the last trade of each stock
        # (dict[str, list[Trade]]) every trade of each watched stock (watch_also), oldest
        # first: a watch must see a dip that recovers within one hand-over, not only the
        # last price of the batch the screen shows.
        self.watched_trades = Event()
        self.depth_changed = Event()  # (dict[str, Mapping[str, str]]) the last 0D values
        self.balance_changed = Event()  # (list[Mapping[str, str]]) 04 entries of a burst
        # (list[OrderEvent]) 00 events as they arrive, once the account's orders have
        # taken their step (AccountOrders.apply_events); records_changed follows with
        # what the journal holds.
        self.order_events = Event()
        self.fills_seen = Event()  # (list[Fill]) fills among the 00 events of a burst
        # (list[str]) live events refused as not their order's (each order's once): the
        # order is settled from REST; the status line says so.
        self.events_refused = Event()

    # ---- state -------------------------------------------------------------------------

    @property
    def status(self) -> StreamStatus | None:
        return self._status

    @property
    def live(self) -> bool:
        return self._status is not None and self._status.live

    @property
    def watched(self) -> frozenset[str]:
        """The stocks whose trades and book are registered (REG 0B/0D)."""
        return frozenset(self._watched)

    @property
    def feed(self) -> LiveFeed | None:
        return self._feed

    @property
    def applying(self) -> bool:
        """Live events are on their way to the journal."""
        return self._applying

    @property
    def catching_up(self) -> bool:
        """The exchange's lists are being read (the stream came back, or a gap)."""
        return self._catching_up

    @property
    def backlog(self) -> int:
        """Live events waiting for the worker."""
        return len(self._backlog)

    def watch(self, codes: set[str] | frozenset[str]) -> None:
        """Live trades and book of exactly these stocks (the ticket's, the ladder's)."""
        self._watched = {c for c in codes if c}
        if self._feed is not None:
            self._feed.watch(self._watched | self._also_watched)

    def watch_also(self, codes: set[str]) -> None:
        """Live trades of these stocks too, whatever the ticket and ladder show."""
        self._also_watched = {c for c in codes if c}
        if self._feed is not None:
            self._feed.watch(self._watched | self._also_watched)

    # ---- start and stop ----------------------------------------------------------------

    def start(self, service: OrderService) -> None:
        self.stop()
        if not self._enabled or not service.stream_url:
            return
        from .live_feed import LiveFeed

        loop = asyncio.get_running_loop()

        def issue(fresh: bool) -> str:  # the worker, after anything queued before
            # A stopped feed's service may be closed (its token revoked): issuing one for
            # it would leave a token nobody revokes. stop_stream() runs before any close
            # is queued, so a stopped feed is seen here.
            if feed.stopped:
                raise ConnectionError("the realtime stream was stopped")
            return service.stream_token(fresh)

        async def token(fresh: bool) -> str:  # the feed runs on this loop: to the worker
            return await self._run(issue, fresh)

        try:
            feed = LiveFeed(service.stream_url, service.env.value, token, self, loop)
        except ValueError as exc:  # an address this app won't use (plain ws to a host)
            log.warning("realtime stream not started: %s", exc)
            return
        self._feed = feed
        feed.watch(self._watched | self._also_watched)
        feed.start()

    def stop(self) -> None:
        """End the stream (a switch, a log-out, the app closing). Safe to call twice."""
        feed, self._feed = self._feed, None
        self._backlog.clear()  # events of a feed that is gone go nowhere
        if feed is not None:
            feed.stop()
        if self._status is not None and self._status.state != DOWN:
            self._status = replace(self._status, state=DOWN,
                                          since=datetime.now().astimezone(), reason="stopped",
                                          code="", cause="stopped", detail="")
            self.stream_changed.emit(self._status)

    # ---- FeedOwner: the loop -------------------------------------------------------------

    def on_stream_status(self, feed: LiveFeed, status: StreamStatus) -> None:
        if feed is not self._feed:
            return
        log.info("realtime %s: %s%s%s", status.name, status.state,
                 f" [{status.cause}]" if status.cause else "",
                 f" ({status.code} {status.reason[:200]})".rstrip() if status.reason else "")
        self._status = status
        self.stream_changed.emit(status)
        if status.live:
            self.catch_up()  # the first time, and after any loss: REST before the stream

    def on_stream_gap(self, feed: LiveFeed, gap: Gap) -> None:
        if feed is self._feed:
            log.info("realtime stream was down %s → %s (%s): catching up",
                     gap.lost_at.isoformat(timespec="seconds"),
                     gap.resumed_at.isoformat(timespec="seconds"), gap.reason[:200])
            self.catch_up()

    def on_stream_entries(self, feed: LiveFeed, entries: list[RealEntry]) -> None:
        if feed is not self._feed:
            return
        events = []
        received = self._stream_now()
        fills = []
        trades: dict[str, Trade] = {}
        depths: dict[str, Any] = {}
        balance = []
        seen_trades: set[str] = set()
        watched = self._also_watched
        prints: dict[str, list[Trade]] = {}
        # Newest first: of a burst only the last trade and book of each stock count, so
        # a flood of 0B costs one parse per stock, not one per trade.
        for entry in reversed(entries):
            if entry.type == "00":
                event = parse_event(entry.values)
                if event is not None:
                    event = replace(event, received=received)
                    events.append(event)
                    if event.kind is EventKind.FILLED and (fill := Fill.from_realtime(
                            entry.values)) is not None:
                        fills.append(fill)
            elif entry.type == "0B":
                every = None
                if watched and entry.item.split("_")[0] in watched:
                    every = parse_trade(entry.item, entry.values)
                    if every is not None:
                        prints.setdefault(every.code, []).append(every)
                if entry.item in seen_trades:
                    continue
                trade = every or parse_trade(entry.item, entry.values)  # parsed once
                if trade is not None:
                    seen_trades.add(entry.item)
                    trades.setdefault(trade.code, trade)
            elif entry.type == "0D":
                depths.setdefault(entry.item.split("_")[0], entry.values)
            elif entry.type == "04":
                balance.append(entry.values)
        events.reverse()
        fills.reverse()
        balance.reverse()
        if events:
            self._host.orders.apply_events(events)  # every view shows the step at once
            self.order_events.emit(events)
            self._take_events(events)
        if fills:
            self.fills_seen.emit(fills)
        if trades:
            self._host.take_trades(trades)
            self.trades_changed.emit(trades)
        if prints:
            for code_prints in prints.values():
                code_prints.reverse()  # read newest first above: oldest first now
            self.watched_trades.emit(prints)
        if depths:
            self.depth_changed.emit(depths)
        if balance:
            self.balance_changed.emit(balance)

    def _stream_now(self) -> datetime:
        service = self._host.service
        return service.now() if service is not None else datetime.now().astimezone()

    def _take_events(self, events: list[OrderEvent]) -> None:
        """Into the backlog; one task at a time takes it to the worker in batches."""
        backlog = self._backlog
        backlog += events
        if len(backlog) > EVENT_BACKLOG:
            # The worker can't keep up (a flood): the oldest go, REST says what they said.
            del backlog[:len(backlog) - EVENT_BACKLOG]
            log.warning("live order events: backlog over %d, oldest dropped; catching up",
                        EVENT_BACKLOG)
            self.catch_up()
        if not self._applying:
            self._applying = True
            self.background.spawn(self._apply_backlog())

    async def _apply_backlog(self) -> None:
        try:
            while self._backlog:
                batch = self._backlog[:EVENT_BATCH]
                del self._backlog[:EVENT_BATCH]
                # The backlog only ever holds the current feed's events (stop_stream
                # clears it): each batch goes to the service of now.
                await self._apply_events(batch, self._host.generation)
        finally:
            self._applying = False

    async def _apply_events(self, events: list[OrderEvent], generation: int) -> None:
        service = self._host.service
        if service is None:
            return
        changed, catch_up, waiting, refused = await self._run_later(service.apply_realtime,
                                                                    events)
        if generation != self._host.generation or self._feed is None:
            return  # switched, logged out or closing meanwhile: nobody to tell
        if changed:
            self._host.take_records(changed)
        self.show_refusals(list(refused), catch_up=False)
        if catch_up:
            self.catch_up()
        elif waiting and not self._overdue_check:
            self._overdue_check = True
            self.background.spawn(self._check_overdue(service, generation))

    def show_refusals(self, refused: list[str], catch_up: bool = True) -> None:
        """Events refused as not their order's: said once per order; the orders are
        settled from REST (`catch_up`, unless the caller does that itself)."""
        fresh = []
        for text in refused:
            order = " ".join(text.split(" ")[:2])  # "<number> (<day>)"
            if order not in self._refusals_shown:
                self._refusals_shown.add(order)
                fresh.append(text)
        if fresh:
            self.events_refused.emit(fresh)
        if refused and catch_up:
            self.catch_up()

    async def _check_overdue(self, service: OrderService, generation: int) -> None:
        """An event waits for an order nobody has named yet: if no reply or poll names it
        in time, ask REST (no poll may be running: the stream is live). Again while any
        waits unasked (REST is asked at most once per EARLY_WAIT)."""
        try:
            while generation == self._host.generation:
                await asyncio.sleep(EARLY_WAIT + 0.05)
                if generation != self._host.generation:
                    return
                if await self._run_later(service.early_overdue):
                    self.catch_up()
                if not await self._run_later(service.early_unasked):
                    return
        finally:
            self._overdue_check = False

    # ---- catching up ---------------------------------------------------------------------

    def catch_up(self) -> None:
        """Read the exchange's lists now (once at a time; asked again meanwhile, once
        more after)."""
        if self._catching_up:
            self._catch_again = True
            return
        self._catching_up = True
        self.background.spawn(self._catch_up())

    async def _catch_up(self) -> None:
        try:
            while True:
                self._catch_again = False
                await self._host.refresh(full=True, later=True)
                if not self._catch_again:
                    return
        except Exception as exc:  # the poll goes on; the next gap or poll tries again
            log.info("catching up from REST failed: %s", exc)
        finally:
            self._catching_up = False

    def refresh_mode(self, full: bool) -> bool:
        """Whether this refresh may leave open orders to the stream."""
        clock = time.monotonic()
        if full or not self.live or clock - self._last_full >= FULL_REFRESH_WHILE_LIVE:
            self._last_full = clock
            return False
        return True
