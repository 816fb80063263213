"""The app's end of Kiwoom's WebSocket: one RealtimeSession, its reports handed to the
application's loop, bursts coalesced.

The session runs on its own thread and calls StreamEvents there. This hands each call to
the owner's asyncio loop: statuses and gaps one by one, entries gathered into one batch
per turn of the loop, so a burst of frames becomes one update (one repaint), never a
queue of them. Nothing here touches Qt or the journal.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

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
_T = TypeVar("_T")

ACCOUNT = Subscription.of(["00", "04"], "", grp_no="1")
STOCK_TYPES = ("0B", "0D")
STOCK_GROUP = "2"
TOKEN_WAIT = 30.0  # seconds a LOGIN waits for a token from the worker


class FeedOwner(Protocol):
    """What the feed tells its owner, on the owner's loop. Each call names the feed, so
    an owner that has moved on to another environment can ignore an old one's news."""

    def on_stream_status(self, feed: LiveFeed, status: StreamStatus) -> None: ...

    def on_stream_entries(self, feed: LiveFeed, entries: list[RealEntry]) -> None: ...

    def on_stream_gap(self, feed: LiveFeed, gap: Gap) -> None: ...


class LiveFeed(StreamEvents):
    """One environment's stream. `token(fresh)` is called off the owner's loop and may
    block (it goes through the app's worker); `stop()` ends everything."""

    def __init__(self, url: str, name: str, token: Callable[[bool], str], owner: FeedOwner,
                 loop: asyncio.AbstractEventLoop, **session_options: Any) -> None:
        self._owner = owner
        self._loop = loop
        self._lock = threading.Lock()
        self._pending: list[RealEntry] = []
        self._scheduled = False
        self._stopped = False
        self._stocks: set[str] = set()
        self.session = RealtimeSession(url, token, self, name=name, subscriptions=[ACCOUNT],
                                       **session_options)

    def start(self) -> None:
        self.session.start()

    def stop(self) -> None:
        self._stopped = True
        self.session.stop()

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

    # ---- StreamEvents: the session's thread --------------------------------------------

    def on_status(self, status: StreamStatus) -> None:
        self._post(self._owner.on_stream_status, status)

    def on_gap(self, gap: Gap) -> None:
        self._post(self._owner.on_stream_gap, gap)

    def on_notice(self, notice: Notice) -> None:
        log.info("realtime %s: %s %s %s", self.session.name, notice.trnm, notice.code,
                 notice.message[:200])

    def on_entries(self, entries: list[RealEntry]) -> None:
        with self._lock:
            self._pending.extend(entries)
            if self._scheduled:
                return
            self._scheduled = True
        self._post(self._drain)

    # ---- the owner's loop ----------------------------------------------------------------

    def _post(self, fn: Callable[..., Any], *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed: the app is ending
            self._loop.call_soon_threadsafe(fn, self, *args)

    def _drain(self, _feed: LiveFeed) -> None:
        with self._lock:
            entries, self._pending = self._pending, []
            self._scheduled = False
        if entries and not self._stopped:
            self._owner.on_stream_entries(self, entries)


def wait_threadsafe(future: concurrent.futures.Future[_T], feed: LiveFeed) -> _T:
    """The result of `future` (run on the owner's loop), given up when the feed stops or
    TOKEN_WAIT passes: a LOGIN must never hang the session's thread at exit."""
    waited = 0.0
    while True:
        try:
            return future.result(timeout=0.2)
        except concurrent.futures.TimeoutError:
            waited += 0.2
            if feed.stopped or waited >= TOKEN_WAIT:
                future.cancel()
                raise ConnectionError("no token for the realtime LOGIN") from None
