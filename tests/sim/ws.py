"""A bare WebSocket caller for the practice-exchange tests: it sends what it is told and
does nothing on its own (no LOGIN, no PING echo unless asked), so the exchange's side of
Kiwoom's protocol can be seen frame by frame. Tests drive it with `run(coroutine)`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from functools import cache
from pathlib import Path

import aiohttp

SPEC = Path(__file__).resolve().parent / "spec" / "websocket" / "realtime.json"


@cache
def realtime_spec() -> dict:
    return json.loads(SPEC.read_text("utf-8"))


def field_ids(type_: str) -> list[str]:
    return [f[0] for f in realtime_spec()["types"][type_]["fields"]]


def protocol(name: str):
    return realtime_spec()["protocol"][name]


def eventually(check, timeout: float = 10.0) -> None:
    """Wait (polling) until `check()` is true; the exchange works on its own thread."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


def run(coro, timeout: float = 30.0):
    async def bounded():
        return await asyncio.wait_for(coro, timeout)
    return asyncio.run(bounded())


class RawWs:
    def __init__(self, url: str) -> None:
        self.url = url
        self.frames: list[tuple[float, dict]] = []  # everything received, with its time
        self.echo_pings = False
        self.unread: list[dict] = []  # REAL entries received and not yet taken by entries()

    async def __aenter__(self) -> RawWs:
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.url, heartbeat=None, autoping=True)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()
        await self.http.close()

    async def send(self, **frame) -> None:
        await self.ws.send_str(json.dumps(frame, ensure_ascii=False))

    async def recv(self, timeout: float = 10.0) -> dict | None:
        """The next frame (PINGs echoed when `echo_pings`); None once the exchange closed."""
        while True:
            msg = await self.ws.receive(timeout)
            if msg.type != aiohttp.WSMsgType.TEXT:
                return None
            frame = json.loads(msg.data)
            self.frames.append((time.monotonic(), frame))
            if self.echo_pings and frame.get("trnm") == "PING":
                # The exchange may be closing this line as its PING arrives (R10001, a
                # kick): then there is nobody to answer, and the close comes next.
                with contextlib.suppress(ConnectionResetError):
                    await self.ws.send_str(msg.data)
                continue
            return frame

    async def until(self, trnm: str, timeout: float = 10.0) -> dict:
        """The next frame of `trnm`, skipping others (they stay in `frames`)."""
        deadline = time.monotonic() + timeout
        while True:
            frame = await self.recv(max(0.01, deadline - time.monotonic()))
            assert frame is not None, f"closed while waiting for {trnm}"
            if frame.get("trnm") == trnm:
                return frame

    async def login(self, token: str) -> dict:
        await self.send(trnm="LOGIN", token=token)
        return await self.until("LOGIN")

    async def reg(self, types, items=("",), grp: str = "1", refresh: str = "1") -> dict:
        await self.send(trnm="REG", grp_no=grp, refresh=refresh,
                        data=[{"item": list(items), "type": list(types)}])
        return await self.until("REG")

    async def entries(self, type_: str, count: int = 1, timeout: float = 10.0,
                      where=lambda e: True) -> list[dict]:
        """REAL entries of `type_` (that `where` accepts) until there are `count`."""
        got: list[dict] = []
        deadline = time.monotonic() + timeout
        while True:
            for e in list(self.unread):
                if len(got) < count and e["type"] == type_:
                    self.unread.remove(e)
                    if where(e):
                        got.append(e)
            if len(got) >= count:
                return got
            frame = await self.recv(max(0.01, deadline - time.monotonic()))
            assert frame is not None, f"closed with {len(got)} of {count} {type_} entries"
            if frame.get("trnm") == "REAL":
                self.unread += frame["data"]

    async def closed(self, timeout: float = 10.0) -> list[dict]:
        """Every frame until the exchange closes the connection (asserts it does)."""
        seen: list[dict] = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"still open; got {seen}"
            try:
                frame = await self.recv(left)
            except TimeoutError:
                continue
            if frame is None:
                return seen
            seen.append(frame)
