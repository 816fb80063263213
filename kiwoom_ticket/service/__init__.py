"""Order service: journal + client + reconciliation, and the keyring store. No Qt.

It also hands the UI what it needs of the Kiwoom client (keys, token, the errors it
explains), so the UI never imports kiwoom_ticket.kiwoom itself.

The names below load on first use (PEP 562), each from its own module: the window
imports a few light ones (Quote, Token, the errors) before it shows, and must not wait
for the Kiwoom client's requests/urllib3 or for keyring, which load on the worker
thread when it connects."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..kiwoom.errors import ApiError, KiwoomError
    from ..kiwoom.secrets import Credentials, mask
    from ..kiwoom.token import Token
    from .account import AccountSnapshot, Holding, fetch_account
    from .app_session import AppSession, ConnectionState, NotConnected
    from .credentials import CredentialStore
    from .factory import open_service, practice_exchange, read_history, stop_practice_exchange
    from .observer import Event
    from .orders import OrderService, Quote

_WHERE = {
    "ApiError": "..kiwoom.errors", "KiwoomError": "..kiwoom.errors",
    "Credentials": "..kiwoom.secrets", "mask": "..kiwoom.secrets", "Token": "..kiwoom.token",
    "AccountSnapshot": ".account", "Holding": ".account", "fetch_account": ".account",
    "AppSession": ".app_session", "ConnectionState": ".app_session", "Event": ".observer",
    "NotConnected": ".app_session", "CredentialStore": ".credentials",
    "open_service": ".factory", "practice_exchange": ".factory", "read_history": ".factory",
    "stop_practice_exchange": ".factory", "OrderService": ".orders", "Quote": ".orders",
}

__all__ = [
    "AccountSnapshot", "ApiError", "AppSession", "ConnectionState", "CredentialStore",
    "Credentials", "Event", "Holding", "KiwoomError", "NotConnected", "OrderService",
    "Quote", "Token", "fetch_account", "mask", "open_service", "practice_exchange",
    "read_history", "stop_practice_exchange",
]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
