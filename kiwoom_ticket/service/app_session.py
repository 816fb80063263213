"""The application core, Qt-free: connect, quote, place, refresh, log out, the account.

The window reaches it through a thin bridge (ui/session_bridge.py) that re-emits its events as
Qt signals, as napari's models are mirrored by Qt adapters. Everything here can be driven
from a plain asyncio loop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from enum import Enum

from ..domain.environment import Environment
from ..domain.fills import Fill
from ..domain.market_depth import Depth
from ..domain.orders import OrderRequest
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.stock_search import StockDirectory
from ..domain.text import Text, journal_text, with_text
from ..kiwoom import Credentials, Token
from .account import AccountSnapshot, fetch_account
from .account_orders import AccountOrders
from .app_stream import LiveStream, StreamStatus, Trade
from .credentials import CredentialStore
from .factory import open_service, read_history
from .observer import Event
from .off_thread import off_thread
from .order_target import OrderTarget
from .orders import OrderService, Quote
from .protection import Protection
from .serial import Runner
from .stock_lists import StockLists

log = logging.getLogger(__name__)

ServiceFactory = Callable[..., OrderService]
ATTACH_FAILED = journal_text(Text("브래킷을 저장하지 못해 보내지 않음",
                                  "Not sent: its bracket could not be saved"))
# (env, data_dir, rows) -> the log's first rows: a list, or a HistoryPage that also holds
# the older open orders and where older rows are (service.factory.read_history).
HistoryReader = Callable[..., list[OrderRecord]]
SENDING_ROW_DELAY_MS = 30
QUOTE_TTL = 2.0  # seconds a quote is reused: rows clicked in a row don't queue lookups


class ConnectionState(Enum):
    IDLE = "conn.idle"
    CONNECTING = "conn.connecting"
    CONNECTED = "conn.connected"
    FAILED = "conn.failed"
    LOGGED_OUT = "conn.logged_out"


class NotConnected(RuntimeError):
    text = Text("연결되지 않았습니다", "Not connected")

    def __init__(self) -> None:
        super().__init__(str(self.text))


def describe_error(exc: BaseException) -> str:
    """A one-line, secret-free description of a failure, for the status line."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


