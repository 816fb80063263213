"""The 감시 list: each watch, its trigger, the last price it saw, its state (armed, fired,
done, paused, asking) and whether it is blind; pause, arm and remove. Watches are set
from the account panel's holdings, or from a filled buy in the order log or the 체결
list (right click → 감시주문 설정…, prefilled with that fill's stock, quantity and price). The watches themselves
are the core's (service/watch_keeper.py); this only shows them and passes clicks on.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.brackets import BracketState
from ..domain.orders import Action
from ..domain.status import OrderStatus
from ..domain.watches import ONLY_WHILE_RUNNING, Watch, WatchState
from ..service.account import Holding
from ..service.status import Severity
from ..service.watch_keeper import REST_INTERVAL, WatchKeeper
from . import (
    ladder_texts,  # noqa: F401  (registers the texts: the holding's line, position.*)
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .bracket_dialog import BracketDialog
from .i18n import both, pick, tr
from .messages import split_bilingual
from .precaution_store import saved_precautions
from .row_list_model import RowListModel
from .row_table import RowTable
from .table_columns import Align, Export, TableColumn, TableSpec
from .watch_dialog import WatchDialog

if TYPE_CHECKING:
    from .app_core import AppCore
    from .fills_view import FillsView
    from .order_lists import OrderLists

log = logging.getLogger(__name__)

_STATE_COLOURS = {WatchState.ARMED: "#2e7d32", WatchState.FIRING: "#b71c1c",
                  WatchState.FIRED: "#b71c1c", WatchState.ASKING: "#e65100",
                  WatchState.PAUSED: "#757575", WatchState.DONE: "#757575"}
_STATE_BRUSHES = {state: QBrush(QColor(colour)) for state, colour in _STATE_COLOURS.items()}


def _sell(w: Watch) -> str:
    return tr("watch.market") if w.limit_offset is None else tr("watch.limit", n=w.limit_offset)


def _last(w: Watch) -> str:
    return "" if w.last_price is None else f"{w.last_price:,} ({w.last_seen})"


def _note(w: Watch) -> str:
    return pick(split_bilingual(w.message)) if w.message else ""


def watch_table(keeper: WatchKeeper) -> TableSpec[Watch]:
    """The 감시 list's columns (ui/table_columns.py, as the log, 미체결 and 체결); its state
    says "blind" while the keeper has no fresh trade of the stock."""

    def state(w: Watch) -> str:
        said = pick(w.state.label)
        if w.state is WatchState.ARMED and keeper.blind(w.stock_code):
            said += " · " + tr("watch.blind", s=f"{REST_INTERVAL:.0f}")
        return said

    return TableSpec(
        columns=(
            TableColumn("stock", "watch.col.stock", lambda w: w.stock_name or w.stock_code,
                        export=Export.TEXT, width=96),
            TableColumn("kind", "watch.col.kind", lambda w: pick(w.kind.label),
                        export=Export.TEXT, width=72),
            TableColumn("trigger", "watch.col.trigger", lambda w: f"{w.trigger:,}",
                        align=Align.RIGHT, sort=lambda w: w.trigger, width=72),
            TableColumn("qty", "watch.col.qty", lambda w: f"{w.quantity:,}",
                        align=Align.RIGHT, sort=lambda w: w.quantity, width=40),
            TableColumn("order", "watch.col.order", _sell, export=Export.TEXT, width=96),
            TableColumn("last", "watch.col.last", _last, align=Align.RIGHT,
                        sort=lambda w: w.last_price or 0, export=Export.TEXT, width=150),
            TableColumn("state", "watch.col.state", state,
                        colour=lambda w: _STATE_BRUSHES.get(w.state), export=Export.TEXT,
                        width=72),
            TableColumn("note", "watch.col.note", _note, tip=lambda w: _note(w) or None,
                        export=Export.TEXT, width=120),
        ),
        key=lambda w: w.watch_id, stock=lambda w: (w.stock_code, w.stock_name))


class PressedHolding(QObject):
    """The holding painted under the right button when it went down on the account
    panel's table (taken once, by the menu that press opens)."""

    def __init__(self, account_panel: Any, table: QTableView) -> None:
        super().__init__(table)
        self.panel, self.table = account_panel, table
        self.holding: Holding | None = None
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            if event.button() is Qt.MouseButton.RightButton:
                index = self.table.indexAt(event.position().toPoint())
                self.holding = self.panel.model.holding(index.row()) if index.isValid() \
                    else None
        return False

    def take(self) -> Holding | None:
        holding, self.holding = self.holding, None
        return holding


