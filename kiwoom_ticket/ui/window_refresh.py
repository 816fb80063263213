"""When the window asks the exchange again: F5, the poll, and a quick look for the fill
of an order just accepted on the practice exchange. Part of MainWindow (a base class of
it: uses its session, tabs, ladder, lists, account sync, timers and status)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime

from ..domain.environment import Environment
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from .i18n import tr
from .ticket_form import TicketForm


class WindowRefresh:
    _shut: bool
    _running: asyncio.Task | None = None  # the refresh reading now
    _full_next: asyncio.Task | None = None  # an F5 pressed while it reads: it follows

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
        if self._running is not None and not self._running.done():
            if not full:
                return None  # a poll while one reads: the next poll comes anyway
            # F5 while a poll reads (maybe only part of the lists, while live): the full
            # read the trader asked for follows it, never dropped; more F5s join it.
            if self._full_next is None or self._full_next.done():
                self._full_next = self.spawn(self._refresh_after(self._running))
            return self._full_next
        self._running = self.spawn(self._refresh(full))
        return self._running

    async def _refresh_after(self, running: asyncio.Task) -> None:
        while not running.done():
            await asyncio.wait({running})
            running = self._running or running  # a poll that began meanwhile
        if self.session.connected and not self._shut:
            self._running = asyncio.current_task()
            await self._refresh(True)

    async def _refresh(self, full: bool = False) -> None:
        changed = await self.session.refresh(full)
        if changed:  # nothing moved: nothing to say
            now = datetime.now().strftime("%H:%M:%S")
            self.show_activity(tr("log.refreshed", time=now, n=len(changed)),
                               tr("log.refreshed_tip"))

    def _poll(self) -> None:
        self.env_bar.show_market()
        current = self.tabs.currentWidget()
        if isinstance(current, TicketForm):
            current.refresh_quote()
        if not self.session.stream_live:  # live, 0D keeps the ladder's book current
            self.ladder.refresh()
        self.ladder.sync_name()
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
