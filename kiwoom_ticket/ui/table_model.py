"""The one model base of the app's tables (the order log, 미체결, 체결, lists to come).

A table is a TableSpec (table_columns.py: its columns as data) over a row source the
subclass keeps (the log: the order ledger's rows; a list: its items by key). What a row
shows is worked out once per change, from the columns, as a RowView kept by the item's
key; the table (row_table.RowTable) paints whole rows from it and never asks cell by
cell. An update is by key: that row's view is forgotten and the row alone repaints
(dataChanged), as vn.py's monitors update a cell in place; a selection stays put.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from .csv_export import write_fields
from .i18n import tr
from .table_columns import TableSpec

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ItemRole = Qt.ItemDataRole.UserRole + 1  # a row's item itself (an OrderRecord, a Fill)
VIEW_CACHE = 4_096  # row views kept (a few screenfuls, however far a table is scrolled)

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, _FOREGROUND, _BACKGROUND, _ALIGN, _TOOLTIP, ItemRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class RowView:
    """What a row shows, computed once per change rather than once per paint."""

    text: tuple[str, ...]
    foreground: dict[int, QBrush]
    root: str | None  # the order chain it belongs to (the log's tint), if any
    late: bool  # a row once called not taken that the exchange had: shown as an alarm
    key: tuple[Any, ...]  # what it looks like (texts, colours, alarm): equal keys paint alike


class TableModel(QAbstractTableModel, Generic[T]):
    """Subclasses keep the rows: `rowCount` and `_item_at(row)`; an update calls
    `_forget(keys)` and emits dataChanged for the rows it touched."""

    def __init__(self, spec: TableSpec[T], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._views: dict[Hashable, RowView] = {}  # item key -> what its row shows

    # ---- the row source ----------------------------------------------------------------

    def _item_at(self, row: int) -> T:
        """The item of row `row` (0 <= row < rowCount)."""
        raise NotImplementedError

    def item(self, row: int) -> T | None:
        return self._item_at(row) if 0 <= row < self.rowCount() else None

    def export_items(self) -> Iterable[T]:
        """What the CSV writes: the rows, in their order (a subclass may write more)."""
        return (self._item_at(r) for r in range(self.rowCount()))

    # ---- Qt model API ------------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        columns = self.spec.columns
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
            return None
        if role == _DISPLAY:
            return tr(columns[section].header)
        tip = columns[section].header_tip
        if role == _TOOLTIP and tip is not None:
            return tr(tip)
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role by Qt's own painting, tests and
        # accessibility: answer unused roles at once and the rest from the row's view.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < self.rowCount():
            return None
        col = index.column()
        if role == _ALIGN:
            return _RIGHT if col in self.spec.right else None
        if role == ItemRole:
            return self._item_at(row)
        if role == _TOOLTIP:
            tip = self.spec.columns[col].tip
            return tip(self._item_at(row)) if tip is not None else None
        view = self.row_view(row)
        if role == _DISPLAY:
            return view.text[col]
        if role == _FOREGROUND:
            return view.foreground.get(col)
        return self.background(view)  # BackgroundRole

    # ---- what a row shows --------------------------------------------------------------

    def row_view(self, row: int) -> RowView:
        """What row `row` shows (cached until it changes)."""
        item = self._item_at(row)
        key = self.spec.key(item)
        view = self._views.get(key)
        if view is None:
            if len(self._views) >= VIEW_CACHE:
                self._views.clear()
            view = self._views[key] = self.make_view(item)
        return view

    def cells(self, item: T) -> tuple[tuple[str, ...], dict[int, QBrush]]:
        """Each column's text and the colours of those that have one."""
        columns = self.spec.columns
        text = tuple(c.text(item) for c in columns)
        foreground: dict[int, QBrush] = {}
        for i, column in enumerate(columns):
            if column.colour is not None:
                brush = column.colour(item)
                if brush is not None:
                    foreground[i] = brush
        return text, foreground

    def make_view(self, item: T) -> RowView:
        text, foreground = self.cells(item)
        colours = tuple((c, b.color().rgba()) for c, b in foreground.items())
        return RowView(text, foreground, None, False, (text, colours))

    def is_tinted(self, view: RowView) -> bool:
        """Whether a row's background is tinted (the log's selected chain)."""
        return False

    def background(self, view: RowView) -> QBrush | None:
        return None

    def _forget(self, keys: Iterable[Hashable] | None = None) -> None:
        """Forget what the rows of `keys` show (None: every row); worked out again on
        their next paint."""
        if keys is None:
            self._views.clear()
            return
        for key in keys:
            self._views.pop(key, None)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.spec.columns) - 1))

    def refresh_language(self) -> None:
        """Headers and cells said again in the UI's language now."""
        self._forget()
        last = len(self.spec.columns) - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, last),
                                  [Qt.ItemDataRole.DisplayRole])

    # ---- export ------------------------------------------------------------------------

    def write_csv(self, path: str | Path) -> int:
        """The table for Excel, as its columns declare (csv_export.write_fields)."""
        return write_fields(path, self.spec.csv, self.export_items())
