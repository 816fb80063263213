"""App key and secret key for one Kiwoom environment.

The stored values are never shown again, only masked; typing new ones replaces them.
Opened non-modally (`.open()`), its answer arrives through a future."""

from __future__ import annotations

import asyncio
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.environment import Environment
from ..service import Credentials, mask
from . import theme
from .i18n import pick, tr


class KeysChoice(Enum):
    SAVE = "save"
    DELETE = "delete"
    CLOSE = "close"


class CredentialsDialog(QDialog):
    def __init__(
        self,
        env: Environment,
        stored: Credentials | None,
        backend_ok: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.env = env
        self._stored = stored
        self.choice = KeysChoice.CLOSE
        self.credentials: Credentials | None = None
        self.setWindowTitle(tr("keys.title", env=pick(env.label)))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        self.backend_note = QLabel(tr("keys.keyring") if backend_ok else tr("keys.no_backend"))
        self.backend_note.setWordWrap(True)
        if not backend_ok:
            self.backend_note.setStyleSheet(f"color: {theme.ERROR_TEXT}; font-weight: bold;")
        layout.addWidget(self.backend_note)

        form = QFormLayout()
        self.appkey = QLineEdit()
        self.secretkey = QLineEdit()
        self.secretkey.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.appkey, self.secretkey):
            edit.setPlaceholderText(tr("keys.replace_hint") if stored else "")
        self.appkey_stored = QLabel(self._stored_text(stored.appkey if stored else None, 4))
        self.secret_stored = QLabel(self._stored_text(stored.secretkey if stored else None, 0))
        for label in (self.appkey_stored, self.secret_stored):
            label.setStyleSheet(theme.MUTED_STYLE)
        form.addRow(tr("keys.appkey"), self.appkey)
        form.addRow("", self.appkey_stored)
        form.addRow(tr("keys.secretkey"), self.secretkey)
        form.addRow("", self.secret_stored)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(theme.FIELD_ERROR_STYLE)
        layout.addWidget(self.error)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(tr("keys.save"))
        self.delete_button = QPushButton(tr("keys.delete"))
        self.close_button = QPushButton(tr("keys.cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.delete_button.setEnabled(stored is not None)
        self.save_button.clicked.connect(self._save)
        self.delete_button.clicked.connect(self._delete)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _stored_text(value: str | None, keep: int) -> str:
        # The app key shows a short prefix (to tell keys apart); the secret only its length.
        if not value:
            return tr("keys.none")
        return tr("keys.stored", masked=("●" * 6 if keep == 0 else "") + mask(value, keep))

    def _save(self) -> None:
        appkey = self.appkey.text().strip() or (self._stored.appkey if self._stored else "")
        secret = self.secretkey.text().strip() or (self._stored.secretkey if self._stored else "")
        creds = Credentials(appkey, secret)
        if not creds.complete:
            self.error.setText(tr("keys.incomplete"))
            return
        self.choice, self.credentials = KeysChoice.SAVE, creds
        self._forget_typed()
        self.accept()

    def _delete(self) -> None:
        self.choice, self.credentials = KeysChoice.DELETE, None
        self._forget_typed()
        self.accept()

    def _forget_typed(self) -> None:
        self.appkey.clear()
        self.secretkey.clear()


async def ask_credentials(
    parent: QWidget | None,
    env: Environment,
    stored: Credentials | None,
    backend_ok: bool,
    on_open=None,
) -> tuple[KeysChoice, Credentials | None]:
    """Show the dialog without a nested event loop and wait for its answer."""
    dialog = CredentialsDialog(env, stored, backend_ok, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    future: asyncio.Future[tuple[KeysChoice, Credentials | None]] = (
        asyncio.get_event_loop().create_future()
    )

    def finished(_result: int) -> None:
        if not future.done():
            future.set_result((dialog.choice, dialog.credentials))

    dialog.finished.connect(finished)
    if on_open is not None:
        on_open(dialog)
    dialog.open()
    return await future
