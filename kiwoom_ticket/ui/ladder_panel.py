"""The 호가창 panel beside the ticket: a title with the stock, the lock (호가 고정) and
one-click switches, the ladder itself, and under it a line that says what the mouse or
the keys do, that the prices are held, or why a double-click sent nothing."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .elided import ElidedLabel
from .i18n import tr
from .ladder import LadderView
from .ladder_position import LadderPositionBar

ONE_CLICK_STYLE = (
    "QPushButton { padding: 2px 8px; border: 1px solid #9e9e9e; border-radius: 3px; }"
    f"QPushButton:checked {{ background: {theme.REAL_RED}; color: white; "
    f"border-color: {theme.REAL_RED}; font-weight: bold; }}"
)
LOCK_STYLE = (
    "QToolButton { padding: 1px 4px; border: 1px solid #9e9e9e; border-radius: 3px; }"
    "QToolButton:checked { background: #ffe08a; border-color: #e0a000; font-weight: bold; }"
)
HINT_LINES = 2  # the line under the ladder keeps this height: the ladder never shifts
MESSAGE_STYLE = f"color: {theme.ERROR_TEXT}; font-weight: bold;"


def lock_icon(size: int = 14) -> QIcon:
    """A padlock, drawn (no emoji font is sure to be there)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    ink = QColor("#5d4200")
    p.setPen(QPen(ink, 1.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    s = float(size)
    p.drawArc(QRectF(s * 0.25, s * 0.06, s * 0.5, s * 0.6), 0, 180 * 16)
    p.drawLine(int(s * 0.25), int(s * 0.36), int(s * 0.25), int(s * 0.5))
    p.drawLine(int(s * 0.75), int(s * 0.36), int(s * 0.75), int(s * 0.5))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawRoundedRect(QRectF(s * 0.12, s * 0.45, s * 0.76, s * 0.52), 1.5, 1.5)
    p.end()
    return QIcon(pixmap)


class LadderPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladderPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setContentsMargins(2, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.stock = ElidedLabel()  # the stock the ladder follows
        self.stock.setStyleSheet("font-weight: bold;")
        self.lock = QToolButton()
        self.lock.setCheckable(True)
        self.lock.setIcon(lock_icon())
        self.lock.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.lock.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lock.setStyleSheet(LOCK_STYLE)
        self.one_click = QPushButton()
        self.one_click.setCheckable(True)
        self.one_click.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the ticket
        self.one_click.setStyleSheet(ONE_CLICK_STYLE)
        top.addWidget(self.title)
        top.addWidget(self.stock, 1)
        top.addWidget(self.lock)
        top.addWidget(self.one_click)
        layout.addLayout(top)
        self.view = LadderView()
        layout.addWidget(self.view, 1)
        # The position in the stock, quick quantities, one side's cancels (ladder_tools.py).
        self.position = LadderPositionBar()
        layout.addWidget(self.position)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.hint)
        self.setMinimumWidth(self.view.minimumWidth())
        self._stock_text = ("", "")
        self._message = ""
        self._keys = False  # the ladder has the keys
        self.lock.toggled.connect(self.view.set_locked)
        self.view.min_width_changed.connect(self.setMinimumWidth)
        self.view.held_changed.connect(lambda _on: self._show_hint())
        self.view.focus_changed.connect(self._keys_changed)
        self.retranslate()

    def show_stock(self, code: str, name: str = "") -> None:
        """The stock in the title's place (the top row is narrow: the lock and one-click
        switches share it), "호가" while there is none."""
        self._stock_text = (code, name)
        self.stock.set_text(f"{code} {name}".strip(), None)
        self.title.setVisible(not code)

    def say(self, message: str) -> None:
        """A message under the ladder (why a double-click sent nothing) until the next
        click on it."""
        self._message = message
        self._show_hint()

    def _keys_changed(self, on: bool) -> None:
        self._keys = on
        self._show_hint()

    @property
    def message(self) -> str:
        return self._message

    def _show_hint(self) -> None:
        if self._message:
            text, style = self._message, MESSAGE_STYLE
        elif self._keys:
            text, style = tr("ladder.keys_hint"), theme.MUTED_STYLE
        elif self.view.held:
            text, style = tr("ladder.held_hint"), theme.MUTED_STYLE
        else:
            text, style = tr("ladder.hint"), theme.MUTED_STYLE
        self.hint.setText(text)
        self.hint.setStyleSheet(style)
        self.hint.setToolTip(text + "\n\n" + tr("ladder.keys_tip"))

    def retranslate(self) -> None:
        self.title.setText(tr("ladder.title"))
        self.lock.setText(tr("ladder.lock"))
        self.lock.setToolTip(tr("ladder.lock_tip"))
        self.one_click.setText(tr("ladder.one_click"))
        self.one_click.setToolTip(tr("ladder.one_click_tip"))
        self.hint.setFixedHeight(self.hint.fontMetrics().lineSpacing() * HINT_LINES + 2)
        self._show_hint()
        self.view.setToolTip(tr("ladder.tip"))
        self.show_stock(*self._stock_text)
        self.view.retranslate()
        self.position.retranslate()
