"""The Buy tab's "브래킷 (익절/손절)" section: a target and a stop set before 매수 is
pressed, so the buy leaves with its bracket (service/bracket_keeper.py
`buy_with_bracket`). Closed by default; open is on: the bracket applies exactly when the
trader sees it. Each side as a price, a % or 호가 ticks from the buy's price; the
estimate line says what each side makes or loses. The checks are domain/bracket_entry.py's,
shown next to each field by the tab's ValidationView."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.bracket_entry import (
    EXCHANGE_STOP_WITH_TARGET,
    BracketPlan,
    estimate,
    resolve,
)
from ..domain.text import Text
from ..domain.watches import ONLY_WHILE_RUNNING, TriggerUnit
from . import i18n, theme
from .fields import FieldBox, ItemCombo
from .i18n import pick, tr

i18n.register({
    "bracket_entry.toggle": Text("브래킷 (익절/손절)", "Bracket (target/stop)"),
    "bracket_entry.tip": Text(
        "체크하면 이 매수가 익절·손절과 함께 나갑니다: 익절은 체결되는 만큼 지정가 매도로 "
        "거래소에 걸리고, 손절은 이 앱이 감시합니다. 한쪽이 체결되면 다른 쪽은 취소됩니다.",
        "Checked, this buy leaves with a target and a stop: the target rests at the "
        "exchange as a limit sell for what fills, the stop is watched by this app. When "
        "one side fills, the other is cancelled."),
    "bracket_entry.target": Text("익절", "Target"),
    "bracket_entry.stop": Text("손절", "Stop"),
    "bracket_entry.unit.price": Text("원 (가격)", "won (price)"),
    "bracket_entry.unit.percent": Text("% (매수가 대비)", "% from the buy"),
    "bracket_entry.unit.ticks": Text("호가 (틱)", "ticks"),
    "bracket_entry.stop_kind": Text("손절 방식", "Stop kind"),
    "bracket_entry.watch": Text("앱 감시 (켜진 동안만)", "This app (while it runs)"),
    "bracket_entry.exchange": Text("스톱지정가(28)", "Stop limit (28)"),
    "bracket_entry.kind_note": Text("28은 익절 매도와 함께 걸 수 없습니다",
                                    "No 28 alongside the target's sell"),
    "bracket_entry.estimate_none": Text("목표/손절: —", "Target/stop: —"),
    "bracket_entry.approx": Text("(시장가: 현재가 기준, 체결가에 따라 달라짐)",
                                 "(market: from the current price; the fill may differ)"),
})

_UNITS = (("bracket_entry.unit.price", TriggerUnit.PRICE),
          ("bracket_entry.unit.percent", TriggerUnit.PERCENT),
          ("bracket_entry.unit.ticks", TriggerUnit.TICKS))


class BracketSide(QWidget):
    """An amount and its unit (price, %, ticks)."""

    changed = Signal()

    def __init__(self, unit: TriggerUnit, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.amount = QLineEdit()
        self.amount.setMaxLength(12)
        self.amount.setPlaceholderText(placeholder)
        self.unit = ItemCombo()
        for key, u in _UNITS:
            self.unit.add(tr(key), u.value)
        self.unit.select(unit.value)
        row.addWidget(self.amount, 1)
        row.addWidget(self.unit)
        self.amount.textChanged.connect(lambda _t: self.changed.emit())
        self.unit.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def selected_unit(self) -> TriggerUnit:
        return TriggerUnit(self.unit.value())

    def retranslate(self) -> None:
        for key, u in _UNITS:
            self.unit.set_label(u.value, tr(key))


class BracketEntrySection(QWidget):
    """Closed (off) by default. `plan()` is what a 매수 sends with: None while closed."""

    edited = Signal()  # a value changed: the tab clears the fields' messages

    def __init__(self, buy_price: Callable[[], int | None],
                 quantity: Callable[[], int | None], is_market: Callable[[], bool],
                 limits: Callable[[], tuple[int, int] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buy_price, self._quantity = buy_price, quantity
        self._is_market, self._limits = is_market, limits
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 0)
        outer.setSpacing(4)
        self.toggle = QCheckBox()
        self.toggle.setObjectName("bracketEntryToggle")
        self.toggle.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.toggle)
        self.body = QWidget()
        self.body.setObjectName("bracketEntryBody")
        form = QFormLayout(self.body)
        form.setContentsMargins(18, 0, 0, 0)
        form.setVerticalSpacing(4)
        self.target = BracketSide(TriggerUnit.TICKS, "10")
        self.stop = BracketSide(TriggerUnit.TICKS, "5")
        self.target_box = FieldBox(self.target)
        self.stop_box = FieldBox(self.stop)
        self.target_label, self.stop_label, self.kind_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.target_label, self.target_box)
        form.addRow(self.stop_label, self.stop_box)
        kinds = QHBoxLayout()
        kinds.setSpacing(10)
        self.by_watch = QRadioButton()
        self.by_watch.setChecked(True)
        self.by_exchange = QRadioButton()
        # The target's limit sell holds the shares: a 28 of the same shares is refused.
        self.by_exchange.setEnabled(False)
        kinds.addWidget(self.by_watch)
        kinds.addWidget(self.by_exchange)
        kinds.addStretch(1)
        form.addRow(self.kind_label, kinds)
        self.kind_note = QLabel()
        self.kind_note.setObjectName("bracketKindNote")
        self.kind_note.setStyleSheet(theme.MUTED_STYLE)
        form.addRow("", self.kind_note)
        # One line, the section's whole width (a wrapped label is squeezed to one line
        # when the ticket's pane is short, and its second line cut).
        self.estimate_line = QLabel()
        self.estimate_line.setObjectName("bracketEstimate")
        form.addRow(self.estimate_line)
        outer.addWidget(self.body)
        self.body.setVisible(False)
        self.toggle.toggled.connect(self._toggled)
        self.target.changed.connect(self._edited)
        self.stop.changed.connect(self._edited)
        self.retranslate()

    @property
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self._edited()

    def _edited(self) -> None:
        self.target_box.clear_issues()
        self.stop_box.clear_issues()
        self.update_estimate()
        self.edited.emit()

    def plan(self) -> BracketPlan | None:
        """The bracket as shown now; None while the section is closed."""
        if not self.is_open:
            return None
        return BracketPlan(self.target.selected_unit(), self.target.amount.text(),
                           self.stop.selected_unit(), self.stop.amount.text())

    def update_estimate(self) -> None:
        plan = self.plan()
        if plan is None:
            return
        buy = self._buy_price()
        prices, _report = resolve(plan, buy, self._limits())
        qty = self._quantity()
        if prices is None or not buy or not qty:
            self.estimate_line.setText(tr("bracket_entry.estimate_none"))
            self.estimate_line.setStyleSheet(theme.MUTED_STYLE)
            return
        line = pick(estimate(prices, buy, qty))
        market = self._is_market()
        self.estimate_line.setText("≈ " + line if market else line)
        self.estimate_line.setToolTip(tr("bracket_entry.approx") if market else "")
        self.estimate_line.setStyleSheet("")

    def clear(self) -> None:
        self.target.amount.clear()
        self.stop.amount.clear()
        self.set_open(False)

    def retranslate(self) -> None:
        self.toggle.setText(tr("bracket_entry.toggle"))
        self.toggle.setToolTip(tr("bracket_entry.tip"))
        self.target_label.setText(tr("bracket_entry.target"))
        self.stop_label.setText(tr("bracket_entry.stop"))
        self.kind_label.setText(tr("bracket_entry.stop_kind"))
        self.by_watch.setText(tr("bracket_entry.watch"))
        self.by_exchange.setText(tr("bracket_entry.exchange"))
        self.by_watch.setToolTip(pick(ONLY_WHILE_RUNNING))
        self.by_exchange.setToolTip(pick(EXCHANGE_STOP_WITH_TARGET))
        self.kind_note.setText("ⓘ " + tr("bracket_entry.kind_note"))
        self.kind_note.setToolTip(pick(ONLY_WHILE_RUNNING) + "\n" + pick(EXCHANGE_STOP_WITH_TARGET))
        self.target.retranslate()
        self.stop.retranslate()
        self.target_box.show_messages()
        self.stop_box.show_messages()
        self.update_estimate()
