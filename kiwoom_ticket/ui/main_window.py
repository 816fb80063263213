"""The ticket window: environment bar, the four order tabs, the order log."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStatusBar,
)

from ..domain.environment import Environment
from ..domain.kill_switch import TITLE_MARK as KILL_TITLE_MARK
from ..domain.text import Text
from ..service import CredentialStore
from ..service.status import Severity, StatusLine
from . import theme
from .account_panel import AccountPanel
from .account_sync import AccountSync
from .app_core import AppCore
from .dialogs import DialogService
from .elided import ElidedLabel
from .env_bar import EnvBar
from .env_controls import EnvControls
from .i18n import both, language, pick, tr
from .kill_switch import KillSwitchControl
from .ladder_controller import LadderController
from .live_wiring import LiveWiring
from .order_lists import OrderLists
from .order_log_model import OrderLogModel
from .order_log_view import OrderLogView
from .resources import app_icon
from .session_bridge import ConnectionState, ServiceFactory
from .settings_store import (
    KEY_LANGUAGE,
)
from .stale_issues import StaleIssues
from .ticket_desk import TicketDesk
from .watch_panel import WatchPanel
from .window_frame import window_frame
from .window_geometry import WindowGeometry
from .window_menu import MenuCommands, WindowMenu
from .window_refresh import WindowRefresh

if TYPE_CHECKING:
    from ..service import Quote
    from .amend_forms import CancelForm, ModifyForm
    from .new_order_form import NewOrderForm
    from .precautions_dialog import PrecautionsDialog
    from .ticket_form import TicketForm
    from .ticket_window import TicketWindow

log = logging.getLogger(__name__)

_STATUS_STYLES = {Severity.INFO: "", Severity.WARNING: f"color: {theme.ERROR_TEXT};",
                  Severity.ALERT: theme.ALERT_STYLE}


class MainWindow(QMainWindow):
    """Lays out the panels of the core it is given (ui/app_core.py) and owns nothing
    else: its place on the screen is `placement` (window_geometry.py), its polls are
    `refresher` (window_refresh.py); closing it closes the app."""

    closed = Signal()

    def __init__(
        self,
        core: AppCore | None = None,
        *,
        service_factory: ServiceFactory | None = None,
        credential_store: CredentialStore | None = None,
        dialogs: DialogService | None = None,
    ) -> None:
        super().__init__()
        self.setStyleSheet(theme.WINDOW_STYLE)  # before any child: each is styled once
        # The core is built by the composition root (app.py); a window made alone (a
        # test's, a bench's) builds one the same way.
        if core is None:
            core = AppCore(service_factory=service_factory, credential_store=credential_store,
                           dialogs=dialogs)
        self.core = core
        core.parent_dialogs_to(self)
        self.settings, self.status, self.worker = core.settings, core.status, core.worker
        self.session, self.dialogs, self.tasks = core.session, core.dialogs, core.tasks
        self._env_shown: Environment | None = None  # whose data the panels show
        self._status_shown: StatusLine | None = None  # drawn again after a language switch
        self._activity_shown: StatusLine | None = None
        self._shut = False
        self.ticket_windows: list[TicketWindow] = []  # 창 → 새 주문창, on this core
        self._ticket_numbers = 1  # this window is the first

        self.model = OrderLogModel(self, orders=self.session.orders)
        self.model.follow_brackets(self.session.core.protection)  # a bracket: one chain
        self.log_view = OrderLogView(self.model, status=self.status)
        self.env_bar = EnvBar()
        self.banner = QLabel()
        self.banner.setObjectName("realBanner")
        self.banner.setStyleSheet(theme.REAL_BANNER_STYLE)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()

        self.tabs = TicketDesk(core)
        self.tabs.attach_log(self.log_view)
        self.buy_form = self.tabs.buy_form
        # A field's message goes when its reason does (a stop price typed, time passed).
        # Sell and Cancel are built on first view: each_form wires them then.
        self._stale_checks: list[StaleIssues] = []
        self.tabs.each_form(lambda form: self._stale_checks.append(StaleIssues(form)))
        # What tests and the self-test call on the window: the desk does it.
        self.form_for, self.open_amend = self.tabs.form_for, self.tabs.open_amend
        self.resend, self.sell_holding = self.tabs.resend, self.tabs.sell_holding
        self.account_panel = AccountPanel()
        # The account's 현재가 is the quote line's, at the same time.
        self.tabs.each_form(lambda form: form.quote_shown.connect(self._quote_shown))
        # Small screens (1280x720 laptops, a display scaled 150%): the panel gives way
        # first, down to nothing, and the ticket never. (Its height is what the ticket
        # leaves: no minimum of its own, which would push the window off the screen.)
        policy = self.account_panel.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.account_panel.setSizePolicy(policy)
        self.account_sync = AccountSync(self.session, self.account_panel, self.tasks, self)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(self.tabs)
        left.addWidget(self.account_panel)
        left.setCollapsible(1, True)
        left.setStretchFactor(0, 0)
        left.setStretchFactor(1, 1)
        left.setHandleWidth(4)
        self.left_splitter = left

        # The 호가창 beside the ticket (ui/ladder_controller.py owns its wiring).
        self.ladder = LadderController(core, self.tabs, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.ladder.panel)
        # The log, 미체결 and 체결 as tabs (self.log_view stays the log itself).
        self.lists = OrderLists(core, self.log_view, self.tabs)
        self.splitter.addWidget(self.lists)
        # The 감시 list as one more tab of the lists (ui/watch_panel.py).
        self.watch_panel = WatchPanel(core)
        self.lists.addTab(self.watch_panel, "")
        self.watch_panel.attach_holdings(self.account_panel, self.tabs)
        self.watch_panel.attach_fills(self.log_view, self.lists, self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([436, 232, 652])

        central = window_frame(self.banner, self.env_bar, self.splitter)
        self.setCentralWidget(central)
        self._frame = central  # red in real mode (theme.WINDOW_STYLE)
        # Results (an order's outcome, a refusal) stay here until the user's next action;
        # routine refreshes go to the quieter line on the right, and only when they moved
        # an order on. Long lines are elided, whole in the tooltip.
        self.status_line = ElidedLabel()
        self.status_line.setObjectName("statusLine")
        self.activity_line = ElidedLabel()
        self.activity_line.setObjectName("activityLine")
        self.activity_line.setStyleSheet(theme.MUTED_STYLE)
        self.status.posted.connect(self._render_status)
        self.activity_line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QStatusBar()
        bar.addWidget(self.status_line, 3)
        bar.addPermanentWidget(self.activity_line, 1)
        # 긴급 정지: always visible, and its shortcut (ui/kill_switch.py).
        self.kill_switch = KillSwitchControl(core, (), self, on_change=self._retitle)
        self.tabs.each_form(self.kill_switch.add_form)
        bar.addPermanentWidget(self.kill_switch)
        self.setStatusBar(bar)

        self.env_controls = EnvControls(
            self.session, self.dialogs, self.env_bar, self.show_status, parent=self)
        self.live = LiveWiring(core, self.tabs, self.ladder, self)
        self.refresher = WindowRefresh(self.session, self.tabs, self.ladder, self.lists,
                                       self.account_sync, self.env_bar, self.tasks,
                                       self.show_activity, self)
        self.poll_timer, self.quick_check = self.refresher.poll_timer, self.refresher.quick_check
        self.request_refresh = self.refresher.request_refresh
        self.refresh_orders = self.refresher.refresh_orders
        self.placement = WindowGeometry(self, self.settings, self.splitter, self.left_splitter,
                                        self.log_view, self.tabs)
        self.menus = WindowMenu(self, MenuCommands(
            set_language=self.set_language,
            edit_keys=lambda env: self.spawn(self.env_controls.edit_keys(env)),
            edit_precautions=lambda: self.spawn(self.edit_precautions()),
            reset_practice=lambda: self.spawn(self.reset_practice()),
            refresh=self.request_refresh,
            quit=self.close,
            new_ticket=self.open_ticket_window,
        ))
        self.refresh_action = self.menus.refresh_action
        self.precautions_action = self.menus.precautions_action
        self.precautions_dialog: PrecautionsDialog | None = None  # the open one, for tests
        self._wire()
        self.refresher.start()
        self.apply_env_look(Environment.PRACTICE)
        self.retranslate()
        self.show_status(both("status.ready"))
        self.placement.restore()
        self.ladder.fold_below(self)
        self.ladder.add_settings(self.menus.settings_menu, self.menus.reset_practice_action)

    # ---- wiring ------------------------------------------------------------------------

    @property
    def sell_form(self) -> NewOrderForm:
        return self.tabs.sell_form  # built on first use (ui/ticket_desk.py), as Cancel

    @property
    def modify_form(self) -> ModifyForm:
        return self.tabs.modify_form

    @property
    def cancel_form(self) -> CancelForm:
        return self.tabs.cancel_form

    @property
    def forms(self) -> tuple[TicketForm, ...]:
        """All four forms (any not built yet is built now)."""
        return self.tabs.forms

    def _wire(self) -> None:
        s = self.session
        s.history_loaded.connect(self._history_loaded)
        s.state_changed.connect(self._state_changed)
        s.env_changed.connect(self.apply_env_look)
        s.stream_changed.connect(self.env_bar.show_stream)
        s.balance_changed.connect(lambda _entries: self.account_sync.request())
        # A bound method: Qt drops the link when this window is destroyed (the worker is
        # the core's and may outlive it).
        self.worker.pending_changed.connect(self._queue_changed)
        self.env_bar.env_requested.connect(lambda env: self.spawn(self.env_controls.switch(env)))
        self.env_bar.connect_requested.connect(
            lambda: self.spawn(self.env_controls.switch(self.session.env, force=True)))
        self.env_bar.logout_requested.connect(lambda: self.spawn(self.session.logout()))
        self.env_bar.language_switch.picked.connect(self.set_language)
        self.env_bar.keys_requested.connect(
            lambda: self.spawn(self.env_controls.edit_keys(self.session.env)))
        self.account_panel.holding_activated.connect(self.sell_holding)
        self.log_view.refresh_requested.connect(self.request_refresh)
        self.log_view.check_requested.connect(lambda _rec: self.request_refresh())
        # A bound method (not a lambda): Qt drops the link when this window is destroyed.
        language.changed.connect(self._language_changed)

    def _quote_shown(self, quote: Quote) -> None:
        self.account_panel.set_price(quote.code, quote.current)

    def _queue_changed(self, _pending: int) -> None:
        self.env_bar.show_queue(self.worker.queued)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        """Run a coroutine on the GUI loop (the core's task runner); failures land in
        the status line."""
        return self.tasks.run(coro, what="window task")

    def open_ticket_window(self) -> TicketWindow:
        """창 → 새 주문창: another ticket and ladder on this window's core."""
        from .ticket_window import TicketWindow

        self._ticket_numbers += 1  # 주문창 2, 3, ...: a number is never given twice
        window = TicketWindow(self.core, number=self._ticket_numbers)
        self.ticket_windows.append(window)
        window.closed.connect(lambda w=window: self._ticket_window_closed(w))
        window.show()
        return window

    def _ticket_window_closed(self, window: TicketWindow) -> None:
        if window in self.ticket_windows:
            self.ticket_windows.remove(window)

    def start(self) -> asyncio.Task:
        """Connect to the practice exchange in the background (the window shows first)."""
        self.env_bar.show_state(ConnectionState.CONNECTING, None)  # before the first await
        return self.spawn(self.session.connect(Environment.PRACTICE))

    # ---- reactions ---------------------------------------------------------------------

    def show_status(self, message: Text | str, detail: Text | str = "") -> None:
        """What the user's last action came to (stays until the next one)."""
        self.status.post(message, detail)

    def show_activity(self, message: Text | str, tooltip: Text | str = "") -> None:
        """A passing note (background refreshes): never in the way of a result."""
        self.status.post(message, tooltip, persist=False)

    def show_alert(self, message: Text | str, detail: Text | str = "") -> None:
        """A line that must not be missed (red, bold)."""
        self.status.post(message, detail, severity=Severity.ALERT)

    def _render_status(self, line: StatusLine) -> None:
        """The one place status lines are drawn: a persisting line takes the status bar
        (its detail in the tooltip), a passing note the quiet line on the right. Both are
        kept and drawn again in the new language after a switch."""
        said, detail = pick(line.text), pick(line.detail)
        tooltip = f"{said}\n{detail}" if detail else None
        if not line.persist:
            self._activity_shown = line
            self.activity_line.set_text(said, detail or None)
            return
        self._status_shown = line
        self.status_line.setStyleSheet(_STATUS_STYLES[line.severity])
        self.status_line.set_text(said, tooltip)

    def _state_changed(self, state: ConnectionState) -> None:
        self.env_bar.show_state(state, self.session.token)
        if state is ConnectionState.CONNECTED:
            self.show_status(both("status.switched", env=self.session.env.label))
            self.account_sync.request(now=True)
        elif state is ConnectionState.LOGGED_OUT:
            self.show_status(both("conn.logged_out"))

    def apply_env_look(self, env: Environment) -> None:
        """Real mode must be impossible to miss: banner, red frame, title, icon."""
        real = env is Environment.REAL
        self.menus.reset_practice_action.setEnabled(env is Environment.PRACTICE)
        self.banner.setVisible(real)
        frame = self._frame  # red in real mode (theme.WINDOW_STYLE): restyle it alone
        frame.setProperty("real", real)
        if frame.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            # Re-read the style sheet for the new property. Not before the first show:
            # the frame is polished then, with the property already set (cold start).
            frame.style().unpolish(frame)
            frame.style().polish(frame)
        self.setWindowIcon(app_icon(real))
        self.env_bar.show_env(env)
        # (The ticket and the ladder follow the environment themselves.)
        if env is not self._env_shown:  # another environment: none of its data is ours
            self._env_shown = env
            self.account_panel.forget_prices()
        self.refresher.set_env(env)
        self._retitle()

    def _retitle(self) -> None:
        env = self.session.env
        prefix = f"{tr('env.real_mark')} " if env is Environment.REAL else ""
        if self.session.core.protection.halt is not None:
            prefix = f"■ {pick(KILL_TITLE_MARK)} — {prefix}"
        self.setWindowTitle(f"{prefix}{tr('app.title')} — {pick(env.label)}")

    async def edit_precautions(self) -> bool:
        """설정 → 주문 확인/착오 방지…; the forms read the saved values on every send."""

        from .precautions_dialog import edit_precautions  # when first opened (cold start)

        def opened(dialog: PrecautionsDialog) -> None:
            self.precautions_dialog = dialog

        try:
            saved = await edit_precautions(self, self.session.env, on_open=opened)
        finally:
            self.precautions_dialog = None
        if saved:
            self.show_status(both("prec.saved"))
        return saved

    async def reset_practice(self) -> bool:
        """설정 → 연습 계좌 초기화…: after a confirmation, the practice account starts over
        and its order numbers with it (a new numbering day in the journal)."""
        if self.session.env is not Environment.PRACTICE or not self.session.connected:
            return False
        if not await self.dialogs.confirm(tr("reset.title"), tr("reset.text")):
            return False
        await self.session.reset_practice()
        self.account_sync.request(now=True)
        self.show_status(both("reset.done"))
        return True

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def set_language(self, code: str) -> None:
        """The user's pick in Settings: from now on it wins over the system's language."""
        language.set(code)
        self.settings.setValue(KEY_LANGUAGE, code)
        self.settings.sync()

    def retranslate(self) -> None:
        self.tabs.retranslate_tabs()
        for form in self.tabs.built_forms:  # one built later reads the language then
            form.retranslate()
        self.log_view.retranslate()
        self.account_panel.retranslate()
        self.ladder.retranslate()
        self.env_bar.retranslate()
        self.banner.setText(f"⚠  {tr('env.real_mark')}  {tr('env.real_banner')}  ⚠")
        self.menus.retranslate()
        self.kill_switch.retranslate()
        self.watch_panel.retranslate()
        self.lists.setTabText(self.lists.indexOf(self.watch_panel), tr("watch.tab"))
        self._retitle()
        for shown in (self._status_shown, self._activity_shown):
            if shown is not None:
                self._render_status(shown)

    # ---- persistence and shutdown ------------------------------------------------------

    def _history_loaded(self, _records: list) -> None:
        # The core's book has the rows already (the log's model mirrors it).
        self.log_view.table.scrollToBottom()  # the newest orders, where new ones appear
        # A long history is a heap of long-lived objects: keep them out of the cyclic
        # garbage collector's full passes, which would otherwise stall the GUI for ~60 ms.
        # What an earlier load froze becomes collectable again; young garbage goes first.
        gc.unfreeze()
        gc.collect(1)
        gc.freeze()

    def shutdown(self) -> None:
        """Close the other ticket windows, stop this one's timers and panels, then the
        core (token revoked, worker stopped): the main window closing ends the app.
        Safe to call twice."""
        if self._shut:
            return
        self._shut = True
        for window in list(self.ticket_windows):
            window.close()
        self.refresher.stop()
        self.account_sync.stop()
        self.ladder.stop()
        self.live.stop()
        self.tabs.stop()
        for checks in self._stale_checks:
            checks.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            language.changed.disconnect(self._language_changed)
        self.env_bar.language_switch.detach()
        self.placement.save()
        self.model.detach()
        self.core.shutdown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.placement.shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
