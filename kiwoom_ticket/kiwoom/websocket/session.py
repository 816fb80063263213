"""One realtime WebSocket session to Kiwoom (or the practice exchange), on the owner's
asyncio loop or on a thread of its own.

    session = RealtimeSession(url, token=lambda fresh: ..., events=MyEvents(), name="mock",
                              subscriptions=[Subscription.of(["00", "04"])])
    session.start(loop)  # on `loop`, from its thread (the app: the GUI's qasync loop)
    session.start()      # or on a thread and a loop of its own
    session.subscribe(["0B", "0D"], ["005930"], grp_no="2")
    ...
    session.stop()

Per connection: LOGIN with the token, wait for its answer, then REG what is wanted (one
group at a time, each answer awaited), then LIVE. PINGs are echoed as they came; SYSTEM
frames never are. A lost connection is made again after a backoff with jitter, logged in
again and registered again, and a Gap is reported once it is live. A token Kiwoom refuses
(805004, 8005) is asked for again with fresh=True: the owner must issue a new one; a fresh
token refused as well means another program holds the app key (Kiwoom keeps one token per
app key), and the session ends (TOKEN_TAKEN) rather than take it back and forth. R10001
(another program logged in with this app key) ends the session: it does not fight back.

No frame can end it: a frame that is too big, too deep, not JSON or not Kiwoom's is dropped
and counted (stats["bad_frames"], the first of each kind logged with its text cut short),
an entry with a value that is not Kiwoom's is left out (stats["bad_entries"]). Should the
session's own code fail all the same, it starts over after a backoff and says it crashed.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import random
import re
import ssl
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

import aiohttp

from ..environments import checked_ws_url
from ..errors import TokenTaken
from . import events as cause
from . import frames
from .entries import real_entries
from .events import (
    CONNECTING,
    DOWN,
    LIVE,
    RECONNECTING,
    Backoff,
    Gap,
    Notice,
    StreamEvents,
    StreamStatus,
    Timing,
    utcnow,
)
from .frames import RepeatFilter, Subscription
from .wanted import Triple, Wanted, by_group

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_BACKOFF = Backoff()
DEFAULT_TIMING = Timing()


BAD_TEXT_SHOWN = 200  # characters of a bad frame's text in the log
SAID_LIMIT = 300  # characters kept of a message the server sent (SYSTEM, LOGIN, REG)
MAX_PING = 1024  # a PING bigger than this is not echoed (it would be sent back whole)
# Biggest message read (aiohttp refuses a bigger one before buffering it): a REAL frame
# of 100 entries is ~150 kB.
MAX_MESSAGE = frames.MAX_FRAME_CHARS


class _Lost(Exception):
    def __init__(self, reason: str, code: str = "", cause: str = "", detail: str = "") -> None:
        super().__init__(reason)
        self.code, self.cause, self.detail = code, cause, detail


class _Refused(_Lost):
    """LOGIN refused the token."""


class _Kicked(_Lost):
    """SYSTEM R10001: another program took the session."""


class _Taken(_Lost):
    """A fresh token refused too, or none issued: another program holds the app key."""


# The owner's token: token(fresh) -> str, called off the session's loop (it may block), or
# an async token(fresh) awaited on the session's loop (the app's: it asks its worker).
TokenSource = Callable[[bool], str] | Callable[[bool], Awaitable[str]]


class RealtimeSession:
    """Events are reported on the session's loop: the owner's own thread when started on
    the owner's loop (no hop between a frame read and the owner's code), else the session's
    thread."""

    def __init__(
        self, url: str, token: TokenSource, events: StreamEvents, *,
        subscriptions: Iterable[Subscription] = (), name: str = "", verify: bool | str = True,
        backoff: Backoff = DEFAULT_BACKOFF, timing: Timing = DEFAULT_TIMING,
        seed: int | None = None,
    ) -> None:
        if verify is False:
            raise ValueError("TLS verification can't be turned off")
        self.url = checked_ws_url(url)
        self.name = name
        self._token = token  # token(fresh): fresh=True after Kiwoom refused the last one
        self._events = events
        self._ssl: bool | ssl.SSLContext = (
            ssl.create_default_context(cafile=verify) if isinstance(verify, str) else True)
        self._backoff, self._timing = backoff, timing
        self._rng = random.Random(seed)
        self._wanted = Wanted()
        for sub in subscriptions:
            self._wanted.change(sub, True)
        self._status = StreamStatus(DOWN, utcnow(), "not started", name=name)
        self._repeats = RepeatFilter()
        self.stats = {"connects": 0, "logins": 0, "frames": 0, "entries": 0, "duplicates": 0,
                      "pings": 0, "bad_frames": 0, "bad_entries": 0, "crashes": 0}
        self._bad_logged: set[str] = set()  # kinds of bad frame already logged
        self._sent_token = ""  # masked out of any frame text that is logged
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0  # the thread the session's loop runs on
        self._main: asyncio.Task[None] | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._registered: set[Triple] = set()
        self._answers: deque[tuple[str, asyncio.Future[dict[str, Any]]]] = deque()
        self._sync_lock: asyncio.Lock | None = None
        self._fresh = False
        self._closing = self._closing_code = ""  # a SYSTEM frame's word before a close
        self._text = ""  # the text of the frame being read
        self._tasks: set[asyncio.Task[None]] = set()

    # --- the owner's side (any thread) ---------------------------------------------

    @property
    def status(self) -> StreamStatus:
        return self._status

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Run on `loop` (called from the thread it runs on), or without one on a thread
        and a loop of the session's own."""
        if self._thread is not None or self._main is not None:
            raise RuntimeError("the session is already running")
        if loop is not None:
            self._loop, self._loop_thread = loop, threading.get_ident()
            self._main = loop.create_task(self._supervise(),
                                          name=f"kiwoom-ws-{self.name or 'session'}")
            return
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True,
                                        name=f"kiwoom-ws-{self.name or 'session'}")
        self._thread.start()
        ready.wait(5.0)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection; the status ends DOWN ("stopped"). On its own thread, that
        thread has ended when this returns (or `timeout` passed); on the owner's loop the
        close goes on in the loop's next turns (`ended` says when it is over)."""
        loop, main, thread = self._loop, self._main, self._thread
        if loop is not None and main is not None and not loop.is_closed():
            if thread is None and threading.get_ident() == self._loop_thread:
                main.cancel()
            else:
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(main.cancel)
        if thread is not None:
            thread.join(timeout)

    async def ended(self) -> None:
        """Return once the session has stopped and closed its connection (on its loop)."""
        main = self._main
        if main is not None and self._thread is None:
            await asyncio.gather(main, return_exceptions=True)

    def subscribe(self, types: Iterable[str] | str, items: Iterable[str] | str = ("",),
                  grp_no: str = "1") -> None:
        """REG now if live, and again after every reconnect."""
        self._wanted.change(Subscription.of(types, items, grp_no), True)
        self._wake_sync()

    def unsubscribe(self, types: Iterable[str] | str, items: Iterable[str] | str = ("",),
                    grp_no: str = "1") -> None:
        self._wanted.change(Subscription.of(types, items, grp_no), False)
        self._wake_sync()

    def _wake_sync(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._sync_soon)

    # --- the session's loop (on its own thread: _run) ------------------------------

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop, self._loop_thread = loop, threading.get_ident()
        self._main = loop.create_task(self._supervise())
        ready.set()
        try:
            loop.run_until_complete(self._main)
        except asyncio.CancelledError:
            pass
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    async def _supervise(self) -> None:
        """_serve until it ends for good or the owner stops it; should it fail, again
        after a backoff, saying it crashed (never "stopped": the owner did not stop it)."""
        attempt = 0
        try:
            while True:
                try:
                    await self._serve()
                    return
                except Exception as e:
                    self.stats["crashes"] += 1
                    log.exception("realtime %s: the session failed; starting over", self.name)
                    self._set(RECONNECTING, utcnow(), f"crashed: {_describe(e)}", "",
                              cause.CRASHED)
                await asyncio.sleep(self._backoff.delay(attempt, self._rng))
                attempt += 1
        finally:
            if self._status.state != DOWN:
                self._set(DOWN, utcnow(), "stopped", "", cause.STOPPED)

    async def _serve(self) -> None:
        self._sync_lock = asyncio.Lock()
        started = utcnow()
        lost_at, attempt = None, 0
        reason = code = why = detail = ""
        self._set(CONNECTING, started)
        async with aiohttp.ClientSession() as http:
            while True:
                live_for: list[float] = []
                try:
                    await self._connect(http, lost_at, reason, live_for)
                except (_Kicked, _Taken) as e:
                    self._set(DOWN, utcnow(), str(e), e.code, e.cause)
                    return
                except _Lost as e:
                    reason, code, why, detail = str(e), e.code, e.cause, e.detail
                except TimeoutError as e:
                    reason, code, why, detail = _describe(e), "", cause.TIMEOUT, ""
                except (aiohttp.ClientError, OSError) as e:
                    reason, code, why, detail = _describe(e), "", cause.NETWORK, ""
                except Exception as e:  # our own code failed: start over, and say so
                    self.stats["crashes"] += 1
                    log.exception("realtime %s: the connection's reader failed; starting "
                                  "over", self.name)
                    reason, code, why, detail = f"crashed: {_describe(e)}", "", cause.CRASHED, ""
                if live_for:  # it was live: the stream is lost from now
                    lost_at = utcnow()
                    if live_for[0] >= self._timing.stable_after:
                        attempt = 0
                delay = 0.0
                if code == str(frames.LOGIN_REFUSED) and not self._fresh:
                    self._fresh = True  # ask the owner for a new token, at once
                else:
                    delay = self._backoff.delay(attempt, self._rng)
                    attempt += 1
                self._set(RECONNECTING, lost_at or started, reason, code, why, detail)
                await asyncio.sleep(delay)

    async def _connect(self, http: aiohttp.ClientSession, lost_at: datetime | None, reason: str,
                       live_for: list[float]) -> None:
        timing = self._timing
        async with asyncio.timeout(timing.connect):
            ws = await http.ws_connect(self.url, heartbeat=None, autoping=True, ssl=self._ssl,
                                       max_msg_size=MAX_MESSAGE)
        self.stats["connects"] += 1
        reader: asyncio.Task[None] | None = None
        sync: asyncio.Task[None] | None = None
        try:
            token = await self._login_token()
            await ws.send_str(frames.login(token))
            answer = await self._login_answer(ws)
            rc, msg = _said(answer.get("return_code"), 16), _said(answer.get("return_msg"))
            if rc != "0":
                refused = rc == str(frames.LOGIN_REFUSED) or "8005" in msg
                if refused and self._fresh:  # a token issued just now, refused as well
                    raise _Taken(f"LOGIN {rc}: {msg} (a fresh token was refused too: "
                                 f"another program is using this app key)",
                                 str(frames.LOGIN_REFUSED), cause.TOKEN_TAKEN)
                raise (_Refused if refused else _Lost)(
                    f"LOGIN {rc}: {msg}", str(frames.LOGIN_REFUSED) if refused else rc,
                    cause.TOKEN_REFUSED if refused else cause.LOGIN_REFUSED)
            self._fresh = False
            self.stats["logins"] += 1
            self._ws, self._registered = ws, set()
            reader = asyncio.ensure_future(self._read(ws))
            sync = asyncio.ensure_future(self._sync())
            await asyncio.wait([reader, sync], return_when=asyncio.FIRST_COMPLETED)
            if reader.done():  # the connection ended first (or as the REGs failed with it)
                await reader  # raises why the connection ended (finally retrieves sync's)
            sync.result()
            since = time.monotonic()
            self._set(LIVE, utcnow())
            if lost_at is not None:
                self._call(self._events.on_gap, Gap(lost_at, utcnow(), reason))
            try:
                await reader
            finally:
                live_for.append(time.monotonic() - since)
        finally:
            self._ws = None
            for task in (reader, sync):  # each one's end retrieved, however it ended
                if task is not None:
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
            self._fail_answers("the connection ended")
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(), 1.0)

    async def _login_token(self) -> str:
        """The owner's token (fresh after a refusal): awaited if it is async, else asked
        off this loop (it may block)."""
        try:
            if inspect.iscoroutinefunction(self._token):
                token = await self._token(self._fresh)
            else:
                token = await asyncio.get_running_loop().run_in_executor(
                    None, self._token, self._fresh)
        except TokenTaken as e:  # renewing now would take the app key from another program
            raise _Taken(str(e), "", cause.TOKEN_TAKEN) from None
        except Exception as e:  # no token now (no network, keys refused): try again later
            raise _Lost(f"no token: {_describe(e)}", "", cause.NETWORK) from None
        if not isinstance(token, str) or not token:
            raise _Lost("no token", "", cause.NETWORK)
        self._sent_token = token
        return token

    async def _login_answer(self, ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
        """Frames until the LOGIN answer: PINGs echoed, SYSTEM frames handled."""
        async with asyncio.timeout(self._timing.answer):
            while True:
                frame = await self._next(ws, None)
                if frame.get("trnm") == "LOGIN":
                    return frame

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Every frame after LOGIN, until the connection ends (raises why)."""
        stale = self._timing.stale_after
        while True:
            frame = await self._next(ws, stale)
            trnm = frame.get("trnm")
            if trnm == "REAL":
                self._dispatch(frame, self._text)
            elif trnm in ("REG", "REMOVE") and self._answers:
                _trnm, future = self._answers.popleft()
                if not future.done():
                    future.set_result(frame)

    async def _next(self, ws: aiohttp.ClientWebSocketResponse,
                    stale: float | None) -> dict[str, Any]:
        """The next frame that is not a PING or a SYSTEM notice (PINGs are echoed here)."""
        while True:
            try:
                msg = await ws.receive(timeout=stale)
            except TimeoutError:
                raise _Lost(f"nothing from the server for {stale:g} s", "", cause.SILENT,
                            f"{stale:g}") from None
            if msg.type == aiohttp.WSMsgType.TEXT:
                try:
                    frame = frames.parse(msg.data)
                except frames.BadFrame as e:
                    self._bad(e.kind, msg.data)
                    continue
                self._text = msg.data
                trnm = frame["trnm"]
                if trnm == "PING":
                    if len(msg.data) > MAX_PING:  # Kiwoom's are ~20 characters
                        self._bad("big_ping", msg.data)
                        continue
                    self.stats["pings"] += 1
                    await ws.send_str(msg.data)  # echoed as it came
                elif trnm == "SYSTEM":
                    self._system(frame)  # never echoed
                else:
                    return frame
            elif msg.type == aiohttp.WSMsgType.BINARY:
                self._bad("binary", repr(msg.data[:BAD_TEXT_SHOWN]))
            elif msg.type == aiohttp.WSMsgType.ERROR:
                raise _error_lost(msg.data if isinstance(msg.data, BaseException)
                                  else ws.exception())
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING,
                              aiohttp.WSMsgType.CLOSED):
                close_code = ws.close_code
                why = self._closing or f"closed by the server ({close_code})"
                code, self._closing, self._closing_code = self._closing_code, "", ""
                kind = {"R10002": cause.HEARTBEAT}.get(code, cause.SERVER_NOTICE if code
                                                       else cause.CLOSED)
                raise _Lost(why, code, kind, "" if code else str(close_code))

    def _system(self, frame: dict[str, Any]) -> None:
        code, message = _said(frame.get("code"), 16), _said(frame.get("message"))
        if code == frames.KICKED:
            raise _Kicked(f"{code}: {message} (another program took the session of this "
                          f"app key{': ' + self.name if self.name else ''})", code,
                          cause.KICKED)
        if code not in ("", "0"):
            self._closing, self._closing_code = f"{code}: {message}", code
        self._call(self._events.on_notice, Notice("SYSTEM", code, message))

    def _bad(self, kind: str, text: str, count: int = 1) -> None:
        """A frame (or `count` entries of one) not read: counted; the first of each kind
        logged, its text cut short and any token masked."""
        self.stats["bad_frames" if kind != "bad_entry" else "bad_entries"] += count
        if kind in self._bad_logged:
            return
        self._bad_logged.add(kind)
        shown = text[:BAD_TEXT_SHOWN]
        if self._sent_token:
            shown = shown.replace(self._sent_token, "***")
        log.warning("realtime %s: bad frame dropped (%s, %d characters): %s%s", self.name,
                    kind, len(text), shown, "…" if len(text) > BAD_TEXT_SHOWN else "")

    def _dispatch(self, frame: dict[str, Any], text: str) -> None:
        self.stats["frames"] += 1
        entries, bad = real_entries(frame)
        if bad:
            self._bad("bad_entry", text, bad)
        fresh = self._repeats.fresh(entries)
        self.stats["duplicates"] = self._repeats.repeats
        self.stats["entries"] += len(fresh)
        if fresh:
            self._call(self._events.on_entries, fresh)

    # --- registrations ---------------------------------------------------------------

    def _sync_soon(self) -> None:
        loop = self._loop
        # Only while the session's loop runs: under qasync a Qt callback may come with the
        # loop stopped (a window closing as the app quits), and a task stepped then has no
        # running loop. What is wanted is kept; the next wake or login registers it.
        if self._ws is not None and self._status.live and loop is not None \
                and loop.is_running():
            task = loop.create_task(self._sync_logged())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _sync_logged(self) -> None:
        try:
            await self._sync()
        except (_Lost, ConnectionError, TimeoutError) as e:
            log.info("realtime %s: registration not sent: %s", self.name, _describe(e))
        except RuntimeError as e:
            # qasync on Windows steps a task started as a window closed with no loop
            # running (the app quitting): nothing can be sent then, and what is wanted
            # is kept for the next login.
            log.info("realtime %s: registration not sent, no loop running: %s", self.name, e)

    async def _sync(self) -> None:
        """REG what is wanted and not registered, REMOVE what is registered and not wanted,
        one group at a time, each answer awaited; until the two agree."""
        assert self._sync_lock is not None
        async with self._sync_lock:
            while True:
                desired = self._wanted.snapshot()
                add, drop = desired - self._registered, self._registered - desired
                if not add and not drop:
                    return
                for trnm, triples in (("REG", add), ("REMOVE", drop)):
                    for grp, group in by_group(triples).items():
                        answer = await self._request(trnm, grp, group)
                        if str(answer.get("return_code", "")) == "0":
                            self._registered = (self._registered | group if trnm == "REG"
                                                else self._registered - group)
                            continue
                        notice = Notice(trnm, _said(answer.get("return_code"), 16),
                                        _said(answer.get("return_msg")))
                        self._call(self._events.on_notice, notice)
                        if trnm == "REG":  # not asked again: the server said no
                            self._wanted.discard(group)
                        else:
                            self._registered -= group

    async def _request(self, trnm: str, grp: str, group: set[Triple]) -> dict[str, Any]:
        ws = self._ws
        if ws is None:
            raise _Lost("not connected")
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._answers.append((trnm, future))
        await ws.send_str(frames.registration(trnm, grp, ((t, i) for _, t, i in group)))
        return await asyncio.wait_for(future, self._timing.answer)

    def _fail_answers(self, why: str) -> None:
        while self._answers:
            _, future = self._answers.popleft()
            if not future.done():
                future.set_exception(_Lost(why))
                future.exception()  # retrieved: nobody may be waiting any more

    # --- reporting ---------------------------------------------------------------------

    def _set(self, state: str, since: datetime, reason: str = "", code: str = "", why: str = "",
             detail: str = "") -> None:
        status = StreamStatus(state, since, reason, code, self.name, why, detail)
        if status != self._status:
            self._status = status
            self._call(self._events.on_status, status)

    def _call(self, fn: Callable[[_T], object], arg: _T) -> None:
        try:
            fn(arg)
        except Exception:
            log.exception("realtime %s: the owner's %s failed", self.name,
                          getattr(fn, "__name__", "callback"))


def _said(value: object, limit: int = SAID_LIMIT) -> str:
    """A code or text the server sent, as text fit to show: cut to `limit` characters."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text[:limit] + ("…" if len(text) > limit else "")


def _error_lost(e: BaseException | None) -> _Lost:
    """Why the connection failed, with the cause the UI words: a message too big (1009,
    aiohttp refused it before reading it) says how big."""
    if isinstance(e, aiohttp.WebSocketError) and e.code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG:
        m = re.search(r"size (\d+)", str(e))
        size = _size(int(m.group(1))) if m else ""
        return _Lost(f"message too big ({size or str(e)})", "", cause.TOO_BIG, size)
    return _Lost(f"connection error: {_describe(e)}", "", cause.NETWORK)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    return f"{max(1, round(n / 1024))} kB"


def _describe(e: BaseException | None) -> str:
    if e is None:
        return "unknown error"
    text = str(e)
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
