"""미체결: today's open orders (accepted or partly filled) from the order ledger, by local id.

Mirrors the domain's OrderLedger as the order log does: fed the same records as they
change, it shows the ones still open today, the app's and those placed outside it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from ..domain.order_ledger import OrderLedger
from ..domain.orders import Action
from ..domain.records import OrderRecord
from . import (
    lists_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .csv_export import CsvField
from .i18n import pick, tr
from .row_list_model import RowListModel
from .table_columns import Align, Export, TableColumn, TableSpec, fixed, side_colour, texts

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


def _stock(rec: OrderRecord) -> tuple[str, str]:
    return rec.stock_code, rec.stock_name


def _created(rec: OrderRecord) -> str:
    return rec.created_at.astimezone().strftime("%H:%M:%S")


def open_orders_table(side_of: Callable[[OrderRecord], Action | None]
                      ) -> TableSpec[OrderRecord]:
    """The 미체결 list's columns; `side_of` reads an order's side (a modify's from the
    order it changed)."""

    def side(rec: OrderRecord) -> str:
        found = side_of(rec)
        label = pick(found.label) if found is not None else ""
        if rec.action is Action.MODIFY:
            label = f"{label} {tr('lists.modify_mark')}".strip()
        return label

    def side_samples() -> list[str]:
        return [pick(a.label) + f" {tr('lists.modify_mark')}" for a in (Action.BUY, Action.SELL)]

    return TableSpec(
        columns=(
            TableColumn("ord_no", "lists.col.ord_no", lambda r: r.ord_no or "",
                        export=Export.CODE, width=66, samples=fixed("0000000")),
            TableColumn("stock", "lists.col.stock",
                        lambda r: f"{r.stock_code} {r.stock_name}".strip(),
                        tip=lambda r: r.message or None, export=Export.STOCK, width=128),
            TableColumn("side", "lists.col.side", side, colour=side_colour(side_of),
                        width=64, samples=side_samples),
            TableColumn("price", "lists.col.price", lambda r: f"{r.price:,}" if r.price else "",
                        align=Align.RIGHT, sort=lambda r: r.price or 0, width=72,
                        samples=fixed("9,999,000")),
            TableColumn("quantity", "lists.col.quantity", lambda r: f"{r.quantity:,}",
                        align=Align.RIGHT, sort=lambda r: r.quantity, width=60,
                        samples=fixed("99,999")),
            TableColumn("open", "lists.col.open", lambda r: f"{open_qty(r):,}",
                        align=Align.RIGHT, sort=open_qty, width=60, samples=fixed("99,999")),
            TableColumn("filled", "lists.col.filled",
                        lambda r: f"{r.filled_qty:,}" if r.filled_qty else "",
                        align=Align.RIGHT, sort=lambda r: r.filled_qty, width=52,
                        samples=fixed("99,999")),
            TableColumn("time", "lists.col.time", _created, sort=lambda r: r.created_at,
                        width=64, samples=fixed("23:59:59")),
            TableColumn("origin", "lists.col.origin",
                        lambda r: tr("lists.origin.outside" if r.outside else "lists.origin.app"),
                        colour=lambda r: OUTSIDE_BRUSH if r.outside else APP_BRUSH,
                        tip=lambda r: tr("lists.origin.outside_tip") if r.outside else None,
                        width=48, samples=texts("lists.origin.app", "lists.origin.outside")),
        ),
        key=lambda r: r.local_id, stock=_stock, side=side_of,
        csv_before=(CsvField("csv.date",
                             lambda r: r.created_at.astimezone().date().isoformat()),),
        index=OpenColumn,
    )


class OpenOrdersModel(RowListModel[OrderRecord]):
    def __init__(self, book: OrderLedger, parent: QObject | None = None) -> None:
        super().__init__(open_orders_table(self.side_of), parent)
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

    def side_of(self, item: OrderRecord) -> Action | None:
        return self.book.side_of(item) or (item.action if item.action.is_new else None)
