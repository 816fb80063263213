"""The four order tabs and what the order log does to them: a row selected (in the log,
in 미체결, a badge of the 호가창) becomes the one target of the Modify and Cancel tabs
(the core's OrderTarget; both tabs mirror it), a modify taken moves it on to the new
order, a row's menu opens a tab or resends, a holding double-clicked opens Sell. Earlier
days' rows are final.

The Sell and Cancel forms are built the first time their tab shows or code asks for them
(cold start, issue 26: nothing on them is visible at the first paint; a tab restored from
the settings shows, so it is built before the paint). Modify, hidden too, is built at the
start: its height sets the ticket's. A form built
late is told what the others were told (the environment, the connection, the target)
before it shows, so the trader sees what an eagerly built one would show."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..domain.environment import Environment
from ..domain.orders import Action, order_from_body
from ..domain.records import OrderRecord, day_label
from ..domain.status import OrderStatus
from . import theme
from .i18n import both, tr
from .new_order_form import NewOrderForm
from .order_log_view import OrderLogView, can_resend
from .session_bridge import ConnectionState
from .subscriptions import Subscriptions
from .ticket_form import TicketForm

if TYPE_CHECKING:
    from ..service import AccountSnapshot
    from .amend_forms import CancelForm, ModifyForm
    from .app_core import AppCore
    from .dialogs import DialogService

# The tabs' positions before they were keyed by action: how older settings name a tab.
_OLD_TAB_ORDER = (Action.BUY, Action.SELL, Action.MODIFY, Action.CANCEL)
TAB_TEXTS = {Action.BUY: "tab.buy", Action.SELL: "tab.sell", Action.MODIFY: "tab.modify",
             Action.CANCEL: "tab.cancel"}  # each tab's name, by the action it takes


class LazyTab(QWidget):
    """A tab's page whose form is built when the page first shows (a tab chosen by click,
    key, code or the saved settings: `show` runs before the tab's first paint and before
    QTabWidget moves the focus into it) or when code asks for it (`form`)."""

    def __init__(self, make: Callable[[], TicketForm],
                 ready: Callable[[TicketForm], None]) -> None:
        """`make` builds the form; `ready` wires and fills it once it is this page's (what
        it does may ask for the form again: it is there by then)."""
        super().__init__()
        self._make, self._ready = make, ready
        self._form: TicketForm | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._form is not None

    def form(self) -> TicketForm:
        if self._form is None:
            self._form = form = self._make()
            self._layout.addWidget(form)
            self._follow_in_tab_order(form)
            if self.isVisible():
                form.show()  # now, not on the layout's queued show: it paints with the tab
            self._ready(form)
        return self._form

    def showEvent(self, event: QShowEvent) -> None:
        self.form()
        super().showEvent(event)

    def _follow_in_tab_order(self, form: QWidget) -> None:
        """The form's fields join the window's Tab order right after this page, where they
        were when every form was built at the start, not at the order's end (where Qt puts
        widgets that join a window): Tab from its last field leads where it did. Qt moves a
        widget with its fields only if it has them behind a focus proxy ("compound"), and
        only between widgets that take focus: so for this one call, both do."""
        first = form.nextInFocusChain()
        while first is not None and first is not form and not (
                form.isAncestorOf(first) and first.focusPolicy() & Qt.FocusPolicy.TabFocus):
            first = first.nextInFocusChain()
        if first is None or first is form:
            return  # nothing in it takes the focus
        policies = self.focusPolicy(), form.focusPolicy()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        form.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        form.setFocusProxy(first)
        QWidget.setTabOrder(self, form)
        form.setFocusProxy(None)  # type: ignore[arg-type]  # None clears it (Qt's own API)
        self.setFocusPolicy(policies[0])
        form.setFocusPolicy(policies[1])


class TicketDesk(QTabWidget):
    """The four tabs of one ticket window. Subscribes itself to the core's bridge (and
    lets go in `stop`: a second ticket window closes while the core lives on); the
    window's order log, if it has one, is attached with `attach_log`.

    Whoever wires something to every form uses `each_form`, which also reaches the Sell
    and Cancel forms once they are built; `built_forms` are the forms built so far, and
    `forms` all four (building any not built yet)."""

    form_built = Signal(object)  # a TicketForm, just built (Sell, Cancel: on first view)

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
        self._shared = (session, dialogs, self._book)
        self.buy_form = NewOrderForm(Action.BUY, *self._shared, status=status, tasks=self.tasks)
        # The Modify form is built now too, though hidden: it is the tallest tab, and a tab
        # widget is as tall as its tallest page, so without it the ticket would paint
        # 30 px shorter (and the account panel taller) until Modify was first opened.
        modify = self._maker(Action.MODIFY)()
        modify.sent.connect(self._modify_sent)
        # Each tab's page by the action it takes; their order on screen is this dict's.
        # Sell and Cancel are built on their first view.
        self._pages: dict[Action, TicketForm | LazyTab] = {
            Action.BUY: self.buy_form,
            Action.SELL: LazyTab(self._maker(Action.SELL), self._built_late),
            Action.MODIFY: modify,
            Action.CANCEL: LazyTab(self._maker(Action.CANCEL), self._built_late)}
        for page in self._pages.values():
            self.addTab(page, "")
        for action, colour in ((Action.BUY, theme.BUY), (Action.SELL, theme.SELL)):
            self.tabBar().setTabTextColor(self.indexOf(self._pages[action]), colour)
        self.setMinimumWidth(380)
        self.currentChanged.connect(self._tab_changed)
        self._env_shown: Environment | None = None  # whose quotes the forms show
        self._env_told = session.env  # what the forms were told last: a late one hears it
        self._state_told = session.state
        self._account_told: AccountSnapshot | None = None
        self._links = Subscriptions()
        self._links.connect(session.account_changed, self._account_changed)
        self._links.connect(session.target_changed, self._target_changed)
        self._links.connect(session.state_changed, self._state_changed)
        self._links.connect(session.env_changed, self._env_changed)
        self._env_changed(session.env)

    # ---- the forms, built now or on first view ------------------------------------------

    def _maker(self, action: Action) -> Callable[[], TicketForm]:
        def make() -> TicketForm:
            if action is Action.SELL:
                return NewOrderForm(action, *self._shared, status=self._status, tasks=self.tasks)
            from .amend_forms import CancelForm, ModifyForm  # with the form (cold start)

            kind = ModifyForm if action is Action.MODIFY else CancelForm
            return kind(*self._shared, status=self._status, tasks=self.tasks)

        return make

    def _built_late(self, form: TicketForm) -> None:
        """A Sell or Cancel form on its first view, in its page: wired like the others
        (`form_built` first, so what follows reaches everyone wired to it), then told what
        the forms built at the start were told since: the environment, the connection,
        the account (Sell: 매도가능) or the target (Cancel; rule 9: the order selected
        last). Its texts are the UI's language already (a form reads it as it is built)."""
        self.form_built.emit(form)
        form.on_env_changed(self._env_told)
        form.forget_quote(loading=True)
        self._state_changed_for(form, self._state_told)
        if isinstance(form, NewOrderForm):
            form.set_account(self._account_told)
        else:
            target = self._session.target.record
            form.show_target(target, False)  # type: ignore[attr-defined]  # an amend tab's

    def _page_built(self, action: Action) -> TicketForm | None:
        page = self._pages[action]
        if isinstance(page, LazyTab):
            return page.form() if page.built else None
        return page

    @property
    def forms(self) -> tuple[TicketForm, ...]:
        """Every tab's form in tab order, built now if it was not yet (code that only
        needs the forms that exist uses `built_forms` or `each_form`)."""
        return tuple(self.form_for(action) for action in self._pages)

    @property
    def built_forms(self) -> tuple[TicketForm, ...]:
        """The forms built so far, in tab order (Sell and Cancel once first viewed)."""
        return tuple(form for action in self._pages
                     if (form := self._page_built(action)) is not None)

    def each_form(self, wire: Callable[[TicketForm], object]) -> None:
        """`wire` every form built so far now, and each form built later as it is built
        (before it is shown or told anything)."""
        for form in self.built_forms:
            wire(form)
        self.form_built.connect(wire)

    @property
    def sell_form(self) -> NewOrderForm:
        return self.form_for(Action.SELL)  # type: ignore[return-value]  # the Sell tab's

    @property
    def modify_form(self) -> ModifyForm:
        return self.form_for(Action.MODIFY)  # type: ignore[return-value]  # the Modify tab's

    @property
    def cancel_form(self) -> CancelForm:
        return self.form_for(Action.CANCEL)  # type: ignore[return-value]  # the Cancel tab's

    def _page_of(self, widget: QWidget) -> QWidget:
        """A form's tab page (Modify, Cancel: the page that holds it)."""
        for page in self._pages.values():
            if isinstance(page, LazyTab) and page.built and page.form() is widget:
                return page
        return widget

    # QTabWidget's own, called from Python with a form: its page. Code (and tests) keep
    # naming the forms as the tabs they are.
    def currentWidget(self) -> QWidget:
        page = super().currentWidget()
        return page.form() if isinstance(page, LazyTab) else page

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self._page_of(widget))

    def indexOf(self, widget: QWidget) -> int:
        return super().indexOf(self._page_of(widget))

    def refresh_quote(self) -> None:
        """The tab in view reads its stock's quote again (a poll, a change of tab)."""
        current = self.currentWidget()
        if isinstance(current, TicketForm):
            current.refresh_quote()

    def retranslate_tabs(self) -> None:
        """Each tab's name in the UI's language, found by its action (not its position)."""
        for action, page in self._pages.items():
            self.setTabText(super().indexOf(page), tr(TAB_TEXTS[action]))

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
        for form in self.built_forms:
            form.stop()

    # ---- the core's state ---------------------------------------------------------------

    def _account_changed(self, snapshot: AccountSnapshot | None) -> None:
        self._account_told = snapshot
        for form in self.built_forms:
            if isinstance(form, NewOrderForm):
                form.set_account(snapshot)

    def _state_changed(self, state: ConnectionState) -> None:
        self._state_told = state
        for form in self.built_forms:
            self._state_changed_for(form, state)

    @staticmethod
    def _state_changed_for(form: TicketForm, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            form.lookup()  # a code typed while connecting gets its quote now
        elif state in (ConnectionState.FAILED, ConnectionState.LOGGED_OUT):
            # No connection: nothing will arrive to replace "—".
            form.forget_quote(loading=False, clear_prices=False)

    def _env_changed(self, env: Environment) -> None:
        self._env_told = env
        for form in self.built_forms:
            form.on_env_changed(env)
        if env is not self._env_shown:  # another environment: none of its data is ours
            self._env_shown = env
            for form in self.built_forms:
                form.forget_quote(loading=True)

    def form_for(self, action: Action) -> TicketForm:
        page = self._pages[action]
        return page.form() if isinstance(page, LazyTab) else page

    def current_form(self) -> TicketForm | None:
        form = self.currentWidget()
        return form if isinstance(form, TicketForm) else None

    def current_action(self) -> Action | None:
        """The action of the tab shown (what the window remembers across runs)."""
        form = self.current_form()
        return form.action if form is not None else None

    def show_action(self, action: Action) -> None:
        super().setCurrentWidget(self._pages[action])

    def saved_tab(self) -> str:
        """The tab shown, as the settings keep it: its action's name ("modify")."""
        action = self.current_action()
        return (action or Action.BUY).name.lower()

    def show_saved_tab(self, saved: object) -> None:
        """Show the tab `saved_tab` named; versions up to this one kept the tab's position
        (0-3, in the order buy, sell, modify, cancel), which still reads; anything else
        shows Buy."""
        text = str(saved or "").strip()
        by_name = {a.name.lower(): a for a in self._pages}
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
        show it (a tab not built yet shows it when it is)."""
        for action in (Action.MODIFY, Action.CANCEL):
            form = self._page_built(action)
            if form is not None:
                form.show_target(rec, reselected)  # type: ignore[attr-defined]  # amend

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
