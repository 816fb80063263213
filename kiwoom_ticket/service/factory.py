"""Builds an OrderService for an environment: the one place that wires client, journal
and, for Practice, the built-in exchange."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from ..domain.environment import Environment
from ..domain.order_ledger import RECENT_WINDOW, HistoryPage
from ..domain.records import OrderRecord, trading_day
from ..domain.text import Text, with_text
from ..journal import Journal, JournalDamaged
from ..kiwoom import environments as hosts
from ..kiwoom.pacing import Pacer
from ..kiwoom.secrets import Credentials
from ..kiwoom.timeouts import DEFAULT_TIMEOUTS, Timeouts
from . import paths
from .logs import masker
from .orders import OrderService
from .paths import journal_path

if TYPE_CHECKING:
    from ..simulator import Simulator
    from .practice_process import PracticeProcess

log = logging.getLogger(__name__)
_T = TypeVar("_T")

PRACTICE_CREDENTIALS = Credentials("practice-app-key", "practice-secret-key")

_practice_lock = threading.Lock()
_practice_exchange: PracticeProcess | Simulator | None = None  # one per process, on first use
# The app runs its exchange in a child process (run_practice_in_child_process); tests and
# tools that drive the exchange's market and faults directly keep it in-process.
_practice_in_child = False


PRACTICE_STATE = "practice-exchange.json"


def run_practice_in_child_process(on: bool = True) -> None:
    """The app's choice (app.run): its practice exchange in a child process of its own,
    so the exchange's threads no longer share the window's GIL."""
    global _practice_in_child
    _practice_in_child = on


def practice_exchange(data_dir: Path | None = None) -> PracticeProcess | Simulator:
    """The practice exchange, started once: in-process (a Simulator), or after
    run_practice_in_child_process() a child process (a PracticeProcess; started again if
    it died). Its account, holdings, open orders and order counter live in the data
    folder, so they continue across starts (a state file that can't be read is moved
    aside and the account starts afresh)."""
    global _practice_exchange
    with _practice_lock:
        if _practice_exchange is not None and not _practice_exchange.running:
            log.warning("practice exchange had stopped; starting it again")
            _practice_exchange.stop()
            _practice_exchange = None
        if _practice_exchange is None and _practice_in_child:
            from .practice_process import PracticeProcess

            state = (data_dir or paths.data_dir()) / PRACTICE_STATE
            _practice_exchange = PracticeProcess(state).start()
        if _practice_exchange is None:
            from ..simulator import SimConfig, Simulator

            state = (data_dir or paths.data_dir()) / PRACTICE_STATE
            config = SimConfig(profile="real", rate_limits=True, walk_interval=1.0,
                               state_file=state)
            try:
                sim = Simulator(config)
            except (ValueError, KeyError, TypeError) as exc:
                aside = state.with_name(state.name + ".unreadable")
                state.replace(aside)
                log.warning("practice exchange state unreadable (%s); moved to %s", exc, aside)
                sim = Simulator(config)
            sim.start()
            _practice_exchange = sim
        return _practice_exchange


def stop_practice_exchange() -> None:
    global _practice_exchange
    with _practice_lock:
        if _practice_exchange is not None:
            _practice_exchange.stop()
            _practice_exchange = None


def open_service(
    env: Environment,
    credentials: Credentials | None = None,
    base_url: str | None = None,
    data_dir: Path | None = None,
    *,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    pacing: bool = True,
    settle_after: timedelta = timedelta(seconds=30),
) -> OrderService:
    """A logged-in service for `env`; its journal is opened, nothing is sent."""
    reset_exchange = None
    if env is Environment.PRACTICE:
        credentials = credentials or PRACTICE_CREDENTIALS
        if base_url is None:
            exchange = practice_exchange(data_dir)
            base_url, reset_exchange = exchange.base_url, exchange.reset
    url = hosts.base_url(env, base_url)
    if url is None:
        raise ValueError(f"no address for {env.value}")
    if credentials is None or not credentials.complete:
        raise with_text(ValueError, Text("앱키와 시크릿키를 먼저 등록하세요",
                                         "Save an app key and secret key first"))
    # Here, not at the top: the client brings requests and urllib3, which the window
    # need not wait for; this runs on the worker thread when it connects.
    from ..kiwoom.client import KiwoomClient
    from ..kiwoom.token_renewals import TokenRenewals

    pacer = Pacer(env.orders_per_second) if pacing else None
    # One token per app key: this user's programs renew it under one lock, at most once
    # in a window, so two of them can't take it from each other back and forth.
    renewals = TokenRenewals(data_dir or paths.data_dir(), env.value, credentials.appkey)
    client = KiwoomClient(url, credentials, timeouts=timeouts, pacer=pacer,
                          on_secret=masker.register, renewals=renewals)
    journal = Journal(journal_path(env.value, data_dir))
    service = OrderService(env, client, journal, settle_after=settle_after,
                           reset_exchange=reset_exchange, stream_url=stream_url(env, url))
    try:
        service.login()
    except Exception:
        client.close()
        journal.close()
        raise
    return service


def stream_url(env: Environment, base_url: str) -> str | None:
    """The WebSocket beside a REST address: on this machine (the practice exchange, a
    test's) the same port; Kiwoom's own for mock and real (or its override)."""
    host = hosts.host_of(base_url)
    if hosts.is_loopback(host):
        port = urlsplit(base_url).port or 80
        return hosts.practice_ws_url(port, f"[{host}]" if ":" in host else host)
    return hosts.ws_url(env)


# The log's window over a journal: at least this many of the newest rows at start (a
# screenful and then some), and whole trading days from yesterday's on (what the duplicate
# checks look back over); older rows a page at a time as the log is scrolled up.
HEAD_ROWS = 200
PAGE_ROWS = 1_000
EXPORT_CHUNK = 5_000


class JournalHistory:
    """A HistorySource over one journal file. Each read opens it read-only and closes it
    again: nothing stays open between scrolls, and a reader never writes (the service's
    own, writable open settles rows and moves a damaged file aside, and says so). A file
    that can't be read reads as empty."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self, fn: Callable[[Journal], _T], empty: _T) -> _T:
        if not self.path.exists():
            return empty
        try:
            journal = Journal(self.path, read_only=True)
        except JournalDamaged:
            return empty
        try:
            return fn(journal)
        except sqlite3.DatabaseError:
            return empty  # damaged: the writer moves it aside and starts afresh
        finally:
            journal.close()

    @staticmethod
    def _older(journal: Journal, start: int) -> int | None:
        """`start`, where a page begins, if there are older rows than it."""
        return start if journal.has_rows_before(start) else None

    def head(self, rows: int = HEAD_ROWS, now: datetime | None = None) -> HistoryPage:
        """The newest rows (at least `rows`, whole trading days, and every row since
        yesterday's trading day), with every older order still open or unknown."""
        since = trading_day((now or datetime.now(UTC)) - RECENT_WINDOW)

        def read(journal: Journal) -> HistoryPage:
            start = journal.page_start(None, rows, since)
            if start is None:
                return HistoryPage()
            return HistoryPage(journal.rows_between(start), known=journal.unsettled_before(start),
                               start=self._older(journal, start), source=self)

        return self._read(read, HistoryPage())

    def page_before(self, start: int, rows: int = PAGE_ROWS) -> HistoryPage:
        def read(journal: Journal) -> HistoryPage:
            first = journal.page_start(start, rows)
            if first is None:
                return HistoryPage()
            return HistoryPage(journal.rows_between(first, start),
                               start=self._older(journal, first), source=self)

        return self._read(read, HistoryPage())

    def rows_before(self, start: int) -> Iterator[OrderRecord]:
        at = 0
        while at < start:
            end = min(start, at + EXPORT_CHUNK)
            def rows(j: Journal, a: int = at, e: int = end) -> list[OrderRecord]:
                return j.rows_between(a, e)  # a def: mypy can't type a lambda's defaults

            none: list[OrderRecord] = []
            yield from self._read(rows, none)
            at = end


def read_history(
    env: Environment, data_dir: Path | None = None, limit: int | None = None
) -> HistoryPage:
    """What the log shows first of the environment's journal, without connecting anywhere
    (the log can fill while the connection is still being made): the newest rows (at
    least `limit`), every older order still open or unknown, and where older rows are."""
    return JournalHistory(journal_path(env.value, data_dir)).head(limit or HEAD_ROWS)
