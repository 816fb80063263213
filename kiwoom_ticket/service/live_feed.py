"""The app's end of Kiwoom's WebSocket: one RealtimeSession on the owner's asyncio loop,
its reports handed on there, bursts coalesced.

The session runs on the owner's loop (the app's: the GUI's qasync loop; aiohttp is async),
so a frame is read, parsed and handed on with no thread between it and the owner. Each
report reaches the owner on a later turn of that loop (call_soon, in the order they came):
statuses and gaps one by one, entries gathered into one batch per turn, so a burst of
frames becomes one update (one repaint), never a queue of them. The account's own entries
(00, 04) are handed over on the next turn, every one, in order. The market's (0B, 0D) are
only shown (a quote, a book, a watch's last price), and a screen shows ~60 pictures a
second: they are gathered and handed over at most once per MARKET_INTERVAL (the feed
brings ~200 frames a second; each batch rebuilds the quote lines and the ladder), and
never ahead of the own entries read with them: the order a fill moved is painted before
the ladder and the quote are rebuilt. Nothing here touches Qt or the journal.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from ..kiwoom.websocket import (
    Gap,
    Notice,
    RealEntry,
    RealtimeSession,
    StreamEvents,
    StreamStatus,
    Subscription,
)

log = logging.getLogger(__name__)

ACCOUNT = Subscription.of(["00", "04"], "", grp_no="1")
STOCK_TYPES = ("0B", "0D")
STOCK_GROUP = "2"
# The trader's own orders (00) and balance (04): handed over ahead of the market's trades
# and books read with them, so what a fill changed paints before the quotes' work is done.
OWN_TYPES = frozenset({"00", "04"})
TOKEN_WAIT = 30.0  # seconds a LOGIN waits for a token from the worker
MARKET_INTERVAL = 1 / 60  # seconds between two hand-overs of trades and books at most
# After own entries are handed over, the market waits this long: the row a fill moved is
# painted (the loop's next pass) before the ladder and the quote lines are rebuilt.
OWN_FIRST = 0.004


class FeedOwner(Protocol):
    """What the feed tells its owner, on the owner's loop. Each call names the feed, so
    an owner that has moved on to another environment can ignore an old one's news."""

    def on_stream_status(self, feed: LiveFeed, status: StreamStatus) -> None: ...

    def on_stream_entries(self, feed: LiveFeed, entries: list[RealEntry]) -> None: ...

    def on_stream_gap(self, feed: LiveFeed, gap: Gap) -> None: ...


class LiveFeed(StreamEvents):
    """One environment's stream on `loop` (created, started and stopped on its thread).
    `token(fresh)` is awaited on the loop (the app's goes through its worker), at most
    TOKEN_WAIT seconds; `stop()` ends everything."""

    def __init__(self, url: str, name: str, token: Callable[[bool], Awaitable[str]],
                 owner: FeedOwner, loop: asyncio.AbstractEventLoop,
                 **session_options: Any) -> None:
        self._owner = owner
        self._loop = loop
        self._issue = token
        self._pending: list[RealEntry] = []  # own entries (00, 04) for the next turn
        self._scheduled = False
        self._market: list[RealEntry] = []  # trades and books for the next hand-over
        self._market_scheduled = False
        self._market_due = 0.0  # the loop's time before which the market waits
        self._own_at = float("-inf")  # the loop's time own entries were last handed over
        self._stopped = False
        self._stocks: set[str] = set()
        self.session = RealtimeSession(url, self._token, self, name=name,
                                       subscriptions=[ACCOUNT], **session_options)

    def start(self) -> None:
        self.session.start(self._loop)

    def stop(self) -> None:
        """Stop reporting at once; the connection closes in the loop's next turns."""
        self._stopped = True
        self.session.stop()

    async def ended(self) -> None:
        """Return once a stopped feed's connection is closed."""
        await self.session.ended()

    @property
    def status(self) -> StreamStatus:
        return self.session.status

    @property
    def stopped(self) -> bool:
        return self._stopped

    def watch(self, codes: set[str]) -> None:
        """Trades (0B) and the book (0D) of exactly `codes` from now on."""
        added, removed = codes - self._stocks, self._stocks - codes
        self._stocks = set(codes)
        if removed:
            self.session.unsubscribe(STOCK_TYPES, sorted(removed), STOCK_GROUP)
        if added:
            self.session.subscribe(STOCK_TYPES, sorted(added), STOCK_GROUP)

    async def _token(self, fresh: bool) -> str:
        if self._stopped:  # a stopped feed's service may be closed: no token for it
            raise ConnectionError("the realtime stream was stopped")
        try:
            async with asyncio.timeout(TOKEN_WAIT):
                return await self._issue(fresh)
        except TimeoutError:
            raise ConnectionError("no token for the realtime LOGIN") from None

    # ---- StreamEvents: called on the loop, as the session reads --------------------------

    def on_status(self, status: StreamStatus) -> None:
        self._post(self._owner.on_stream_status, status)

    def on_gap(self, gap: Gap) -> None:
        self._post(self._owner.on_stream_gap, gap)

    def on_notice(self, notice: Notice) -> None:
        log.info("realtime %s: %s %s %s", self.session.name, notice.trnm, notice.code,
                 notice.message[:200])

    def on_entries(self, entries: list[RealEntry]) -> None:
        own = [e for e in entries if e.type in OWN_TYPES]
        if own:
            self._pending.extend(own)
            if not self._scheduled:
                self._scheduled = True
                self._post(self._drain)
        if len(own) < len(entries):
            self._market.extend(entries if not own else
                                [e for e in entries if e.type not in OWN_TYPES])
            if not self._market_scheduled:
                self._market_scheduled = True
                if self._loop.is_closed():  # the app is ending
                    return
                delay = max(self._market_due, self._own_at + OWN_FIRST) - self._loop.time()
                if delay > 0:
                    self._loop.call_later(delay, self._drain_market)
                else:
                    self._loop.call_soon(self._drain_market)

    # ---- the owner's side, a turn later ---------------------------------------------------

    def _post(self, fn: Callable[..., Any], *args: Any) -> None:
        if not self._loop.is_closed():  # closed: the app is ending
            self._loop.call_soon(fn, self, *args)

    def _drain(self, _feed: LiveFeed) -> None:
        entries, self._pending = self._pending, []
        self._scheduled = False
        if not entries or self._stopped:
            return
        self._own_at = self._loop.time()
        self._owner.on_stream_entries(self, entries)

    def _drain_market(self) -> None:
        self._market_scheduled = False
        wait = self._own_at + OWN_FIRST - self._loop.time()
        if self._scheduled or wait > 0:
            # Own entries read with these go first, and their paint.
            self._market_scheduled = True
            if not self._loop.is_closed():
                self._loop.call_later(max(wait, OWN_FIRST if self._scheduled else 0.0),
                                      self._drain_market)
            return
        entries, self._market = self._market, []
        self._market_due = self._loop.time() + MARKET_INTERVAL
        if entries and not self._stopped:
            self._owner.on_stream_entries(self, entries)
