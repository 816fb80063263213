"""The account's orders, as the core knows them: one OrderLedger, written here only.

Every view of the account's orders (the log, 미체결, the 호가창's badges, the Modify and
Cancel target, a second ticket window) reads this one book and mirrors it through the
Events below, which fire after the book has taken a change: a subscriber never sees a
book that is behind the event it was told, whatever order the subscribers were
connected in. Orders are keyed by (trading day, order number) and by local id; each
knows its open quantity (`OrderRecord.open_qty`). What "open" means is
domain/open_orders.py. No Qt: the UI's table models are adapters over this.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from ..domain.order_events import OrderEvent, checked_step
from ..domain.order_ledger import HistoryPage, OrderLedger, Upserted
from ..domain.records import OrderRecord
from .observer import Event


class AccountOrders:
    def __init__(self, book: OrderLedger | None = None) -> None:
        self.book = book if book is not None else OrderLedger()
        self._older: HistoryPage | None = None  # the journal's rows before the book's
        # (list[OrderRecord]) the whole book anew: the history of an environment opened.
        self.replaced = Event()
        # (list[OrderRecord], Upserted) the book took these records (a batch of the
        # journal's, or a live event's step before the journal has it).
        self.changed = Event()
        self.prepended = Event()  # (int) older rows put in front of the book's rows
        self.day_changed = Event()  # (str) the trading day orders are placed in now
        # (list[OrderRecord]) orders once called not taken that the exchange had after
        # all: said once each, loudly.
        self.late_found = Event()

    # ---- reading -------------------------------------------------------------------------

    @property
    def trade_day(self) -> str | None:
        return self.book.trade_day

    def get(self, local_id: str) -> OrderRecord | None:
        return self.book.get(local_id)

    def by_number(self, trade_day: str, ord_no: str) -> OrderRecord | None:
        """The order `ord_no` of `trade_day` (a number names an order within its day)."""
        return self.book.by_ord_no(ord_no, trade_day)

    def open_today(self) -> list[OrderRecord]:
        """Today's open orders, oldest first (domain.open_orders.is_open_order)."""
        return self.book.open_today()

    def can_fetch_older(self) -> bool:
        return self._older is not None

    # ---- writing (the core's only) --------------------------------------------------------

    def replace(self, records: Iterable[OrderRecord]) -> None:
        """Everything anew (history of a newly opened environment). A HistoryPage also
        brings the older open orders the book must know, and where older rows are."""
        if isinstance(records, HistoryPage):
            self.book.replace(records, known=records.known)
            self._older = records if records.has_older else None
            rows: list[OrderRecord] = list(records)
        else:
            rows = list(records)
            self.book.replace(rows)
            self._older = None
        self.replaced.emit(rows)

    def upsert(self, records: Iterable[OrderRecord]) -> Upserted:
        """Records that are new or moved on: updated in place by local id, new ones
        appended (the later state of one order twice in a batch wins)."""
        records = list(records)
        newly_late = [r for r in records if r.found_late and not self._was_late(r)]
        done = self.book.upsert(records)
        self.changed.emit(records, done)
        if newly_late:
            self.late_found.emit(newly_late)
        return done

    def _was_late(self, rec: OrderRecord) -> bool:
        before = self.book.get(rec.local_id)
        return before is not None and before.found_late

    def set_trade_day(self, day: str) -> None:
        if day != self.book.trade_day:
            self.book.trade_day = day
            self.day_changed.emit(day)

    def apply_events(self, events: Iterable[OrderEvent]) -> list[OrderRecord]:
        """Live 00 events as they arrive: each order moves on from the event itself (the
        same pure step the journal takes, forward only), so every view shows a fill
        within a frame; the journal's record replaces it when written. Only an event of
        the order's own trading day that matches it (the journal's own check): a refused
        one must not show either. Returns the orders moved."""
        now = datetime.now(UTC)
        moved: dict[str, OrderRecord] = {}
        for event in events:
            rec = moved.get(event.ord_no) or self.book.by_ord_no(event.ord_no)
            step = checked_step(rec, event, event.received or now) if rec is not None else None
            if step is not None:
                moved[event.ord_no] = step
        if moved:
            self.upsert(moved.values())
        return list(moved.values())

    def fetch_older(self, rows: int) -> int:
        """Put the next page of older rows (about `rows`, whole trading days) in front of
        the book's rows; returns how many came in."""
        if self._older is None:
            return 0
        page = self._older.older(rows)
        self._older = page if page.has_older else None
        fresh = [r for r in page if self.book.row_of(r.local_id) is None]
        if not fresh:
            return 0
        count = self.book.prepend(fresh)
        if count:
            self.prepended.emit(count)
        return count

    def rows_before(self) -> Iterable[OrderRecord]:
        """Every journal row older than the book's, oldest first, each in the book's
        latest state (an export's)."""
        older = self._older.rows_before() if self._older is not None else iter(())
        for stored in older:
            yield self.book.get(stored.local_id) or stored
