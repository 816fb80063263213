"""What the 미체결 and 체결 lists (and any list after them) share: a filter bar (stock,
side), a table painted by whole rows, header clicks that sort, and the CSV export; the
columns, their widths and the CSV are the model's declaration (its TableSpec)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.orders import Action
from ..service.status import StatusChannel
from . import lists_texts  # noqa: F401  (registers the texts)
from .column_fit import fit_columns
from .csv_export import ask_save_csv, write_csv
from .i18n import tr
from .row_list_model import RowListModel
from .row_table import RowTable

SIDES = (("lists.side_all", None), ("lists.side_buy", Action.BUY),
         ("lists.side_sell", Action.SELL))


class ListPanel(QWidget):
    """Subclasses add their buttons to `self.buttons` (a row under the table)."""

    CSV_NAME = "list.csv"

    def __init__(self, model: RowListModel[Any], status: StatusChannel | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.status = status or StatusChannel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.stock_filter = QLineEdit()
        self.stock_filter.setClearButtonEnabled(True)
        self.stock_filter.setMaximumWidth(220)
        self.stock_filter.textChanged.connect(lambda t: self.model.set_filter(stock=t))
        self.side_filter = QComboBox()
        for _key, side in SIDES:
            self.side_filter.addItem("", side)
        self.side_filter.currentIndexChanged.connect(
            lambda i: self.model.set_filter(side=self.side_filter.itemData(i), keep_side=False))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        bar.addWidget(self.stock_filter, 1)
        bar.addWidget(self.side_filter)
        bar.addStretch(0)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.table = RowTable()
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's own order
        for col, width in model.spec.widths().items():
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self._export_dialog: QFileDialog | None = None

    def retranslate(self) -> None:
        self.stock_filter.setPlaceholderText(tr("lists.filter_stock"))
        for i, (key, _side) in enumerate(SIDES):
            self.side_filter.setItemText(i, tr(key))
        self.export_button.setText(tr("lists.export"))
        self.model.refresh_language()
        fit_columns(self.table, self.model.spec.samples())

    def set_side_filter(self, side: Action | None) -> None:
        self.side_filter.setCurrentIndex([s for _k, s in SIDES].index(side))

    def ask_export(self) -> None:
        """A non-modal save dialog (no nested event loop), as the order log's."""
        self._export_dialog = ask_save_csv(self, tr("lists.export"), self.CSV_NAME, self.export_csv)

    def export_csv(self, path: str) -> int:
        return write_csv(self.model.write_csv, path, self.status)

