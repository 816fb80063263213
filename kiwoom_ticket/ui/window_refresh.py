"""When the main window asks the exchange again: F5, the poll, and a quick look for the
fill of an order just accepted on the practice exchange. A collaborator the window holds
(`window.refresher`); it owns the poll's timers and asks the core through the bridge."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from ..domain.environment import Environment
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from .account_sync import AccountSync
from .env_bar import EnvBar
from .i18n import tr
from .ladder_controller import LadderController
from .order_lists import OrderLists
from .session_bridge import SessionBridge
from .tasks import TaskRunner
from .ticket_desk import TicketDesk
from .ticket_form import TicketForm

POLL_MS = 5_000  # Kiwoom mock and real: the mock server takes 1 request/s per api-id
PRACTICE_POLL_MS = 1_000  # the practice exchange is local: a fill shows within a second
QUICK_CHECK_MS = 300  # practice: look for the fill of an order just accepted


class WindowRefresh:
    def __init__(self, session: SessionBridge, desk: TicketDesk, ladder: LadderController,
                 lists: OrderLists, account_sync: AccountSync, env_bar: EnvBar,
                 tasks: TaskRunner, show_activity: Callable[[str, str], None],
                 parent: QObject) -> None:
        self.session, self.tabs, self.ladder, self.lists = session, desk, ladder, lists
        self.account_sync, self.env_bar, self.tasks = account_sync, env_bar, tasks
        self.show_activity = show_activity
        self._shut = False
        self.running: asyncio.Task[None] | None = None  # the refresh reading now
        self._full_next: asyncio.Task[None] | None = None  # an F5 during it: it follows
        self.poll_timer = QTimer(parent)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.quick_check = QTimer(parent)
        self.quick_check.setSingleShot(True)
        self.quick_check.setInterval(QUICK_CHECK_MS)
        self.quick_check.timeout.connect(self.refresh_orders)
        session.records_changed.connect(self._look_for_fill_soon)

    def start(self) -> None:
        self.poll_timer.start()

    def set_env(self, env: Environment) -> None:
        self.poll_timer.setInterval(PRACTICE_POLL_MS if env is Environment.PRACTICE else POLL_MS)

    def stop(self) -> None:
        self._shut = True
        self.poll_timer.stop()
        self.quick_check.stop()

    def request_refresh(self) -> asyncio.Task | None:
        """F5: order statuses, the account and the quote of the tab in view."""
        self.account_sync.request(now=True)
        current = self.tabs.currentWidget()
        if isinstance(current, TicketForm):
            current.refresh_quote()
        self.session.look_outside_soon()  # orders placed in HTS or on a phone too
        self.lists.refresh()
        return self.refresh_orders(full=True)  # asked for: read the lists, live or not

    def refresh_orders(self, full: bool = False) -> asyncio.Task | None:
        """Order statuses from the exchange's open orders and fills (the account follows
        whatever moved, through AccountSync). While the live stream is up, only what it
        can't settle is read, unless `full`."""
        if not self.session.connected:
            return None
        if self.running is not None and not self.running.done():
            if not full:
                return None  # a poll while one reads: the next poll comes anyway
            # F5 while a poll reads (maybe only part of the lists, while live): the full
            # read the trader asked for follows it, never dropped; more F5s join it.
            if self._full_next is None or self._full_next.done():
                self._full_next = self.tasks.run(self._refresh_after(self.running))
            return self._full_next
        self.running = self.tasks.run(self._refresh(full))
        return self.running

    async def _refresh_after(self, running: asyncio.Task) -> None:
        while not running.done():
            await asyncio.wait({running})
            running = self.running or running  # a poll that began meanwhile
        if self.session.connected and not self._shut:
            self.running = asyncio.current_task()
            await self._refresh(True)

    async def _refresh(self, full: bool = False) -> None:
        changed = await self.session.refresh(full)
        if changed:  # nothing moved: nothing to say
            now = datetime.now().strftime("%H:%M:%S")
            self.show_activity(tr("log.refreshed", time=now, n=len(changed)),
                               tr("log.refreshed_tip"))

    def poll(self) -> None:
        self.env_bar.show_market()
        self.tabs.refresh_quote()
        self.ladder.poll()
        # Every poll reaches the service (on the worker); it asks the exchange only when
        # something is open, unknown or watched, or a new trading day has begun.
        self.refresh_orders()

    def _look_for_fill_soon(self, records: Iterable[OrderRecord]) -> None:
        """On the practice exchange a marketable order fills as it is accepted: look for
        the fill at once instead of at the next poll (the live feed brings it itself)."""
        if (self.session.env is not Environment.PRACTICE or self.session.stream_live
                or self._shut):
            return
        if any(r.status is OrderStatus.ACCEPTED and (r.action.is_new or r.action is Action.MODIFY)
               for r in records):
            self.quick_check.start()
