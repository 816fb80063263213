"""The order log panel: a table view over OrderLogModel, a refresh button and the
row menu (modify, cancel, check now, resend, copy order number, export CSV). The log
opens on its newest rows; scrolled near the top, it reads the next older page."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..service.status import StatusChannel
from .column_fit import fit_columns
from .csv_export import ask_save_csv, write_csv
from .i18n import tr
from .order_log_model import OrderLogModel
from .row_table import RowTable

FETCH_MARGIN_ROWS = 20  # older rows are read when the top row is this close to the first

def can_resend(rec: OrderRecord | None) -> bool:
    return rec is not None and rec.safe_to_resend


class OrderLogView(QWidget):
    record_selected = Signal(object)  # OrderRecord
    modify_requested = Signal(object)
    cancel_requested = Signal(object)
    resend_requested = Signal(object)
    check_requested = Signal(object)
    watch_requested = Signal(object)  # a filled buy: set a watch on what it bought
    refresh_requested = Signal()

    def __init__(self, model: OrderLogModel, parent: QWidget | None = None,
                 status: StatusChannel | None = None) -> None:
        super().__init__(parent)
        self.status = status or StatusChannel()  # the app's one status channel
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_requested)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)

        self.table = RowTable()
        self.table.setModel(model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)  # the chain tint must stand out
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # whole text: the tooltip
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for col, width in model.spec.widths().items():
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # A click on the row already selected targets it again (Modify/Cancel may have
        # moved to another order since): the order acted on is the one clicked last.
        self.table.clicked.connect(lambda _i: self._selection_changed(None, None))
        model.rowsInserted.connect(self._rows_inserted)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        layout.addWidget(self.table)

        self.copy_action = QAction(self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_order_number)
        self.table.addAction(self.copy_action)
        self._export_dialog: QFileDialog | None = None
        self.resent: set[str] = set()  # local_ids already sent again: one resend each
        self.last_menu: QMenu | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("log.title"))
        self.refresh_button.setText(tr("log.refresh"))
        self.copy_action.setText(tr("log.copy_no"))
        self.model.refresh_language()
        fit_columns(self.table, self.model.spec.samples())

    # ---- selection ---------------------------------------------------------------------

    def selected_record(self) -> OrderRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self, _sel: QItemSelection | None,
                           _desel: QItemSelection | None) -> None:
        rec = self.selected_record()
        self.model.set_highlight(self.model.chain_root(rec) if rec else None)
        if rec is not None:
            self.record_selected.emit(rec)

    def _rows_inserted(self, _parent, _first: int, last: int) -> None:
        # Follow new orders unless the user is reading further up (or older rows came in
        # at the top).
        if last != self.model.rowCount() - 1:
            return
        bar = self.table.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2 * self.table.verticalHeader().defaultSectionSize():
            self.table.follow(last)

    def _scrolled(self, value: int) -> None:
        # Asked once the scroll has settled: a history just loaded scrolls to the top
        # before it scrolls to the newest rows, and must not read older rows for that.
        if value <= FETCH_MARGIN_ROWS and self.model.can_fetch_older():
            QTimer.singleShot(0, self, self.fetch_older_if_near_top)

    def fetch_older_if_near_top(self) -> int:
        """Near the top with older rows in the journal: read the next page in front of the
        rows; what is on screen stays where it is. Returns the rows that came in."""
        if (self.table.verticalScrollBar().value() > FETCH_MARGIN_ROWS
                or not self.model.can_fetch_older()):
            return 0
        came = self.model.fetch_older()
        if came:
            self.table.keep_in_place(came)
        return came

    # ---- menu --------------------------------------------------------------------------

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.build_menu(self.selected_record())
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def build_menu(self, rec: OrderRecord | None) -> QMenu:
        """The row menu for `rec`; items that don't apply are shown disabled."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        has_no = bool(rec and rec.ord_no)
        earlier = bool(rec and self.model.is_earlier_day(rec))
        can_change = bool(rec and rec.ord_no and not earlier
                          and (rec.status.is_open or rec.status.is_unsettled))
        modify = menu.addAction(tr("log.modify"))
        modify.setObjectName("modify")
        modify.setEnabled(can_change)
        modify.triggered.connect(lambda: self.modify_requested.emit(rec))
        cancel = menu.addAction(tr("log.cancel"))
        cancel.setObjectName("cancel")
        cancel.setEnabled(can_change)
        cancel.triggered.connect(lambda: self.cancel_requested.emit(rec))
        if earlier:
            modify.setToolTip(tr("log.earlier_day_short"))
            cancel.setToolTip(tr("log.earlier_day_short"))
        menu.addSeparator()
        check = menu.addAction(tr("log.check_now"))
        check.setObjectName("check_now")
        check.setEnabled(bool(rec and rec.status is OrderStatus.UNKNOWN))
        check.setToolTip(tr("log.check_now_tip"))
        check.triggered.connect(lambda: self.check_requested.emit(rec))
        resend = menu.addAction(tr("log.resend"))
        resend.setObjectName("resend")
        resent = bool(rec and rec.local_id in self.resent)
        resend.setEnabled(can_resend(rec) and not resent)
        resend.setToolTip(tr("log.resent_tip") if resent and can_resend(rec)
                          else tr("log.resend_tip"))
        resend.triggered.connect(lambda: self.resend_requested.emit(rec))
        watch = menu.addAction(tr("watch.set_action"))
        watch.setObjectName("watch")
        watch.setEnabled(bool(rec and rec.action is Action.BUY and rec.filled_qty > 0))
        watch.triggered.connect(lambda: self.watch_requested.emit(rec))
        menu.addSeparator()
        copy = menu.addAction(tr("log.copy_no"))
        copy.setObjectName("copy")
        copy.setEnabled(has_no)
        copy.triggered.connect(self.copy_order_number)
        export = menu.addAction(tr("log.export"))
        export.setObjectName("export")
        export.setEnabled(self.model.rowCount() > 0)
        export.triggered.connect(self.ask_export)
        menu.addSeparator()
        refresh = menu.addAction(tr("log.refresh"))
        refresh.setObjectName("refresh")
        refresh.triggered.connect(self.refresh_requested)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_menu = menu
        return menu

    def copy_order_number(self) -> str | None:
        rec = self.selected_record()
        if rec is None or not rec.ord_no:
            return None
        QGuiApplication.clipboard().setText(rec.ord_no)
        return rec.ord_no

    def ask_export(self) -> None:
        """A non-modal save dialog (no nested event loop)."""
        self._export_dialog = ask_save_csv(self, tr("log.export"), "orders.csv", self.export_csv)

    def export_csv(self, path: str) -> int:
        return write_csv(self.model.write_csv, path, self.status)

