"""The four order tabs and what the order log does to them: a row selected (in the log,
in 미체결, a badge of the 호가창) becomes the one target of the Modify and Cancel tabs
(the core's OrderTarget; both tabs mirror it), a modify taken moves it on to the new
order, a row's menu opens a tab or resends, a holding double-clicked opens Sell. Earlier
days' rows are final."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget

from ..domain.environment import Environment
from ..domain.orders import Action, order_from_body
from ..domain.records import OrderRecord, day_label
from ..domain.status import OrderStatus
from . import theme
from .amend_forms import CancelForm, ModifyForm
from .i18n import both, tr
from .new_order_form import NewOrderForm
from .order_log_view import OrderLogView, can_resend
from .session_bridge import ConnectionState
from .subscriptions import Subscriptions
from .ticket_form import TicketForm

if TYPE_CHECKING:
    from ..service import AccountSnapshot
    from .app_core import AppCore
    from .dialogs import DialogService

# The tabs' positions before they were keyed by action: how older settings name a tab.
_OLD_TAB_ORDER = (Action.BUY, Action.SELL, Action.MODIFY, Action.CANCEL)
TAB_TEXTS = {Action.BUY: "tab.buy", Action.SELL: "tab.sell", Action.MODIFY: "tab.modify",
             Action.CANCEL: "tab.cancel"}  # each tab's name, by the action it takes


class TicketDesk(QTabWidget):
    """The four tabs of one ticket window. Subscribes itself to the core's bridge (and
    lets go in `stop`: a second ticket window closes while the core lives on); the
    window's order log, if it has one, is attached with `attach_log`."""

    def __init__(self, core: AppCore, dialogs: DialogService | None = None) -> None:
        """`dialogs`: the window's own questions, if not the main window's."""
        super().__init__()
        session, status = core.session, core.status
        dialogs = dialogs or core.dialogs
        self._session, self._status = session, status
        self._book = session.orders.book  # the core's: read here, written by the core
        self._log: OrderLogView | None = None
        self._resent: set[str] = set()  # rows resent from here, when no log keeps them
        self.tasks = core.tasks  # the core's one runner: its sends and lookups
        shared = (session, dialogs, self._book)
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
        self.modify_form.sent.connect(self._modify_sent)
        self._env_shown: Environment | None = None  # whose quotes the forms show
        self._links = Subscriptions()
        self._links.connect(session.account_changed, self._account_changed)
        self._links.connect(session.target_changed, self._target_changed)
        self._links.connect(session.state_changed, self._state_changed)
        self._links.connect(session.env_changed, self._env_changed)
        self._env_changed(session.env)

    def refresh_quote(self) -> None:
        """The tab in view reads its stock's quote again (a poll, a change of tab)."""
        current = self.currentWidget()
        if isinstance(current, TicketForm):
            current.refresh_quote()

    def retranslate_tabs(self) -> None:
        """Each tab's name in the UI's language, found by its action (not its position)."""
        for action, form in self.by_action.items():
            self.setTabText(self.indexOf(form), tr(TAB_TEXTS[action]))

    def attach_log(self, log_view: OrderLogView) -> None:
        """The window's order log: a row selected there is the target, its menu opens a
        tab or resends, and a modify taken selects the new order's row."""
        self._log = log_view
        log_view.record_selected.connect(self.fill_from_log)
        log_view.modify_requested.connect(lambda rec: self.open_amend(rec, self.modify_form))
        log_view.cancel_requested.connect(lambda rec: self.open_amend(rec, self.cancel_form))
        log_view.resend_requested.connect(self.resend)

    def stop(self) -> None:
        """The window is closing: the forms stop and the desk stops listening."""
        self._links.close()
        for form in self.forms:
            form.stop()

    # ---- the core's state ---------------------------------------------------------------

    def _account_changed(self, snapshot: AccountSnapshot | None) -> None:
        self.buy_form.set_account(snapshot)
        self.sell_form.set_account(snapshot)

    def _state_changed(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            for form in self.forms:
                form.lookup()  # a code typed while connecting gets its quote now
        elif state in (ConnectionState.FAILED, ConnectionState.LOGGED_OUT):
            for form in self.forms:  # no connection: nothing will arrive to replace "—"
                form.forget_quote(loading=False, clear_prices=False)

    def _env_changed(self, env: Environment) -> None:
        for form in self.forms:
            form.on_env_changed(env)
        if env is not self._env_shown:  # another environment: none of its data is ours
            self._env_shown = env
            for form in self.forms:
                form.forget_quote(loading=True)

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
        if self._book.is_earlier_day(rec) or not rec.ord_no:
            return
        self._session.select_order(self._book.get(rec.local_id) or rec)

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
        row = self._book.row_of(head.local_id)
        if row is not None and self._log is not None:
            self._log.select_row(row)

    def open_amend(self, rec: OrderRecord | None, form: TicketForm) -> None:
        if rec is None or not rec.ord_no:
            return
        if self._book.is_earlier_day(rec):
            self._status.post(both("log.earlier_day", day=day_label(rec.trade_day)))
            return
        self._session.select_order(self._book.get(rec.local_id) or rec)
        target = self._session.target.record
        if target is not None and target.local_id == rec.local_id:
            # Opened afresh: all of it. fill_from is the amend tabs' (the only ones here).
            form.fill_from(target)  # type: ignore[attr-defined]  # an amend tab's, as above
        self.setCurrentWidget(form)
        (form.price or form.quantity).setFocus()

    def resend(self, rec: OrderRecord | None) -> asyncio.Task | None:
        """Send a request the exchange never took again, through its tab's own decision
        (validation, precautions, a confirmation that always asks). Once per row."""
        row = self._book.row_of(rec.local_id) if rec else None
        current = self._book.record(row) if row is not None else None  # its latest state
        resent = self._log.resent if self._log is not None else self._resent
        if current is None or not can_resend(current) or current.local_id in resent:
            self._status.post(both("status.resend_unavailable"))
            return None
        form = self.form_for(current.action)
        self.setCurrentWidget(form)
        task = form.resend(order_from_body(current.action.api_id, current.body),
                           current.stock_name)
        if task is not None:
            def sent(t: asyncio.Task) -> None:
                if not t.cancelled() and t.exception() is None and t.result():
                    resent.add(current.local_id)
            task.add_done_callback(sent)
        return task

    def sell_holding(self, holding) -> None:
        """A holding double-clicked: the Sell tab with that stock and all it can sell."""
        self.sell_form.fill_holding(holding)
        self.setCurrentWidget(self.sell_form)
        self.sell_form.price.setFocus()
