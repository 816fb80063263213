"""When the account panel asks the exchange again: on connecting, with F5, and shortly
after an order is accepted, filled, modified or cancelled. Requests close together
become one (they queue on the same worker as orders), and at most one runs at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer

from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from .account_panel import AccountPanel
from .messages import error_detail, error_text
from .session_bridge import SessionBridge
from .tasks import TaskRunner

DELAY_MS = 250  # a burst of fills costs one account query, not one each
MOVES_MONEY = frozenset({
    OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED, OrderStatus.FILLED,
    OrderStatus.CANCELLED, OrderStatus.MODIFIED,
})


class AccountSync(QObject):
    def __init__(self, session: SessionBridge, panel: AccountPanel, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.panel = panel
        self.runner = runner
        self.task: asyncio.Task | None = None
        self._again = False
        self._stopped = False  # the window closed: nothing more is asked
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        session.account_changed.connect(panel.show_snapshot)
        session.records_changed.connect(self.records_changed)

    def request(self, now: bool = False) -> None:
        if self.session.connected and not self._stopped:
            self._timer.start(0 if now else DELAY_MS)

    def records_changed(self, records: Iterable[OrderRecord]) -> None:
        if any(r.status in MOVES_MONEY for r in records):
            self.request()

    def _fire(self) -> None:
        if not self.session.connected:
            return
        if self.task is not None and not self.task.done():
            self._again = True  # one more after this one, with what it did not see
            return
        # A failure is shown in the panel (the runner logs it); trading goes on without it.
        self.task = self.runner.run(self._load(), what="account lookup",
                                    on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.panel.show_error(error_text(exc), error_detail(exc))

    async def _load(self) -> None:
        self.panel.show_loading()
        try:
            await self.session.load_account()
        finally:
            if self._again:
                self._again = False
                self.request()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        if self.task is not None:
            self.task.cancel()
