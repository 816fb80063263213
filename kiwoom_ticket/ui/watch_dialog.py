"""The dialog that sets a watch (감시주문) on a holding, with 스톱지정가 (28) beside it.

It says where each one runs: a watch only while this app runs; a 28 at the exchange
(it stays when the app is closed, leaves as a limit, regular session only). What it
returns is only what the trader chose; the core does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.environment import Environment
from ..domain.orders import NewOrder
from ..domain.watches import (
    EXCHANGE_STOP_NOTE,
    ONLY_WHILE_RUNNING,
    TriggerUnit,
    Watch,
    WatchKind,
    exchange_stop_order,
)
from ..service.account import Holding
from . import (
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import pick, tr


@dataclass(frozen=True)
class WatchChoice:
    kind: WatchKind
    unit: TriggerUnit
    amount: float
    quantity: int
    reference: int
    limit_offset: int | None
    exchange_order: NewOrder | None = None  # the trader chose 28 at the exchange instead


class WatchDialog(QDialog):
    def __init__(self, holding: Holding, price: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.holding, self.price = holding, price
        self.choice: WatchChoice | None = None
        self.setWindowTitle(tr("watch.dialog_title", stock=f"{holding.name} {holding.code}"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in WatchKind:
            self.kind.addItem(pick(kind.label), kind)
        self.unit = QComboBox()
        for unit, key in ((TriggerUnit.PERCENT, "watch.unit.percent"),
                          (TriggerUnit.TICKS, "watch.unit.ticks"),
                          (TriggerUnit.PRICE, "watch.unit.price")):
            self.unit.addItem(tr(key), unit)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 10_000_000)
        self.amount.setDecimals(2)
        self.amount.setValue(3)
        self.reference = QSpinBox()
        self.reference.setRange(1, 10_000_000)
        self.reference.setGroupSeparatorShown(True)
        self.reference.setValue(holding.avg_price or price)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, max(1, holding.quantity))
        self.quantity.setValue(max(1, holding.sellable or holding.quantity))
        self.sell_as = QComboBox()
        self.sell_as.addItem(tr("watch.market"), None)
        self.sell_as.addItem(tr("watch.limit", n="N"), 0)
        self.offset = QSpinBox()
        self.offset.setRange(0, 50)
        self.offset.setValue(2)
        form.addRow(tr("watch.kind"), self.kind)
        by = QHBoxLayout()
        by.addWidget(self.unit)
        by.addWidget(self.amount, 1)
        form.addRow(tr("watch.unit"), by)
        form.addRow(tr("watch.reference"), self.reference)
        form.addRow(tr("watch.quantity"), self.quantity)
        sell = QHBoxLayout()
        sell.addWidget(self.sell_as)
        sell.addWidget(QLabel(tr("watch.offset")))
        sell.addWidget(self.offset)
        form.addRow(tr("watch.sell_as"), sell)
        outer.addLayout(form)
        self.preview = QLabel()
        self.preview.setObjectName("watchPreview")
        self.preview.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.preview)
        here = QLabel("ⓘ " + pick(ONLY_WHILE_RUNNING))
        here.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        outer.addWidget(here)
        there = QLabel("ⓘ " + pick(EXCHANGE_STOP_NOTE))
        there.setWordWrap(True)
        there.setStyleSheet(theme.MUTED_STYLE)
        outer.addWidget(there)
        buttons = QHBoxLayout()
        self.arm_button = QPushButton(tr("watch.arm"))
        self.exchange_button = QPushButton(tr("watch.exchange_stop"))
        cancel = QPushButton(tr("dialog.no"))
        buttons.addWidget(self.arm_button)
        buttons.addWidget(self.exchange_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        outer.addLayout(buttons)
        self.arm_button.clicked.connect(lambda: self._choose(exchange=False))
        self.exchange_button.clicked.connect(lambda: self._choose(exchange=True))
        cancel.clicked.connect(self.reject)
        for w in (self.kind, self.unit, self.sell_as):
            w.currentIndexChanged.connect(self._update)
        for s in (self.amount, self.reference, self.quantity, self.offset):
            s.valueChanged.connect(self._update)
        self._update()

    def draft(self) -> Watch:
        offset = None if self.sell_as.currentData() is None else self.offset.value()
        return Watch("draft", Environment.PRACTICE.value, self.holding.code,
                     self.kind.currentData(), self.unit.currentData(), self.amount.value(),
                     self.reference.value(), self.quantity.value(), "", 0,
                     high=self.price, limit_offset=offset)

    def _update(self) -> None:
        self.offset.setEnabled(self.sell_as.currentData() is not None)
        w = self.draft()
        self.preview.setText(tr("watch.preview", price=f"{w.trigger:,}", qty=w.quantity))
        self.exchange_button.setEnabled(w.kind is WatchKind.STOP_LOSS)

    def _choose(self, exchange: bool) -> None:
        w = self.draft()
        order = exchange_stop_order(w, w.quantity) if exchange else None
        self.choice = WatchChoice(w.kind, w.unit, w.amount, w.quantity, w.reference,
                                  w.limit_offset, order)
        self.accept()
