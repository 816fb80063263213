"""미체결: today's open orders (accepted or partly filled) from the order book, by local id.

Mirrors the domain's OrderBook as the order log does: fed the same records as they
change, it shows the ones still open today, the app's and those placed outside it."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from ..domain.order_book import OrderBook
from ..domain.orders import Action
from ..domain.records import OrderRecord
from . import (
    lists_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import pick, tr
from .row_list_model import RowListModel

# An order placed outside the app stands out (amber), the app's own are quiet (grey).
OUTSIDE_BRUSH = QBrush(QColor("#a15c00"))
APP_BRUSH = QBrush(QColor(theme.MUTED_TEXT))


class OpenColumn(IntEnum):
    ORD_NO = 0
    STOCK = 1
    SIDE = 2
    PRICE = 3
    QUANTITY = 4
    OPEN = 5
    FILLED = 6
    TIME = 7
    ORIGIN = 8


def open_qty(rec: OrderRecord) -> int:
    """The exchange's 미체결수량 of `rec`, as last known (after fills, partial modifies and
    partial cancels)."""
    return rec.open_qty


class OpenOrdersModel(RowListModel):
    HEADER_KEYS = ("lists.col.ord_no", "lists.col.stock", "lists.col.side", "lists.col.price",
                   "lists.col.quantity", "lists.col.open", "lists.col.filled",
                   "lists.col.time", "lists.col.origin")
    RIGHT_COLUMNS = frozenset({OpenColumn.PRICE, OpenColumn.QUANTITY, OpenColumn.OPEN,
                               OpenColumn.FILLED})
    SIDE_COLUMN = OpenColumn.SIDE
    DATED = True

    def date_of(self, item: OrderRecord) -> str:
        return item.created_at.astimezone().date().isoformat()

    def __init__(self, book: OrderBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book

    def reload(self) -> None:
        """Everything from the book anew (history loaded, a new trading day)."""
        self.set_items(self.book.open_today())

    def sync(self, records: Iterable[OrderRecord]) -> None:
        """Records that changed: open ones in place or added, finished ones out. A batch
        can carry one order twice (a reply and a held live event): each order is read as
        the book has it after the batch (else its last state in the batch), so the list
        says what the log says."""
        latest: dict[str, OrderRecord] = {}
        for rec in records:
            latest[rec.local_id] = rec
        keep: list[OrderRecord] = []
        gone: list[OrderRecord] = []
        for local_id, rec in latest.items():
            rec = self.book.get(local_id) or rec
            (keep if self.book.is_open(rec) else gone).append(rec)
        self.remove_keys(r.local_id for r in gone)
        self.upsert_items(keep)

    def records(self) -> list[OrderRecord]:
        return self.shown()

    # ---- what a row says -----------------------------------------------------------------

    def key_of(self, item: OrderRecord) -> str:
        return item.local_id

    def side_of(self, item: OrderRecord) -> Action | None:
        return self.book.side_of(item) or (item.action if item.action.is_new else None)

    def stock_of(self, item: OrderRecord) -> tuple[str, str]:
        return item.stock_code, item.stock_name

    def cell_text(self, item: OrderRecord, col: int) -> str:
        match col:
            case OpenColumn.ORD_NO:
                return item.ord_no or ""
            case OpenColumn.STOCK:
                return f"{item.stock_code} {item.stock_name}".strip()
            case OpenColumn.SIDE:
                side = self.side_of(item)
                label = pick(side.label) if side is not None else ""
                if item.action is Action.MODIFY:
                    label = f"{label} {tr('lists.modify_mark')}".strip()
                return label
            case OpenColumn.PRICE:
                return f"{item.price:,}" if item.price else ""
            case OpenColumn.QUANTITY:
                return f"{item.quantity:,}"
            case OpenColumn.OPEN:
                return f"{open_qty(item):,}"
            case OpenColumn.FILLED:
                return f"{item.filled_qty:,}" if item.filled_qty else ""
            case OpenColumn.TIME:
                return item.created_at.astimezone().strftime("%H:%M:%S")
            case OpenColumn.ORIGIN:
                return tr("lists.origin.outside" if item.outside else "lists.origin.app")
        return ""

    def sort_key(self, item: OrderRecord, col: int):
        match col:
            case OpenColumn.PRICE:
                return item.price or 0
            case OpenColumn.QUANTITY:
                return item.quantity
            case OpenColumn.OPEN:
                return open_qty(item)
            case OpenColumn.FILLED:
                return item.filled_qty
            case OpenColumn.TIME:
                return item.created_at
        return self.cell_text(item, col)

    def foreground(self, item: OrderRecord) -> dict[int, QBrush]:
        return {OpenColumn.ORIGIN: OUTSIDE_BRUSH if item.outside else APP_BRUSH}

    def tooltip(self, item: OrderRecord, col: int) -> str | None:
        if col == OpenColumn.ORIGIN and item.outside:
            return tr("lists.origin.outside_tip")
        if col == OpenColumn.STOCK:
            return item.message or None
        return None
