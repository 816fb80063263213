"""The environment bar: where orders go, whether we are connected, until when the
token lasts, and how many requests wait for the worker."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.session_clock import krx_calendar
from ..domain.sessions import KST, open_sessions
from ..service import Token
from . import (
    session_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .elided import ElidedLabel
from .fields import ItemCombo
from .i18n import pick, tr
from .language_switch import LanguageSwitch
from .session_bridge import CONNECTING, RECONNECTING, ConnectionState, StreamStatus
from .stream_texts import stream_cause

STATE_COLOURS = {
    ConnectionState.IDLE: "#777777",
    ConnectionState.CONNECTING: "#b26a00",
    ConnectionState.CONNECTED: "#2e7d32",
    ConnectionState.FAILED: theme.ERROR_TEXT,
    ConnectionState.LOGGED_OUT: "#777777",
}




def market_text(env: Environment, now: datetime | None = None) -> str:
    """Which KRX/NXT sessions are open now (KST); the practice exchange never closes."""
    if env is Environment.PRACTICE:
        return tr("market.practice")
    kst = (now or datetime.now(UTC)).astimezone(KST)
    clock = kst.strftime("%H:%M")
    if kst.weekday() >= 5:
        return tr("market.weekend", time=clock)
    closed = krx_calendar.closure(kst.date())  # a KRX holiday or the year-end closure
    if closed is not None:
        return tr("market.holiday", time=clock, name=pick(closed))
    names = []
    for exchange in (Exchange.KRX, Exchange.NXT):
        for session in sorted(open_sessions(exchange, kst.time()), key=lambda s: s.value):
            label = pick(session.label)
            names.append(label if label.startswith(("NXT", "KRX")) else f"{exchange.value} {label}")
    if not names:
        return tr("market.closed", time=clock)
    return tr("market.open", time=clock, sessions=" · ".join(names))


def expiry_text(token: Token | None) -> str:
    if token is None:
        return ""
    local = token.expires_at.astimezone()
    return tr("conn.token_expiry", time=local.strftime("%m-%d %H:%M"))


class EnvBar(QFrame):
    env_requested = Signal(object)  # Environment the user picked
    connect_requested = Signal()
    logout_requested = Signal()
    keys_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("envBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.env_label = QLabel()
        self.env = ItemCombo()
        # Its width follows the labels: English ones, after a switch, are longer.
        self.env.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for env in Environment:
            self.env.add(pick(env.label), env.value)
        self.env.activated.connect(self._picked)  # user picks only, not our own reverts
        self.state = QLabel()
        self.state.setObjectName("connState")
        self.stream = QLabel()  # the live feed's light: live, reconnecting, down
        self.stream.setObjectName("streamState")
        self.stream.hide()
        # The two notes give way (elided, whole in the tooltip) before any button does.
        self.token = ElidedLabel()
        self.token.setStyleSheet(theme.MUTED_STYLE)
        self.market = ElidedLabel()
        self.market.setStyleSheet(theme.MUTED_STYLE)
        self.queue = QLabel()
        self.queue.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.connect_button = QPushButton()
        self.connect_button.clicked.connect(self._connect_clicked)
        self.keys_note = QLabel()
        self.keys_note.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.keys_note.setToolTip(tr("keys.no_backend"))
        self.keys_note.hide()
        self.keys_button = QPushButton()
        self.keys_button.clicked.connect(self.keys_requested)
        for w in (self.env_label, self.env, self.state, self.stream, self.token, self.market):
            layout.addWidget(w)
        layout.addStretch(1)
        for widget in (self.queue, self.connect_button, self.keys_note, self.keys_button):
            layout.addWidget(widget)
        self.language_switch = LanguageSwitch()  # 한/EN, in sight from the first start
        layout.addWidget(self.language_switch)
        self._state = ConnectionState.IDLE
        self._token: Token | None = None
        self._env = Environment.PRACTICE
        self._stream: StreamStatus | None = None
        self.retranslate()

    def _picked(self, _row: int) -> None:
        env = Environment(self.env.value())
        if env is not self._env:
            self.env_requested.emit(env)

    def _connect_clicked(self) -> None:
        if self._state is ConnectionState.CONNECTED:
            self.logout_requested.emit()
        else:
            self.connect_requested.emit()

    def show_env(self, env: Environment) -> None:
        """Reflect the environment in force (also reverts a declined pick)."""
        self._env = env
        self.env.select(env.value)
        self.keys_button.setEnabled(env.needs_credentials)
        self.show_market()

    def show_market(self, now: datetime | None = None) -> None:
        said = market_text(self._env, now)
        self.market.set_text(said, f"{said}\n{tr('market.tip_calendar')}")  # whole when cut

    def show_state(self, state: ConnectionState, token: Token | None) -> None:
        self._state, self._token = state, token
        self.state.setText(f"● {tr(state.value)}")
        self.state.setToolTip("")
        self.state.setStyleSheet(f"color: {STATE_COLOURS[state]}; font-weight: bold;")
        self.token.set_text(expiry_text(token))
        connected = state is ConnectionState.CONNECTED
        self.connect_button.setText(tr("conn.logout") if connected else tr("conn.connect"))
        self.connect_button.setEnabled(state is not ConnectionState.CONNECTING)

    def show_stream(self, status: StreamStatus | None) -> None:
        """The live feed's light: green live, amber reconnecting since when, grey down
        since when (the poll does the work then), hidden when there is no feed."""
        self._stream = status
        if status is None:
            self.stream.hide()
            return
        since = status.since.astimezone().strftime("%H:%M:%S")
        if status.live:
            key, colour, tip = "stream.live", "#2e7d32", "stream.live_tip"
        elif status.state == RECONNECTING:
            key, colour, tip = "stream.reconnecting", "#b26a00", "stream.fallback_tip"
        elif status.state == CONNECTING:
            key, colour, tip = "stream.connecting", "#b26a00", "stream.fallback_tip"
        else:
            key, colour, tip = "stream.down", "#777777", "stream.fallback_tip"
        self.stream.setText(f"◉ {tr(key, time=since)}")
        said = " ".join(part for part in (status.code, status.reason.strip()) if part)
        reason = f"\n{said}" if status.reason else ""
        cause = stream_cause(status)
        if cause:  # in words, in the UI's language, with Kiwoom's code (not the raw text)
            reason = f"\n{cause}" + (f" ({status.code})" if status.code else "")
        self.stream.setToolTip(f"{tr(tip)}{reason}")
        self.stream.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.stream.show()

    def show_session_keys(self, session_only: bool) -> None:
        """Say so when keys live in memory only (no OS keyring)."""
        self.keys_note.setVisible(session_only)

    def show_queue(self, queued: int) -> None:
        self.queue.setText(tr("queue.waiting", n=queued) if queued > 0 else "")

    def retranslate(self) -> None:
        self.env_label.setText(tr("env.label"))
        for env in Environment:
            self.env.set_label(env.value, pick(env.label))
        # The labels never squash: the elided notes give way first.
        self.env.setMinimumWidth(self.env.sizeHint().width())
        self.keys_button.setText(tr("conn.keys"))
        self.keys_note.setText(tr("conn.session_keys"))
        self.keys_note.setToolTip(tr("keys.no_backend"))
        self.show_env(self._env)
        self.show_state(self._state, self._token)
        self.show_stream(self._stream)

