"""The Kiwoom REST client. No Qt.

The names below load on first use (PEP 562): importing a light submodule (errors,
secrets, token) must not load requests and urllib3 with the client, or the window
would wait for them at start."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import ApiResponse, KiwoomClient
    from .errors import (
        ApiError,
        AuthError,
        BadResponse,
        KiwoomError,
        NotSent,
        OrderRejected,
        OutcomeUnknown,
        RateLimited,
    )
    from .replies import OrderAck
    from .secrets import Credentials, mask
    from .timeouts import Timeouts
    from .token import Token

_WHERE = {
    "ApiResponse": "client", "KiwoomClient": "client", "OrderAck": "replies",
    "ApiError": "errors", "AuthError": "errors", "BadResponse": "errors",
    "KiwoomError": "errors", "NotSent": "errors", "OrderRejected": "errors",
    "OutcomeUnknown": "errors", "RateLimited": "errors",
    "Credentials": "secrets", "mask": "secrets", "Timeouts": "timeouts", "Token": "token",
}

__all__ = [
    "ApiError", "ApiResponse", "AuthError", "BadResponse", "Credentials", "KiwoomClient",
    "KiwoomError", "NotSent", "OrderAck", "OrderRejected", "OutcomeUnknown", "RateLimited",
    "Timeouts", "Token", "mask",
]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
