"""The order log as a table model: one row per order request, updated in place.

Rows are keyed by `local_id` (a dict gives the row index), so an update emits
dataChanged for that row only; nothing is ever reset except on loading history.
Holds 100,000 rows without per-row widgets, but a long journal is not read whole: the
history starts with its newest rows (HistoryPage) and `fetch_older` puts older pages in
front as the log is scrolled up. What each row shows is worked out once per change
(`row_view`, from the columns of order_log_columns.py); the table (row_table.py) paints
whole rows from it, not cells.

A bracket's orders (its buy, its target sells, the sell its stop sent) are one chain:
selecting any of them tints them all, and each says its role ("브래킷 익절") before its
message (`follow_brackets`: the links come from the core's protection).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush

from ..domain.brackets import BracketLink, bracket_links
from ..domain.order_ledger import MAX_CHAIN, RECENT_WINDOW, OrderLedger, Upserted
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.text import Text
from ..service.account_orders import AccountOrders
from . import theme
from .order_log_columns import Column, log_table
from .table_model import Index, RowView, TableModel

__all__ = ["Column", "OrderLogModel"]  # Column: the index tests and panels use

_LINEAGE_BRUSH = QBrush(theme.LINEAGE_TINT)
_LATE_BRUSH = QBrush(theme.LATE_TINT)
PAGE_ROWS = 1_000  # older rows read per fetch_older


class OrderLogModel(TableModel[OrderRecord]):
    """Mirrors the core's AccountOrders (Qt-free, the one place orders are kept and
    looked up) as table rows. It never writes the book itself: its changing methods
    ask the core's store, and the rows follow the store's events (the store's book has
    already taken each change when it is told, so the row count is kept here: what the
    view has been told of)."""

    def __init__(self, parent: QObject | None = None,
                 orders: AccountOrders | None = None) -> None:
        super().__init__(log_table(self), parent)
        self.orders = orders if orders is not None else AccountOrders()
        self._count = len(self.orders.book)  # rows the view has been told of
        self._highlight: str | None = None  # chain root whose rows are tinted
        # (day, number) of originals a row's view could not find: when one arrives, the
        # views are worked out again (colour and chain follow the original).
        self._orphans: set[tuple[str, str]] = set()
        self._links: dict[str, BracketLink] = {}  # a bracket's orders, by local id
        self._protection: Any = None  # whose brackets and watches it follows
        self.orders.replaced.connect(self._replaced)
        self.orders.changed.connect(self._changed)
        self.orders.prepended.connect(self._prepended)
        self.orders.day_changed.connect(self._day_changed)
        self.destroyed.connect(self.detach)

    def detach(self, *_args: object) -> None:
        """Stop mirroring (the window holding this model closes; the core lives on)."""
        self.orders.replaced.disconnect(self._replaced)
        self.orders.changed.disconnect(self._changed)
        self.orders.prepended.disconnect(self._prepended)
        self.orders.day_changed.disconnect(self._day_changed)
        if self._protection is not None:
            self._protection.brackets.changed.disconnect(self._brackets_changed)
            self._protection.watches.changed.disconnect(self._brackets_changed)
            self._protection = None

    def follow_brackets(self, protection: Any) -> None:
        """Show the brackets of `protection` (the core's) as chains, as they change."""
        self._protection = protection
        protection.brackets.changed.connect(self._brackets_changed)
        protection.watches.changed.connect(self._brackets_changed)
        self._brackets_changed()

    def _brackets_changed(self, *_args: object) -> None:
        p = self._protection
        if p is None:
            return
        stops = {w.watch_id: w.order_local_id for w in p.watches.all() if w.order_local_id}
        self.set_bracket_links(bracket_links(p.brackets.all(), stops))

    def set_bracket_links(self, links: dict[str, BracketLink]) -> None:
        if links == self._links:
            return  # a watch saw a price: nothing the log shows
        self._links = links
        self.refresh_language()  # every row's view again: chains and tags

    @property
    def book(self) -> OrderLedger:
        return self.orders.book

    # ---- rows as a table (columns: order_log_columns.py) -------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def _item_at(self, row: int) -> OrderRecord:
        return self._rows[row]

    def is_tinted(self, view: RowView) -> bool:
        """Whether a row's background is tinted as part of the selected chain."""
        return self._highlight is not None and view.root == self._highlight

    def background(self, view: RowView) -> QBrush | None:
        if view.late:
            return _LATE_BRUSH
        return _LINEAGE_BRUSH if self.is_tinted(view) else None

    def make_view(self, rec: OrderRecord) -> RowView:
        text, foreground = self.cells(rec)
        if rec.orig_ord_no and self.book.original_of(rec) is None:
            self._orphans.add((rec.trade_day, rec.orig_ord_no))
        colours = tuple((col, brush.color().rgba()) for col, brush in foreground.items())
        alarm = rec.found_late or rec.corrected  # red: the app was wrong about it
        return RowView(text, foreground, self.chain_root(rec), alarm, (text, colours, alarm))

    def _forget(self, keys: Iterable[Hashable] | None = None) -> None:
        super()._forget(keys)
        if keys is None:
            self._orphans.clear()

    def _forget_views(self, records: Iterable[OrderRecord] | None = None) -> None:
        """Forget what `records` show (None: every row). Cheap: only visible rows are
        worked out again, on their next paint. A record that is the original another
        row could not find changes that row too: then every row is worked out again."""
        if records is None or any((r.trade_day, r.ord_no) in self._orphans
                                  for r in records if r.ord_no):
            self._views.clear()
            self._orphans.clear()
            return
        for rec in records:
            self._views.pop(rec.local_id, None)

    # ---- rows (read from the book) ----------------------------------------------------

    @property
    def _rows(self) -> list[OrderRecord]:
        return self.book.rows

    @property
    def trade_day(self) -> str | None:
        return self.book.trade_day

    def record(self, row: int) -> OrderRecord | None:
        return self.book.record(row)

    def records(self) -> list[OrderRecord]:
        return self.book.records()

    def recent_records(self, window: timedelta = RECENT_WINDOW) -> list[OrderRecord]:
        return self.book.recent(window)

    def row_of(self, local_id: str) -> int | None:
        return self.book.row_of(local_id)

    def by_ord_no(self, ord_no: str | None, trade_day: str | None = None) -> OrderRecord | None:
        return self.book.by_ord_no(ord_no, trade_day)

    def is_earlier_day(self, rec: OrderRecord) -> bool:
        return self.book.is_earlier_day(rec)

    def is_today_before_reset(self, rec: OrderRecord) -> bool:
        """Of today's date, from before a practice account reset (another numbering
        epoch of the same day): final, but not of an earlier day."""
        today = self.book.trade_day
        return (today is not None and rec.trade_day != today
                and rec.trade_day.split(".")[0] == today.split(".")[0])

    def has_open_orders(self) -> bool:
        return self.book.has_open()

    def chain_root(self, rec: OrderRecord) -> str | None:
        """The book's chain, or for a bracket's order the chain of its buy."""
        link = self.bracket_link(rec)
        if link is not None and link.buy_local_id != rec.local_id:
            buy = self.book.get(link.buy_local_id)
            if buy is not None:
                return self.book.chain_root(buy)
        return self.book.chain_root(rec)

    def chain_rows(self, root: str) -> list[int]:
        if not self._links:
            return self.book.chain_rows(root)
        return [i for i, r in enumerate(self._rows) if self.chain_root(r) == root]

    def bracket_link(self, rec: OrderRecord) -> BracketLink | None:
        """The bracket `rec` is part of (a modify or cancel: its original's), if any."""
        if not self._links:
            return None
        current = rec
        for _ in range(MAX_CHAIN):
            link = self._links.get(current.local_id)
            if link is not None:
                return link
            parent = self.book.original_of(current)
            if parent is None:
                return None
            current = parent
        return None

    def bracket_role(self, rec: OrderRecord) -> Text | None:
        link = self.bracket_link(rec)
        return link.role if link is not None else None

    def bracket_tag(self, rec: OrderRecord) -> Text | None:
        link = self.bracket_link(rec)
        return link.tag if link is not None else None

    def side_of(self, rec: OrderRecord) -> Action | None:
        return self.book.side_of(rec)

    # ---- changes (to the book, then to the view) ---------------------------------------

    def set_trade_day(self, day: str) -> None:
        """The service's current trading day (the core's store keeps it)."""
        self.orders.set_trade_day(day)

    def set_records(self, records: Iterable[OrderRecord]) -> None:
        """Replace everything (the core's store; this model follows)."""
        self.orders.replace(records)

    def can_fetch_older(self) -> bool:
        """Older rows are in the journal, not yet in the log."""
        return self.orders.can_fetch_older()

    def fetch_older(self, rows: int = PAGE_ROWS) -> int:
        """Put the next page of older rows (about `rows`, whole trading days) in front of
        the log; returns how many came in. (Qt's fetchMore appends at the end: the log
        grows upwards, so the view asks for this as it is scrolled to the top.)"""
        return self.orders.fetch_older(rows)

    def upsert(self, records: Iterable[OrderRecord]) -> list[int]:
        """Update rows in place by local_id; append the new ones (through the core's
        store). Returns touched rows."""
        first = len(self.book)
        done = self.orders.upsert(records)
        return done.updated + list(range(first, first + done.new_count))

    # ---- mirroring the store ---------------------------------------------------------

    def _replaced(self, _records: list[OrderRecord]) -> None:
        self.beginResetModel()
        self._forget_views()
        self._count = len(self.book)
        self._highlight = None
        self.endResetModel()

    def _changed(self, records: list[OrderRecord], done: Upserted) -> None:
        self._forget_views(records)
        if len(self.book) > self._count:
            self.beginInsertRows(QModelIndex(), self._count, len(self.book) - 1)
            self._count = len(self.book)
            self.endInsertRows()
        last_col = len(Column) - 1
        for row in done.updated:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_col))

    def _prepended(self, count: int) -> None:
        self.beginInsertRows(QModelIndex(), 0, count - 1)
        self._count = len(self.book)
        self.endInsertRows()
        self._forget_views(self._rows[:count])

    def _day_changed(self, _day: str) -> None:
        self.refresh_language()  # earlier-day rows show their date: repaint all

    def set_highlight(self, root: str | None) -> None:
        if root == self._highlight:
            return
        self._highlight = root
        if self._count:
            # One signal for the colour role; the view repaints only what is visible.
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(Column) - 1),
                [Qt.ItemDataRole.BackgroundRole],
            )

    @property
    def highlight(self) -> str | None:
        return self._highlight

    # ---- export ----------------------------------------------------------------------

    def export_items(self) -> Iterable[OrderRecord]:
        """Every order of the journal: the rows not read into the log yet too (oldest
        first, each as the book has it now), then the log's rows."""
        yield from self.orders.rows_before()  # each in the book's latest state
        yield from self._rows
