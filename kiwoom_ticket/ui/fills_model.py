"""체결: today's fills, one row per fill, from kt00009 (loaded) and the live feed (added).

A fill is known by its order and fill number: the same fill from both sources is one row,
and what one source knows that the other doesn't (the fees of a live fill) is kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QObject

from ..domain.fills import Fill
from ..domain.orders import Action
from ..domain.sessions import KST
from . import lists_texts  # noqa: F401  (registers the texts)
from .csv_export import CsvField
from .i18n import pick
from .row_list_model import RowListModel
from .table_columns import Align, Export, TableColumn, TableSpec, fixed, side_colour


def local_clock(kst_hhmmss: str) -> str:
    """A fill's time (KST, today, as the exchange gives it) on this computer's clock, as
    the order log and the open orders show times."""
    if len(kst_hhmmss) != 8:
        return kst_hhmmss
    h, m, s = (int(x) for x in kst_hhmmss.split(":"))
    moment = datetime.now(KST).replace(hour=h, minute=m, second=s, microsecond=0)
    return moment.astimezone().strftime("%H:%M:%S")


class FillColumn(IntEnum):
    TIME = 0
    STOCK = 1
    SIDE = 2
    PRICE = 3
    QUANTITY = 4
    FEES = 5
    ORD_NO = 6
    FILL_NO = 7


def _stock(fill: Fill) -> tuple[str, str]:
    return fill.stock_code, fill.stock_name


def _side(fill: Fill) -> Action | None:
    return fill.side


def _key(fill: Fill) -> tuple[str, str]:
    return fill.key


FILLS_TABLE: TableSpec[Fill] = TableSpec(
    columns=(
        TableColumn("time", "lists.col.fill_time", lambda f: local_clock(f.time),
                    sort=lambda f: (f.time, f.fill_no), width=64, samples=fixed("23:59:59")),
        TableColumn("stock", "lists.col.stock",
                    lambda f: f"{f.stock_code} {f.stock_name}".strip(),
                    export=Export.STOCK, width=128),
        TableColumn("side", "lists.col.side",
                    lambda f: pick(f.side.label) if f.side is not None else "",
                    colour=side_colour(_side), width=52,
                    samples=lambda: [pick(a.label) for a in (Action.BUY, Action.SELL)]),
        TableColumn("price", "lists.col.fill_price", lambda f: f"{f.price:,}",
                    align=Align.RIGHT, sort=lambda f: f.price, width=72,
                    samples=fixed("9,999,000")),
        TableColumn("quantity", "lists.col.fill_qty", lambda f: f"{f.quantity:,}",
                    align=Align.RIGHT, sort=lambda f: f.quantity, width=60,
                    samples=fixed("99,999")),
        TableColumn("fees", "lists.col.fees",
                    lambda f: "" if f.fees is None else f"{f.fees:,}",
                    align=Align.RIGHT, header_tip="lists.col.fees_tip",
                    sort=lambda f: -1 if f.fees is None else f.fees, width=80,
                    samples=fixed("999,999")),
        TableColumn("ord_no", "lists.col.ord_no", lambda f: f.ord_no, export=Export.CODE,
                    width=66, samples=fixed("0000000")),
        TableColumn("fill_no", "lists.col.fill_no", lambda f: f.fill_no, export=Export.CODE,
                    width=66, samples=fixed("0000000")),
    ),
    key=_key, stock=_stock, side=_side,
    # The list is the day's (kt00009): its date is today's in Korea.
    csv_before=(CsvField("csv.date", lambda _f: datetime.now(KST).date().isoformat()),),
    index=FillColumn,
)


class FillsModel(RowListModel[Fill]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(FILLS_TABLE, parent)

    def set_fills(self, fills: Iterable[Fill]) -> None:
        """The day's list anew (kt00009); fees a live entry brought are kept."""
        self.set_items(self._merged(f) for f in fills)

    def add(self, fills: Iterable[Fill]) -> None:
        """Live fills (Kiwoom's 00 entries): a fill already shown is not added twice."""
        self.upsert_items(self._merged(f) for f in fills)

    def _merged(self, fill: Fill) -> Fill:
        known = self.known(fill.key)
        if known is not None and fill.fees is None and known.fees is not None:
            return replace(fill, fees=known.fees)
        return fill

    def fills(self) -> list[Fill]:
        return self.shown()
