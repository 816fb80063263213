"""The dialog that sets a watch (감시주문) on a holding, with 스톱지정가 (28) beside it.

It says where each one runs: a watch only while this app runs; a 28 at the exchange
(it stays when the app is closed, leaves as a limit, regular session only). What it
returns is only what the trader chose; the core does the rest.

It is a question like every other (ui/arming.py): its two buttons that set something are
greyed until it has been on screen a moment, and only a mouse click presses them (no
default button, no focus: Enter or Space pressed before or after it appeared sets
nothing; Esc closes it). Opened from a 호가창 level it comes filled in: the kind, the
level's price as the trigger and what can be sold now as the quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
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
from ..domain.ladder_marks import MarkKind, side_refusal
from ..domain.orders import NewOrder
from ..domain.text import Text
from ..domain.watches import (
    EXCHANGE_STOP_NOTE,
    ONLY_WHILE_RUNNING,
    TriggerUnit,
    Watch,
    WatchKind,
    exchange_stop_order,
)
from ..service.account import Holding
from ..service.status import StatusChannel
from ..service.watch_keeper import WatchKeeper
from . import (
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .arming import ARM_MS, ArmedQuestion
from .i18n import both, pick, tr

_MARKS = {WatchKind.STOP_LOSS: MarkKind.STOP, WatchKind.TAKE_PROFIT: MarkKind.TARGET}


@dataclass(frozen=True)
class WatchChoice:
    kind: WatchKind
    unit: TriggerUnit
    amount: float
    quantity: int
    reference: int
    limit_offset: int | None
    exchange_order: NewOrder | None = None  # the trader chose 28 at the exchange instead

    def to_sell_tab(self, desk: Any) -> bool:
        """28 goes as any order does: on the Sell tab, checked and confirmed there. True
        when the choice was that (nothing is armed then)."""
        if self.exchange_order is None:
            return False
        desk.sell_form.load_order(self.exchange_order)
        desk.setCurrentWidget(desk.sell_form)
        return True

    async def arm(self, keeper: WatchKeeper, holding: Holding, status: StatusChannel) -> Watch:
        """The watch chosen, armed on `holding`, and said on the status line."""
        w = await keeper.add(holding.code, self.kind, self.unit, self.amount, self.quantity,
                             self.reference, limit_offset=self.limit_offset,
                             stock_name=holding.name)
        status.post(both("watch.set", stock=w.stock_name, kind=pick(w.kind.label)))
        return w


class WatchDialog(QDialog):
    def __init__(self, holding: Holding, price: int, parent: QWidget | None = None, *,
                 kind: WatchKind | None = None, trigger: int | None = None,
                 most: int | None = None, origin: str = "", arm_ms: int = ARM_MS) -> None:
        """`kind` and `trigger` (a price) fill it in; `most` caps the quantity (what can
        be sold now); `origin` says in bold where it was asked from."""
        super().__init__(parent)
        self.holding, self.price = holding, price
        self._trigger = trigger  # the price it was opened at, for "by price"
        self.choice: WatchChoice | None = None
        self.setWindowTitle(tr("watch.dialog_title", stock=f"{holding.name} {holding.code}"))
        outer = QVBoxLayout(self)
        self.origin = QLabel(origin)
        self.origin.setObjectName("watchOrigin")
        self.origin.setStyleSheet("font-weight: bold;")
        self.origin.setVisible(bool(origin))
        outer.addWidget(self.origin)
        form = QFormLayout()
        self.kind = QComboBox()
        for each in WatchKind:
            self.kind.addItem(pick(each.label), each)
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
        top = holding.quantity if most is None else min(holding.quantity, most)
        self.quantity.setRange(1, max(1, top))
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
        # Where the next trade would fire it at once: said here, and nothing can be set.
        self.refusal = QLabel()
        self.refusal.setObjectName("watchRefusal")
        self.refusal.setStyleSheet(f"color: {theme.ERROR_TEXT}; font-weight: bold;")
        self.refusal.hide()
        outer.addWidget(self.refusal)
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
        for button in (self.arm_button, self.exchange_button, cancel):
            button.setAutoDefault(False)  # Enter presses none of them: by mouse only
            button.setDefault(False)
        for button in (self.arm_button, self.exchange_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nor Space
        self.guard = ArmedQuestion(self, [self.arm_button, self.exchange_button], arm_ms)
        self.guard.mouse_armed_changed.connect(lambda _on: self._update())
        if kind is not None:
            _select(self.kind, kind)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        if trigger is not None:
            _select(self.unit, TriggerUnit.PRICE)
            self.amount.setValue(trigger)
        for w in (self.kind, self.unit, self.sell_as):
            w.currentIndexChanged.connect(self._update)
        for s in (self.amount, self.reference, self.quantity, self.offset):
            s.valueChanged.connect(self._update)
        self._update()

    @property
    def armed(self) -> bool:
        """Whether a click on its buttons counts now."""
        return self.guard.mouse_armed

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and not self.guard.mouse_armed:
            self.guard.start()  # on screen now: the clock starts

    def _unit_changed(self) -> None:
        """A price in whole won with separators (71,200), a % or ticks with decimals; the
        value starts again in the new unit (199,700 won is no number of ticks)."""
        price = self.unit.currentData() is TriggerUnit.PRICE
        self.amount.setDecimals(0 if price else 2)
        self.amount.setGroupSeparatorShown(price)
        self.amount.setValue(self._trigger or self.price if price else 3)

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
        why = self.fires_at_once(w)
        self.refusal.setText(pick(why) if why is not None else "")
        self.refusal.setVisible(why is not None)
        self.arm_button.setEnabled(self.armed and why is None)
        self.exchange_button.setEnabled(self.armed and why is None
                                        and w.kind is WatchKind.STOP_LOSS)

    def fires_at_once(self, w: Watch) -> Text | None:
        """Why `w` would fire on the next trade, measured from the price it was opened at
        (None: it would not). A trailing stop's trigger is always below the high."""
        mark = _MARKS.get(w.kind)
        return side_refusal(mark, w.trigger, self.price) if mark and self.price > 0 else None

    def _choose(self, exchange: bool) -> None:
        w = self.draft()
        if not self.armed or self.fires_at_once(w) is not None:
            return  # a click on its way before it could be read, or a refused trigger
        order = exchange_stop_order(w, w.quantity) if exchange else None
        self.choice = WatchChoice(w.kind, w.unit, w.amount, w.quantity, w.reference,
                                  w.limit_offset, order)
        self.accept()


def _select(box: QComboBox, data: object) -> None:
    """The item whose data is `data` (findData can't match a Python enum member)."""
    for i in range(box.count()):
        if box.itemData(i) == data:
            box.setCurrentIndex(i)
            return
