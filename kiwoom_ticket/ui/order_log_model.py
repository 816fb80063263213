"""The order log as a table model: one row per order request, updated in place.

Rows are keyed by `local_id` (a dict gives the row index), so an update emits
dataChanged for that row only; nothing is ever reset except on loading history.
Holds 100,000 rows without per-row widgets, but a long journal is not read whole: the
history starts with its newest rows (HistoryPage) and `fetch_older` puts older pages in
front as the log is scrolled up. What each row shows is worked out once per change
(`row_view`); the table (order_log_table.py) paints whole rows from it, not cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ..domain.order_book import RECENT_WINDOW, OrderBook, Upserted
from ..domain.orders import Action
from ..domain.records import OrderRecord, day_label
from ..domain.status import OrderStatus
from ..domain.trade_types import BY_CODE
from ..service.account_orders import AccountOrders
from ..service.orders import RESET_MESSAGE
from . import (
    lang_texts,  # noqa: F401  (registers the texts)
    target_texts,  # noqa: F401  (registers the stop-price column's texts)
    theme,
)
from .i18n import pick, tr
from .messages import record_detail, record_text, split_bilingual

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """What a trader reads first comes first, so a narrow window (1024 px) shows the
    status without scrolling; the long message is last and elided."""

    TIME = 0
    ACTION = 1
    STOCK = 2
    QUANTITY = 3
    PRICE = 4
    STATUS = 5
    FILL_PRICE = 6
    FILLED_AT = 7
    ORD_NO = 8
    ORIG_ORD_NO = 9
    ROOT_ORD_NO = 10
    EXCHANGE = 11
    TYPE = 12
    STOP_PRICE = 13  # 스톱가 of a stop-limit (28); empty otherwise
    MESSAGE = 14


HEADER_KEYS = {
    Column.TIME: "col.time", Column.ACTION: "col.action", Column.STOCK: "col.stock",
    Column.QUANTITY: "col.quantity", Column.PRICE: "col.price", Column.STATUS: "col.status",
    Column.FILL_PRICE: "col.fill_price", Column.FILLED_AT: "col.filled_at",
    Column.ORD_NO: "col.ord_no", Column.ORIG_ORD_NO: "col.orig_ord_no",
    Column.ROOT_ORD_NO: "col.root_ord_no", Column.EXCHANGE: "col.exchange",
    Column.TYPE: "col.type", Column.STOP_PRICE: "log.col.stop_price",
    Column.MESSAGE: "col.message",
}
HEADER_TIPS = {Column.FILL_PRICE: "col.fill_price_tip", Column.FILLED_AT: "col.filled_at_tip",
               Column.STOP_PRICE: "log.tip.stop_price"}
RIGHT_ALIGNED = {Column.QUANTITY, Column.PRICE, Column.FILL_PRICE, Column.STOP_PRICE}
PROBLEM_STATUSES = {OrderStatus.REJECTED, OrderStatus.UNKNOWN, OrderStatus.NOT_RECEIVED}
RecordRole = Qt.ItemDataRole.UserRole + 1

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, _FOREGROUND, _BACKGROUND, _ALIGN, _TOOLTIP, RecordRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_COLUMNS = frozenset(int(c) for c in RIGHT_ALIGNED)
_LINEAGE_BRUSH = QBrush(theme.LINEAGE_TINT)
_LATE_BRUSH = QBrush(theme.LATE_TINT)
PAGE_ROWS = 1_000  # older rows read per fetch_older
VIEW_CACHE = 4_096  # row views kept (a few screenfuls, however far the log is scrolled)


@dataclass(frozen=True, slots=True)
class RowView:
    """What a row shows, computed once per change rather than once per paint."""

    text: tuple[str, ...]
    foreground: dict[int, QBrush]
    root: str | None
    late: bool  # a row once called not taken that the exchange had: shown as an alarm
    key: tuple  # what it looks like (texts, colours, alarm): equal keys paint alike


def _won(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


class OrderLogModel(QAbstractTableModel):
    """Mirrors the core's AccountOrders (Qt-free, the one place orders are kept and
    looked up) as table rows. It never writes the book itself: its changing methods
    ask the core's store, and the rows follow the store's events (the store's book has
    already taken each change when it is told, so the row count is kept here: what the
    view has been told of)."""

    def __init__(self, parent: QObject | None = None,
                 orders: AccountOrders | None = None) -> None:
        super().__init__(parent)
        self.orders = orders if orders is not None else AccountOrders()
        self._count = len(self.orders.book)  # rows the view has been told of
        self._highlight: str | None = None  # chain root whose rows are tinted
        self._views: dict[str, RowView] = {}  # local id -> what its row shows (cache)
        # (day, number) of originals a row's view could not find: when one arrives, the
        # views are worked out again (colour and chain follow the original).
        self._orphans: set[tuple[str, str]] = set()
        self.orders.replaced.connect(self._replaced)
        self.orders.changed.connect(self._changed)
        self.orders.prepended.connect(self._prepended)
        self.orders.day_changed.connect(self._day_changed)
        self.destroyed.connect(self.detach)  # type: ignore[arg-type]  # a slot taking the signal's QObject argument too

    def detach(self, *_args: object) -> None:
        """Stop mirroring (the window holding this model closes; the core lives on)."""
        self.orders.replaced.disconnect(self._replaced)
        self.orders.changed.disconnect(self._changed)
        self.orders.prepended.disconnect(self._prepended)
        self.orders.day_changed.disconnect(self._day_changed)

    @property
    def book(self) -> OrderBook:
        return self.orders.book

    # ---- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        horizontal = orientation == Qt.Orientation.Horizontal
        if not horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADER_KEYS[Column(section)])
        if role == Qt.ItemDataRole.ToolTipRole and Column(section) in HEADER_TIPS:
            return tr(HEADER_TIPS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every visible cell and role on each repaint: answer unused roles at
        # once and serve the rest from a per-row cache, so a repaint stays cheap.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        view = self.row_view(row)
        col = index.column()
        if role == _DISPLAY:
            return view.text[col]
        if role == _FOREGROUND:
            return view.foreground.get(col)
        if role == _BACKGROUND:
            if view.late:
                return _LATE_BRUSH
            if self._highlight is not None and view.root == self._highlight:
                return _LINEAGE_BRUSH
            return None
        if role == _ALIGN:
            return _RIGHT if col in _RIGHT_COLUMNS else None
        if role == _TOOLTIP:
            return self._tooltip(self._rows[row], Column(col))
        return self._rows[row]  # RecordRole

    def row_view(self, row: int) -> RowView:
        """What row `row` shows (cached until it changes)."""
        rec = self._rows[row]
        view = self._views.get(rec.local_id)
        if view is None:
            if len(self._views) >= VIEW_CACHE:
                self._views.clear()
            view = self._views[rec.local_id] = self._view(rec)
        return view

    def is_tinted(self, view: RowView) -> bool:
        """Whether a row's background is tinted as part of the selected chain."""
        return self._highlight is not None and view.root == self._highlight

    def _view(self, rec: OrderRecord) -> RowView:
        text = tuple(self.cell_text(rec, c) for c in Column)
        foreground = {}
        for col in (Column.ACTION, Column.STATUS):
            brush = self._foreground(rec, col)
            if brush is not None:
                foreground[int(col)] = brush
        if rec.orig_ord_no and self.book.original_of(rec) is None:
            self._orphans.add((rec.trade_day, rec.orig_ord_no))
        colours = tuple((col, brush.color().rgba()) for col, brush in foreground.items())
        alarm = rec.found_late or rec.corrected  # red: the app was wrong about it
        return RowView(text, foreground, self.chain_root(rec), alarm, (text, colours, alarm))

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
        return self.book.chain_root(rec)

    def chain_rows(self, root: str) -> list[int]:
        return self.book.chain_rows(root)

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

    # ---- presentation ------------------------------------------------------------------

    def cell_text(self, rec: OrderRecord, col: Column) -> str:
        match col:
            case Column.TIME:
                # The date only for another calendar day: an order from before today's
                # practice reset is today's, said with its time of day.
                # The date alone for another calendar day (its time in the tooltip).
                if self.is_earlier_day(rec) and not self.is_today_before_reset(rec):
                    return rec.created_at.astimezone().strftime("%m-%d")
                return _local_time(rec.created_at)
            case Column.ACTION:
                return pick(rec.action.label)
            case Column.STOCK:
                return f"{rec.stock_code} {rec.stock_name}".strip()
            case Column.EXCHANGE:
                return rec.exchange.value
            case Column.TYPE:
                tt = BY_CODE.get(rec.trade_type or "")
                return f"{pick(tt.label)} ({tt.code})" if tt else ""
            case Column.QUANTITY:
                if rec.filled_qty:
                    return f"{rec.filled_qty:,}/{rec.quantity:,}"
                return tr("log.all_qty") if rec.quantity == 0 else f"{rec.quantity:,}"
            case Column.PRICE:
                return _won(rec.price)
            case Column.FILL_PRICE:
                return _won(rec.avg_fill_price) if rec.filled_qty else ""
            case Column.FILLED_AT:
                return _local_time(rec.filled_at) if rec.filled_at else ""
            case Column.ORD_NO:
                return rec.ord_no or ""
            case Column.ORIG_ORD_NO:
                return rec.orig_ord_no or ""
            case Column.ROOT_ORD_NO:
                return rec.root_ord_no or ""
            case Column.STATUS:
                if rec.status is OrderStatus.EXPIRED and rec.message == RESET_MESSAGE:
                    return tr("status.reset_closed")  # not "만료(장 종료)": the day goes on
                return pick(rec.status.label)
            case Column.STOP_PRICE:
                return _won(rec.stop_price) if rec.stop_price else ""
            case Column.MESSAGE:
                return pick(record_text(rec)) if rec.message else ""
        return ""

    def _foreground(self, rec: OrderRecord, col: Column):
        if col is Column.ACTION:
            side = self.side_of(rec)
            if side is Action.BUY:
                return QBrush(theme.BUY)
            if side is Action.SELL:
                return QBrush(theme.SELL)
        if col is Column.STATUS and rec.status in PROBLEM_STATUSES:
            return QBrush(QColor(theme.ERROR_TEXT))
        return None

    def _tooltip(self, rec: OrderRecord, col: Column) -> str | None:
        if self.is_earlier_day(rec) and col in (Column.TIME, Column.ORD_NO):
            if self.is_today_before_reset(rec):
                return tr("log.before_reset")
            made = rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            return f"{made}\n" + tr("log.earlier_day").format(day=day_label(rec.trade_day))
        if col is Column.STOCK:  # a long name is cut in a narrow column: whole here
            return f"{rec.stock_code} {rec.stock_name}".strip() or None
        if col is Column.MESSAGE and rec.message:
            # The whole text (the cell is elided) and Kiwoom's raw reply with its code
            # (in English mode: the Korean original of a translated message). The app's
            # own "한국어 / English" messages are said in the UI's language only.
            said = record_text(rec)
            lines = [pick(said)]
            raw = record_detail(rec)
            own = split_bilingual(rec.message)
            if raw not in lines and own.ko == own.en:
                lines.append(raw)
            return "\n".join(lines)
        return None

    def refresh_language(self) -> None:
        self._forget_views()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(Column) - 1),
                [Qt.ItemDataRole.DisplayRole],
            )

    def write_csv(self, path: str | Path) -> int:
        """Every order of the journal (the rows not read into the log yet too, oldest
        first) for Excel: date and time apart, code and name apart, quantities and prices
        as numbers, the raw status code; UTF-8 with BOM so Excel reads Hangul."""
        from .csv_export import write_table

        def latest() -> Iterable[OrderRecord]:
            yield from self.orders.rows_before()  # each in the book's latest state
            yield from self._rows

        header = [tr("csv.date"), tr("csv.time"), tr("col.action"), tr("csv.code"),
                  tr("csv.name"), tr("col.exchange"), tr("col.type"), tr("col.quantity"),
                  tr("csv.filled_qty"), tr("col.price"), tr("field.stop_price"),
                  tr("col.fill_price"), tr("col.filled_at"), tr("col.ord_no"),
                  tr("col.orig_ord_no"), tr("col.root_ord_no"), tr("col.status"),
                  tr("col.message"), tr("csv.status_code"), "local_id"]
        codes = frozenset({3, 13, 14, 15})

        def row(rec: OrderRecord) -> list[object]:
            made = rec.created_at.astimezone()
            tt = BY_CODE.get(rec.trade_type or "")
            return [made.date().isoformat(), made.strftime("%H:%M:%S"),
                    pick(rec.action.label), rec.stock_code, rec.stock_name,
                    rec.exchange.value, f"{pick(tt.label)} ({tt.code})" if tt else "",
                    rec.quantity, rec.filled_qty, rec.price, rec.stop_price,
                    rec.avg_fill_price if rec.filled_qty else None,
                    _local_time(rec.filled_at) if rec.filled_at else "",
                    rec.ord_no or "", rec.orig_ord_no or "", rec.root_ord_no or "",
                    pick(rec.status.label), pick(record_text(rec)) if rec.message else "",
                    rec.status.value, rec.local_id]

        return write_table(path, header, (row(r) for r in latest()), codes)
