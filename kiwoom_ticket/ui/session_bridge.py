"""The Qt side of the application core: a thin bridge over service.AppSession.

It only re-emits the core's events as Qt signals (on the GUI thread, where the core
runs) and turns failures into the status line's words. Every decision lives in the
Qt-free core; the forms, the log and the self-test all go through this one object, so
the self-test drives exactly the code the buttons drive.
"""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..domain.environment import Environment
from ..domain.fills import Fill
from ..domain.market_depth import Depth
from ..domain.orders import NewOrder, OrderRequest
from ..domain.records import OrderRecord
from ..domain.stock_search import StockDirectory
from ..domain.text import Text
from ..service import AccountSnapshot, CredentialStore, OrderService
from ..service.account_orders import AccountOrders
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
from ..service.order_target import OrderTarget
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
    from ..service import Credentials, Quote, Token

__all__ = [
    "CONNECTING",
    "DOWN",
    "LIVE",
    "RECONNECTING",
    "ConnectionState",
    "NotConnected",
    "ServiceFactory",
    "SessionBridge",
    "StreamStatus",
    "describe_error",
]


class SessionBridge(QObject):
    records_changed = Signal(list)  # OrderRecords that are new or moved on
    # OrderRecords the core's book (AccountOrders) just took: a batch, or a live event's
    # step before the journal has it. The book is whole when this is emitted.
    orders_changed = Signal(list)
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
        self._watching: dict[object, set[str]] = {}  # each window's stocks, for `watch`
        self.status = status or StatusChannel()
        self.core = core = AppSession(worker.call, service_factory=service_factory,
                                      credential_store=credential_store,
                                      history_reader=history_reader, stream=stream,
                                      run_later=worker.call_later)
        # Each core event re-emitted as the signal of the same name (declared above, once).
        core.records_changed.connect(self.records_changed.emit)
        core.history_loaded.connect(self.history_loaded.emit)
        core.state_changed.connect(self.state_changed.emit)
        core.env_changed.connect(self.env_changed.emit)
        core.account_changed.connect(self.account_changed.emit)
        core.trade_day_changed.connect(self.trade_day_changed.emit)
        core.stream_changed.connect(self.stream_changed.emit)
        core.trades_changed.connect(self.trades_changed.emit)
        core.depth_changed.connect(self.depth_changed.emit)
        core.balance_changed.connect(self.balance_changed.emit)
        core.order_events.connect(self.order_events.emit)
        core.fills_seen.connect(self.fills_seen.emit)
        core.target.changed.connect(self.target_changed.emit)
        core.orders.changed.connect(lambda records, _done: self.orders_changed.emit(records))
        core.orders.late_found.connect(self._late_found)
        core.failed.connect(self._failed)
        core.events_refused.connect(self._events_refused)
        core.journal_restored.connect(self._journal_restored)
        core.stream_changed.connect(self._stream_changed)

    # ---- what the window and the forms call: each straight on the core -----------------
    # (Plain methods returning the core's coroutine: awaiting one awaits the core's.)

    def store(self) -> Coroutine[Any, Any, CredentialStore]:
        return self.core.store()

    def load_credentials(self, env: Environment) -> Coroutine[Any, Any, Credentials | None]:
        return self.core.load_credentials(env)

    def save_credentials(self, env: Environment,
                         creds: Credentials) -> Coroutine[Any, Any, bool]:
        return self.core.save_credentials(env, creds)

    def delete_credentials(self, env: Environment) -> Coroutine[Any, Any, None]:
        return self.core.delete_credentials(env)

    def connect(self, env: Environment,  # type: ignore[override]  # QObject.connect: the core's connect is the one callers mean
                credentials: Credentials | None = None) -> Coroutine[Any, Any, bool]:
        return self.core.connect(env, credentials)

    def logout(self) -> Coroutine[Any, Any, None]:
        return self.core.logout()

    def quote(self, stock_code: str) -> Coroutine[Any, Any, Quote]:
        return self.core.quote(stock_code)

    def quoted_at(self, stock_code: str) -> datetime | None:
        return self.core.quoted_at(stock_code)

    def depth(self, stock_code: str) -> Coroutine[Any, Any, Depth]:
        return self.core.depth(stock_code)

    def last_depth(self, stock_code: str) -> Depth | None:
        return self.core.last_depth(stock_code)

    def refusal(self, order: OrderRequest) -> Text | None:
        """Why the core's gate (the kill switch) refuses `order` now; None if it doesn't."""
        return self.core.protection.refusal(order)

    def place(self, order: OrderRequest,
              stock_name: str = "") -> Coroutine[Any, Any, list[OrderRecord]]:
        return self.core.place(order, stock_name)

    def buy_with_bracket(self, order: NewOrder, stock_name: str, target_price: int,
                         stop_price: int) -> Coroutine[Any, Any, list[OrderRecord]]:
        """Place the buy with its bracket written before it leaves (a bracket on entry)."""
        return self.core.protection.brackets.buy_with_bracket(order, stock_name,
                                                              target_price, stop_price)

    def refresh(self, full: bool = False, look_outside: bool = False,
                later: bool = False) -> Coroutine[Any, Any, list[OrderRecord]]:
        return self.core.refresh(full, look_outside, later)

    def reset_practice(self) -> Coroutine[Any, Any, None]:
        return self.core.reset_practice()

    def load_account(self) -> Coroutine[Any, Any, AccountSnapshot | None]:
        return self.core.load_account()

    def fills_today(self) -> Coroutine[Any, Any, list[Fill]]:
        return self.core.fills_today()

    def stock_directory(self) -> Coroutine[Any, Any, StockDirectory]:
        return self.core.stock_directory()

    def look_outside_soon(self) -> None:
        self.core.look_outside_soon()

    def watch(self, codes: set[str] | frozenset[str], owner: object = None) -> None:
        """The stocks `owner` (a ticket window's live wiring) wants live; the core watches
        every window's. Without an owner: exactly `codes`, whoever asked before (a bench,
        a test)."""
        if owner is None:
            self._watching.clear()
        if codes:
            self._watching[owner] = set(codes)
        else:
            self._watching.pop(owner, None)
        self.core.watch(set().union(*self._watching.values()))

    def catch_up(self) -> None:
        self.core.catch_up()

    def stop_stream(self) -> None:
        self.core.stop_stream()

    def select_order(self, order: OrderRecord | str | None) -> bool:
        return self.core.select_order(order)

    # ---- failures into the status line ---------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self.status.post(labelled("status.error", error_text(exc)), error_detail(exc),
                         Severity.WARNING)

    def _late_found(self, records: list[OrderRecord]) -> None:
        orders = ", ".join(f"{r.stock_code} {r.quantity:,} → {r.ord_no}" for r in records)
        self.status.post(both("status.late_found") + f": {orders}", both("status.late_found_tip"),
                         Severity.ALERT)

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
    def orders(self) -> AccountOrders:
        """The account's orders (the core's one book; read it, the core writes it)."""
        return self.core.orders

    @property
    def target(self) -> OrderTarget:
        """The order the Modify and Cancel tabs act on (service.order_target)."""
        return self.core.target

    @property
    def stream_live(self) -> bool:
        return self.core.stream_live

    @property
    def stream_status(self) -> StreamStatus | None:
        return self.core.stream_status

    @property
    def env(self) -> Environment:
        return self.core.env

    @property
    def state(self) -> ConnectionState:
        return self.core.state

    @property
    def token(self) -> Token | None:
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

