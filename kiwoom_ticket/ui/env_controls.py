"""Switching environments and managing API keys: the confirmations and dialogs around
SessionBridge.connect. Real trading is opt-in and confirmed with the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..domain.environment import Environment
from ..domain.text import Text
from ..service import Credentials
from .dialogs import DialogService
from .env_bar import EnvBar
from .i18n import both, tr
from .session_bridge import SessionBridge

if TYPE_CHECKING:
    from .credentials_dialog import CredentialsDialog


class EnvControls:
    """Takes what it works with, not the window: the session it switches, the dialogs it
    asks through, the environment bar it puts back after a refusal, where to say what
    happened, and the parent of the keys dialog."""

    def __init__(
        self,
        session: SessionBridge,
        dialogs: DialogService,
        env_bar: EnvBar,
        show_status: Callable[[Text | str], object],
        parent: QWidget | None = None,
    ) -> None:
        self.session = session
        self.dialogs = dialogs
        self.env_bar = env_bar
        self.show_status = show_status
        self.parent = parent
        self.credentials_dialog: CredentialsDialog | None = None  # the open one, for tests

    async def switch(self, env: Environment, *, force: bool = False) -> bool:
        """Go to `env` (or reconnect with `force`). Real asks first; Kiwoom environments
        without stored keys open the keys dialog. A refusal leaves things as they were."""
        if env is self.session.env and self.session.connected and not force:
            return True
        if env is Environment.REAL and self.session.env is not Environment.REAL:
            agreed = await self.dialogs.confirm(
                tr("env.confirm_real.title"), tr("env.confirm_real.text"), require_mouse=True
            )
            if not agreed:
                self.env_bar.show_env(self.session.env)
                return False
        creds: Credentials | None = None
        if env.needs_credentials:
            creds = await self.session.load_credentials(env)
            if creds is None:
                self.show_status(both("env.need_keys"))
                creds = await self.edit_keys(env)
                if creds is None:
                    self.env_bar.show_env(self.session.env)
                    return False
        if env.needs_credentials:
            store = await self.session.store()
            self.env_bar.show_session_keys(not store.backend_ok)
        else:
            self.env_bar.show_session_keys(False)
        return await self.session.connect(env, creds)

    async def edit_keys(self, env: Environment) -> Credentials | None:
        """Open the keys dialog for `env`; returns the keys saved, if any."""
        if not env.needs_credentials:
            return None
        stored = await self.session.load_credentials(env)
        store = await self.session.store()

        # The dialog's module when first opened, not before the window shows (cold start).
        from .credentials_dialog import KeysChoice, ask_credentials

        def opened(dialog: CredentialsDialog) -> None:
            self.credentials_dialog = dialog

        try:
            choice, creds = await ask_credentials(
                self.parent, env, stored, store.backend_ok, on_open=opened
            )
        finally:
            self.credentials_dialog = None
        if choice is KeysChoice.SAVE and creds is not None:
            in_keyring = await self.session.save_credentials(env, creds)
            self.show_status(both("keys.keyring" if in_keyring else "keys.no_backend"))
            return creds
        if choice is KeysChoice.DELETE:
            await self.session.delete_credentials(env)
            self.show_status(both("keys.none"))
        return None
