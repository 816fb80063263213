"""The practice exchange as one object: start it on a thread, talk to it over HTTP, stop it.

    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False)) as sim:
        requests.post(sim.base_url + "/oauth2/token", json={...})

The aiohttp server runs on its own asyncio loop in a daemon thread. Tests and the app
reach the exchange's state through thread-safe methods (ledger, received, orders) and
drive it through `market`, `faults` and `clock`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
from pathlib import Path

from aiohttp import web

from . import state
from .account import Account
from .book import LedgerEntry
from .clock import Clock
from .config import SimConfig
from .core import Core
from .engine import Engine
from .faults import Faults
from .market import Market
from .ratelimit import RateLimiter
from .realtime import WS_PATH, Realtime
from .server import ApiServer
from .stocks import load_stocks
from .tokens import TokenStore

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0
KEEPALIVE_SECONDS = 75.0


def server_loop() -> asyncio.AbstractEventLoop:
    """The exchange's own loop. On Windows not the default proactor loop: when one accept
    fails there (a client that resets before it is accepted, WinError 10057) that loop
    logs an error and closes the listening socket for good, and the exchange would take
    no connection again; the selector loop drops that one connection and serves on."""
    loop = asyncio.SelectorEventLoop() if sys.platform == "win32" else asyncio.new_event_loop()
    loop.set_exception_handler(_client_hangups_are_no_error)
    return loop


# Windows' codes for a connection the client ended before the exchange got to it:
# WSAECONNABORTED, WSAECONNRESET, WSAENOTCONN (accept() of a reset connection).
_CLIENT_GONE = {10053, 10054, 10057}


def _client_hangups_are_no_error(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    """A client that leaves before it is served (a reset during accept, a window closing
    as it connects) is the client's doing: said at INFO, not as an exchange error."""
    exc = context.get("exception")
    if isinstance(exc, ConnectionError) or getattr(exc, "winerror", None) in _CLIENT_GONE:
        log.info("practice exchange: a client left before it was served (%s)", exc)
        return
    loop.default_exception_handler(context)


