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
  moves no price; a click beside one does nothing;
- the watches of the stock (the core's protection) show as lines, a bracket's target and
  stop as one chain; a stop or target line dragged to another level moves its watch's
  trigger there, after an armed question (old → new, the distance in ticks), never to a
  price that would fire it on the next trade;
- a right click on a level offers a new stop (below the last trade) or target (above)
  there, through the watch question (ui/ladder_watch.py).

One-click mode is opted into per environment (saved), off by default; turning it on for
real trading asks by mouse, and there it still never skips a confirmation.

F6 (FOCUS_KEY) moves the keys to the ladder and back to the ticket.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from ..domain.environment import Environment
from ..domain.ladder_marks import ladder_marks, move_refusal
from ..domain.ladder_rows import own_orders, stop_traded, unseen_orders
from ..domain.orders import Action
from ..domain.send_decision import Confirm
from ..domain.ticks import is_on_tick, ticks_between
from ..domain.watches import Watch
from ..service.status import Severity
from .i18n import both, pick, signed_ticks, tr
from .ladder_panel import LadderPanel
from .ladder_tools import LadderTools
from .ladder_watch import LadderWatchSetter
from .quote_lookup import is_full_code
from .session_bridge import ConnectionState
from .settings_store import one_click_key, open_settings
from .subscriptions import Subscriptions
from .ticket_desk import TicketDesk
from .ticket_form import TicketForm

if TYPE_CHECKING:
    from .app_core import AppCore
    from .dialogs import DialogService

log = logging.getLogger(__name__)

NARROW_WINDOW = 1180  # below this width the ladder folds away: the ticket and log keep room
FOCUS_KEY = Qt.Key.Key_F6  # the keys to the ladder and back (F5 refreshes; F6 is free)


class LadderController(QObject):
    def __init__(self, core: AppCore, desk: TicketDesk, parent: QObject | None = None,
                 dialogs: DialogService | None = None) -> None:
        """`dialogs`: the window's own questions, if not the main window's."""
        super().__init__(parent)
        session, status = core.session, core.status
        dialogs = dialogs or core.dialogs
        self.session, self.desk = session, desk
        self.book = session.orders.book  # the core's: read here, written by the core
        self.dialogs, self.status = dialogs, status
        self.runner = core.tasks
        self.panel = LadderPanel()
        self.view = self.panel.view
        self.tools = LadderTools(self.panel.position, self.view, session, desk, self.book,
                                 dialogs, self.runner, self)
        self.new_watch = LadderWatchSetter(self.panel, self.tools, session, desk, self.runner,
                                           self)
        self.presets_action: QAction | None = None  # Settings -> 수량 프리셋 (add_settings)
        self.code = ""
        self.load_task: asyncio.Task | None = None
        self._stopped = False
        self.confirm_task: asyncio.Task | None = None  # turning one-click on for real money
        self._last_new_form: TicketForm = desk.buy_form  # where a click goes from Cancel
        self._window: QWidget | None = None
        self._narrow = NARROW_WINDOW
        self._env_shown: Environment | None = None  # whose book the ladder shows
        v = self.view
        v.price_clicked.connect(self.price_clicked)
        v.price_double_clicked.connect(self.price_double_clicked)
        v.modify_requested.connect(self.modify)
        v.cancel_requested.connect(self.cancel)
        v.escape_pressed.connect(self._back_to_ticket)
        v.double_click_refused.connect(self._double_click_refused)
        v.badge_clicked.connect(self._badge_clicked)
        v.watch_move_requested.connect(self.move_watch)
        v.menu_requested.connect(self.new_watch.menu)
        self.move_task: asyncio.Task | None = None  # a line's move, asking or saving
        self.focus_shortcut: QShortcut | None = None
        # Stop orders whose stop price was seen to trade (trade day, order number): from
        # then on they show at their limit price (Kiwoom's lists don't say).
        self.triggered: set[tuple[str, str | None]] = set()  # (trade day, ord_no)
        self.panel.one_click.toggled.connect(self._one_click_toggled)
        desk.currentChanged.connect(lambda _i: self.follow())
        desk.each_form(lambda form: form.stock.textChanged.connect(lambda _t: self.follow()))
        # Badges follow the core's book (whole whenever it tells): read once for a burst.
        self._orders_soon = QTimer(self)
        self._orders_soon.setSingleShot(True)
        self._orders_soon.setInterval(0)
        self._orders_soon.timeout.connect(self.show_orders)
        self._links = Subscriptions()  # the core outlives this window: let go on stop()
        for signal in (session.history_loaded, session.trade_day_changed,
                       session.orders_changed):
            self._links.connect(signal, self._orders_changed)
        self._links.connect(session.state_changed, self._state_changed)
        protection = session.core.protection
        self.watches, self.brackets = protection.watches, protection.brackets
        for event in (self.watches.changed, self.brackets.changed):
            self._links.connect(event, self._marks_changed)
        self._links.connect(session.env_changed, self._env_changed)
        self._env_changed(session.env)
        self.view.clear(tr("ladder.no_stock"))

    # ---- where it sits ------------------------------------------------------------------

    def fold_below(self, window: QWidget, narrow: int = NARROW_WINDOW) -> None:
        """Hide the ladder while `window` is narrower than `narrow` (1024 px screens: the
        ticket and the log's status column come first)."""
        self._window = window
        self._narrow = narrow
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
        show = self._window.width() >= self._narrow
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
        self.load_task = self.runner.run(self._load(code), what=f"order book of {code}",
                                         on_error=lambda _exc: self._not_loaded(code))
        # The ticket moved to another stock while this one loaded: load that one next.
        self.load_task.add_done_callback(
            lambda _t: not self._stopped and self.code != code and self.refresh())
        return self.load_task

    def _not_loaded(self, code: str) -> None:
        """Said under the ladder (the next poll tries again); the runner logs why."""
        if code == self.code and not self._stopped:
            self.view.set_note(tr("ladder.failed"))

    async def _load(self, code: str) -> None:
        depth = await self.session.depth(code)
        if code != self.code:
            return
        self.view.set_depth(depth)
        form = self.desk.current_form()
        if form is not None and form.stock_code() == code:
            self.view.set_last_price(form.current_price())
            self.panel.show_stock(code, form.stock_name())
            self._saw_trade(form.current_price() or 0)
        self._say_unseen()

    def _orders_changed(self, *_args: object) -> None:
        self._orders_soon.start()

    def poll(self) -> None:
        """A poll: the book read again unless the stream keeps it current (0D), and the
        stock's name said again."""
        if not self.session.stream_live:
            self.refresh()
        self.sync_name()

    def stop(self) -> None:
        """The window is closing: no more loads, and the one in flight is dropped."""
        self._stopped = True
        self.tools.stop()
        self.new_watch.stop()
        self._orders_soon.stop()
        self._links.close()
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
            self.tools.set_last_price(price)
            self._saw_trade(price)

    def _saw_trade(self, price: int) -> None:
        """A trade at `price` of the followed stock: the stops it sets off move to their
        limit price."""
        hit = {(o.record.trade_day, o.record.ord_no or "") for o in self.view.orders
               if stop_traded(o, price)}
        if hit - self.triggered:
            self.triggered |= hit
            self.show_orders()

    def show_orders(self) -> None:
        book = self.book
        # Only once today's trading day is known: an order number names an order within
        # its day, and a badge must never stand for another day's order.
        today = book.trade_day
        orders = (own_orders(book.open_today(), self.code, book, today, self.triggered)
                  if self.code and today else [])
        self.view.set_orders(orders)
        self.show_marks()
        self.tools.follow(self.code)  # the position and the one-side cancels' counts
        self._say_unseen()

    def show_marks(self) -> None:
        """The followed stock's watches as lines, its brackets as chains."""
        marks, chains = ladder_marks(self.watches.all(), self.brackets.all(), self.code)
        self.view.set_marks(marks, chains)

    def _marks_changed(self, _moved: object) -> None:
        if not self._stopped:
            self.show_marks()

    def _say_unseen(self) -> None:
        if self.view.depth.empty:
            return
        unseen = unseen_orders(self.view.rows, self.view.orders)
        self.view.set_note(tr("ladder.unseen", n=len(unseen)) if unseen else "")

    def _state_changed(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            self.code = ""  # load anew for the environment just opened
            self.follow()
        elif state in (ConnectionState.FAILED, ConnectionState.LOGGED_OUT):
            self.code = ""  # no connection: nothing will arrive to replace "—"
            self.view.clear(tr("common.none"))
        elif state is not ConnectionState.CONNECTING:
            self.view.clear(tr("ladder.no_stock") if not self.code else "")

    # ---- gestures -----------------------------------------------------------------------

    def price_clicked(self, price: int) -> None:
        self.panel.say("")
        form = self.desk.current_form()
        if form is None or form.action is Action.CANCEL:
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
        if own is None or self.book.is_earlier_day(record):
            return
        self.session.select_order(self.book.get(record.local_id) or record)
        self.panel.say("")
        self.status.post(both("ladder.badge_said", side=own.side.label, no=record.ord_no or "",
                              qty=f"{own.open_qty:,}", price=f"{own.price:,}"), persist=False)

    def move_watch(self, watch_id: str, price: int) -> asyncio.Task | None:
        """A stop or target line dropped on `price`: ask, then move the watch's trigger.
        One move at a time; a price that would fire it at once is refused, said."""
        watch = self.watches.get(watch_id)
        mark = next((m for m in self.view.marks if m.watch_id == watch_id), None)
        if watch is None or mark is None or (
                self.move_task is not None and not self.move_task.done()):
            return None
        if not self._move_allowed(mark, price):
            return None
        self.move_task = self.runner.run(self._move_watch(watch, mark, price),
                                         what="moving a watch's line")
        return self.move_task

    def _move_allowed(self, mark, price: int) -> bool:
        refusal = move_refusal(mark, price, self.view.last_price)
        if refusal is None:
            return True
        self.panel.say(pick(refusal))
        self.status.post(refusal, severity=Severity.WARNING)
        return False

    async def _move_watch(self, watch: Watch, mark, price: int) -> None:
        old = watch.trigger
        ticks = signed_ticks(ticks_between(old, price)) if is_on_tick(old) and is_on_tick(
            price) else "—"
        kind = pick(watch.kind.label)
        yes = await self.dialogs.confirm(
            tr("ladder.mark_move.title"),
            tr("ladder.mark_move.text", name=watch.stock_name or watch.stock_code, kind=kind,
               old=f"{old:,}", new=f"{price:,}", ticks=ticks, qty=f"{watch.quantity:,}"))
        if not yes or self._stopped:
            return
        if not self._move_allowed(mark, price):  # the price moved while it asked
            return
        if await self.watches.move_trigger(watch.watch_id, price, old):
            self.panel.say("")
            self.status.post(both("ladder.mark_moved", kind=watch.kind.label, old=f"{old:,}",
                                  new=f"{price:,}"), persist=False)
        else:
            self.panel.say(tr("ladder.mark_gone"))
            self.status.post(both("ladder.mark_gone"), severity=Severity.WARNING)

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
        if not record.ord_no or self.book.is_earlier_day(record):
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
        if env is not self._env_shown:  # another environment: none of its book is ours
            if self._env_shown is not None:
                self.code = ""
                self.view.clear(tr("common.loading"))
            self._env_shown = env
        on = open_settings().value(one_click_key(env), False) in (True, "true", "1")
        button = self.panel.one_click
        button.blockSignals(True)
        button.setChecked(bool(on))
        button.blockSignals(False)

    def _one_click_toggled(self, on: bool) -> None:
        env = self.session.env
        if on and env is Environment.REAL:
            self._set_one_click(False, save=False)  # only once the mouse says yes
            self.confirm_task = self.runner.run(self._confirm_real(env),
                                                what="one-click confirmation")
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

    def add_settings(self, menu: QMenu, before: QAction | None = None) -> None:
        """Settings -> 수량 프리셋… (the quick quantity buttons under the ladder)."""
        action = QAction(tr("presets.menu"), menu)
        action.setMenuRole(QAction.MenuRole.NoRole)  # stays in Settings on macOS too
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        action.triggered.connect(lambda: self.tools.edit_presets(self._window))
        self.presets_action = action

    def retranslate(self) -> None:
        self.panel.retranslate()
        if self.presets_action is not None:
            self.presets_action.setText(tr("presets.menu"))
        if not self.code:
            self.view.set_note(tr("ladder.no_stock"))