class WatchPanel(QWidget):
    def __init__(self, core: AppCore) -> None:
        super().__init__()
        self.setObjectName("watchPanel")
        session = core.session
        self.session, self.status, self.tasks = session, core.status, core.tasks
        self.keeper = session.core.protection.watches
        # A watch's order meets the precautions the trader set, as a manual one does.
        self.keeper.precautions = saved_precautions
        self.last_fill_menu: QMenu | None = None  # the 체결 list's last right-click menu
        self.last_holding_menu: QMenu | None = None  # the account panel's, likewise
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.note = QLabel()
        self.note.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        layout.addWidget(self.note)
        self.model = RowListModel(watch_table(self.keeper), self)
        self.table = RowTable()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.model.spec.columns) - 1,
                                    QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setStyleSheet(theme.MUTED_STYLE)
        layout.addWidget(self.empty)
        self.bracket_lines = QLabel()
        self.bracket_lines.setObjectName("bracketLines")
        self.bracket_lines.setWordWrap(True)
        layout.addWidget(self.bracket_lines)
        buttons = QHBoxLayout()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.cancel_button = QPushButton()
        for b in (self.pause_button, self.resume_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.bracket_button = QPushButton()
        buttons.addWidget(self.bracket_button)
        layout.addLayout(buttons)
        self.brackets = session.core.protection.brackets
        self.bracket_button.clicked.connect(self.set_bracket)
        self.brackets.changed.connect(lambda _moved: self.show_watches())
        self.pause_button.clicked.connect(lambda: self._act(self.keeper.pause))
        self.resume_button.clicked.connect(lambda: self._act(self.keeper.resume))
        self.cancel_button.clicked.connect(lambda: self._act(self.keeper.cancel))
        self.keeper.changed.connect(lambda _moved: self.show_watches())
        self.keeper.asked.connect(lambda w: self.status.post(
            both("watch.asked", stock=w.stock_name or w.stock_code), severity=Severity.WARNING))
        self.keeper.fired.connect(lambda w, _r: self.status.post(
            both("watch.fired", stock=w.stock_name or w.stock_code, qty=w.quantity),
            severity=Severity.ALERT))
        self.retranslate()

    def selected(self) -> Watch | None:
        """The watch of the row selected now, as the keeper has it now."""
        shown = self.model.item(self.table.currentIndex().row())
        return self.keeper.get(shown.watch_id) if shown is not None else None

    def _act(self, action: Any) -> None:
        w = self.selected()
        if w is not None:
            self._spawn(action(w.watch_id))

    def show_watches(self) -> None:
        """The rows follow the keeper in place, by watch id (a selection stays put)."""
        watches = self.keeper.all()
        ids = {w.watch_id for w in watches}
        self.model.remove_keys([w.watch_id for w in self.model.all_items()
                                if w.watch_id not in ids])
        self.model.upsert_items(watches)
        self.empty.setVisible(not watches)
        lines = [tr("bracket.line", stock=b.stock_name or b.stock_code,
                    target=f"{b.target_price:,}", covered=b.covered, state=pick(b.state.label))
                 for b in self.brackets.all() if b.state is not BracketState.CLOSED]
        self.bracket_lines.setText("\n".join(lines))
        self.bracket_lines.setVisible(bool(lines))

    def retranslate(self) -> None:
        self.note.setText("ⓘ " + pick(ONLY_WHILE_RUNNING))
        self.model.refresh_language()
        self.empty.setText(tr("watch.empty"))
        self.pause_button.setText(tr("watch.pause"))
        self.resume_button.setText(tr("watch.resume"))
        self.cancel_button.setText(tr("watch.cancel"))
        self.bracket_button.setText(tr("bracket.button"))
        self.show_watches()

    # ---- setting one from the account panel ---------------------------------------------

    def attach_holdings(self, account_panel: Any, desk: Any) -> None:
        """Right click on a holding: 감시주문 설정… (or its 28 on the Sell tab)."""
        table = account_panel.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pressed = PressedHolding(account_panel, table)

        def menu(pos: QPoint) -> None:
            # The holding under the right button's press (the account may be read again
            # before the menu comes, on release on some platforms), else the row at `pos`
            # (the menu key).
            holding = pressed.take()
            if holding is None:
                index = table.indexAt(pos)
                holding = account_panel.model.holding(index.row()) if index.isValid() else None
            if holding is None:
                return
            row = account_panel.model.row_of(holding)
            if row is not None:
                table.selectRow(row)  # the holding it acts on, shown plainly
            m = QMenu(table)
            name = m.addAction(f"{holding.name or holding.code} · "
                               + tr("position.holding", qty=f"{holding.quantity:,}",
                                    sellable=f"{holding.sellable:,}"))
            name.setObjectName("holding")
            name.setEnabled(False)
            action = m.addAction(tr("watch.set_action"), lambda: self.set_watch(holding, desk))
            action.setObjectName("watch")
            action.setEnabled(holding.quantity > 0)
            m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.last_holding_menu = m
            m.popup(table.viewport().mapToGlobal(pos))

        table.customContextMenuRequested.connect(menu)

    def attach_fills(self, log_view: Any, lists: OrderLists, desk: Any) -> None:
        """Right click on a filled buy in the order log or the 체결 list: 감시주문 설정…
        (the 체결 list's menu once its panel is built: on its first view)."""
        log_view.watch_requested.connect(lambda rec: self.watch_fill(
            rec.stock_code, rec.stock_name, rec.filled_qty, rec.avg_fill_price or rec.price or 0,
            desk))
        lists.when_fills_built(lambda view: self._attach_fill_menu(view, desk))

    def _attach_fill_menu(self, fills_view: FillsView, desk: Any) -> None:
        table = fills_view.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def menu(pos: QPoint) -> None:
            index = table.indexAt(pos)
            shown = fills_view.model.shown()
            fill = shown[index.row()] if index.isValid() and index.row() < len(shown) else None
            if fill is None:
                return
            table.selectRow(index.row())
            m = QMenu(table)
            action = m.addAction(tr("watch.set_action"), lambda: self.watch_fill(
                fill.stock_code, fill.stock_name, fill.quantity, fill.price, desk))
            action.setObjectName("watch")
            action.setEnabled(fill.side is Action.BUY and fill.quantity > 0)
            m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.last_fill_menu = m
            m.popup(table.viewport().mapToGlobal(pos))

        table.customContextMenuRequested.connect(menu)

    def watch_fill(self, code: str, name: str, quantity: int, price: int,
                   desk: Any) -> WatchDialog | None:
        """The holding's dialog for what a buy filled: measured from the fill's price, for
        its quantity (capped by what is held now, when the account says)."""
        if not code or quantity <= 0 or price <= 0:
            return None
        account = self.session.account
        held = next((h for h in (account.holdings if account else ()) if h.code == code), None)
        owned = held.quantity if held is not None else quantity
        lot = Holding(code, name or (held.name if held else code), max(owned, 1),
                      min(quantity, owned), price,
                      held.current_price if held is not None else price, 0, 0.0)
        return self.set_watch(lot, desk)

    def set_watch(self, holding: Any, desk: Any) -> WatchDialog:
        dialog = WatchDialog(holding, holding.current_price or holding.avg_price, self.window())
        dialog.finished.connect(lambda ok: self._chosen(dialog, holding, desk) if ok else None)
        dialog.open()
        return dialog

    def _chosen(self, dialog: WatchDialog, holding: Any, desk: Any) -> None:
        c = dialog.choice
        if c is None:
            return
        if c.to_sell_tab(desk):
            return
        self._spawn(c.arm(self.keeper, holding, self.status))

    # ---- a bracket on the selected buy ---------------------------------------------------

    def set_bracket(self) -> BracketDialog | None:
        """On the order selected last (the one the Modify/Cancel tabs show): a buy of
        today that is not finished."""
        rec = self.session.target.record
        if rec is None or rec.action is not Action.BUY or rec.status in (
                OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED, OrderStatus.CANCELLED,
                OrderStatus.EXPIRED):
            self.status.post(both("bracket.need_buy"), severity=Severity.WARNING)
            return None
        price = rec.avg_fill_price or rec.price or 0
        dialog = BracketDialog(rec, price, self.window())
        if not price:  # a market buy not filled yet: the target starts from the quote
            self._spawn(self._offer_quote(dialog, rec.stock_code))

        def finished(ok: int) -> None:
            if ok:
                self._spawn(self._add_bracket(rec, dialog.target.value(),
                                              dialog.stop_ticks.value()))

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    async def _offer_quote(self, dialog: BracketDialog, stock_code: str) -> None:
        quote = await self.session.quote(stock_code)
        dialog.offer_price(quote.current)

    async def _add_bracket(self, rec: Any, target: int, ticks: int) -> None:
        b = await self.brackets.add(rec, target, ticks)
        self.status.post(both("bracket.set", stock=b.stock_name or b.stock_code,
                              target=f"{target:,}", ticks=ticks))

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.run(coro, what="watch action", on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.post(both("status.worker_error") + f": {exc}", severity=Severity.WARNING)
