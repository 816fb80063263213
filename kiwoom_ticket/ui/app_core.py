"""What every window of the app shares, built once by the composition root (app.py):
the worker thread, the core (AppSession) and its Qt bridge, the status channel, the
settings, the dialogs and the task runner. Windows receive it and own none of it: a
second ticket window (창 → 새 주문창) on the same core uses the same worker, the same
WebSocket and the same journal, and closing it leaves the core trading."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from ..service import CredentialStore
from ..service.status import StatusChannel
from .dialogs import DialogService
from .i18n import language
from .qt_translations import install_qt_translations
from .session_bridge import ServiceFactory, SessionBridge
from .settings_store import KEY_LANGUAGE, open_settings, read_str
from .stock_source import StockSource
from .tasks import TaskRunner
from .worker import Worker

log = logging.getLogger(__name__)


class AppCore:
    def __init__(
        self,
        *,
        service_factory: ServiceFactory | None = None,
        credential_store: CredentialStore | None = None,
        dialogs: DialogService | None = None,
    ) -> None:
        self.settings = open_settings()
        # The system's language until the user picks one in Settings (only a pick is saved).
        saved_language = read_str(self.settings, KEY_LANGUAGE)
        if saved_language:
            language.set(saved_language)
        app = QApplication.instance()
        if app is not None:  # (a QApplication exists before any window is built)
            install_qt_translations(app)  # Qt's own dialogs follow the language
        # Every status line of the app goes through this one channel (service/status.py).
        self.status = StatusChannel()
        self.worker = Worker()
        kwargs: dict[str, Any] = {"credential_store": credential_store}
        if service_factory is not None:
            kwargs["service_factory"] = service_factory
        self.session = SessionBridge(self.worker, status=self.status, **kwargs)
        self._given_dialogs = dialogs  # a test's or the self-test's: every window shares it
        self.dialogs = dialogs or DialogService()  # the main window's questions
        self.tasks = TaskRunner(self.status)  # the UI's async work, whichever window asked
        StockSource.of(self.session, self.tasks)  # the stock list, before a form looks for it
        self._shut = False

    def parent_dialogs_to(self, window: QWidget) -> None:
        """Questions open over the main window (a dialog service made here has none)."""
        if self.dialogs._parent is None:  # DialogService keeps no setter
            self.dialogs._parent = window

    def dialogs_for(self, window: QWidget) -> DialogService:
        """The questions of another window (창 → 새 주문창): over that window, each with
        its own guard, so a question asked there is never hidden behind the main window
        nor answered by what is open here."""
        return self._given_dialogs or DialogService(window)

    @property
    def shut(self) -> bool:
        return self._shut

    def shutdown(self) -> None:
        """Cancel the UI's tasks, stop the stream, revoke the token and stop the worker.
        Safe to call twice. (The app is closing: the main window calls this.)"""
        if self._shut:
            return
        self._shut = True
        self.tasks.close()
        self.session.stop_stream()
        self.session.core.protection.shutdown()  # the watches' timers and tasks
        service = self.session.service
        if service is not None:
            # The close (token revoke) runs on the worker; we only wait for it to end.
            self.worker.submit_nowait(service.close)
        self.worker.shutdown(wait=True)
