"""The line under the quantity of the Buy and Sell tabs: "매수가능 N주" / "매도가능 N주" and
the 10% / 25% / 50% / 최대 buttons that fill the quantity from N."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..domain.orders import Action
from . import theme
from .i18n import language, tr

FRACTIONS = (10, 25, 50, 100)  # percent; 100 is 최대 (max)
BUTTON_STYLE = "QPushButton { padding: 1px 6px; min-width: 34px; }"


def share_of(capacity: int, percent: int) -> int:
    """Whole shares in `percent` of `capacity` (rounded down: never more than asked)."""
    return capacity if percent >= 100 else capacity * percent // 100


class QuantityHelper(QWidget):
    fraction_chosen = Signal(int)  # percent

    def __init__(self, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.capacity: int | None = None
        self._shown: tuple[int | None, str] | None = None  # (capacity, language) on screen
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.label = QLabel()
        self.label.setObjectName("capacity")
        self.label.setStyleSheet(theme.MUTED_STYLE)
        layout.addWidget(self.label, 1)
        self.buttons: dict[int, QPushButton] = {}
        for percent in FRACTIONS:
            button = QPushButton()
            button.setStyleSheet(BUTTON_STYLE)
            # Mouse helpers: Tab goes from the quantity straight on to the price.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, p=percent: self.fraction_chosen.emit(p))
            layout.addWidget(button)
            self.buttons[percent] = button
        self.retranslate()

    def show_capacity(self, capacity: int | None) -> None:
        # Asked on every keystroke of the ticket (its estimate follows the typing); the
        # line only changes with the account, the price (a buy) or the language.
        shown = (capacity, language.code)
        if shown == self._shown:
            return
        self._shown = shown
        self.capacity = capacity
        buying = self.action is Action.BUY
        if capacity is None:
            self.label.setText(tr("qty.unknown_buyable" if buying else "qty.unknown_sellable"))
        else:
            self.label.setText(tr("qty.buyable" if buying else "qty.sellable", n=f"{capacity:,}"))
        for button in self.buttons.values():
            button.setEnabled(bool(capacity))

    def retranslate(self) -> None:
        for percent, button in self.buttons.items():
            button.setText(tr("qty.max") if percent >= 100 else f"{percent}%")
        self._shown = None
        self.show_capacity(self.capacity)
