"""Questions to the user without nested event loops.

`QMessageBox.exec()` inside a coroutine would start a second event loop; here every
dialog is opened non-modally with `.open()` and its answer arrives through a future.
Tests answer through `current` (click its buttons) or replace `confirm` outright.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from .i18n import tr


class DialogService:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent
        self.current: QMessageBox | None = None  # the dialog now waiting for an answer

    async def confirm(self, title: str, text: str, *, require_mouse: bool = False) -> bool:
        """Ask yes/no. With `require_mouse`, the keyboard cannot say yes (Enter and Space
        do nothing on the buttons), as Korean order-error rules ask of risky orders."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        yes = box.addButton(tr("dialog.yes"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(tr("dialog.no"), QMessageBox.ButtonRole.NoRole)
        box.setEscapeButton(no)
        if require_mouse:
            for button in (yes, no):
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setAutoDefault(False)
                button.setDefault(False)
        else:
            box.setDefaultButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        future: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

        def finished(_result: int) -> None:
            if not future.done():
                future.set_result(box.clickedButton() is yes)

        box.finished.connect(finished)
        self.current = box
        box.open()
        try:
            return await future
        finally:
            if self.current is box:
                self.current = None

    def answer(self, yes: bool) -> bool:
        """Click the open dialog's Yes or No (for tests and the self-test)."""
        box = self.current
        if box is None:
            return False
        wanted = QMessageBox.ButtonRole.YesRole if yes else QMessageBox.ButtonRole.NoRole
        for button in box.buttons():
            if box.buttonRole(button) is wanted and isinstance(button, QPushButton):
                button.click()
                return True
        return False
