"""A short list of items as a table model that sorts and filters itself.

Shared by the 미체결 (open orders) and 체결 (fills) lists. Items are kept by key; the rows
shown are the items that pass the filter (stock code or name, side), in the order of the
column last sorted by. What a row shows is worked out once per change (a RowView, as
the order log's), so the table (order_log_table.py) paints whole rows from pixmaps and
never asks the model cell by cell. Sorting is done here rather than in a
QSortFilterProxyModel: a proxy would hide `row_view` behind per-cell calls.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from ..domain.orders import Action
from . import theme
from .csv_export import as_number, write_table
from .i18n import tr
from .order_log_model import RowView

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SIDE_BRUSHES: dict[Action | None, QBrush] = {Action.BUY: QBrush(theme.BUY),
                                             Action.SELL: QBrush(theme.SELL)}


class RowListModel(QAbstractTableModel):
    """Subclasses name the columns (`HEADER_KEYS`, catalogue keys; `RIGHT_COLUMNS`) and
    say of an item its key, cell texts, sort keys, side and stock."""

    HEADER_KEYS: tuple[str, ...] = ()
    HEADER_TIPS: ClassVar[dict[int, str]] = {}
    RIGHT_COLUMNS: frozenset[int] = frozenset()
    SIDE_COLUMN = -1  # painted in the side's colour (buy red, sell blue)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[Hashable, Any] = {}
        self._rows: list[Hashable] = []  # keys of the rows shown, in order
        self._row_of: dict[Hashable, int] = {}
        self._views: dict[Hashable, RowView] = {}
        self._stock_filter = ""
        self._side_filter: Action | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ---- what subclasses say of an item -------------------------------------------------

    def key_of(self, item: Any) -> Hashable:
        raise NotImplementedError

    def cell_text(self, item: Any, col: int) -> str:
        raise NotImplementedError

    def sort_key(self, item: Any, col: int) -> Any:
        return self.cell_text(item, col)

    def side_of(self, item: Any) -> Action | None:
        raise NotImplementedError

    def stock_of(self, item: Any) -> tuple[str, str]:
        """(code, name)."""
        raise NotImplementedError

    def tooltip(self, item: Any, col: int) -> str | None:
        return None

    def foreground(self, item: Any) -> dict[int, QBrush]:
        """Text colours besides the side's, by column."""
        return {}

    # ---- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADER_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADER_KEYS):
            return None
        if role == _DISPLAY:
            return tr(self.HEADER_KEYS[section])
        if role == _TOOLTIP and section in self.HEADER_TIPS:
            return tr(self.HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = _DISPLAY):
        # The table paints from row_view; this serves tooltips, tests and accessibility.
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        col = index.column()
        if role == _DISPLAY:
            return self.row_view(index.row()).text[col]
        if role == _FOREGROUND:
            return self.row_view(index.row()).foreground.get(col)
        if role == _ALIGN:
            return _RIGHT if col in self.RIGHT_COLUMNS else None
        if role == _TOOLTIP:
            return self.tooltip(self.item(index.row()), col)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header clicked: the rows in that column's order; the selection follows.
        Column -1: the order the items came in."""
        self._sort = (column, order) if 0 <= column < len(self.HEADER_KEYS) else None
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

    # ---- rows --------------------------------------------------------------------------

    def row_view(self, row: int) -> RowView:
        key = self._rows[row]
        view = self._views.get(key)
        if view is None:
            item = self._items[key]
            texts = tuple(self.cell_text(item, c) for c in range(len(self.HEADER_KEYS)))
            brush = SIDE_BRUSHES.get(self.side_of(item)) if self.SIDE_COLUMN >= 0 else None
            foreground = {self.SIDE_COLUMN: brush} if brush is not None else {}
            foreground.update(self.foreground(item))
            colours = tuple((c, b.color().rgba()) for c, b in sorted(foreground.items()))
            view = self._views[key] = RowView(texts, foreground, None, False, (texts, colours))
        return view

    def is_tinted(self, _view: RowView) -> bool:
        return False

    def item(self, row: int) -> Any:
        return self._items[self._rows[row]] if 0 <= row < len(self._rows) else None

    def shown(self) -> list[Any]:
        """The items of the rows, in the rows' order."""
        return [self._items[k] for k in self._rows]

    def all_items(self) -> list[Any]:
        return list(self._items.values())

    def row_of_key(self, key: Hashable) -> int | None:
        return self._row_of.get(key)

    # ---- filter ------------------------------------------------------------------------

    def set_filter(self, stock: str | None = None, side: Action | str | None = "keep") -> None:
        """Show the items whose code or name holds `stock` (case aside) and of `side`
        (None: both)."""
        if stock is not None:
            self._stock_filter = stock.strip().upper()
        if side != "keep":
            # An Action or None here: "keep" is the only str `side` may be.
            self._side_filter = side  # type: ignore[assignment]  # as above
        self.beginResetModel()
        self._rows = [k for k, item in self._items.items() if self._passes(item)]
        self._order_rows()
        self.endResetModel()

    @property
    def stock_filter(self) -> str:
        return self._stock_filter

    def _passes(self, item: Any) -> bool:
        if self._side_filter is not None and self.side_of(item) is not self._side_filter:
            return False
        if self._stock_filter:
            code, name = self.stock_of(item)
            return self._stock_filter in code.upper() or self._stock_filter in name.upper()
        return True

    def _order_rows(self) -> None:
        if self._sort is not None:
            col, order = self._sort
            self._rows.sort(key=lambda k: self.sort_key(self._items[k], col),
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {k: i for i, k in enumerate(self._rows)}

    # ---- changes -----------------------------------------------------------------------

    def set_items(self, items: Iterable[Any]) -> None:
        self.beginResetModel()
        self._items = {self.key_of(i): i for i in items}
        self._views.clear()
        self._rows = [k for k, item in self._items.items() if self._passes(item)]
        self._order_rows()
        self.endResetModel()

    def upsert_items(self, items: Iterable[Any]) -> None:
        """Rows updated in place; new items appended at the end (until the next sort)."""
        last = len(self.HEADER_KEYS) - 1
        for item in items:
            key = self.key_of(item)
            self._items[key] = item
            self._views.pop(key, None)
            row = self._row_of.get(key)
            shows = self._passes(item)
            if row is not None and shows:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
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
            self._views.pop(key, None)
            row = self._row_of.get(key)
            if row is not None:
                self._remove_row(row)

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = {k: i for i, k in enumerate(self._rows)}
        self.endRemoveRows()

    def refresh_language(self) -> None:
        self._views.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADER_KEYS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.HEADER_KEYS) - 1))

    # ---- export ------------------------------------------------------------------------

    # Columns that are identifiers (an order or fill number): kept as text in a CSV.
    CODE_KEYS = frozenset({"lists.col.ord_no", "lists.col.fill_no"})
    STOCK_KEY = "lists.col.stock"

    DATED = False  # a date column first in the CSV (date_of)

    def date_of(self, item: Any) -> str:
        """The row's date for the CSV (YYYY-MM-DD)."""
        return ""

    def write_csv(self, path: str | Path) -> int:
        """The rows shown (filter and order as on screen) for Excel: a date column, code
        and name apart, numbers as numbers, headers in the UI's language (csv_export)."""
        items = self.shown()
        dated = self.DATED
        header = [tr("csv.date")] if dated else []
        codes: set[int] = set()
        for key in self.HEADER_KEYS:
            if key == self.STOCK_KEY:
                codes.add(len(header))
                header += [tr("csv.code"), tr("csv.name")]
                continue
            if key in self.CODE_KEYS:
                codes.add(len(header))
            header.append(tr(key))

        def row(item: Any) -> list[object]:
            cells: list[object] = [self.date_of(item)] if dated else []
            for c, key in enumerate(self.HEADER_KEYS):
                if key == self.STOCK_KEY:
                    cells += list(self.stock_of(item))
                elif key in self.CODE_KEYS:
                    cells.append(self.cell_text(item, c))
                else:
                    cells.append(as_number(self.cell_text(item, c)))
            return cells

        return write_table(path, header, (row(i) for i in items), frozenset(codes))
