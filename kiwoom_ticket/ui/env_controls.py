"""Switching environments and managing API keys: the confirmations and dialogs around
TradingSession.connect. Real trading is opt-in and confirmed with the mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.environment import Environment
from ..service import Credentials
from .credentials_dialog import CredentialsDialog, KeysChoice, ask_credentials
from .i18n import both, tr

if TYPE_CHECKING:
    from .main_window import MainWindow


class EnvControls:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.credentials_dialog: CredentialsDialog | None = None  # the open one, for tests

    @property
    def session(self):
        return self.window.session

    async def switch(self, env: Environment, *, force: bool = False) -> bool:
        """Go to `env` (or reconnect with `force`). Real asks first; Kiwoom environments
        without stored keys open the keys dialog. A refusal leaves things as they were."""
        w = self.window
        if env is self.session.env and self.session.connected and not force:
            return True
        if env is Environment.REAL and self.session.env is not Environment.REAL:
            agreed = await w.dialogs.confirm(
                tr("env.confirm_real.title"), tr("env.confirm_real.text"), require_mouse=True
            )
            if not agreed:
                w.env_bar.show_env(self.session.env)
                return False
        creds: Credentials | None = None
        if env.needs_credentials:
            creds = await self.session.load_credentials(env)
            if creds is None:
                w.show_status(both("env.need_keys"))
                creds = await self.edit_keys(env)
                if creds is None:
                    w.env_bar.show_env(self.session.env)
                    return False
        if env.needs_credentials:
            store = await self.session.store()
            w.env_bar.show_session_keys(not store.backend_ok)
        else:
            w.env_bar.show_session_keys(False)
        return await self.session.connect(env, creds)

    async def edit_keys(self, env: Environment) -> Credentials | None:
        """Open the keys dialog for `env`; returns the keys saved, if any."""
        if not env.needs_credentials:
            return None
        stored = await self.session.load_credentials(env)
        store = await self.session.store()

        def opened(dialog: CredentialsDialog) -> None:
            self.credentials_dialog = dialog

        try:
            choice, creds = await ask_credentials(
                self.window, env, stored, store.backend_ok, on_open=opened
            )
        finally:
            self.credentials_dialog = None
        if choice is KeysChoice.SAVE and creds is not None:
            in_keyring = await self.session.save_credentials(env, creds)
            self.window.show_status(both("keys.keyring" if in_keyring else "keys.no_backend"))
            return creds
        if choice is KeysChoice.DELETE:
            await self.session.delete_credentials(env)
            self.window.show_status(both("keys.none"))
        return None
