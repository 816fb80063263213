"""The 호가창 panel beside the ticket: a title with the stock, the one-click switch, the
ladder itself and a line of what the mouse does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import theme
from .elided import ElidedLabel
from .i18n import tr
from .ladder import LadderView

ONE_CLICK_STYLE = (
    "QPushButton { padding: 2px 8px; border: 1px solid #9e9e9e; border-radius: 3px; }"
    f"QPushButton:checked {{ background: {theme.REAL_RED}; color: white; "
    f"border-color: {theme.REAL_RED}; font-weight: bold; }}"
)


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
        self.one_click = QPushButton()
        self.one_click.setCheckable(True)
        self.one_click.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the ticket
        self.one_click.setStyleSheet(ONE_CLICK_STYLE)
        top.addWidget(self.title)
        top.addWidget(self.stock, 1)
        top.addWidget(self.one_click)
        layout.addLayout(top)
        self.view = LadderView()
        layout.addWidget(self.view, 1)
        self.hint = ElidedLabel()
        self.hint.setStyleSheet(theme.MUTED_STYLE)
        layout.addWidget(self.hint)
        self.setMinimumWidth(self.view.minimumWidth())
        self._stock_text = ("", "")
        self.retranslate()

    def show_stock(self, code: str, name: str = "") -> None:
        self._stock_text = (code, name)
        self.stock.set_text(f"{code} {name}".strip(), None)

    def retranslate(self) -> None:
        self.title.setText(tr("ladder.title"))
        self.one_click.setText(tr("ladder.one_click"))
        self.one_click.setToolTip(tr("ladder.one_click_tip"))
        self.hint.set_text(tr("ladder.hint"), tr("ladder.hint"))
        self.view.setToolTip(tr("ladder.tip"))
        self.show_stock(*self._stock_text)
        self.view.retranslate()
