"""The Qt side of the application core: a thin bridge over service.AppSession.

It only re-emits the core's events as Qt signals (on the GUI thread, where the core
runs) and turns failures into the status line's words. Every decision lives in the
Qt-free core; the forms, the log and the self-test all go through this one object, so
the self-test drives exactly the code the buttons drive.
"""

from __future__ import annotations

from pathlib import Path

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
from ..service.factory import open_service, read_history
from ..service.status import Severity, StatusChannel
from .i18n import both
from .messages import error_detail, error_text, labelled
from .worker import Worker

__all__ = ["ConnectionState", "NotConnected", "ServiceFactory", "TradingSession",
           "describe_error"]


_CORE_CALLS = ("store", "load_credentials", "save_credentials", "delete_credentials",
               "connect", "logout", "quote", "quoted_at", "place", "refresh",
               "reset_practice", "load_account", "stock_directory")


class TradingSession(QObject):
    records_changed = Signal(list)  # OrderRecords that are new or moved on
    # The log's first rows of the environment just opened: a HistoryPage (a list that
    # also knows where older rows are), so `object`: Signal(list) would copy it.
    history_loaded = Signal(object)
    state_changed = Signal(object)  # ConnectionState
    env_changed = Signal(object)  # Environment
    account_changed = Signal(object)  # AccountSnapshot, or None when unknown
    trade_day_changed = Signal(str)  # the trading day orders are placed in now

    def __init__(
        self,
        worker: Worker,
        *,
        service_factory: ServiceFactory = open_service,
        credential_store: CredentialStore | None = None,
        history_reader: HistoryReader = read_history,
        parent: QObject | None = None,
        status: StatusChannel | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.status = status or StatusChannel()
        self.core = core = AppSession(worker.call, service_factory=service_factory,
                                      credential_store=credential_store,
                                      history_reader=history_reader)
        for name in ("records_changed", "history_loaded", "state_changed", "env_changed",
                     "account_changed", "trade_day_changed"):
            getattr(core, name).connect(getattr(self, name).emit)
        core.failed.connect(self._failed)
        core.journal_restored.connect(self._journal_restored)
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

