"""The 미체결 tab: today's open orders, the app's and those placed outside it; cancel
the selected ones or all of them (of one stock, when filtered) with one confirmation,
or open one in the Modify tab."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from ..domain.records import OrderRecord
from ..service.status import Severity
from . import lists_texts  # noqa: F401  (registers the texts)
from .bulk_cancel import BulkCancel, CancelResult
from .dialogs import DialogService
from .i18n import both, tr
from .list_panel import ListPanel
from .open_orders_model import OpenOrdersModel
from .tasks import TaskRunner


class OpenOrdersView(ListPanel):
    CSV_NAME = "open_orders.csv"
    modify_requested = Signal(object)  # OrderRecord: open it in the Modify tab
    record_selected = Signal(object)  # OrderRecord: the target of Modify and Cancel

    def __init__(self, model: OpenOrdersModel, session, dialogs: DialogService,
                 runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(model, runner.status, parent)
        self.model: OpenOrdersModel = model
        self.runner = runner
        self.canceller = BulkCancel(session, dialogs, model.book, self.status)
        self.last_task: asyncio.Task | None = None
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # A click on a row already selected targets it again (the target may have moved
        # to another order meanwhile): the order acted on is the one clicked last.
        self.table.clicked.connect(self._selection_changed)
        self.cancel_selected_button = QPushButton()
        self.cancel_selected_button.clicked.connect(self.cancel_selected)
        self.cancel_all_button = QPushButton()
        self.cancel_all_button.clicked.connect(self.cancel_all)
        self.modify_button = QPushButton()
        self.modify_button.clicked.connect(self.modify_selected)
        self.buttons.addWidget(self.cancel_selected_button)
        self.buttons.addWidget(self.cancel_all_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.modify_button)
        self.stock_filter.textChanged.connect(self._retitle_cancel_all)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.cancel_selected_button.setText(tr("lists.cancel_selected"))
        self.modify_button.setText(tr("lists.modify"))
        self._retitle_cancel_all()

    def _retitle_cancel_all(self, *_args) -> None:
        stock = self.model.stock_filter
        self.cancel_all_button.setText(tr("lists.cancel_all_stock", stock=stock) if stock
                                       else tr("lists.cancel_all"))

    # ---- selection ---------------------------------------------------------------------

    def selected_records(self) -> list[OrderRecord]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [r for r in (self.model.item(row) for row in rows) if r is not None]

    def select_records(self, records: list[OrderRecord]) -> None:
        """Select these rows (tests, the self-test)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for rec in records:
            row = self.model.row_of_key(rec.local_id)
            if row is not None:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _selection_changed(self, *_args) -> None:
        """The row clicked last (of a multiple selection, the current one) becomes the
        target of the Modify and Cancel tabs, as a row of the log does."""
        current = self.table.currentIndex()
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            return
        row = current.row() if current.isValid() and current.row() in rows else min(rows)
        rec = self.model.item(row)
        if rec is not None:
            self.record_selected.emit(rec)

    def _double_clicked(self, index: QModelIndex) -> None:
        rec = self.model.item(index.row())
        if rec is not None:
            self.modify_requested.emit(rec)

    def modify_selected(self) -> None:
        records = self.selected_records()
        if not records:
            self.status.post(both("lists.nothing_selected"))
            return
        self.modify_requested.emit(records[0])

    # ---- cancelling --------------------------------------------------------------------

    def cancel_selected(self) -> asyncio.Task | None:
        records = self.selected_records()
        if not records:
            self.status.post(both("lists.nothing_selected"), severity=Severity.INFO)
            return None
        return self._start(records)

    def cancel_all(self) -> asyncio.Task | None:
        """Every row shown (all of one stock when the list is filtered by it): exactly
        these, as they are now, are what the confirmation lists and what is cancelled."""
        records = self.model.records()
        if not records:
            self.status.post(both("lists.nothing_to_cancel"))
            return None
        return self._start(records)

    def _start(self, records: list[OrderRecord]) -> asyncio.Task | None:
        if self.canceller.busy:
            return None
        # A failure is the runner's to say (the status line), never a traceback.
        self.last_task = self.runner.run(self._cancel(records), what="cancelling several")
        return self.last_task

    async def _cancel(self, records: list[OrderRecord]) -> CancelResult:
        for button in (self.cancel_selected_button, self.cancel_all_button):
            button.setEnabled(False)
        try:
            return await self.canceller.run(records)
        finally:
            for button in (self.cancel_selected_button, self.cancel_all_button):
                button.setEnabled(True)
