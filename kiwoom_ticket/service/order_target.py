"""The one order the Modify (정정) and Cancel (취소) tabs act on: the target.

Whatever the trader selected last (a row of the order log, of 미체결, a badge of the
호가창) is the target of both tabs at once, so the order a tab sends for is always the
one on screen. The target is the application's state, not a widget's: it follows the
order's own changes (replies, polls, live events) so its open quantity and status are the
exchange's as last known, and a target that finished (filled, cancelled, modified away)
says so; the tabs refuse to send for it. No Qt: the UI mirrors `changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from ..domain.open_orders import is_open_order
from ..domain.order_events import OrderEvent, checked_step
from ..domain.records import OrderRecord
from .observer import Event


class OrderTarget:
    def __init__(self, find: Callable[[str], OrderRecord | None] | None = None) -> None:
        # Looks an order up by local id (the order ledger the log reads), for a selection
        # made by id (a badge click).
        self.find: Callable[[str], OrderRecord | None] = find or (lambda _local_id: None)
        self._record: OrderRecord | None = None
        self.day: str | None = None  # the trading day orders are placed in now
        # (OrderRecord | None, reselected: bool): the target, and whether it is another
        # order than before (the tabs refill) or the same one moved on (they only repaint).
        self.changed = Event()

    @property
    def record(self) -> OrderRecord | None:
        """The target as last known (None: nothing selected)."""
        return self._record

    @property
    def local_id(self) -> str | None:
        return self._record.local_id if self._record is not None else None

    @property
    def open(self) -> bool:
        """The exchange still holds shares of it: a modify or cancel can go."""
        return self._record is not None and is_open_order(self._record, self.day)

    @property
    def open_qty(self) -> int:
        return self._record.open_qty if self.open and self._record is not None else 0

    def select(self, order: OrderRecord | str | None) -> bool:
        """Make `order` (a record, or a local id the book knows) the target of both tabs;
        None clears it. An order without a number (never accepted) can't be a target.
        Returns whether `order` is the target now."""
        record = self.find(order) if isinstance(order, str) else order
        if record is None:
            self.clear()
            return order is None
        if not record.ord_no:
            return False
        again = self._record is not None and self._record.local_id == record.local_id
        self._record = record
        self.changed.emit(record, not again)
        return True

    def clear(self) -> None:
        if self._record is not None:
            self._record = None
            self.changed.emit(None, True)

    def follow(self, records: Iterable[OrderRecord]) -> None:
        """Records that changed: the target's latest state among them (a batch may hold
        one order twice; the later state wins, as in the log)."""
        if self._record is None:
            return
        latest = None
        for rec in records:
            if rec.local_id == self._record.local_id:
                latest = rec
        if latest is not None and latest != self._record:
            self._record = latest
            self.changed.emit(latest, False)

    def apply_events(self, events: Iterable[OrderEvent]) -> None:
        """Live 00 events as they arrive: the same forward-only step the log takes, so
        the tabs and the log move on together; the journal's record follows."""
        rec = self._record
        if rec is None or not rec.ord_no or (self.day is not None and rec.trade_day != self.day):
            return
        now = datetime.now(UTC)
        moved = rec
        for event in events:
            if event.ord_no == rec.ord_no:  # of its day and like it, as the log checks
                moved = checked_step(moved, event, event.received or now) or moved
        if moved is not rec:
            self._record = moved
            self.changed.emit(moved, False)

    def set_day(self, day: str) -> None:
        """The trading day changed: an earlier day's target is final (an order number
        names an order only within its day)."""
        if day != self.day:
            self.day = day
            if self._record is not None:
                self.changed.emit(self._record, False)
