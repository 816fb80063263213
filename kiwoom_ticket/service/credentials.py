"""App key and secret key in the OS keyring, or in memory when there is none.

Headless and minimal Linux often has no keyring backend: every call then raises a
KeyringError. Keys are kept for this session only and the UI says so. Nothing here ever
writes a key to a file or a log.
"""

from __future__ import annotations

import logging
from types import ModuleType

from ..domain.environment import Environment
from ..kiwoom.secrets import Credentials

log = logging.getLogger(__name__)

SERVICE = "kiwoom-ticket"


def _keyring() -> ModuleType:
    """keyring, loaded on first use: the store is made on the worker thread when the app
    connects, so the window does not wait for keyring's imports (its backends, their
    entry points) before it shows."""
    import keyring

    return keyring


def _names(env: Environment) -> tuple[str, str]:
    return f"{env.value}:appkey", f"{env.value}:secretkey"


class CredentialStore:
    def __init__(self) -> None:
        self._session: dict[Environment, Credentials] = {}
        self.backend_ok = self._probe()

    @staticmethod
    def _probe() -> bool:
        keyring = _keyring()
        try:
            keyring.get_password(SERVICE, "probe")
        except keyring.errors.KeyringError:
            return False
        except Exception:  # a broken backend (D-Bus down ...) is as good as none
            log.warning("keyring backend failed; keys kept for this session only")
            return False
        return True

    def load(self, env: Environment) -> Credentials | None:
        if env in self._session:
            return self._session[env]
        if not self.backend_ok:
            return None
        app_name, secret_name = _names(env)
        keyring = _keyring()
        try:
            appkey = keyring.get_password(SERVICE, app_name)
            secret = keyring.get_password(SERVICE, secret_name)
        except Exception:
            log.warning("keyring read failed for %s", env.value)
            return None
        if appkey and secret:
            return Credentials(appkey, secret)
        return None

    def save(self, env: Environment, creds: Credentials) -> bool:
        """True when stored in the keyring, False when kept for this session only."""
        self._session.pop(env, None)
        if self.backend_ok:
            app_name, secret_name = _names(env)
            keyring = _keyring()
            try:
                keyring.set_password(SERVICE, app_name, creds.appkey)
                keyring.set_password(SERVICE, secret_name, creds.secretkey)
                return True
            except Exception:
                log.warning("keyring write failed for %s; kept for this session", env.value)
        self._session[env] = creds
        return False

    def delete(self, env: Environment) -> None:
        self._session.pop(env, None)
        if not self.backend_ok:
            return
        keyring = _keyring()
        for name in _names(env):
            try:
                keyring.delete_password(SERVICE, name)
            except keyring.errors.PasswordDeleteError:
                pass
            except Exception:
                log.warning("keyring delete failed for %s", env.value)
