"""What ties the 호가창 to the window: it follows the stock of the ticket tab in view,
loads the book (ka10004) and refreshes it on the window's poll, shows the account's open
orders of that stock as badges, and turns the ladder's gestures into tickets that go
through the tabs' own send pipeline (validation, precautions, confirmation, journal):

- a click puts the price in the Buy/Sell tab (the Modify tab's new price when it is in view);
- a double-click, in one-click mode only, sends the Buy/Sell tab's ticket at that price;
  one the ladder refuses (two clicks on different prices, or a price that changed between
  them) sends nothing and says why under the ladder and in the status line;
- a badge dragged to another level modifies that order, a badge's × cancels it; both
  always ask first (old → new price and the distance in ticks, from the Modify tab);
- a click on a badge selects its order (the target of the Modify and Cancel tabs) and
  moves no price; a click beside one does nothing.

One-click mode is opted into per environment (saved), off by default; turning it on for
real trading asks by mouse, and there it still never skips a confirmation.

F6 (FOCUS_KEY) moves the keys to the ladder and back to the ticket.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from ..domain.environment import Environment
from ..domain.ladder_rows import own_orders, stop_traded, unseen_orders
from ..domain.send_decision import Confirm
from ..service.status import Severity, StatusChannel
from .dialogs import DialogService
from .i18n import both, tr
from .ladder_panel import LadderPanel
from .messages import error_detail
from .order_log_model import OrderLogModel
from .quote_lookup import is_full_code
from .session import ConnectionState, TradingSession
from .settings_store import one_click_key, open_settings
from .ticket_desk import TicketDesk
from .ticket_form import TicketForm

log = logging.getLogger(__name__)

NARROW_WINDOW = 1180  # below this width the ladder folds away: the ticket and log keep room
FOCUS_KEY = Qt.Key.Key_F6  # the keys to the ladder and back (F5 refreshes; F6 is free)


class LadderController(QObject):
    def __init__(self, session: TradingSession, desk: TicketDesk, model: OrderLogModel,
                 dialogs: DialogService, status: StatusChannel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.desk, self.model = session, desk, model
        self.dialogs, self.status = dialogs, status
        self.panel = LadderPanel()
        self.view = self.panel.view
        self.code = ""
        self.load_task: asyncio.Task | None = None
        self._stopped = False
        self.confirm_task: asyncio.Task | None = None  # turning one-click on for real money
        self._last_new_form: TicketForm = desk.buy_form  # where a click goes from Cancel
        self._window: QWidget | None = None
        v = self.view
        v.price_clicked.connect(self.price_clicked)
        v.price_double_clicked.connect(self.price_double_clicked)
        v.modify_requested.connect(self.modify)
        v.cancel_requested.connect(self.cancel)
        v.escape_pressed.connect(self._back_to_ticket)
        v.double_click_refused.connect(self._double_click_refused)
        v.badge_clicked.connect(self._badge_clicked)
        self.focus_shortcut: QShortcut | None = None
        # Stop orders whose stop price was seen to trade (trade day, order number): from
        # then on they show at their limit price (Kiwoom's lists don't say).
        self.triggered: set[tuple[str, str]] = set()
        self.panel.one_click.toggled.connect(self._one_click_toggled)
        desk.currentChanged.connect(lambda _i: self.follow())
        for form in desk.forms:
            form.stock.textChanged.connect(lambda _t: self.follow())
        # Badges follow the log's book: read once the window has put the records in it
        # (after every slot of the same signal), once for a burst.
        self._orders_soon = QTimer(self)
        self._orders_soon.setSingleShot(True)
        self._orders_soon.setInterval(0)
        self._orders_soon.timeout.connect(self.show_orders)
        for signal in (session.records_changed, session.history_loaded,
                       session.trade_day_changed, model.book_changed):
            signal.connect(lambda *_a: self._orders_soon.start())
        session.state_changed.connect(self._state_changed)
        session.env_changed.connect(self._env_changed)
        self._env_changed(session.env)
        self.view.clear(tr("ladder.no_stock"))

    # ---- where it sits ------------------------------------------------------------------

    def fold_below(self, window: QWidget) -> None:
        """Hide the ladder while `window` is narrower than NARROW_WINDOW (1024 px screens:
        the ticket and the log's status column come first)."""
        self._window = window
        window.installEventFilter(self)
        self._fit()
        self.focus_shortcut = QShortcut(QKeySequence(FOCUS_KEY), window)
        self.focus_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_shortcut.activated.connect(self.toggle_focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() is QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        if self._window is None:
            return
        show = self._window.width() >= NARROW_WINDOW
        if show != self.panel.isVisibleTo(self._window):
            self.panel.setVisible(show)
            if show:
                self.refresh()  # folded away, it was not kept up to date

    # ---- following the ticket -----------------------------------------------------------

    def current_code(self) -> str:
        form = self.desk.current_form()
        code = form.stock_code() if form is not None else ""
        return code if is_full_code(code) else ""

    def follow(self) -> None:
        form = self.desk.current_form()
        if form is not None and form.action.is_new:
            self._last_new_form = form
        code = self.current_code()
        if code == self.code:
            return
        self.code = code
        self.view.clear(tr("ladder.no_stock") if not code else tr("ladder.loading"))
        self.panel.show_stock(code, form.stock_name() if form is not None and code else "")
        self.show_orders()
        self.refresh()

    def refresh(self) -> asyncio.Task | None:
        """Load the book of the stock followed (on a change and on every poll). One load
        at a time: a slow reply never queues more in front of orders."""
        if self._stopped or not self.code or not self.session.connected:
            return None
        if self._window is not None and not self.panel.isVisibleTo(self._window):
            return None  # folded away (a narrow window): no requests for what no one sees
        if self.load_task is not None and not self.load_task.done():
            return None
        code = self.code
        self.load_task = asyncio.ensure_future(self._load(code))
        # The ticket moved to another stock while this one loaded: load that one next.
        self.load_task.add_done_callback(
            lambda _t: not self._stopped and self.code != code and self.refresh())
        return self.load_task

    async def _load(self, code: str) -> None:
        try:
            depth = await self.session.depth(code)
        except Exception as exc:
            log.info("order book of %s failed: %s", code, error_detail(exc))
            if code == self.code:
                self.view.set_note(tr("ladder.failed"))
            return
        if code != self.code:
            return
        self.view.set_depth(depth)
        form = self.desk.current_form()
        if form is not None and form.stock_code() == code:
            self.view.set_last_price(form.current_price())
            self.panel.show_stock(code, form.stock_name())
            self._saw_trade(form.current_price() or 0)
        self._say_unseen()

    def stop(self) -> None:
        """The window is closing: no more loads, and the one in flight is dropped."""
        self._stopped = True
        if self.load_task is not None:
            self.load_task.cancel()

    def sync_name(self) -> None:
        """The stock's name beside its code once the ticket's quote has it (live, no
        book request brings it)."""
        form = self.desk.current_form()
        if self.code and form is not None and form.stock_code() == self.code:
            self.panel.show_stock(self.code, form.stock_name())

    def set_depth(self, depth) -> None:
        """A book from elsewhere (0D, live): taken when it is the followed stock's."""
        if depth.code == self.code:
            self.view.set_depth(depth)

    def set_last_price(self, code: str, price: int) -> None:
        """The current price from elsewhere (0B, live), for the followed stock."""
        if code == self.code:
            self.view.set_last_price(price)
            self._saw_trade(price)

    def _saw_trade(self, price: int) -> None:
        """A trade at `price` of the followed stock: the stops it sets off move to their
        limit price."""
        hit = {(o.record.trade_day, o.record.ord_no) for o in self.view.orders
               if stop_traded(o, price)}
        if hit - self.triggered:
            self.triggered |= hit
            self.show_orders()

    def show_orders(self) -> None:
        book = self.model.book
        # Only once today's trading day is known: an order number names an order within
        # its day, and a badge must never stand for another day's order.
        today = book.trade_day
        orders = (own_orders(book.recent(), self.code, book, today, self.triggered)
                  if self.code and today else [])
        self.view.set_orders(orders)
        self._say_unseen()

    def _say_unseen(self) -> None:
        if self.view.depth.empty:
            return
        unseen = unseen_orders(self.view.rows, self.view.orders)
        self.view.set_note(tr("ladder.unseen", n=len(unseen)) if unseen else "")

    def _state_changed(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            self.code = ""  # load anew for the environment just opened
            self.follow()
        elif state is not ConnectionState.CONNECTING:
            self.view.clear(tr("ladder.no_stock") if not self.code else "")

    # ---- gestures -----------------------------------------------------------------------

    def price_clicked(self, price: int) -> None:
        self.panel.say("")
        form = self.desk.current_form()
        if form is None or form is self.desk.cancel_form:
            form = self._last_new_form
            self.desk.setCurrentWidget(form)
        form.choose_price(price)

    def price_double_clicked(self, price: int) -> asyncio.Task | None:
        """One-click: the Buy/Sell tab's ticket at `price`, through its pipeline."""
        form = self.desk.current_form()
        if not self.one_click or form is None or not form.action.is_new or not form.takes_price():
            return None
        form.choose_price(price)
        return form.submit(Confirm.ONE_CLICK)

    def _double_click_refused(self, key: str, values: dict) -> None:
        """Said only when a double-click would have sent (one-click on, a Buy/Sell tab):
        otherwise a double-click is two clicks and there is nothing to refuse."""
        form = self.desk.current_form()
        if not self.one_click or form is None or not form.action.is_new:
            return
        self.panel.say(tr(key, **values))
        self.status.post(both(key, **values), severity=Severity.WARNING)

    def _badge_clicked(self, record) -> None:
        """A click on a badge (not its ×, no drag) selects its order: the target of the
        Modify and Cancel tabs (as a row of the log or 미체결 does), named in the status
        line. No price moves, no tab changes, nothing is sent."""
        own = next((o for o in self.view.orders if o.record.local_id == record.local_id),
                   None)
        if own is None or self.model.is_earlier_day(record):
            return
        self.session.select_order(self.model.book.get(record.local_id) or record)
        self.panel.say("")
        self.status.post(both("ladder.badge_said", side=own.side.label, no=record.ord_no or "",
                              qty=f"{own.open_qty:,}", price=f"{own.price:,}"), persist=False)

    def toggle_focus(self) -> None:
        """F6: the keys to the ladder, or back to the ticket when the ladder has them."""
        if self.view.hasFocus():
            self._back_to_ticket()
        elif self.panel.isVisible():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def modify(self, record, price: int) -> asyncio.Task | None:
        form = self.desk.modify_form
        if not self._target(record, form):
            return None
        form.price.setText(str(price))
        return form.submit(Confirm.ALWAYS)

    def cancel(self, record) -> asyncio.Task | None:
        form = self.desk.cancel_form
        if not self._target(record, form):
            return None
        return form.submit(Confirm.ALWAYS)

    def _target(self, record, form) -> bool:
        """Point the Modify or Cancel tab at `record` (in view, as the log's menu does);
        False when it can't be: a send of that tab still in flight, or an order the tab
        refuses to target (an earlier day's)."""
        if form.busy:  # said, never dropped without a word
            self.status.post(both("submit.form_busy"), severity=Severity.WARNING)
            return False
        if not record.ord_no or self.model.is_earlier_day(record):
            return False
        self.desk.open_amend(record, form)
        return form.orig_ord_no.text() == record.ord_no

    def _back_to_ticket(self) -> None:
        form = self.desk.current_form()
        if form is not None:
            (form.price or form.stock).setFocus()

    # ---- one-click mode -----------------------------------------------------------------

    @property
    def one_click(self) -> bool:
        return self.panel.one_click.isChecked()

    def _env_changed(self, env: Environment) -> None:
        on = open_settings().value(one_click_key(env), False) in (True, "true", "1")
        button = self.panel.one_click
        button.blockSignals(True)
        button.setChecked(bool(on))
        button.blockSignals(False)

    def _one_click_toggled(self, on: bool) -> None:
        env = self.session.env
        if on and env is Environment.REAL:
            self._set_one_click(False, save=False)  # only once the mouse says yes
            self.confirm_task = asyncio.ensure_future(self._confirm_real(env))
            return
        self._save(env, on)

    async def _confirm_real(self, env: Environment) -> None:
        yes = await self.dialogs.confirm(tr("ladder.one_click_real.title"),
                                         tr("ladder.one_click_real.text"), require_mouse=True)
        if yes and self.session.env is env:
            self._set_one_click(True, save=True)

    def _set_one_click(self, on: bool, save: bool) -> None:
        button = self.panel.one_click
        button.blockSignals(True)
        button.setChecked(on)
        button.blockSignals(False)
        if save:
            self._save(self.session.env, on)

    def _save(self, env: Environment, on: bool) -> None:
        settings = open_settings()
        settings.setValue(one_click_key(env), on)
        settings.sync()

    def retranslate(self) -> None:
        self.panel.retranslate()
        if not self.code:
            self.view.set_note(tr("ladder.no_stock"))
