"""The target card at the top of the Modify and Cancel tabs: which order the tab acts on,
impossible to miss. Number, side (red buy / blue sell, as on Kiwoom's HTS), stock, price
and the open quantity (the exchange's 미체결수량), and plainly when the order is finished.

It mirrors the application core's OrderTarget (service/order_target.py): the UI shows
the target, it doesn't own it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..domain.open_orders import is_open_order
from ..domain.orders import Action
from ..domain.records import OrderRecord, day_label
from . import target_texts  # noqa: F401  (registers the texts)
from .elided import ElidedLabel
from .i18n import pick, tr

_SIDE_LOOK: dict[Action | None, tuple[str, str, str]] = {  # border, tint, chip
    Action.BUY: ("#d32f2f", "#fff3f3", "#d32f2f"),
    Action.SELL: ("#1565c0", "#eef4fd", "#1565c0"),
}
_NONE_LOOK = ("#9e9e9e", "#fafafa", "#9e9e9e")
_FINISHED_LOOK = ("#616161", "#eeeeee", "#616161")


class TargetCard(QFrame):
    def __init__(self, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetCard")
        self._action = action
        self.record: OrderRecord | None = None
        self.side: Action | None = None
        self.finished_note = ""  # why it can't be acted on (finished, an earlier day)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.caption = QLabel()
        self.number = QLabel()
        self.number.setObjectName("targetNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chip = QLabel()
        self.chip.setObjectName("targetSide")
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.caption)
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.chip)
        layout.addLayout(top)
        self.detail = ElidedLabel()  # a narrow tab cuts it: whole in its tooltip (issue 24)
        self.detail.setObjectName("targetDetail")
        self.state = QLabel()
        self.state.setObjectName("targetState")
        self.state.setWordWrap(True)
        layout.addWidget(self.detail)
        layout.addWidget(self.state)
        self.render()

    def show_target(self, record: OrderRecord | None, side: Action | None,
                    finished_note: str = "") -> None:
        self.record, self.side, self.finished_note = record, side, finished_note
        self.render()

    @property
    def open_qty(self) -> int | None:
        return None if self.record is None or self.finished_note else self.record.open_qty

    def render(self) -> None:  # type: ignore[override]  # repaints itself; not QWidget.render
        """Paint the target in the UI language (also on a language change)."""
        rec = self.record
        self.caption.setText(tr("target.modify" if self._action is Action.MODIFY
                                else "target.cancel"))
        self.setToolTip(tr("target.tip"))
        if rec is None:
            border, tint, chip = _NONE_LOOK
            self.number.setText("")
            self.chip.hide()
            self.detail.set_text(tr("target.none"))
            self.state.hide()
        else:
            border, tint, chip = _SIDE_LOOK.get(self.side, _NONE_LOOK)
            if self.finished_note:
                border, tint, chip = _FINISHED_LOOK
            self.number.setText(tr("target.number", no=rec.ord_no or "—"))
            self.chip.setText(pick(self.side.label) if self.side is not None else "?")
            self.chip.show()
            stock = f"{rec.stock_code} {rec.stock_name}".strip()
            price = (tr("target.price", price=f"{rec.price:,}") if rec.price
                     else tr("target.market_price"))
            self.detail.set_text(tr("target.detail", stock=stock, price=price,
                                   open=f"{rec.open_qty:,}" if not self.finished_note else "0",
                                   qty=f"{rec.quantity:,}"))
            self.state.setText(self.finished_note or tr(
                "target.status", status=pick(rec.status.label), filled=f"{rec.filled_qty:,}"))
            self.state.show()
        colour = "#b71c1c" if self.finished_note else "#444444"
        self.setStyleSheet(
            f"QFrame#targetCard {{ border: 2px solid {border}; border-left: 8px solid {border};"
            f" border-radius: 4px; background: {tint}; }}"
            "QFrame#targetCard QLabel { border: none; background: transparent; }"
            f"QFrame#targetCard QLabel#targetNumber {{ font-size: 14pt; font-weight: bold;"
            f" color: {border}; }}"
            f"QFrame#targetCard QLabel#targetSide {{ color: white; background: {chip};"
            " border-radius: 3px; padding: 2px 10px; font-size: 11pt; font-weight: bold; }"
            "QFrame#targetCard QLabel#targetDetail { font-size: 10pt; font-weight: bold;"
            " color: #222222; }"
            f"QFrame#targetCard QLabel#targetState {{ color: {colour}; }}")


def finished_note(record: OrderRecord, earlier_day: bool) -> str:
    """Why the target can't be modified or cancelled, or "" when it can."""
    if earlier_day:
        return tr("target.earlier_day", day=day_label(record.trade_day))
    if is_open_order(record):
        return ""
    if record.status.is_unsettled:
        return ""  # still settling: the exchange's answer decides
    return tr("target.finished", status=pick(record.status.label))
