"""Questions to the user without nested event loops.

`QMessageBox.exec()` inside a coroutine would start a second event loop; here every
dialog is opened non-modally with `.open()` and its answer arrives through a future.
Tests answer through `current` (click its buttons) or replace `confirm` outright.

Every question is armed (`arming.ArmedQuestion`): no key or click made before it was on
screen answers it, and auto-repeat never does. Tests wait for `armed`, or set `arm_ms`.
"""

from __future__ import annotations

import asyncio
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from .arming import ARM_MS, ArmedQuestion, held_keys
from .i18n import tr


def _coloured(text: str, accent: QColor) -> str:
    """Plain text as rich text, its first line bold in `accent`."""
    first, _, rest = text.partition("\n")
    lines = []
    for line in rest.split("\n"):
        stripped = line.lstrip(" ")
        # Rich text folds spaces: keep the plain text's indentation of list lines.
        lines.append("&nbsp;" * (len(line) - len(stripped)) + html.escape(stripped))
    body = "<br>".join(lines)
    return (f'<p style="color:{accent.name()}; font-weight:bold">{html.escape(first)}</p>'
            f"<p>{body}</p>")


class DialogService:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent
        self.current: QMessageBox | None = None  # the dialog now waiting for an answer
        self.guard: ArmedQuestion | None = None  # what keeps `current` from early answers
        self.arm_ms = ARM_MS
        held_keys()  # watching the keyboard from now: a question opens on a key held down

    @property
    def armed(self) -> bool:
        """Whether the open question takes a click now (False when none is open)."""
        return self.current is not None and self.guard is not None and self.guard.mouse_armed

    @property
    def keys_armed(self) -> bool:
        """Whether the open question takes a key now."""
        return self.current is not None and self.guard is not None and self.guard.keys_armed

    async def confirm(
        self, title: str, text: str, *, require_mouse: bool = False,
        accent: QColor | None = None,
    ) -> bool:
        """Ask yes/no, armed (see the module). Enter says yes. With `require_mouse`, the keyboard cannot say yes
        (Enter and Space do nothing on the buttons), as Korean order-error rules ask of
        large orders and as real trading always does; Esc says no either way.
        `accent` is the order's side colour (buy red, sell blue): the summary line and the
        yes button wear it, so a sell can't be confirmed believing it is a buy."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        if accent is None:
            box.setText(text)
        else:
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setText(_coloured(text, accent))
        yes = box.addButton(tr("dialog.yes"), QMessageBox.ButtonRole.YesRole)
        if accent is not None:
            yes.setStyleSheet(
                f"QPushButton {{ background: {accent.name()}; color: white; "
                "font-weight: bold; padding: 4px 14px; border-radius: 3px; }")
        no = box.addButton(tr("dialog.no"), QMessageBox.ButtonRole.NoRole)
        box.setEscapeButton(no)
        if require_mouse:
            for button in (yes, no):
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setAutoDefault(False)
                button.setDefault(False)
        else:
            box.setDefaultButton(yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        future: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

        def finished(_result: int) -> None:
            if not future.done():
                future.set_result(box.clickedButton() is yes)

        box.finished.connect(finished)
        guard = ArmedQuestion(box, [yes, no], self.arm_ms)
        if not require_mouse:
            # Greyed at first, Yes could not hold the focus or stay the default: once
            # armed it takes both back, so a fresh Enter says yes (and never No).
            guard.mouse_armed_changed.connect(lambda _armed: (box.setDefaultButton(yes),
                                                              yes.setFocus()))
        self.current, self.guard = box, guard
        box.open()
        guard.start()
        try:
            return await future
        finally:
            if self.current is box:
                self.current, self.guard = None, None

    def answer(self, yes: bool) -> bool:
        """Click the open dialog's Yes or No, as a mouse would (for tests): False when
        none is open or it is not armed yet."""
        box = self.current
        if box is None or not self.armed:
            return False
        wanted = QMessageBox.ButtonRole.YesRole if yes else QMessageBox.ButtonRole.NoRole
        for button in box.buttons():
            if box.buttonRole(button) is wanted and isinstance(button, QPushButton):
                button.click()
                return True
        return False
