"""The dialog that puts a bracket on a buy: the target (a limit sell the exchange keeps,
placed as the buy fills) and the stop (a watch, only while this app runs). It names the
buy it acts on: the order the trader selected last."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import OrderRecord
from ..domain.ticks import round_to_tick, step_ticks
from ..domain.watches import ONLY_WHILE_RUNNING
from . import (
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import pick, tr


class BracketDialog(QDialog):
    def __init__(self, buy: OrderRecord, price: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buy, self.price = buy, price
        self.setWindowTitle(tr("bracket.title"))
        outer = QVBoxLayout(self)
        what = QLabel(tr("bracket.on", stock=buy.stock_name or buy.stock_code, qty=buy.quantity,
                         price=f"{buy.price:,}" if buy.price else tr("watch.market"),
                         no=buy.ord_no or "—"))
        what.setObjectName("bracketBuy")
        what.setStyleSheet(f"color: {theme.BUY.name()}; font-weight: bold;")
        outer.addWidget(what)
        form = QFormLayout()
        # No price to start from (a market buy not filled yet, its quote on the way): the
        # target stays empty (0, shown as "—") until offer_price() or the trader sets it.
        self.target = QSpinBox()
        self.target.setRange(0, 10_000_000)
        self.target.setSpecialValueText("—")
        self.target.setGroupSeparatorShown(True)
        self.offer_price(price)
        self.target_error = QLabel()
        self.target_error.setObjectName("bracketTargetError")
        self.target_error.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.target_error.hide()
        self.target.valueChanged.connect(lambda _v: self.target_error.hide())
        self.stop_ticks = QSpinBox()
        self.stop_ticks.setRange(1, 200)
        self.stop_ticks.setValue(5)
        form.addRow(tr("bracket.target"), self.target)
        form.addRow("", self.target_error)
        form.addRow(tr("bracket.stop"), self.stop_ticks)
        outer.addLayout(form)
        for key in ("bracket.how", ):
            label = QLabel(tr(key))
            label.setWordWrap(True)
            label.setStyleSheet(theme.MUTED_STYLE)
            outer.addWidget(label)
        here = QLabel("ⓘ " + tr("bracket.stop_note") + " " + pick(ONLY_WHILE_RUNNING))
        here.setWordWrap(True)
        here.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        outer.addWidget(here)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def offer_price(self, price: int) -> None:
        """A price to start the target from (the buy's fill or limit price, else the
        quote): ten ticks above it, unless a target is already set."""
        if price > 0 and self.target.value() == 0:
            self.target.setValue(step_ticks(round_to_tick(price), 10))

    def accept(self) -> None:
        if self.target.value() <= 0:  # nothing to sell at: said next to the field
            self.target_error.setText(tr("bracket.need_target"))
            self.target_error.show()
            self.target.setFocus()
            return
        super().accept()
