"""The kill switch's controls: a button always in the status bar, a shortcut, a line
under each ticket's send button while it is engaged, and the cancel-all question.

Engaging never asks (a kill switch must be instant); releasing asks, by mouse only
(ui/dialogs.py's armed question); cancelling every open order asks once. What the switch
does is the core's (service/protection.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..domain.orders import Action
from ..service.status import Severity
from . import (
    protect_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import both, pick, tr

if TYPE_CHECKING:
    from .app_core import AppCore
    from .daily_limits_dialog import DailyLimitsDialog

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+Shift+K"
ENGAGED_STYLE = ("QPushButton { background: #b71c1c; color: white; font-weight: bold; "
                 "padding: 1px 8px; border-radius: 3px; }")
IDLE_STYLE = ("QPushButton { color: #b71c1c; font-weight: bold; padding: 1px 8px; "
              "border: 1px solid #b71c1c; border-radius: 3px; background: #fff5f5; }")


class KillSwitchControl(QWidget):
    """The status bar's kill switch (and cancel-all) buttons."""

    def __init__(self, core: AppCore, forms: Iterable[Any], window: QWidget,
                 on_change: Callable[[], None] | None = None) -> None:
        super().__init__()
        session = core.session
        self.session, self.dialogs, self.status = session, core.dialogs, core.status
        self.tasks = core.tasks
        self.protection = session.core.protection
        self._on_change = on_change
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.limits_button = QPushButton()
        self.limits_button.setObjectName("dailyLimits")
        self.cancel_all_button = QPushButton()
        self.cancel_all_button.setObjectName("cancelAllOpen")
        self.button = QPushButton()
        self.button.setObjectName("killSwitch")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space on it can't release it
        layout.addWidget(self.limits_button)
        layout.addWidget(self.cancel_all_button)
        layout.addWidget(self.button)
        self.limits_button.clicked.connect(self.edit_limits)
        self.limits_dialog: DailyLimitsDialog | None = None  # the open one, for tests
        self.button.clicked.connect(self._clicked)
        self.cancel_all_button.clicked.connect(lambda: self._spawn(self.cancel_all()))
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.engage)  # the key only engages, never releases
        # A line under each send button (the Cancel tab's still sends).
        self.refusals: list[QLabel] = []
        for form in forms:
            self._add_refusal(form)
        self.protection.changed.connect(self.show_state)
        self.protection.warned.connect(
            lambda text: self.status.post(both("limit.warned", what=pick(text)),
                                          severity=Severity.WARNING))
        self.show_state()

    def add_form(self, form: Any) -> None:
        """A form built after the switch (Modify on first view): its line, in the state
        the switch is in now."""
        label = self._add_refusal(form)
        if label is not None:
            self._show_refusal(label, self.protection.halt)

    def _add_refusal(self, form: Any) -> QLabel | None:
        if getattr(form, "action", None) is Action.CANCEL:
            return None
        label = QLabel()
        label.setObjectName("killRefusal")
        label.setWordWrap(True)
        label.setStyleSheet(theme.ALERT_STYLE + " padding: 2px 4px;")
        label.hide()
        outer = form.layout()
        outer.insertWidget(max(0, outer.indexOf(form.hint)), label)
        self.refusals.append(label)
        return label

    @staticmethod
    def _show_refusal(label: QLabel, halt: Any) -> None:
        label.setText(tr("kill.refusal") + (f"\n{pick(halt.reason)}" if halt else ""))
        label.setVisible(halt is not None)

    @property
    def engaged(self) -> bool:
        return self.protection.halt is not None

    def engage(self) -> None:
        if not self.engaged:
            self.protection.engage()
            self.status.post(both("kill.engaged_status"), severity=Severity.ALERT)

    def _clicked(self) -> None:
        if self.engaged:
            self._spawn(self.release())
        else:
            self.engage()

    async def release(self) -> bool:
        halt = self.protection.halt
        if halt is None:
            return False
        yes = await self.dialogs.confirm(tr("kill.release_title"),
                                         tr("kill.release_text", reason=pick(halt.reason)),
                                         require_mouse=True)
        if not yes:
            return False
        await self.protection.release()
        self.status.post(both("kill.released"))
        return True

    def edit_limits(self) -> DailyLimitsDialog:
        from .daily_limits_dialog import DailyLimitsDialog  # when first opened (cold start)

        p = self.protection
        dialog = DailyLimitsDialog(p.limits, p.tally(), pick(p.env.label), self.window())
        self.limits_dialog = dialog

        def finished(ok: int) -> None:
            self.limits_dialog = None
            if ok:
                self._spawn(self._save_limits(dialog))

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    async def _save_limits(self, dialog: DailyLimitsDialog) -> None:
        await self.protection.set_limits(dialog.limits())
        self.status.post(both("limits.saved"))

    async def cancel_all(self) -> tuple[int, int] | None:
        if not self.session.connected:
            self.status.post(both("status.not_connected"), severity=Severity.WARNING)
            return None
        if not await self.dialogs.confirm(tr("kill.cancel_all_title"), tr("kill.cancel_all_text"),
                                          require_mouse=True):
            return None
        done, failed = await self.protection.cancel_all_open()
        self.status.post(both("kill.cancel_all_done", done=done, failed=failed),
                         severity=Severity.WARNING if failed else Severity.INFO)
        return done, failed

    def show_state(self) -> None:
        halt = self.protection.halt
        self.button.setText(tr("kill.engaged_button") if halt else tr("kill.button"))
        self.button.setStyleSheet(ENGAGED_STYLE if halt else IDLE_STYLE)
        self.cancel_all_button.setText(tr("kill.cancel_all"))
        self.limits_button.setText(tr("limits.button"))
        tip = tr("kill.tip", shortcut=SHORTCUT)
        if halt is not None:
            tip = tr("kill.engaged", reason=pick(halt.reason)) + "\n" + tip
        self.button.setToolTip(tip)
        for label in self.refusals:
            self._show_refusal(label, halt)
        if self._on_change is not None:
            self._on_change()

    def retranslate(self) -> None:
        self.show_state()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.run(coro, what="kill switch", on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.post(both("status.worker_error") + f": {exc}", severity=Severity.WARNING)
