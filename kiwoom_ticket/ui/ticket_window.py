"""Another 주문창 (창 → 새 주문창): a ticket and its 호가창 on the same core as the main
window. HTS traders keep several open, one stock each. Nothing here is its own: the
orders, the Modify/Cancel target, the worker, the WebSocket and the journal are the
core's, so both windows show the same orders and the same target at once. Closing it
stops its panels and lets go of the core's signals; the main window keeps trading."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStatusBar

from ..domain.environment import Environment
from ..service.status import StatusLine
from . import theme, window_texts  # noqa: F401  (registers the texts)
from .app_core import AppCore
from .elided import ElidedLabel
from .i18n import language, pick, tr
from .ladder_controller import LadderController
from .live_wiring import LiveWiring
from .resources import app_icon
from .session_bridge import ConnectionState
from .stale_issues import StaleIssues
from .subscriptions import Subscriptions
from .ticket_desk import TicketDesk
from .window_frame import window_frame

POLL_MS = 5_000  # the quote in view and (while the stream is down) the ladder's book
PRACTICE_POLL_MS = 1_000
TICKET_AND_LADDER = 620  # px: the ticket's least width (380) and the ladder's (232)


class TicketWindow(QMainWindow):
    closed = Signal()

    def __init__(self, core: AppCore, number: int = 2) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setStyleSheet(theme.WINDOW_STYLE)
        self.core, self.session, self.number = core, core.session, number
        self.dialogs = core.dialogs_for(self)  # its questions open over this window
        self.desk = TicketDesk(core, self.dialogs)
        self.tabs = self.desk  # as the main window names it
        self.ladder = LadderController(core, self.desk, self, dialogs=self.dialogs)
        self.live = LiveWiring(core, self.desk, self.ladder, self)
        self._stale_checks: list[StaleIssues] = []
        self.desk.each_form(lambda form: self._stale_checks.append(StaleIssues(form)))
        self.banner = QLabel()
        self.banner.setStyleSheet(theme.REAL_BANNER_STYLE)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.desk)
        splitter.addWidget(self.ladder.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([436, 232])
        central = window_frame(self.banner, splitter)
        self.setCentralWidget(central)
        self._frame = central  # red in real mode (theme.WINDOW_STYLE)
        # The app's one status channel: a result said for either window shows in both.
        self.status_line = ElidedLabel()
        self.status_line.setObjectName("statusLine")
        bar = QStatusBar()
        bar.addWidget(self.status_line, 1)
        self.setStatusBar(bar)
        self._links = Subscriptions()
        self._links.connect(core.status.posted, self._render_status)
        self._links.connect(core.session.env_changed, self._env_changed)
        self._links.connect(core.session.state_changed, self._state_changed)
        self._links.connect(language.changed, self._language_changed)
        self.poll_timer = QTimer(self)
        self.poll_timer.timeout.connect(self._poll)
        self._env_changed(core.session.env)
        self.poll_timer.start()
        self.retranslate()
        self.resize(700, 600)
        # Only a ticket and its ladder here: the ladder folds only when they can't both fit.
        self.ladder.fold_below(self, narrow=TICKET_AND_LADDER)

    # ---- the core's state ---------------------------------------------------------------

    def _render_status(self, line: StatusLine) -> None:
        if line.persist:
            detail = pick(line.detail)
            self.status_line.set_text(pick(line.text), detail or None)

    def _env_changed(self, env: Environment) -> None:
        real = env is Environment.REAL
        self.banner.setVisible(real)
        frame = self._frame
        frame.setProperty("real", real)
        frame.style().unpolish(frame)
        frame.style().polish(frame)
        self.setWindowIcon(app_icon(real))
        self.poll_timer.setInterval(PRACTICE_POLL_MS if env is Environment.PRACTICE else POLL_MS)
        self._retitle()

    def _state_changed(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            self.live.watch_stocks()  # the new environment's stream

    def _poll(self) -> None:
        self.desk.refresh_quote()
        self.ladder.poll()

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.desk.retranslate_tabs()
        for form in self.desk.built_forms:  # one built later reads the language then
            form.retranslate()
        self.ladder.retranslate()
        self.banner.setText(f"⚠  {tr('env.real_mark')}  {tr('env.real_banner')}  ⚠")
        self._retitle()

    def _retitle(self) -> None:
        env = self.session.env
        prefix = f"{tr('env.real_mark')} " if env is Environment.REAL else ""
        self.setWindowTitle(f"{prefix}{tr('app.title')} — "
                            f"{tr('ticket_window.title').format(n=self.number)} — "
                            f"{pick(env.label)}")

    # ---- closing ------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop this window's timers, tasks and subscriptions (the core goes on). Safe to
        call twice."""
        self.poll_timer.stop()
        self._links.close()
        self.live.stop()
        self.ladder.stop()
        self.desk.stop()
        for checks in self._stale_checks:
            checks.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)
        self.closed.emit()
