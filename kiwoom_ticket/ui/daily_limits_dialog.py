"""일일 한도 (daily limits) of the environment in use: warn and block tiers of the day's
loss, order count and traded value, with what the day has come to so far. A block tier
crossed engages the kill switch (service/protection.py); 0 turns a tier off."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.daily_limits import DailyLimits, DayTally
from ..domain.precautions import Tier
from . import (
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import tr

ROWS = ("loss", "orders", "traded_value")
_MAX = 2_000_000_000


class DailyLimitsDialog(QDialog):
    def __init__(self, limits: DailyLimits, tally: DayTally, env_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("limits.title", env=env_label))
        outer = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("limits.warn")), 0, 1)
        grid.addWidget(QLabel(tr("limits.block")), 0, 2)
        grid.addWidget(QLabel(tr("limits.today")), 0, 3)
        now = {"loss": tally.loss, "orders": tally.orders, "traded_value": tally.traded_value}
        self.boxes: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for row, key in enumerate(ROWS, start=1):
            tier: Tier = getattr(limits, key)
            grid.addWidget(QLabel(tr(f"limits.{key}")), row, 0)
            pair = (self._box(tier.warn), self._box(tier.block))
            grid.addWidget(pair[0], row, 1)
            grid.addWidget(pair[1], row, 2)
            grid.addWidget(QLabel(f"{now[key]:,}"), row, 3)
            self.boxes[key] = pair
        outer.addLayout(grid)
        note = QLabel(tr("limits.note"))
        note.setWordWrap(True)
        note.setStyleSheet(theme.MUTED_STYLE)
        outer.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    @staticmethod
    def _box(value: float | None) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, _MAX)
        box.setGroupSeparatorShown(True)
        box.setSpecialValueText(tr("limits.off"))
        box.setValue(int(value or 0))
        return box

    def limits(self) -> DailyLimits:
        def tier(key: str) -> Tier:
            warn, block = (b.value() or None for b in self.boxes[key])
            return Tier(warn=warn, block=block)

        return DailyLimits(loss=tier("loss"), orders=tier("orders"),
                           traded_value=tier("traded_value"))
