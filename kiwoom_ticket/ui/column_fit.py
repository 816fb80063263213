"""Column widths from the font, not pixels: a short column (a time, a status, a side) is
as wide as the longest text it can hold in the UI's language, header included, so that
"Not received", "12-06 09:01" or "Outside" are never cut. Only widens: a column the
trader made wider stays so."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

CELL_PADDING = 14  # the cell's margins and the grid line
SORT_ARROW = 18  # a sortable header draws its indicator beside the text


def needed_width(table: QTableView, column: int, samples: Iterable[str]) -> int:
    cell = table.fontMetrics()
    header = table.horizontalHeader()
    title = table.model().headerData(column, Qt.Orientation.Horizontal)
    extra = SORT_ARROW if header.isSortIndicatorShown() else 0
    widths = [cell.horizontalAdvance(s) for s in samples]
    widths.append(header.fontMetrics().horizontalAdvance(str(title or "")) + extra)
    return max(widths) + CELL_PADDING


def fit_columns(table: QTableView, samples: Mapping[int, Iterable[str]]) -> None:
    """Widen each column of `samples` to its longest sample text (never narrower)."""
    for column, texts in samples.items():
        need = needed_width(table, int(column), list(texts))
        if table.columnWidth(int(column)) < need:
            table.setColumnWidth(int(column), need)
