"""Builds an OrderService for an environment: the one place that wires client, journal
and, for Practice, the built-in exchange."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

from ..domain.environment import Environment
from ..domain.records import OrderRecord
from ..journal import Journal, JournalDamaged
from ..kiwoom import environments as hosts
from ..kiwoom.client import DEFAULT_TIMEOUTS, KiwoomClient, Timeouts
from ..kiwoom.pacing import Pacer
from ..kiwoom.secrets import Credentials
from . import paths
from .logs import masker
from .orders import OrderService
from .paths import journal_path

log = logging.getLogger(__name__)

PRACTICE_CREDENTIALS = Credentials("practice-app-key", "practice-secret-key")

_practice_lock = threading.Lock()
_practice_exchange = None  # one per process, started on first use


PRACTICE_STATE = "practice-exchange.json"


def practice_exchange(data_dir: Path | None = None):
    """The in-process practice exchange, started once. Its account, holdings, open
    orders and order counter live in the data folder, so they continue across starts
    (a state file that can't be read is moved aside and the account starts afresh)."""
    global _practice_exchange
    with _practice_lock:
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
        raise ValueError("앱키와 시크릿키를 먼저 등록하세요 / Save an app key and secret key first")
    pacer = Pacer(env.orders_per_second) if pacing else None
    client = KiwoomClient(url, credentials, timeouts=timeouts, pacer=pacer,
                          on_secret=masker.register)
    journal = Journal(journal_path(env.value, data_dir))
    service = OrderService(env, client, journal, settle_after=settle_after,
                           reset_exchange=reset_exchange)
    try:
        service.login()
    except Exception:
        client.close()
        journal.close()
        raise
    return service


def read_history(
    env: Environment, data_dir: Path | None = None, limit: int | None = None
) -> list[OrderRecord]:
    """The environment's journal rows (the newest `limit`, or all), oldest first, without
    connecting anywhere: the log can fill while the connection is still being made."""
    path = journal_path(env.value, data_dir)
    if not path.exists():
        return []
    try:
        # Read-only: a reader must not settle rows or move files; the service's own
        # (writable) open does that, and says so.
        journal = Journal(path, read_only=True)
    except JournalDamaged:
        return []
    try:
        return journal.recent(limit) if limit else journal.all()
    except sqlite3.DatabaseError:
        return []  # damaged: the writer moves it aside and starts afresh
    finally:
        journal.close()
