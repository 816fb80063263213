"""Qt's floor for the log's figures: a bare QTableView over a QStandardItemModel (rows
stored and painted in C++), the size of the app's log, holding the same rows."""

from __future__ import annotations

import asyncio
import time

CLICK_TIMEOUT = 15.0


def _painting_table():
    """A QTableView that emits `painted` after each paint of its viewport (one Python
    call per paint, as the log's own table has)."""
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QTableView

    class PaintingTable(QTableView):
        painted = Signal()

        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            self.painted.emit()

    return PaintingTable()


class QtFloor:
    """Qt's floor for showing a new log row: a bare QTableView over a QStandardItemModel
    (rows stored and painted in C++) the size of the log, holding the same rows, the same
    columns and widths, scrolled to the bottom. One sample: append a row (its 14 texts)
    and scroll to it, until the end of the viewport's next paint."""

    def __init__(self, log_model, log_table) -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QHeaderView

        self._item = QStandardItem
        columns = log_model.columnCount()
        self.texts = [[log_model.index(r, c).data() or "" for c in range(columns)]
                      for r in range(log_model.rowCount())]
        self.model = QStandardItemModel(0, columns)
        for texts in self.texts:
            self.model.appendRow([QStandardItem(t) for t in texts])
        table = self.table = _painting_table()
        table.setModel(self.model)
        table.setWordWrap(False)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(log_table.verticalHeader().defaultSectionSize())
        vertical.hide()
        table.horizontalHeader().setStretchLastSection(True)
        for c in range(columns):
            table.setColumnWidth(c, log_table.columnWidth(c))
        table.resize(log_table.size())
        table.show()
        table.scrollToBottom()

    async def insert_once(self) -> float:
        texts = self.texts[len(self.texts) // 2]
        done: asyncio.Future = asyncio.get_event_loop().create_future()

        def painted() -> None:
            if not done.done():
                done.set_result(time.perf_counter())

        self.table.painted.connect(painted)
        try:
            t0 = time.perf_counter()
            self.model.appendRow([self._item(t) for t in texts])
            self.table.scrollToBottom()
            t1 = await asyncio.wait_for(done, CLICK_TIMEOUT)
        finally:
            self.table.painted.disconnect(painted)
        return t1 - t0

    def close(self) -> None:
        self.table.close()
        self.table.deleteLater()
