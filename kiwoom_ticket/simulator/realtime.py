"""The practice exchange's WebSocket: GET /api/dostk/websocket on the REST port.

    sim.ws_url                      # ws://127.0.0.1:PORT/api/dostk/websocket
    sim.realtime.faults.duplicate() # ws_faults.py: delay, duplicate, drop, silence
    sim.realtime.drop()             # cut every connection now
    sim.realtime.send_raw(text)     # a hostile server's frame, as it is, to every live one
    sim.realtime.sessions()         # what each connection is: state, app key, registrations

One live session per app key: a LOGIN with a token of an app key that already has one
tells the older SYSTEM R10001 and closes it. Sessions are ws_session.ClientConnection; what they
stream is ws_feed.Feed's.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from aiohttp import web

from .core import Core
from .tokens import TokenStore
from .ws_faults import WsFaults
from .ws_feed import Feed
from .ws_session import ClientConnection, Hooks

log = logging.getLogger(__name__)

WS_PATH = "/api/dostk/websocket"


class Realtime(Hooks):
    def __init__(self, core: Core, tokens: TokenStore) -> None:
        self.core = core
        self.config = core.config
        self.faults = WsFaults()
        self.feed = Feed(core)
        self._tokens = tokens
        self._sessions: list[ClientConnection] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- Hooks -----------------------------------------------------------------------

    def token_app_key(self, token: str) -> str | None:
        return self._tokens.app_key(token) if token and self._tokens.valid(token) else None

    def known_stock(self, code: str) -> bool:
        return self.core.market.stock(code) is not None

    def claim(self, session: ClientConnection) -> None:
        for other in self._sessions:
            if other is not session and other.app_key == session.app_key and other.live:
                other.kick("R10001")
        self.feed.index(self._sessions)

    def registered(self, session: ClientConnection) -> None:
        self.feed.index(self._sessions)
        self.feed.now_books()

    def gone(self, session: ClientConnection) -> None:
        if session in self._sessions:
            self._sessions.remove(session)
        self.feed.index(self._sessions)

    # --- serving ---------------------------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.feed.attach(loop)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, heartbeat=None, compress=False,
                                   max_msg_size=1024 * 1024)
        try:
            await ws.prepare(request)
        except ConnectionError:
            # The client hung up before its handshake could be answered (a window closing
            # as its stream connects): no one to serve, and no fault of the exchange's.
            log.info("practice exchange: a WebSocket client hung up during its handshake")
            return web.Response(status=499)
        session = ClientConnection(ws, request, self)
        self._sessions.append(session)
        await session.run()
        return ws

    async def close_all(self) -> None:
        for s in list(self._sessions):
            s.send("", close=True)
        deadline = time.monotonic() + 1.0
        while self._sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.01)

    async def flushed(self, timeout: float = 2.0) -> None:
        """Once every frame queued so far has been written (the events_first fault)."""
        await asyncio.sleep(0)  # deliveries posted from other threads land first
        deadline = time.monotonic() + timeout
        while any(not s.idle for s in self._sessions) and time.monotonic() < deadline:
            await asyncio.sleep(0.002)

    # --- for tests (any thread) --------------------------------------------------------

    def drop(self) -> None:
        """Cut every connection now, with no close frame."""
        def cut_all() -> None:
            for s in list(self._sessions):
                s.cut()

        self._on_loop(cut_all)

    def send_raw(self, text: str) -> None:
        """Send `text` as it is (no check, no REAL wrapper) to every live connection, in
        line with what is queued: the frames a hostile or broken server would send."""
        def send_all() -> None:
            for s in list(self._sessions):
                if s.live:
                    s.send(text)

        self._on_loop(send_all)

    def sessions(self) -> list[dict]:
        """A snapshot of the connections: state, app key, registrations, counts."""
        return [{"state": s.state, "app_key": s.app_key, "misses": s.misses,
                 "sent_entries": s.sent_entries, "dropped_entries": s.dropped_entries,
                 "registrations": {g: sorted(map(list, p)) for g, p in s.registrations.items()}}
                for s in list(self._sessions)]

    def _on_loop(self, fn: Callable[[], object]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(fn)
