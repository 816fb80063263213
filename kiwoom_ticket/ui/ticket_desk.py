"""The four order tabs and what the order log does to them: a row selected (in the log,
in 미체결, a badge of the 호가창) becomes the one target of the Modify and Cancel tabs
(the core's OrderTarget; both tabs mirror it), a modify taken moves it on to the new
order, a row's menu opens a tab or resends, a holding double-clicked opens Sell. Earlier
days' rows are final."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QTabWidget

from ..domain.orders import Action, order_from_body
from ..domain.records import OrderRecord, day_label
from ..domain.status import OrderStatus
from ..service.status import StatusChannel
from . import theme
from .amend_forms import CancelForm, ModifyForm
from .dialogs import DialogService
from .i18n import both
from .new_order_form import NewOrderForm
from .order_log_model import OrderLogModel
from .order_log_view import OrderLogView, can_resend
from .session import TradingSession
from .tasks import TaskRunner
from .ticket_form import TicketForm

# The tabs' positions before they were keyed by action: how older settings name a tab.
_OLD_TAB_ORDER = (Action.BUY, Action.SELL, Action.MODIFY, Action.CANCEL)


class TicketDesk(QTabWidget):
    def __init__(self, session: TradingSession, dialogs: DialogService, model: OrderLogModel,
                 log_view: OrderLogView, status: StatusChannel,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self._model, self._log, self._status = model, log_view, status
        # The window's task runner; until the window hands one out, the desk's own on the
        # window's status channel, shared by its four tabs.
        self.tasks = tasks if tasks is not None else TaskRunner(status)
        shared = (session, dialogs, model.book)  # the book, not the table model
        self.buy_form = NewOrderForm(Action.BUY, *shared, status=status, tasks=self.tasks)
        self.sell_form = NewOrderForm(Action.SELL, *shared, status=status, tasks=self.tasks)
        self.modify_form = ModifyForm(*shared, status=status, tasks=self.tasks)
        self.cancel_form = CancelForm(*shared, status=status, tasks=self.tasks)
        # The tabs by the action each takes; their order on screen is this dict's.
        self.by_action: dict[Action, TicketForm] = {
            Action.BUY: self.buy_form, Action.SELL: self.sell_form,
            Action.MODIFY: self.modify_form, Action.CANCEL: self.cancel_form}
        self.forms: tuple[TicketForm, ...] = tuple(self.by_action.values())
        for form in self.forms:
            self.addTab(form, "")
        for action, colour in ((Action.BUY, theme.BUY), (Action.SELL, theme.SELL)):
            self.tabBar().setTabTextColor(self.indexOf(self.by_action[action]), colour)
        self.setMinimumWidth(380)
        self.currentChanged.connect(self._tab_changed)
        session.account_changed.connect(self.buy_form.set_account)
        session.account_changed.connect(self.sell_form.set_account)
        log_view.record_selected.connect(self.fill_from_log)
        log_view.modify_requested.connect(lambda rec: self.open_amend(rec, self.modify_form))
        log_view.cancel_requested.connect(lambda rec: self.open_amend(rec, self.cancel_form))
        log_view.resend_requested.connect(self.resend)
        self.modify_form.sent.connect(self._modify_sent)
        self._session = session
        # The target is the core's; a selection by id (a badge) is looked up in the book.
        session.target.find = model.book.get
        session.target_changed.connect(self._target_changed)

    def form_for(self, action: Action) -> TicketForm:
        return self.by_action[action]

    def current_form(self) -> TicketForm | None:
        form = self.currentWidget()
        return form if isinstance(form, TicketForm) else None

    def current_action(self) -> Action | None:
        """The action of the tab shown (what the window remembers across runs)."""
        form = self.current_form()
        return form.action if form is not None else None

    def show_action(self, action: Action) -> None:
        self.setCurrentWidget(self.by_action[action])

    def saved_tab(self) -> str:
        """The tab shown, as the settings keep it: its action's name ("modify")."""
        action = self.current_action()
        return (action or Action.BUY).name.lower()

    def show_saved_tab(self, saved: object) -> None:
        """Show the tab `saved_tab` named; versions up to this one kept the tab's position
        (0-3, in the order buy, sell, modify, cancel), which still reads; anything else
        shows Buy."""
        text = str(saved or "").strip()
        by_name = {a.name.lower(): a for a in self.by_action}
        if text.isdigit() and int(text) < len(_OLD_TAB_ORDER):
            self.show_action(_OLD_TAB_ORDER[int(text)])
        else:
            self.show_action(by_name.get(text, Action.BUY))

    def _tab_changed(self, _index: int) -> None:
        form = self.current_form()
        if form is not None:
            form.refresh_quote()

    def fill_from_log(self, rec: OrderRecord) -> None:
        """A row selected (the log, 미체결): it becomes the target of both Modify and
        Cancel (not an earlier day's: final), at the core."""
        if self._model.is_earlier_day(rec) or not rec.ord_no:
            return
        self._session.select_order(self._model.book.get(rec.local_id) or rec)

    def _target_changed(self, rec: OrderRecord | None, reselected: bool) -> None:
        """The core's target moved (another order, or the same one moved on): both tabs
        show it."""
        self.modify_form.show_target(rec, reselected)
        self.cancel_form.show_target(rec, reselected)

    def _modify_sent(self, records: list[OrderRecord]) -> None:
        """A modify the exchange took has a new number, and the original is finished:
        the Modify and Cancel tabs and the log's selection move on to the live order, so
        a second Enter modifies what is there to modify."""
        head = records[0] if records else None
        if (head is None or head.action is not Action.MODIFY or not head.ord_no
                or head.status is not OrderStatus.ACCEPTED):
            return
        self._session.select_order(head)
        row = self._model.row_of(head.local_id)
        if row is not None:
            self._log.select_row(row)

    def open_amend(self, rec: OrderRecord | None, form: TicketForm) -> None:
        if rec is None or not rec.ord_no:
            return
        if self._model.is_earlier_day(rec):
            self._status.post(both("log.earlier_day", day=day_label(rec.trade_day)))
            return
        self._session.select_order(self._model.book.get(rec.local_id) or rec)
        target = self._session.target.record
        if target is not None and target.local_id == rec.local_id:
            form.fill_from(target)  # type: ignore[attr-defined]  # opened afresh: all of it
        self.setCurrentWidget(form)
        (form.price or form.quantity).setFocus()

    def resend(self, rec: OrderRecord | None) -> asyncio.Task | None:
        """Send a request the exchange never took again, through its tab's own decision
        (validation, precautions, a confirmation that always asks). Once per row."""
        row = self._model.row_of(rec.local_id) if rec else None
        current = self._model.record(row) if row is not None else None  # its latest state
        if current is None or not can_resend(current) or current.local_id in self._log.resent:
            self._status.post(both("status.resend_unavailable"))
            return None
        form = self.form_for(current.action)
        self.setCurrentWidget(form)
        task = form.resend(order_from_body(current.action.api_id, current.body),
                           current.stock_name)
        if task is not None:
            def sent(t: asyncio.Task) -> None:
                if not t.cancelled() and t.exception() is None and t.result():
                    self._log.resent.add(current.local_id)
            task.add_done_callback(sent)
        return task

    def sell_holding(self, holding) -> None:
        """A holding double-clicked: the Sell tab with that stock and all it can sell."""
        self.sell_form.fill_holding(holding)
        self.setCurrentWidget(self.sell_form)
        self.sell_form.price.setFocus()
