"""Under the 호가창: the account's position in the ladder's stock (보유, 평균가, 평가손익
in won and %, 매도가능), quick quantity buttons (the presets from Settings and % of what
the Buy/Sell tab can order) and 매수 일괄취소 / 매도 일괄취소 for the stock's open orders
of one side. The widget only shows and signals; ladder_tools.py acts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.orders import Action
from ..service import AccountSnapshot
from . import theme
from .account_panel import gain_colour, priced
from .i18n import tr
from .quantity_helper import FRACTIONS

BUTTON_STYLE = "QPushButton { padding: 1px 2px; min-width: 20px; }"
CANCEL_STYLE = "QPushButton {{ padding: 2px 4px; color: {colour}; }}"


@dataclass(frozen=True, slots=True)
class Position:
    """The account's shares of one stock, all its lots (cash, credit) together."""

    code: str
    quantity: int
    sellable: int
    avg_price: int
    profit: int  # 평가손익, won, signed (Kiwoom's, moved by the live price)
    profit_rate: float  # % of the cost

    @classmethod
    def of(cls, snapshot: AccountSnapshot | None, code: str, price: int | None = None
           ) -> Position | None:
        """`code`'s position in `snapshot` at `price` (the last trade), None if not held."""
        if snapshot is None or not code:
            return None
        lots = [priced(h, price) for h in snapshot.holdings if h.code == code and h.quantity]
        if not lots:
            return None
        quantity = sum(h.quantity for h in lots)
        cost = sum(h.avg_price * h.quantity for h in lots)
        profit = sum(h.profit for h in lots)
        rate = profit * 100 / cost if cost else lots[0].profit_rate
        return cls(code, quantity, sum(h.sellable for h in lots),
                   round(cost / quantity) if quantity else 0, profit, rate)


class LadderPositionBar(QWidget):
    quantity_chosen = Signal(int)  # shares, from a preset
    fraction_chosen = Signal(int)  # percent of what the Buy/Sell tab can order
    cancel_side = Signal(object)  # Action.BUY or Action.SELL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladderPosition")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        self.holding = QLabel()  # 보유 10주 · 매도가능 8주
        self.holding.setObjectName("positionHolding")
        self.profit = QLabel()  # 평균 190,000 · +100,000원 (+5.26%)
        self.profit.setObjectName("positionProfit")
        self.profit.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.holding)
        layout.addWidget(self.profit)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(2)
        self.preset_buttons: list[QPushButton] = []
        self._presets_row = QHBoxLayout()
        self._presets_row.setSpacing(2)
        grid.addLayout(self._presets_row, 0, 0)
        fractions = QHBoxLayout()
        fractions.setSpacing(2)
        self.fraction_buttons: dict[int, QPushButton] = {}
        for percent in FRACTIONS:
            button = self._button()
            button.clicked.connect(lambda _=False, p=percent: self.fraction_chosen.emit(p))
            fractions.addWidget(button)
            self.fraction_buttons[percent] = button
        grid.addLayout(fractions, 1, 0)
        layout.addLayout(grid)
        sides = QHBoxLayout()
        sides.setSpacing(3)
        self.cancel_buttons: dict[Action, QPushButton] = {}
        for side, colour in ((Action.BUY, theme.BUY), (Action.SELL, theme.SELL)):
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(CANCEL_STYLE.format(colour=colour.name()))
            button.clicked.connect(lambda _=False, s=side: self.cancel_side.emit(s))
            sides.addWidget(button)
            self.cancel_buttons[side] = button
        layout.addLayout(sides)
        self._position: Position | None = None
        self._open = {Action.BUY: 0, Action.SELL: 0}
        self._presets: tuple[int, ...] = ()
        self.retranslate()

    def _button(self) -> QPushButton:
        button = QPushButton()
        button.setStyleSheet(BUTTON_STYLE)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # mouse helpers: the keys stay put
        return button

    # ---- what it shows -------------------------------------------------------------------

    def set_presets(self, presets: tuple[int, ...]) -> None:
        for button in self.preset_buttons:
            self._presets_row.removeWidget(button)
            button.deleteLater()
        self.preset_buttons = []
        self._presets = presets
        for n in presets:
            button = self._button()
            button.setText(f"{n:,}")
            button.setToolTip(tr("position.preset_tip", n=f"{n:,}"))
            button.clicked.connect(lambda _=False, q=n: self.quantity_chosen.emit(q))
            self._presets_row.addWidget(button)
            self.preset_buttons.append(button)

    def show_position(self, position: Position | None) -> None:
        self._position = position
        if position is None:
            self.holding.setText(tr("position.none"))
            self.profit.setText("")
            return
        self.holding.setText(tr("position.holding", qty=f"{position.quantity:,}",
                                sellable=f"{position.sellable:,}"))
        colour = gain_colour(position.profit)
        style = f' style="color: {colour.name()}"' if colour is not None else ""
        rate = f"{position.profit_rate:+.2f}%" if position.profit else "0.00%"
        self.profit.setText(tr("position.profit", avg=f"{position.avg_price:,}",
                               style=style, won=f"{position.profit:+,}", rate=rate))

    def show_open(self, buys: int, sells: int) -> None:
        """How many open orders of each side the buttons would cancel."""
        self._open = {Action.BUY: buys, Action.SELL: sells}
        for side, button in self.cancel_buttons.items():
            n = self._open[side]
            button.setText(tr("position.cancel_buys" if side is Action.BUY
                              else "position.cancel_sells", n=n))
            button.setEnabled(n > 0)

    def retranslate(self) -> None:
        for percent, button in self.fraction_buttons.items():
            button.setText(tr("qty.max") if percent >= 100 else f"{percent}%")
            button.setToolTip(tr("position.fraction_tip", pct=percent))
        for button, n in zip(self.preset_buttons, self._presets, strict=False):
            button.setToolTip(tr("position.preset_tip", n=f"{n:,}"))
        for side, button in self.cancel_buttons.items():
            button.setToolTip(tr("position.cancel_tip_buys" if side is Action.BUY
                                 else "position.cancel_tip_sells"))
        self.show_position(self._position)
        self.show_open(*self._open.values())
