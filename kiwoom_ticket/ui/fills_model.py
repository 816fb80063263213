"""체결: today's fills, one row per fill, from kt00009 (loaded) and the live feed (added).

A fill is known by its order and fill number: the same fill from both sources is one row,
and what one source knows that the other doesn't (the fees of a live fill) is kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from enum import IntEnum
from typing import ClassVar

from ..domain.fills import Fill
from ..domain.orders import Action
from ..domain.sessions import KST
from . import lists_texts  # noqa: F401  (registers the texts)
from .i18n import pick
from .row_list_model import RowListModel


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


class FillsModel(RowListModel):
    HEADER_KEYS = ("lists.col.fill_time", "lists.col.stock", "lists.col.side",
                   "lists.col.fill_price", "lists.col.fill_qty", "lists.col.fees",
                   "lists.col.ord_no", "lists.col.fill_no")
    HEADER_TIPS: ClassVar[dict[int, str]] = {FillColumn.FEES: "lists.col.fees_tip"}
    RIGHT_COLUMNS = frozenset({FillColumn.PRICE, FillColumn.QUANTITY, FillColumn.FEES})
    SIDE_COLUMN = FillColumn.SIDE
    DATED = True

    def date_of(self, item: Fill) -> str:
        return datetime.now(KST).date().isoformat()  # the list is the day's (kt00009)

    def set_fills(self, fills: Iterable[Fill]) -> None:
        """The day's list anew (kt00009); fees a live entry brought are kept."""
        self.set_items(self._merged(f) for f in fills)

    def add(self, fills: Iterable[Fill]) -> None:
        """Live fills (Kiwoom's 00 entries): a fill already shown is not added twice."""
        self.upsert_items(self._merged(f) for f in fills)

    def _merged(self, fill: Fill) -> Fill:
        known = self._items.get(fill.key)
        if known is not None and fill.fees is None and known.fees is not None:
            return replace(fill, fees=known.fees)
        return fill

    def fills(self) -> list[Fill]:
        return self.shown()

    # ---- what a row says -----------------------------------------------------------------

    def key_of(self, item: Fill) -> tuple[str, str]:
        return item.key

    def side_of(self, item: Fill) -> Action | None:
        return item.side

    def stock_of(self, item: Fill) -> tuple[str, str]:
        return item.stock_code, item.stock_name

    def cell_text(self, item: Fill, col: int) -> str:
        match col:
            case FillColumn.TIME:
                return local_clock(item.time)
            case FillColumn.STOCK:
                return f"{item.stock_code} {item.stock_name}".strip()
            case FillColumn.SIDE:
                return pick(item.side.label) if item.side is not None else ""
            case FillColumn.PRICE:
                return f"{item.price:,}"
            case FillColumn.QUANTITY:
                return f"{item.quantity:,}"
            case FillColumn.FEES:
                return "" if item.fees is None else f"{item.fees:,}"
            case FillColumn.ORD_NO:
                return item.ord_no
            case FillColumn.FILL_NO:
                return item.fill_no
        return ""

    def sort_key(self, item: Fill, col: int):
        match col:
            case FillColumn.PRICE:
                return item.price
            case FillColumn.QUANTITY:
                return item.quantity
            case FillColumn.FEES:
                return -1 if item.fees is None else item.fees
            case FillColumn.TIME:
                return (item.time, item.fill_no)
        return self.cell_text(item, col)
