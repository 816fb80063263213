"""The Qt side of the application core: a thin bridge over service.AppSession.

It only re-emits the core's events as Qt signals (on the GUI thread, where the core
runs) and turns failures into the status line's words. Every decision lives in the
Qt-free core; the forms, the log and the self-test all go through this one object, so
the self-test drives exactly the code the buttons drive.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..service import AccountSnapshot, CredentialStore, OrderService
from ..service.app_session import (
    AppSession,
    ConnectionState,
    HistoryReader,
    NotConnected,
    ServiceFactory,
    describe_error,
)
from ..service.app_stream import CONNECTING, DOWN, LIVE, RECONNECTING, StreamStatus
from ..service.factory import open_service, read_history
from ..service.status import Severity, StatusChannel
from . import live_event_texts, stream_texts  # noqa: F401  (register their texts)
from .i18n import both
from .messages import error_detail, error_text, labelled
from .worker import Worker

if TYPE_CHECKING:
    from ..domain.environment import Environment
    from ..domain.fills import Fill
    from ..domain.market_depth import Depth
    from ..domain.records import OrderRecord
    from ..domain.stock_search import StockDirectory
    from ..service import Credentials, Quote

__all__ = ["CONNECTING", "DOWN", "LIVE", "RECONNECTING", "ConnectionState", "NotConnected",
           "ServiceFactory", "StreamStatus", "TradingSession", "describe_error"]


_CORE_CALLS = ("store", "load_credentials", "save_credentials", "delete_credentials",
               "connect", "logout", "quote", "quoted_at", "depth", "place", "refresh",
               "reset_practice", "load_account", "fills_today", "look_outside_soon",
               "watch", "catch_up", "stop_stream", "stock_directory", "select_order")


class TradingSession(QObject):
    records_changed = Signal(list)  # OrderRecords that are new or moved on
    # The log's first rows of the environment just opened: a HistoryPage (a list that
    # also knows where older rows are), so `object`: Signal(list) would copy it.
    history_loaded = Signal(object)
    state_changed = Signal(object)  # ConnectionState
    env_changed = Signal(object)  # Environment
    account_changed = Signal(object)  # AccountSnapshot, or None when unknown
    trade_day_changed = Signal(str)  # the trading day orders are placed in now
    stream_changed = Signal(object)  # StreamStatus of the live feed
    trades_changed = Signal(object)  # {code: Trade}: the last live trade of each stock
    depth_changed = Signal(object)  # {code: 0D values}: the last live book of each stock
    balance_changed = Signal(object)  # [04 values]: the account's holdings moved
    order_events = Signal(object)  # [OrderEvent]: live 00 events, before the journal's
    fills_seen = Signal(object)  # [Fill]: live fills (00 체결)
    # (OrderRecord | None, reselected): the order Modify and Cancel act on (service's
    # OrderTarget), another one or the same one moved on.
    target_changed = Signal(object, bool)

    if TYPE_CHECKING:
        # The core's own bound methods, set in __init__ from _CORE_CALLS; declared here
        # for mypy only (the attributes themselves are the core's).
        store: Callable[[], Coroutine[Any, Any, CredentialStore]]
        load_credentials: Callable[[Environment], Coroutine[Any, Any, Credentials | None]]
        save_credentials: Callable[[Environment, Credentials], Coroutine[Any, Any, bool]]
        delete_credentials: Callable[[Environment], Coroutine[Any, Any, None]]
        # Shadows QObject.connect on this object: the core's connect(env, credentials).
        connect: Callable[..., Coroutine[Any, Any, bool]]  # type: ignore[assignment]  # above
        logout: Callable[[], Coroutine[Any, Any, None]]
        quote: Callable[[str], Coroutine[Any, Any, Quote]]
        quoted_at: Callable[[str], datetime | None]
        depth: Callable[[str], Coroutine[Any, Any, Depth]]
        place: Callable[..., Coroutine[Any, Any, list[OrderRecord]]]
        refresh: Callable[..., Coroutine[Any, Any, list[OrderRecord]]]
        reset_practice: Callable[[], Coroutine[Any, Any, None]]
        load_account: Callable[[], Coroutine[Any, Any, AccountSnapshot | None]]
        fills_today: Callable[[], Coroutine[Any, Any, list[Fill]]]
        look_outside_soon: Callable[[], None]
        watch: Callable[[set[str] | frozenset[str]], None]
        catch_up: Callable[[], None]
        stop_stream: Callable[[], None]
        stock_directory: Callable[[], Coroutine[Any, Any, StockDirectory]]
        select_order: Callable[[OrderRecord | str | None], bool]

    def __init__(
        self,
        worker: Worker,
        *,
        service_factory: ServiceFactory = open_service,
        credential_store: CredentialStore | None = None,
        history_reader: HistoryReader = read_history,
        stream: bool = True,
        parent: QObject | None = None,
        status: StatusChannel | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.status = status or StatusChannel()
        self.core = core = AppSession(worker.call, service_factory=service_factory,
                                      credential_store=credential_store,
                                      history_reader=history_reader, stream=stream,
                                      run_later=worker.call_later)
        for name in ("records_changed", "history_loaded", "state_changed", "env_changed",
                     "account_changed", "trade_day_changed", "stream_changed",
                     "trades_changed", "depth_changed", "balance_changed",
                     "order_events", "fills_seen"):
            getattr(core, name).connect(getattr(self, name).emit)
        core.target.changed.connect(self.target_changed.emit)
        core.failed.connect(self._failed)
        core.events_refused.connect(self._events_refused)
        core.journal_restored.connect(self._journal_restored)
        core.stream_changed.connect(self._stream_changed)
        # What the window and the forms call, straight on the core.
        for name in _CORE_CALLS:
            setattr(self, name, getattr(core, name))

    def _failed(self, exc: BaseException) -> None:
        self.status.post(labelled("status.error", error_text(exc)), error_detail(exc),
                         Severity.WARNING)

    def _journal_restored(self, damaged: Path, restored: int) -> None:
        # One line that keeps the path: the user needs to know where the old file is.
        self.status.post(both("status.journal_damaged", path=str(damaged)) + " · "
                         + both("status.restored", n=restored), str(damaged), Severity.WARNING)

    def _events_refused(self, refused: list[str]) -> None:
        what = refused[0] if len(refused) == 1 else f"{refused[0]} (+{len(refused) - 1})"
        self.status.post(both("stream.event_refused", what=what), "\n".join(refused[:20]),
                         Severity.WARNING)

    def _stream_changed(self, status: StreamStatus) -> None:
        # Another program took this app key's live session (R10001): say which one, and
        # that the poll does the work now. The session does not fight for it.
        if status.state == DOWN and status.code == "R10001":
            label = self.core.env.label
            self.status.post(both("stream.kicked", env=label), both("stream.kicked_tip"),
                             Severity.ALERT)
        # Kiwoom keeps one token per app key and another program was issued one: the
        # session stopped rather than take it back; Connect takes it back.
        elif status.state == DOWN and status.cause == "token_taken":
            self.status.post(both("stream.token_taken", env=self.core.env.label),
                             both("stream.token_taken_tip"), Severity.ALERT)

    @property
    def target(self):
        """The order the Modify and Cancel tabs act on (service.order_target)."""
        return self.core.target

    @property
    def stream_live(self) -> bool:
        return self.core.stream_live

    @property
    def stream_status(self) -> StreamStatus | None:
        return self.core.stream_status

    @property
    def env(self):
        return self.core.env

    @property
    def state(self) -> ConnectionState:
        return self.core.state

    @property
    def token(self):
        return self.core.token

    @property
    def service(self) -> OrderService | None:
        return self.core.service

    @property
    def account(self) -> AccountSnapshot | None:
        return self.core.account

    @property
    def connected(self) -> bool:
        return self.core.connected

