"""Access tokens the practice exchange issued (au10001) and has not revoked (au10002).

`one_per_key`: as Kiwoom users report, issuing a token for an app key invalidates the
ones issued for it before (two programs with one app key take it from each other)."""

from __future__ import annotations

import secrets
import threading
from datetime import datetime, timedelta

from .clock import Clock


class TokenStore:
    def __init__(self, clock: Clock, lifetime_seconds: float, one_per_key: bool = False) -> None:
        self._clock = clock
        self.one_per_key = one_per_key
        self._lifetime = timedelta(seconds=lifetime_seconds)
        self._expiry: dict[str, datetime] = {}
        self._app_keys: dict[str, str] = {}  # token -> the app key it was issued to
        self._lock = threading.Lock()

    def issue(self, app_key: str = "") -> tuple[str, datetime]:
        """A new token (86 URL-safe characters, like Kiwoom's) and when it expires (KST).
        `app_key`: whose it is (one WebSocket session per app key); "" the practice app's."""
        token = secrets.token_urlsafe(64)
        expires = self._clock.now() + self._lifetime
        with self._lock:
            if self.one_per_key:
                for old in [t for t, key in self._app_keys.items() if key == app_key]:
                    self._app_keys.pop(old)
                    self._expiry.pop(old, None)
            self._expiry[token] = expires
            self._app_keys[token] = app_key
        return token, expires

    def app_key(self, token: str) -> str:
        with self._lock:
            return self._app_keys.get(token, "")

    def valid(self, token: str) -> bool:
        with self._lock:
            expires = self._expiry.get(token)
        return expires is not None and self._clock.now() < expires

    def revoke(self, token: str) -> bool:
        with self._lock:
            self._app_keys.pop(token, None)
            return self._expiry.pop(token, None) is not None

    def expire(self, token: str) -> None:
        """Make `token` invalid from now on (the expired-token fault)."""
        with self._lock:
            if token in self._expiry:
                self._expiry[token] = self._clock.now()
