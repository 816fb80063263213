"""One WebSocket connection to the practice exchange, speaking Kiwoom's protocol.

LOGIN with the token first (its answer comes `ws_login_delay` later; anything else before
it gets 100013 and is ignored), then REG/REMOVE by group. The exchange PINGs every
`ws_ping_interval`; the client echoes each; after `ws_ping_misses` unanswered PINGs it is
told SYSTEM R10002 and closed. A client that sends a SYSTEM frame back is closed at once.
Everything leaves through one queue, in order: answers, PINGs, and REAL frames that carry
every entry waiting (up to `ws_batch`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, web

from .ws_faults import WsFaults

if TYPE_CHECKING:
    from .config import SimConfig

log = logging.getLogger(__name__)

TYPES = ("00", "04", "0B", "0D")
ACCOUNT_TYPES = frozenset({"00", "04"})
SUFFIXES = ("_NX", "_AL")  # NXT and SOR items: the practice market is one book either way
PING = '{"trnm":"PING"}'
BEFORE_LOGIN = ("로그인 인증이 들어오기 전에 다른 전문이 들어왔습니다. 해당 전문은 무시됩니다. "
                "(TRNM=%s)")  # "%s" as captured from Kiwoom
LOGIN_FAILED = ("토큰 인증에 실패했습니다. 접속을 종료합니다 "
                "[CODE=8005, MESSAGE=Token이 유효하지 않습니다]")
SYSTEM_TEXTS = {
    "R10001": "동일한 App key로 접속이 되었습니다. 기존 세션은 종료가 됩니다",
    "R10002": "사용자 프로그램으로부터 Heartbeat(연결유지) 메시지가 오지않아서 접속을 종료합니다",
    "R10004": "접속허용요청(토큰)이 들어오지 않았습니다",
}
SOFT_BACKLOG = 5_000  # entries waiting: the ticker waits for the writer
HARD_BACKLOG = 200_000  # market data past this is dropped for a client that does not read


def frame(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def system(code: str) -> str:
    return frame(trnm="SYSTEM", code=code, message=SYSTEM_TEXTS[code])


def answer(trnm: str, code: int = 0, msg: str = "") -> str:
    return frame(trnm=trnm, return_code=code, return_msg=msg)


@dataclass(frozen=True)
class Control:
    """A frame that is not REAL; `close`: the connection ends after it."""

    text: str
    close: bool = False


class Hooks:
    """What a session needs of the exchange (realtime.Realtime provides it)."""

    config: SimConfig
    faults: WsFaults
    token_app_key: Callable[[str], str | None]  # the app key of a valid token, else None
    known_stock: Callable[[str], bool]

    def claim(self, session: ClientConnection) -> None: ...  # LOGIN succeeded: kick its app key's others
    def registered(self, session: ClientConnection) -> None: ...  # registrations changed
    def gone(self, session: ClientConnection) -> None: ...


class ClientConnection:
    def __init__(self, ws: web.WebSocketResponse, request: web.Request, hooks: Hooks) -> None:
        self.ws = ws
        self._request = request
        self.hooks = hooks
        self.state = "new"  # new -> logging in -> live -> closing
        self.app_key: str | None = None
        self.registrations: dict[str, set[tuple[str, str]]] = {}  # grp_no -> {(type, item)}
        self._out: deque[str | Control] = deque()
        self._backlog = 0  # REAL entries in _out
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self._busy = False
        self._echoed = True
        self.misses = 0
        self.sent_entries = 0
        self.dropped_entries = 0

    # --- what the feed and the exchange call (on the loop thread) -----------------

    def push(self, entry: str, market_data: bool = False) -> None:
        if self.state == "closing":
            return
        if market_data and self._backlog >= HARD_BACKLOG:
            self.dropped_entries += 1
            return
        self._out.append(entry)
        self._backlog += 1
        if self._backlog >= SOFT_BACKLOG:
            self._room.clear()
        self._wake.set()

    def send(self, text: str, close: bool = False) -> None:
        if self.state == "closing":
            return
        if close:
            self.state = "closing"
        self._out.append(Control(text, close))
        self._wake.set()

    def kick(self, code: str) -> None:
        """SYSTEM `code`, then the close."""
        self.send(system(code), close=True)

    def cut(self) -> None:
        """Close the TCP connection with no close frame (a dropped line)."""
        self.state = "closing"
        transport = self._request.transport
        if transport is not None:
            transport.abort()

    async def room(self, timeout: float = 1.0) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._room.wait(), timeout)

    @property
    def idle(self) -> bool:
        return not self._out and not self._busy

    @property
    def live(self) -> bool:
        return self.state == "live"

    def wants(self) -> set[tuple[str, str]]:
        return set().union(*self.registrations.values()) if self.registrations else set()

    # --- the connection ---------------------------------------------------------

    async def run(self) -> None:
        cfg = self.hooks.config
        writer = asyncio.ensure_future(self._write())
        timers = [asyncio.ensure_future(self._ping()),
                  asyncio.ensure_future(self._await_login(cfg.ws_login_timeout))]
        try:
            async for msg in self.ws:
                if msg.type == WSMsgType.TEXT:
                    self._on_text(msg.data)
                elif msg.type == WSMsgType.BINARY:
                    self.send(answer("", 1, "텍스트(JSON) 전문만 받습니다"))
        finally:
            closing_by_us = self.state == "closing"
            self.state = "closing"
            self.hooks.gone(self)
            for task in timers:
                task.cancel()
            if closing_by_us:  # the writer is closing: let it finish the handshake
                await asyncio.wait([writer], timeout=2.0)
            writer.cancel()
            await asyncio.gather(writer, *timers, return_exceptions=True)

    def _on_text(self, text: str) -> None:
        if self.hooks.faults.silent:
            return
        try:
            msg = json.loads(text)
        except ValueError:
            msg = None
        if not isinstance(msg, dict):
            self.send(answer("", 1, "전문 형식이 올바르지 않습니다 (JSON 객체)"))
            return
        trnm = str(msg.get("trnm", ""))
        if trnm == "PING":
            self._echoed = self._echoed or not self.hooks.faults.deafened
        elif trnm == "SYSTEM":
            # Kiwoom closes a client that echoes SYSTEM frames (a protocol violation).
            log.info("practice exchange: websocket client echoed a SYSTEM frame; closing")
            self.send("", close=True)
        elif trnm == "LOGIN":
            self._login(msg)
        elif self.state != "live":
            self.send(answer(trnm, 100013, BEFORE_LOGIN))
        elif trnm in ("REG", "REMOVE"):
            self.send(self._register(msg, remove=trnm == "REMOVE"))
        else:
            self.send(answer(trnm, 1, f"지원하지 않는 전문입니다 (TRNM={trnm[:20]})"))

    def _login(self, msg: dict) -> None:
        if self.state != "new":
            self.send(answer("LOGIN", 1, "이미 LOGIN 전문을 받았습니다"))
            return
        self.state = "logging in"
        token = msg.get("token")
        asyncio.get_running_loop().call_later(
            self.hooks.config.ws_login_delay, self._check_login, token if isinstance(token, str) else "")

    def _check_login(self, token: str) -> None:
        if self.state != "logging in":
            return
        app_key = self.hooks.token_app_key(token)
        if app_key is None:
            self.send(frame(trnm="LOGIN", return_code=805004, return_msg=LOGIN_FAILED), close=True)
            return
        self.app_key = app_key
        self.state = "live"
        self.hooks.claim(self)
        self.send(frame(trnm="LOGIN", return_code=0, return_msg="", sor_yn="Y"))

    async def _await_login(self, timeout: float) -> None:
        await asyncio.sleep(timeout)
        if self.state == "new":
            self.kick("R10004")

    def _register(self, msg: dict, remove: bool) -> str:
        trnm = "REMOVE" if remove else "REG"
        grp = msg.get("grp_no")
        data = msg.get("data")
        if not isinstance(grp, str | int) or not str(grp).strip():
            return answer(trnm, 1, "필수 입력 값에 값이 존재하지 않습니다 (grp_no)")
        if not isinstance(data, list) or not data:
            return answer(trnm, 1, "필수 입력 값에 값이 존재하지 않습니다 (data)")
        pairs: set[tuple[str, str]] = set()
        for part in data:
            types = _texts(part.get("type")) if isinstance(part, dict) else None
            items = _texts(part.get("item")) if isinstance(part, dict) else None
            if not types or items is None:
                return answer(trnm, 1, "실시간 등록 리스트(data)의 item/type 형식이 올바르지 않습니다")
            for t in types:
                if t not in TYPES:
                    return answer(trnm, 1, f"연습 거래소가 보내지 않는 실시간 항목입니다 (type={t[:8]})")
                if t in ACCOUNT_TYPES:
                    pairs.add((t, ""))
                    continue
                for item in items or [""]:
                    if not self.hooks.known_stock(item.removesuffix("_NX").removesuffix("_AL")):
                        return answer(trnm, 1, f"종목 정보가 없습니다 (item={item[:20]})")
                    pairs.add((t, item))
        grp_no = str(grp).strip()
        if remove:
            left = self.registrations.get(grp_no, set()) - pairs
            if left:
                self.registrations[grp_no] = left
            else:
                self.registrations.pop(grp_no, None)
        else:
            if str(msg.get("refresh", "1")) == "0":
                self.registrations.clear()  # 0: what was registered before is removed
            self.registrations.setdefault(grp_no, set()).update(pairs)
        self.hooks.registered(self)
        return answer(trnm)

    # --- writing ----------------------------------------------------------------

    async def _write(self) -> None:
        ws, faults, batch_size = self.ws, self.hooks.faults, self.hooks.config.ws_batch
        out = self._out
        try:
            while True:
                if not out:
                    self._busy = False
                    self._room.set()
                    self._wake.clear()
                    await self._wake.wait()
                    continue
                self._busy = True
                item = out.popleft()
                if faults.silent:
                    if isinstance(item, str):
                        self._backlog -= 1
                    continue
                if isinstance(item, Control):
                    if item.text:
                        await ws.send_str(item.text)
                    if item.close:
                        await ws.close()
                        return
                    continue
                batch = [item]
                while out and len(batch) < batch_size and isinstance(out[0], str):
                    batch.append(out.popleft())  # type: ignore[arg-type]  # a str: out[0] is
                self._backlog -= len(batch)
                if self._backlog < SOFT_BACKLOG:
                    self._room.set()
                text = '{"data":[' + ",".join(batch) + '],"trnm":"REAL"}'
                await self._send_real(ws, text, faults)
                self.sent_entries += len(batch)
        except ConnectionError:  # the client went away (or a fault cut the line)
            self.cut()
        finally:
            self._busy = False

    async def _send_real(self, ws: web.WebSocketResponse, text: str, faults: WsFaults) -> None:
        fault = faults.take()
        if fault is None:
            await ws.send_str(text)
        elif fault.kind == "drop":
            self.cut()
            raise ConnectionError("dropped by a fault")
        elif fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
            await ws.send_str(text)
        else:  # duplicate
            await ws.send_str(text)
            await ws.send_str(text)

    async def _ping(self) -> None:
        cfg = self.hooks.config
        while self.state != "closing":
            await asyncio.sleep(cfg.ws_ping_interval)
            if self.hooks.faults.silent:
                continue
            self.misses = 0 if self._echoed else self.misses + 1
            if self.misses >= cfg.ws_ping_misses:
                self.kick("R10002")
                return
            self._echoed = False
            self.send(PING)


def _texts(value: object) -> list[str] | None:
    """A REG list field: a list of strings, or one string (taken as a list of one)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None
