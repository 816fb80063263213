"""The quote line under the stock code (name, 현재가, 상한가, 하한가) whose prices fill the
price field when clicked (호가 프리셋), and the −1호가 / +1호가 buttons beside a price.

Every button here is a mouse helper: NoFocus, so Tab still goes quantity -> price."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..service import Quote
from . import theme
from .fields import TickPriceEdit
from .i18n import tr

PRESETS = ("current", "upper", "lower")  # also the i18n keys quote.<name>
_COLOURS = {"current": "#222222", "upper": theme.BUY.name(), "lower": theme.SELL.name()}
DISABLED_TEXT = "#a0a0a0"


def _link_style(colour: str, clickable: bool) -> str:
    """Flat text that reads as a link; greyed when the order type takes no price.
    Where nothing can be clicked (the Cancel tab) the prices keep their colours."""
    disabled = DISABLED_TEXT if clickable else colour
    return (
        f"QToolButton {{ border: none; background: transparent; padding: 0px 2px;"
        f" color: {colour}; text-decoration: underline; }}"
        f"QToolButton:hover {{ background: rgba(0, 0, 0, 0.06); border-radius: 2px; }}"
        f"QToolButton:disabled {{ color: {disabled}; text-decoration: none; }}"
    )


def _helper_button() -> QToolButton:
    button = QToolButton()
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class QuoteLine(QWidget):
    """Line 1: the stock name (or a lookup message) and 현재가; line 2: 상한가, 하한가.
    `price_chosen` carries the clicked price. With `clickable=False` it only shows."""

    price_chosen = Signal(int)

    def __init__(self, clickable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clickable = clickable
        self._quote: Quote | None = None
        self._allowed = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row in (first, second):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(6)
            outer.addLayout(row)
        self.info = QLabel()
        self.info.setObjectName("stockInfo")
        self.info.setStyleSheet(theme.MUTED_STYLE)
        self.info.setWordWrap(True)
        first.addWidget(self.info)
        self.buttons: dict[str, QToolButton] = {}
        for name in PRESETS:
            button = _helper_button()
            button.setObjectName(f"preset_{name}")
            button.setStyleSheet(_link_style(_COLOURS[name], clickable))
            if name == "current":
                bold = QFont(button.font())
                bold.setBold(True)
                button.setFont(bold)
            button.clicked.connect(lambda _=False, n=name: self._clicked(n))
            self.buttons[name] = button
            (first if name == "current" else second).addWidget(button)
        first.addStretch(1)
        second.addStretch(1)
        self._second_row = second
        self.show_quote(None)

    def value(self, name: str) -> int | None:
        q = self._quote
        price = getattr(q, name, 0) if q else 0
        return price if price and price > 0 else None

    def _clicked(self, name: str) -> None:
        price = self.value(name)
        if price is not None and self.clickable and self._allowed:
            self.price_chosen.emit(price)

    def show_message(self, text: str) -> None:
        """A name without a quote, 'looking up…' or a failure: no prices shown."""
        self._quote = None
        self.info.setText(text)
        self._refresh()

    def show_quote(self, quote: Quote | None, fallback_name: str = "") -> None:
        self._quote = quote
        self.info.setText(f"<b>{quote.name}</b>" if quote else fallback_name)
        self._refresh()

    def allow(self, allowed: bool) -> None:
        """Whether the prices may fill the price field (the order type takes a price)."""
        self._allowed = allowed
        self._refresh()

    def _refresh(self) -> None:
        shown = self._quote is not None
        for name, button in self.buttons.items():
            price = self.value(name)
            button.setVisible(shown)
            button.setText(f"{tr('quote.' + name)} {price:,}" if price else tr("quote." + name))
            button.setEnabled(self.clickable and self._allowed and price is not None)
            button.setToolTip(tr("preset.tip") if self.clickable and self._allowed else "")

    def retranslate(self) -> None:
        self._refresh()


class TickButtons(QWidget):
    """−1호가 / +1호가 beside a price field; enabled exactly when the field is."""

    def __init__(self, edit: TickPriceEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.down = _helper_button()
        self.up = _helper_button()
        for button, steps in ((self.down, -1), (self.up, 1)):
            button.setObjectName("tickDown" if steps < 0 else "tickUp")
            button.clicked.connect(lambda _=False, n=steps: edit.step(n))
            layout.addWidget(button)
        edit.installEventFilter(self)
        self._sync()
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.EnabledChange:
            self._sync()
        return False

    def _sync(self) -> None:
        enabled = self.edit.isEnabled()
        self.down.setEnabled(enabled)
        self.up.setEnabled(enabled)

    def retranslate(self) -> None:
        self.down.setText(tr("price.tick_down"))
        self.up.setText(tr("price.tick_up"))
        self.down.setToolTip(tr("price.tick_down_tip"))
        self.up.setToolTip(tr("price.tick_up_tip"))
