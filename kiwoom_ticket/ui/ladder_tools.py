"""What the 호가창's position bar does (ui/ladder_position.py): the position of the
ladder's stock from the account (moved by its live price), quick quantities into the
Buy/Sell tab, and 매수 일괄취소 / 매도 일괄취소 of the stock's open orders on one side.

The one-side cancels act on the orders the ladder shows as badges when the button is
pressed (what was painted), ask once through the same armed question as every cancel
(ui/bulk_cancel.py -> DialogService.confirm: keys pressed before it appeared don't answer
it; by mouse in real trading), and go one by one through the journal-first path."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ..domain.order_ledger import OrderLedger
from ..domain.orders import Action
from ..domain.validation import Field
from ..service import AccountSnapshot
from ..service.status import Severity, StatusChannel
from . import theme
from .bulk_cancel import BulkCancel, CancelResult
from .dialogs import DialogService
from .i18n import both, tr
from .ladder import LadderView
from .ladder_position import LadderPositionBar, Position
from .new_order_form import NewOrderForm
from .quantity_presets import QuantityPresetsDialog, saved_presets
from .session_bridge import SessionBridge
from .subscriptions import Subscriptions
from .tasks import TaskRunner
from .ticket_desk import TicketDesk


class LadderTools(QObject):
    def __init__(self, bar: LadderPositionBar, view: LadderView, session: SessionBridge,
                 desk: TicketDesk, book: OrderLedger, dialogs: DialogService,
                 runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar, self.view, self.session, self.desk = bar, view, session, desk
        self.status: StatusChannel = runner.status
        self.canceller = BulkCancel(session, dialogs, book, self.status)
        self.tasks = runner  # the window's one runner: closed with the window
        self.code = ""
        self._price: int | None = None  # the stock's last trade, live
        self.cancel_task: asyncio.Task[CancelResult] | None = None
        self.presets_dialog: QuantityPresetsDialog | None = None
        bar.set_presets(saved_presets())
        bar.quantity_chosen.connect(self.put_quantity)
        bar.fraction_chosen.connect(self.put_fraction)
        bar.cancel_side.connect(self.cancel_side)
        # The core outlives this window (창 → 새 주문창): let go of it in `stop`.
        self._links = Subscriptions()
        self._links.connect(session.account_changed, self._account_changed)
        self.show_position()
        self.show_open()

    # ---- what it shows ----------------------------------------------------------------

    def follow(self, code: str) -> None:
        if code != self.code:
            self.code, self._price = code, None
        self.show_position()
        self.show_open()

    def set_last_price(self, price: int) -> None:
        if price and price != self._price:
            self._price = price
            self.show_position()

    def position(self) -> Position | None:
        snapshot: AccountSnapshot | None = self.session.account
        return Position.of(snapshot, self.code, self._price)

    def show_position(self) -> None:
        self.bar.show_position(self.position())

    def show_open(self) -> None:
        """The badges' orders by side: what the one-side cancels would ask about."""
        buys = sum(1 for o in self.view.orders if o.side is Action.BUY)
        self.bar.show_open(buys, len(self.view.orders) - buys)

    # ---- quick quantities ---------------------------------------------------------------

    def _new_order_form(self) -> NewOrderForm:
        """The Buy or Sell tab in view; from Modify or Cancel, the Buy tab comes forward
        (as the ladder's price clicks do from Cancel)."""
        form = self.desk.current_form()
        if not isinstance(form, NewOrderForm):
            form = self.desk.buy_form
            self.desk.setCurrentWidget(form)
        return form

    def put_quantity(self, shares: int) -> None:
        form = self._new_order_form()
        form.quantity.setText(str(shares))
        form.boxes[Field.QUANTITY].clear_issues()

    def put_fraction(self, percent: int) -> None:
        form = self._new_order_form()
        if not form.stock_code():
            self.status.post(both("position.no_ticket"), severity=Severity.WARNING)
            return
        form.fill_fraction(percent)

    # ---- one side's cancels ---------------------------------------------------------------

    def cancel_side(self, side: Action) -> asyncio.Task[CancelResult] | None:
        """All of the stock's open orders of `side` that the ladder shows now."""
        records = [o.record for o in self.view.orders if o.side is side]
        if not records:
            self.status.post(both("lists.nothing_to_cancel"), severity=Severity.WARNING)
            return None
        buying = side is Action.BUY
        title = tr("position.cancel_title_buys" if buying else "position.cancel_title_sells")
        accent = QColor(theme.BUY if buying else theme.SELL)
        self.cancel_task = self.tasks.run(
            self.canceller.run(records, title=title, accent=accent), what="ladder cancels")
        return self.cancel_task

    # ---- Settings -> 수량 프리셋 ------------------------------------------------------------

    def edit_presets(self, parent: QWidget | None = None) -> QuantityPresetsDialog:
        dialog = QuantityPresetsDialog(parent)
        dialog.saved.connect(self.bar.set_presets)
        dialog.finished.connect(lambda _r: setattr(self, "presets_dialog", None))
        self.presets_dialog = dialog
        dialog.open()
        return dialog

    def _account_changed(self, _snapshot: object) -> None:
        self.show_position()

    def stop(self) -> None:
        """The window is closing: a cancel run still asking is dropped, and the core's
        account no longer reaches this window's labels."""
        self._links.close()
        if self.cancel_task is not None:
            self.cancel_task.cancel()

    def retranslate(self) -> None:
        self.bar.retranslate()