class Simulator:
    def __init__(self, config: SimConfig | None = None) -> None:
        self.config = config = config or SimConfig()
        self._lock = threading.RLock()
        self.clock = Clock(config.now)
        self.market = Market(load_stocks(), config.seed, self._lock, self.clock.now)
        self._state_path = Path(config.state_file) if config.state_file else None
        saved = state.load(self._state_path) if self._state_path else None
        account = Account.from_dict(saved["account"]) if saved else self._fresh_account()
        self.engine = Engine(self.market, account, self.clock, self._lock,
                             config.step_liquidity_krw)
        if saved:
            self.market.restore(saved["market"])
            self.engine.restore(saved["engine"])
        self.core = Core(config, self._lock, self.clock, self.market, account, self.engine)
        self.tokens = TokenStore(self.clock, config.token_lifetime, config.one_token_per_key)
        self.faults = Faults(config.latency_ms)
        per_second, burst = config.rate()
        self.rate_limiter = RateLimiter(per_second, burst) if config.rate_limits else None
        self.realtime = Realtime(self.core, self.tokens)
        self._api = ApiServer(self.core, self.tokens, self.faults, self.rate_limiter,
                              self.realtime, reset=self.reset)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._saved_version = self.engine.version
        # One writer of the state file at a time: the loop's periodic flush and a reset
        # from another thread would otherwise rename over it at once, which Windows
        # refuses (MoveFileEx: access denied while the target is being replaced).
        self._save_lock = threading.Lock()
        self._tasks: list[asyncio.Future] = []
        self.host = config.host
        self.port = 0

    # --- life cycle ----------------------------------------------------------------

    def start(self) -> Simulator:
        """Bind and serve on a daemon thread; returns once requests are being accepted."""
        if self._thread is not None:
            raise RuntimeError("the simulator is already running")
        self._ready.clear()
        self._thread = threading.Thread(target=self._run, name="kiwoom-sim", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT):
            raise RuntimeError("the practice exchange did not start in time")
        if self._failure is not None:
            self._thread.join()
            self._thread = None
            raise RuntimeError(f"the practice exchange could not start: {self._failure}")
        return self

    def stop(self) -> None:
        """Close connections, stop the loop and write the state file. Safe to call twice."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop may have died already
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(START_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(START_TIMEOUT)
        self._thread = self._loop = None
        self.save_state()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        scheme = "https" if self.config.ssl_context is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        """The WebSocket on the same port (realtime.py)."""
        scheme = "wss" if self.config.ssl_context is not None else "ws"
        return f"{scheme}://{self.host}:{self.port}{WS_PATH}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- what tests and the app look at ---------------------------------------------

    def ledger(self) -> list[LedgerEntry]:
        """Every request the exchange accepted, oldest first (a copy)."""
        with self._lock:
            return list(self.engine.ledger)

    def orders(self) -> list[dict]:
        """Every order as the exchange sees it now: quantities, fills and state (copies)."""
        with self._lock:
            self.engine.roll_day()
            return [o.to_dict() for o in self.engine.orders.values()]

    def received(self, api_id: str) -> int:
        """How many requests with this api-id arrived (au10001/au10002 for the token paths)."""
        return self._api.received(api_id)

    def issue_token(self, app_key: str = "") -> str:
        """A valid token without an HTTP round trip (for tests and the app's practice mode).
        Tokens of one `app_key` share one WebSocket session (a second LOGIN kicks the first)."""
        return self.tokens.issue(app_key)[0]

    def _fresh_account(self) -> Account:
        config = self.config
        account = Account(config.cash,
                          tuple(h for h in config.holdings if self.market.stock(h[0])))
        account.credit_limit = config.credit_limit
        return account

    def reset(self) -> None:
        """The practice account back to its start: the configured cash and holdings, no
        orders, numbering from 0000001 (the state file is written at once)."""
        with self._lock:
            account = self._fresh_account()
            self.engine.reset(account)
            self.core.account = account
        self.save_state()

    def save_state(self) -> None:
        if self._state_path is None:
            return
        with self._save_lock:
            with self._lock:
                data = {
                    "account": self.engine.account.to_dict(),
                    "market": self.market.to_dict(),
                    "engine": self.engine.to_dict(),
                }
                version = self.engine.version
            state.save(self._state_path, data)
            self._saved_version = version

    # --- the loop thread -----------------------------------------------------------

    def _run(self) -> None:
        loop = server_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            loop.run_until_complete(self._startup())
        except BaseException as e:  # report to start() instead of dying silently
            self._failure = e
            self._ready.set()
            loop.close()
            self._loop = None
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _startup(self) -> None:
        cfg = self.config
        self._runner = web.AppRunner(
            self._api.application(),
            access_log=None,
            keepalive_timeout=KEEPALIVE_SECONDS,
            max_field_size=cfg.max_header_bytes,
            max_line_size=cfg.max_header_bytes,
            shutdown_timeout=0.2,
            handle_signals=False,
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, cfg.host, cfg.port, ssl_context=cfg.ssl_context)
        await site.start()
        sockets = self._runner.addresses
        self.port = int(sockets[0][1])
        self.realtime.attach(asyncio.get_running_loop())
        self._tasks = [asyncio.ensure_future(self.realtime.feed.run())]
        if cfg.walk_interval:
            walk = self._every(cfg.walk_interval, self.market.walk)
            self._tasks.append(asyncio.ensure_future(walk))
        if self._state_path is not None:
            self._tasks.append(
                asyncio.ensure_future(self._every(cfg.state_flush_interval, self._flush))
            )

    async def _shutdown(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self.realtime.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        # Handlers still waiting (a held-back reply, a dripping one) end here, not as
        # "Task was destroyed but it is pending" when the loop is dropped.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _every(self, seconds: float, action) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                action()
            except Exception:
                log.exception("practice exchange: periodic task failed")

    def _flush(self) -> None:
        if self.engine.version != self._saved_version:
            self.save_state()
