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


class TradingSession(QObject):
    records_changed = Signal(list)  # OrderRecords that are new or moved on
    history_loaded = Signal(list)  # all journal rows of the environment just opened
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
        # What the window and the forms read, straight from the core.
        self.store = core.store
        self.load_credentials = core.load_credentials
        self.save_credentials = core.save_credentials
        self.delete_credentials = core.delete_credentials
        self.connect = core.connect
        self.logout = core.logout
        self.quote = core.quote
        self.quoted_at = core.quoted_at
        self.place = core.place
        self.refresh = core.refresh
        self.reset_practice = core.reset_practice
        self.load_account = core.load_account

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

