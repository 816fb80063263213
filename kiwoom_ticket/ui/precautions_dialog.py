"""설정 → 주문 확인/착오 방지…: the order-error precautions of each environment.

One tab per environment; each limit has a warn tier (asks first) and a block tier
(refuses). Empty means no limit. Block below warn is refused next to the field. In real
trading the summary before every order cannot be switched off. Opened with `.open()`
(no nested event loop); the answer arrives through a future.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.environment import Environment
from ..domain.precautions import Precautions, Tier
from . import theme
from .i18n import pick, tr
from .precaution_store import (
    can_skip_confirmation,
    defaults_for,
    load_precautions,
    save_precautions,
)
from .settings_store import open_settings

ENVIRONMENTS = (Environment.PRACTICE, Environment.MOCK, Environment.REAL)
# (tier, label key, unit key, whole numbers only)
TIER_ROWS = (
    ("max_quantity", "prec.max_quantity", "prec.unit.shares", True),
    ("max_value", "prec.max_value", "prec.unit.won", True),
    ("distance_percent", "prec.distance_percent", "prec.unit.percent", False),
    ("distance_ticks", "prec.distance_ticks", "prec.unit.ticks", True),
)


def _show(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


class SettingEdit(QWidget):
    """A number field with its message under it (current language; tooltip: the other)."""

    def __init__(self, *, whole: bool, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.whole = whole
        self.optional = optional
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaxLength(16)
        self.edit.textChanged.connect(lambda _t: self.set_error(None))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.FIELD_ERROR_STYLE)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self._error: str | None = None

    def set_value(self, value: float | None) -> None:
        self.edit.setText(_show(value))
        self.set_error(None)

    def read(self) -> tuple[bool, float | None]:
        """(ok, value); an empty optional field is (True, None). Errors are shown."""
        self.set_error(None)
        text = self.edit.text().strip().replace(",", "").replace(" ", "")
        if not text:
            if self.optional:
                return True, None
            self.set_error("prec.err.required")
            return False, None
        try:
            value = float(text) if not self.whole else int(text)
        except ValueError:
            self.set_error("prec.err.whole" if self.whole else "prec.err.number")
            return False, None
        if value < 0 or value != value:
            self.set_error("prec.err.number")
            return False, None
        return True, value

    def set_error(self, key: str | None) -> None:
        self._error = key
        self.render()

    @property
    def error(self) -> str | None:
        return self._error

    def render(self) -> None:  # type: ignore[override]  # repaints itself; not QWidget.render
        if self._error is None:
            self.message.clear()
            self.message.setToolTip("")
            self.message.hide()
            return
        self.message.setText("✖ " + tr(self._error))
        self.message.setToolTip(tr(self._error))
        self.message.show()


class PrecautionsPage(QWidget):
    """The settings of one environment."""

    def __init__(self, env: Environment, current: Precautions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        layout = QVBoxLayout(self)
        intro = QLabel()
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.MUTED_STYLE)
        self._bind(intro.setText, "prec.intro")
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for col, key in ((1, "prec.warn"), (2, "prec.block")):
            head = QLabel()
            head.setStyleSheet("font-weight: bold;")
            self._bind(head.setText, key)
            grid.addWidget(head, 0, col)
        self.tiers: dict[str, tuple[SettingEdit, SettingEdit]] = {}
        for row, (name, label_key, unit_key, whole) in enumerate(TIER_ROWS, start=1):
            label = QLabel()
            self._bind(label.setText, label_key)
            warn = SettingEdit(whole=whole, optional=True)
            block = SettingEdit(whole=whole, optional=True)
            unit = QLabel()
            self._bind(unit.setText, unit_key)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(warn, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(block, row, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(unit, row, 3, Qt.AlignmentFlag.AlignTop)
            self.tiers[name] = (warn, block)
        row = len(TIER_ROWS) + 1
        self.duplicate_seconds = SettingEdit(whole=False, optional=False)
        self.large_order_value = SettingEdit(whole=True, optional=False)
        for edit, label_key, tip_key, unit_key in (
            (self.duplicate_seconds, "prec.duplicate_seconds", "prec.tip.duplicate_seconds",
             "prec.unit.seconds"),
            (self.large_order_value, "prec.large_order_value", "prec.tip.large_order_value",
             "prec.unit.won"),
        ):
            label, unit = QLabel(), QLabel()
            self._bind(label.setText, label_key)
            self._bind(label.setToolTip, tip_key)
            self._bind(edit.setToolTip, tip_key)
            self._bind(unit.setText, unit_key)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(edit, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(unit, row, 2, 1, 2, Qt.AlignmentFlag.AlignTop)
            row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)

        self.confirm_every_order = QCheckBox()
        self._bind(self.confirm_every_order.setText, "prec.confirm_every_order")
        if not can_skip_confirmation(env):
            self.confirm_every_order.setEnabled(False)
            self._bind(self.confirm_every_order.setToolTip, "prec.confirm_real_tip")
        layout.addWidget(self.confirm_every_order)
        self.over_cash_block = QCheckBox()
        self._bind(self.over_cash_block.setText, "prec.over_cash_block")
        self._bind(self.over_cash_block.setToolTip, "prec.tip.over_cash_block")
        layout.addWidget(self.over_cash_block)
        self.defaults_button = QPushButton()
        self._bind(self.defaults_button.setText, "prec.defaults")
        self.defaults_button.clicked.connect(self.restore_defaults)
        layout.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_values(current)

    def _bind(self, setter: Callable[[str], None], key: str) -> None:
        setter(tr(key))

    def show_values(self, p: Precautions) -> None:
        for name, (warn, block) in self.tiers.items():
            tier: Tier = getattr(p, name)
            warn.set_value(tier.warn)
            block.set_value(tier.block)
        self.duplicate_seconds.set_value(p.duplicate_seconds)
        self.large_order_value.set_value(p.large_order_value)
        self.confirm_every_order.setChecked(p.confirm_every_order
                                            or not can_skip_confirmation(self.env))
        self.over_cash_block.setChecked(p.over_cash_block)

    def restore_defaults(self) -> None:
        self.show_values(defaults_for(self.env))

    def collect(self) -> Precautions | None:
        """The page as Precautions, or None with the problems shown next to the fields."""
        ok = True
        tiers: dict[str, Tier] = {}
        for name, (warn_edit, block_edit) in self.tiers.items():
            warn_ok, warn = warn_edit.read()
            block_ok, block = block_edit.read()
            ok = ok and warn_ok and block_ok
            if warn_ok and block_ok and warn is not None and block is not None and block < warn:
                block_edit.set_error("prec.err.block_below_warn")
                ok = False
            tiers[name] = Tier(warn, block)
        seconds_ok, seconds = self.duplicate_seconds.read()
        large_ok, large = self.large_order_value.read()
        if not (ok and seconds_ok and large_ok):
            return None
        assert seconds is not None and large is not None
        confirm = self.confirm_every_order.isChecked() or not can_skip_confirmation(self.env)
        return replace(defaults_for(self.env), **tiers, duplicate_seconds=seconds,
                       large_order_value=int(large), confirm_every_order=confirm,
                       over_cash_block=self.over_cash_block.isChecked())


class PrecautionsDialog(QDialog):
    def __init__(self, current_env: Environment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = False
        self.setWindowTitle(tr("prec.title"))
        self.setMinimumWidth(560)
        settings = open_settings()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.pages: dict[Environment, PrecautionsPage] = {}
        for env in ENVIRONMENTS:
            page = PrecautionsPage(env, load_precautions(settings, env))
            self.pages[env] = page
            self.tabs.addTab(page, pick(env.label))
        self.tabs.setCurrentWidget(self.pages[current_env])
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(tr("prec.save"))
        self.close_button = QPushButton(tr("keys.cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Store every tab, or none: a tab with a problem is brought forward."""
        collected = {env: page.collect() for env, page in self.pages.items()}
        for env, p in collected.items():
            if p is None:
                self.tabs.setCurrentWidget(self.pages[env])
                return False
        settings = open_settings()
        for env, p in collected.items():
            assert p is not None
            save_precautions(settings, env, p)
        self.saved = True
        self.accept()
        return True


async def edit_precautions(
    parent: QWidget | None, current_env: Environment,
    on_open: Callable[[PrecautionsDialog], None] | None = None,
) -> bool:
    """Show the dialog without a nested event loop; True when the settings were saved."""
    dialog = PrecautionsDialog(current_env, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    future: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

    def finished(_result: int) -> None:
        if not future.done():
            future.set_result(dialog.saved)

    dialog.finished.connect(finished)
    if on_open is not None:
        on_open(dialog)
    dialog.open()
    return await future
