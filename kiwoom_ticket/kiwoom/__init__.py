"""The Kiwoom REST client. No Qt."""

from .client import ApiResponse, KiwoomClient, OrderAck, Timeouts
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
from .secrets import Credentials, mask
from .token import Token

__all__ = [
    "ApiError", "ApiResponse", "AuthError", "BadResponse", "Credentials",
    "KiwoomClient", "KiwoomError", "NotSent", "OrderAck", "OrderRejected", "OutcomeUnknown",
    "RateLimited", "Timeouts", "Token", "mask",
]