class AppSession:
    """The application, Qt-free: connect, quotes, place, refresh, log out, the account,
    the account's orders (`orders`), the selected order (`target`) and the live stream
    (`stream`, a LiveStream this session is the host of).

    Asyncio on the caller's loop; every blocking call goes through `run` (the one
    serial worker thread), so requests leave in the order they were asked for. Reports
    through Events; the UI's bridge re-emits them as Qt signals.
    """

    def __init__(
        self,
        run: Runner,
        *,
        service_factory: ServiceFactory = open_service,
        credential_store: CredentialStore | None = None,
        history_reader: HistoryReader = read_history,
        stream: bool = True,
        run_later: Runner | None = None,
    ) -> None:
        self._run = run
        # The worker's later lane (live-event work waits for orders); `run` if none.
        self._run_later = run_later or run
        self._factory = service_factory
        self._read_history = history_reader
        self._store = credential_store
        self._service: OrderService | None = None
        self._env = Environment.PRACTICE
        self._state = ConnectionState.IDLE
        self._generation = 0  # bumps on every switch so stale results are dropped
        self._quotes: dict[str, tuple[Quote, float]] = {}
        self._quoted_at: dict[str, datetime] = {}  # when each code's last quote arrived
        self._quotes_in_flight: dict[str, asyncio.Future[Quote]] = {}
        # The last ten-level book of each stock (ka10004), and the requests on their way:
        # two ladders on one stock (two ticket windows) share one request.
        self._depths: dict[str, Depth] = {}
        self._depths_in_flight: dict[str, asyncio.Future[Depth]] = {}
        self._account: AccountSnapshot | None = None
        self._stock_lists = StockLists()  # the search's list, per environment
        self.records_changed = Event()  # (list[OrderRecord]) new or moved on
        self.history_loaded = Event()  # (list[OrderRecord]) the journal just opened
        self.state_changed = Event()  # (ConnectionState)
        self.env_changed = Event()  # (Environment)
        self.failed = Event()  # (exception) a connection or history failure, for the user
        self.journal_restored = Event()  # (damaged file path, orders restored)
        self.account_changed = Event()  # (AccountSnapshot | None)
        self.trade_day_changed = Event()  # (str) the trading day orders are placed in now
        # The account's orders: every view reads this one book; only the core writes it.
        self.orders = AccountOrders()
        # Kiwoom's WebSocket, once connected (app_stream.py). Its events are the session's
        # too (the same objects, under the names the bridge mirrors).
        self.stream = LiveStream(self, run, self._run_later, enabled=stream)
        self.stream_changed = self.stream.stream_changed
        self.trades_changed = self.stream.trades_changed
        self.watched_trades = self.stream.watched_trades
        self.depth_changed = self.stream.depth_changed
        self.balance_changed = self.stream.balance_changed
        self.order_events = self.stream.order_events
        self.fills_seen = self.stream.fills_seen
        self.events_refused = self.stream.events_refused
        # The order the Modify and Cancel tabs act on: selected anywhere, followed here
        # (a selection by local id, a badge's, is looked up in the book).
        self.target = OrderTarget(find=self.orders.get)
        self.orders.changed.connect(lambda records, _done: self.target.follow(records))
        self.orders.day_changed.connect(self.target.set_day)
        self.env_changed.connect(lambda _env: self.target.clear())
        # The kill switch, the daily limits and the watches (service/protection.py).
        self.protection = Protection(self, run)

    # ---- state -------------------------------------------------------------------------

    @property
    def env(self) -> Environment:
        return self._env

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def token(self) -> Token | None:
        # The client's own: it renews its token by itself (an 8005, the stream's LOGIN).
        return self._service.token if self._service is not None else None

    @property
    def service(self) -> OrderService | None:
        return self._service

    @property
    def account(self) -> AccountSnapshot | None:
        """The last account snapshot of the environment in use (None: not loaded)."""
        return self._account

    @property
    def generation(self) -> int:
        """Bumps on every switch and log-out: a result of an earlier one is dropped."""
        return self._generation

    @property
    def stream_status(self) -> StreamStatus | None:
        return self.stream.status

    @property
    def stream_live(self) -> bool:
        return self.stream.live

    @property
    def connected(self) -> bool:
        return self._service is not None and self._state is ConnectionState.CONNECTED

    def _set_state(self, state: ConnectionState) -> None:
        self._state = state
        self.state_changed.emit(state)

    # ---- credentials (keyring calls may block: worker thread) ---------------------------

    async def store(self) -> CredentialStore:
        if self._store is None:
            self._store = await self._run(CredentialStore)
        return self._store

    async def load_credentials(self, env: Environment) -> Credentials | None:
        store = await self.store()
        return await self._run(store.load, env)

    async def save_credentials(self, env: Environment, creds: Credentials) -> bool:
        store = await self.store()
        return await self._run(store.save, env, creds)

    async def delete_credentials(self, env: Environment) -> None:
        store = await self.store()
        await self._run(store.delete, env)

    # ---- connection --------------------------------------------------------------------

    async def connect(self, env: Environment, credentials: Credentials | None = None) -> bool:
        """Close the current service and open one for `env`. Never raises for network
        trouble: the state becomes FAILED and the reason goes to `message`."""
        self._generation += 1
        generation = self._generation
        self.stop_stream()
        old, self._service = self._service, None
        self._quotes.clear()
        self._quoted_at.clear()
        self._quotes_in_flight.clear()
        self._depths.clear()
        self._depths_in_flight.clear()
        self._forget_account()
        changed = env is not self._env
        self._env = env
        if changed:
            self.env_changed.emit(env)
        self._set_state(ConnectionState.CONNECTING)
        # The journal is local and only its newest rows are read (~10 ms): read them first
        # (while the old service closes), so the log fills before the connection's own
        # work competes with the read. sqlite gives the GIL up at every row, and got it
        # back only a switch interval (5 ms) later while the practice exchange started
        # (~0.4 s of imports): 466 rows took ~0.2 s then, against ~12 ms alone.
        history = asyncio.ensure_future(self._load_history(env, generation))
        if old is not None:
            await self._close_quietly(old)
        await history
        if generation != self._generation:  # switched again while the journal was read
            return False
        try:
            if env.needs_credentials and credentials is None:
                credentials = await self.load_credentials(env)
                if credentials is None:
                    raise with_text(RuntimeError, Text("앱키와 시크릿키를 먼저 등록하세요",
                                                       "Save an app key and secret key first"))
            service = await self._run(self._factory, env, credentials)
        except Exception as exc:
            if generation == self._generation:
                log.info("connecting to %s failed: %s", env.value, describe_error(exc))
                self._set_state(ConnectionState.FAILED)
                self.failed.emit(exc)
            return False
        if generation != self._generation:  # switched again while this one connected
            await self._close_quietly(service)
            return False
        self._service = service
        self._set_trade_day(await self._run(service.today))
        if service.journal.interrupted:
            # Rows a killed run left "sending" were read as such; opening the journal made
            # them outcome unknown: show that now, not at the next change.
            self.take_records(await self._run(service.journal.with_status,
                                               OrderStatus.UNKNOWN))
        self._set_state(ConnectionState.CONNECTED)
        self.stream.start(service)
        damaged = service.journal.damaged_path
        if damaged is not None:
            restored = await self._run(service.restore_today)
            self.take_records(restored)
            self.journal_restored.emit(damaged, len(restored))
        return True

    async def _load_history(self, env: Environment, generation: int) -> None:
        """The log's first rows (the newest, today's, every open or unknown order; older
        ones are read as the log is scrolled up), emitted only if `env` is still the one
        open. Read on a short-lived thread of its own: the worker is for the network."""
        try:
            head = await off_thread(self._read_history, env)
        except Exception as exc:
            if generation == self._generation:
                self.failed.emit(exc)
            return
        if generation == self._generation:
            self.orders.replace(head)
            self.history_loaded.emit(head)

    async def logout(self) -> None:
        """Revoke the token (au10002) and close the service."""
        service, self._service = self._service, None
        self._generation += 1
        self.stop_stream()
        self._forget_account()
        if service is not None:
            await self._close_quietly(service)
        self._set_state(ConnectionState.LOGGED_OUT)

    async def _close_quietly(self, service: OrderService) -> None:
        try:
            await self._run(service.close)
        except Exception as exc:  # a failed revoke must not stop a switch
            log.warning("closing the %s service failed: %s", service.env.value, describe_error(exc))

    # ---- trading -----------------------------------------------------------------------

    def _require(self) -> OrderService:
        if self._service is None or self._state is not ConnectionState.CONNECTED:
            raise NotConnected()
        return self._service

    async def quote(self, stock_code: str) -> Quote:
        """ka10001 through the worker. Lookups of one code share a request, and a fresh
        answer is reused briefly, so quotes never pile up in front of orders."""
        service = self._require()
        cached = self._quotes.get(stock_code)
        if cached is not None and time.monotonic() - cached[1] < QUOTE_TTL:
            return cached[0]
        future = self._quotes_in_flight.get(stock_code)
        if future is None:
            future = asyncio.ensure_future(self._run(service.quote, stock_code))
            self._quotes_in_flight[stock_code] = future
            generation = self._generation

            def done(f: asyncio.Future[Quote]) -> None:
                if self._quotes_in_flight.get(stock_code) is f:
                    del self._quotes_in_flight[stock_code]
                if generation == self._generation and not f.cancelled() and f.exception() is None:
                    self._quotes[stock_code] = (f.result(), time.monotonic())
                    self._quoted_at[stock_code] = datetime.now().astimezone()

            future.add_done_callback(done)
        return await asyncio.shield(future)

    async def depth(self, stock_code: str) -> Depth:
        """The ten-level book of `stock_code` (ka10004) through the worker. Asked again
        while one is on its way (another window's ladder), the same request answers."""
        service = self._require()
        future = self._depths_in_flight.get(stock_code)
        if future is None:
            future = asyncio.ensure_future(self._run(service.depth, stock_code))
            self._depths_in_flight[stock_code] = future
            generation = self._generation

            def done(f: asyncio.Future[Depth]) -> None:
                if self._depths_in_flight.get(stock_code) is f:
                    del self._depths_in_flight[stock_code]
                if generation == self._generation and not f.cancelled() and f.exception() is None:
                    self._depths[stock_code] = f.result()

            future.add_done_callback(done)
        return await asyncio.shield(future)

    def last_depth(self, stock_code: str) -> Depth | None:
        """The last book of `stock_code` read from REST in this environment, if any."""
        return self._depths.get(stock_code)

    def quoted_at(self, stock_code: str) -> datetime | None:
        """When the last quote of `stock_code` arrived (local time), if one did."""
        return self._quoted_at.get(stock_code)

    async def stock_directory(self) -> StockDirectory:
        """The stocks the search offers: ka10099 through the worker, once a trading day
        (a file in the data folder), then from memory for the session."""
        service = self._require()
        return await self._stock_lists.get(service, self._run, lambda: self._service is service)

    async def place(self, order: OrderRequest, stock_name: str = "",
                    attach: Callable[[OrderRecord], None] | None = None) -> list[OrderRecord]:
        """Journal then send `order`, once. The SENDING row shows if the reply takes longer
        than SENDING_ROW_DELAY_MS; a faster reply shows the outcome straight away, so the
        log paints once per order instead of twice. Network trouble never raises from here
        for an order that was journaled: it comes back as an UNKNOWN/REJECTED record.
        `attach` runs on the worker once the order is journaled and before it leaves
        (a bracket on entry writes itself there); if it raises, the order is closed as
        not sent and the error is raised here."""
        service = self._require()
        await self.protection.admit(order)  # the kill switch and the daily limits
        service = self._require()  # (still the same connection after the gate's await)
        answered = False
        loop = asyncio.get_running_loop()

        def show_sending(records: list[OrderRecord]) -> None:
            def later() -> None:
                if not answered:
                    self.take_records(records)

            loop.call_later(SENDING_ROW_DELAY_MS / 1000, later)

        def show(records: list[OrderRecord]) -> None:  # from the worker thread
            loop.call_soon_threadsafe(show_sending, records)

        def journal_and_send() -> list[OrderRecord]:
            record = service.prepare(order, stock_name)  # durable before anything leaves
            if attach is not None:
                try:
                    attach(record)
                except BaseException:
                    service.not_sent(record, ATTACH_FAILED)  # it never left
                    raise
            show([record])
            # Then any live events that came before this reply named the order.
            changed = service.send(record) + service.claim_early()
            refused = service.take_refusals()
            if refused:
                loop.call_soon_threadsafe(self.stream.show_refusals, refused)
            return changed

        changed = await self._run(journal_and_send)
        answered = True
        self.take_records(changed)
        return changed

    async def refresh(self, full: bool = False, look_outside: bool = False,
                      later: bool = False) -> list[OrderRecord]:
        """Poll the exchange for what moved. Cheap when nothing is open: the service
        asks the exchange only when it has open, unknown or watched orders, or (now and
        then, or with `look_outside`) for orders placed outside the app; while the live
        stream moves open orders on, only for what it can't settle (unless `full`, or a
        full read is due). `later`: in the worker's later lane (a catch-up the stream
        asked for: orders go first)."""
        service = self._require()
        stream_live = self.stream.refresh_mode(full)

        def refresh() -> tuple[list[OrderRecord], str, list[str]]:
            return (service.refresh(stream_live, look_outside) + service.claim_early(),
                    service.today(), service.take_refusals())

        changed, day, refused = await (self._run_later if later else self._run)(refresh)
        if refused:
            self.stream.show_refusals(refused)
        self._set_trade_day(day)
        if changed:
            self.take_records(changed)
        return changed

    def watch(self, codes: set[str] | frozenset[str]) -> None:
        """Live trades and book of exactly these stocks (the tickets', the ladders')."""
        self.stream.watch(codes)

    def watch_also(self, codes: set[str]) -> None:
        """The watches' stocks (service/watch_keeper.py), beside the windows' own."""
        self.stream.watch_also(codes)

    def stop_stream(self) -> None:
        """End the live stream (a switch, a log-out, the app closing). Safe twice."""
        self.stream.stop()

    def catch_up(self) -> None:
        """Read the exchange's lists now (once at a time)."""
        self.stream.catch_up()

    def take_trades(self, trades: dict[str, Trade]) -> None:
        """The cached quote follows the trades: a lookup within its lifetime is answered
        from it, so the poll doesn't ask REST for what the stream already said."""
        service = self._service
        now = service.now() if service is not None else datetime.now().astimezone()
        clock = time.monotonic()
        for code, trade in trades.items():
            cached = self._quotes.get(code)
            if cached is None:
                continue
            self._quotes[code] = (replace(cached[0], current=trade.price,
                                          volume=trade.volume), clock)
            self._quoted_at[code] = now

    def select_order(self, order: OrderRecord | str | None) -> bool:
        """The one entry point for "this order": a row of the log or of 미체결, a badge
        of the 호가창 (a record, or its local id). It becomes the target of both the
        Modify and the Cancel tab; returns whether it is now."""
        return self.target.select(order)

    def look_outside_soon(self) -> None:
        """The next refresh also looks for orders placed outside the app (F5), even if
        one is in flight now."""
        if self._service is not None:
            self._service.look_outside_next()

    async def fills_today(self) -> list[Fill]:
        """Today's fills (kt00009, every page) through the worker."""
        service = self._require()
        return await self._run(service.fills_today)

    async def reset_practice(self) -> None:
        """The practice account back to its start, and a new numbering day."""
        service = self._require()
        changed = await self._run(service.reset_practice)
        self._set_trade_day(await self._run(service.today))
        self._forget_account()
        self.take_records(changed)

    async def load_account(self) -> AccountSnapshot | None:
        """kt00001 + kt00018 through the worker. A result from an environment left
        meanwhile is dropped (None)."""
        service = self._require()
        generation = self._generation
        snapshot = await self._run(fetch_account, service.client)
        if generation != self._generation:
            return None
        self._account = snapshot
        self.account_changed.emit(snapshot)
        return snapshot

    def _forget_account(self) -> None:
        if self._account is not None:
            self._account = None
            self.account_changed.emit(None)

    def take_records(self, records: list[OrderRecord]) -> None:
        """Records the journal holds now (a reply, a poll, live events journaled): the
        account's orders take them first, then everyone is told."""
        self.orders.upsert(records)
        self.records_changed.emit(list(records))

    def _set_trade_day(self, day: str) -> None:
        self.orders.set_trade_day(day)
        self.trade_day_changed.emit(day)
