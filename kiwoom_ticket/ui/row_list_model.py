"""A short list of items as a table that sorts and filters itself (미체결, 체결, and any
list after them: a TableSpec and this are the whole list).

Items are kept by the spec's key; the rows shown are the items that pass the filter
(stock code or name, side), in the order of the column last sorted by. Sorting is done
here rather than in a QSortFilterProxyModel: a proxy would hide the row views from the
painter behind per-cell calls.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt

from ..domain.orders import Action
from .table_columns import TableSpec
from .table_model import Index, TableModel

T = TypeVar("T")


class RowListModel(TableModel[T]):
    def __init__(self, spec: TableSpec[T], parent: QObject | None = None) -> None:
        super().__init__(spec, parent)
        self._items: dict[Hashable, T] = {}
        self._rows: list[Hashable] = []  # keys of the rows shown, in order
        self._row_of: dict[Hashable, int] = {}
        self._stock_filter = ""
        self._side_filter: Action | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ---- rows --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _item_at(self, row: int) -> T:
        return self._items[self._rows[row]]

    def shown(self) -> list[T]:
        """The items of the rows, in the rows' order."""
        return [self._items[k] for k in self._rows]

    def all_items(self) -> list[T]:
        return list(self._items.values())

    def known(self, key: Hashable) -> T | None:
        return self._items.get(key)

    def row_of_key(self, key: Hashable) -> int | None:
        return self._row_of.get(key)

    # ---- sort --------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header clicked: the rows in that column's order; the selection follows.
        Column -1: the order the items came in."""
        self._sort = (column, order) if 0 <= column < len(self.spec.columns) else None
        self.layoutAboutToBeChanged.emit()
        before = [(i, self._rows[i.row()]) for i in self.persistentIndexList()
                  if 0 <= i.row() < len(self._rows)]
        if self._sort is None:
            shown = set(self._rows)
            self._rows = [k for k in self._items if k in shown]
        self._order_rows()
        self.changePersistentIndexList(
            [i for i, _ in before],
            [self.index(self._row_of[key], i.column()) for i, key in before])
        self.layoutChanged.emit()

    def _order_rows(self) -> None:
        if self._sort is not None:
            col, order = self._sort
            by = self.spec.columns[col].sort_key
            self._rows.sort(key=lambda k: by(self._items[k]),
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {k: i for i, k in enumerate(self._rows)}

    # ---- filter ------------------------------------------------------------------------

    def set_filter(self, stock: str | None = None, *, side: Action | None = None,
                   keep_side: bool = True) -> None:
        """Show the items whose code or name holds `stock` (case aside; None: as it is)
        and, unless `keep_side`, of `side` (None: both)."""
        if stock is not None:
            self._stock_filter = stock.strip().upper()
        if not keep_side:
            self._side_filter = side
        self.beginResetModel()
        self._rows = [k for k, item in self._items.items() if self._passes(item)]
        self._order_rows()
        self.endResetModel()

    @property
    def stock_filter(self) -> str:
        return self._stock_filter

    def _passes(self, item: T) -> bool:
        spec = self.spec
        if self._side_filter is not None and spec.side is not None \
                and spec.side(item) is not self._side_filter:
            return False
        if self._stock_filter and spec.stock is not None:
            code, name = spec.stock(item)
            return self._stock_filter in code.upper() or self._stock_filter in name.upper()
        return True

    # ---- changes -----------------------------------------------------------------------

    def set_items(self, items: Iterable[T]) -> None:
        key = self.spec.key
        self.beginResetModel()
        self._items = {key(i): i for i in items}
        self._forget()
        self._rows = [k for k, item in self._items.items() if self._passes(item)]
        self._order_rows()
        self.endResetModel()

    def upsert_items(self, items: Iterable[T]) -> None:
        """Rows updated in place (the selection stays); new items appended at the end
        (until the next sort)."""
        key_of = self.spec.key
        for item in items:
            key = key_of(item)
            self._items[key] = item
            self._forget([key])
            row = self._row_of.get(key)
            shows = self._passes(item)
            if row is not None and shows:
                self._row_changed(row)
            elif row is not None:
                self._remove_row(row)
            elif shows:
                row = len(self._rows)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.append(key)
                self._row_of[key] = row
                self.endInsertRows()

    def remove_keys(self, keys: Iterable[Hashable]) -> None:
        for key in keys:
            if self._items.pop(key, None) is None:
                continue
            self._forget([key])
            row = self._row_of.get(key)
            if row is not None:
                self._remove_row(row)

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = {k: i for i, k in enumerate(self._rows)}
        self.endRemoveRows()
