"""Typed failures of a Kiwoom call.

Three kinds must never be confused, because they decide what happens to money:
- `ApiError` and its subclasses: the server answered and said no. Nothing was done.
- `RateLimited`: the server refused for pace (code 1700-1702; else HTTP 429 or return_code
  5). Treated as not taken, but Kiwoom is known to accept some of these anyway, so orders
  get reconciled. The bracketed code decides first: 1634 (too many codes in one request)
  comes as return_code 5 in a rate limit's words, and is a plain ApiError.
- `OutcomeUnknown`: the request may have reached the server and we did not get a clear
  answer (timeout, dropped connection, garbage reply). An order in this state is never
  re-sent automatically.
`NotSent` is the one transport failure that proves nothing left (the connection was
never made), so it is safe to try again.
Messages never include request bodies, headers or tokens.
"""

from __future__ import annotations

import re

from ..domain.text import Text

_EMBEDDED_CODE = re.compile(r"\[(\d{3,6}):|\((RC\d{4}|\d{6}):|CODE=(\d{3,5})")


def embedded_code(return_msg: str) -> str | None:
    """The documented code inside a `return_msg`: 8005, 1511, 1700, RC4003, 800033 ..."""
    # Order rejects look like "[2000](RC4003:...)": the inner code is the useful one.
    inner = re.search(r"\((RC\d{4}|\d{6}):", return_msg)
    if inner:
        return inner.group(1)
    m = _EMBEDDED_CODE.search(return_msg)
    if not m:
        return None
    return next(g for g in m.groups() if g)


class KiwoomError(Exception):
    """Base class. `str()` is safe to show and to log."""

    def __init__(
        self,
        message: str | Text,
        *,
        api_id: str = "",
        http_status: int | None = None,
        return_code: int | None = None,
        code: str | None = None,
        cause: str = "",
    ) -> None:
        # The app's own words come as a Text, shown in the UI's language; the message
        # (for the log and str()) carries both. Kiwoom's own text comes as it was sent.
        self.text: Text | None = message if isinstance(message, Text) else None
        message = str(message) if isinstance(message, Text) else message
        super().__init__(message)
        self.message = message
        self.cause = cause  # the library's failure (MaxRetryError): for the log, not the user
        self.api_id = api_id
        self.http_status = http_status
        self.return_code = return_code
        self.code = code

    def __str__(self) -> str:
        parts = [self.message]
        if self.api_id:
            parts.append(f"api-id={self.api_id}")
        if self.http_status is not None:
            parts.append(f"HTTP {self.http_status}")
        if self.return_code is not None:
            parts.append(f"return_code={self.return_code}")
        if self.code:
            parts.append(f"code={self.code}")
        if self.cause:
            parts.append(f"cause={self.cause}")
        return " | ".join(parts)


class ApiError(KiwoomError):
    """The server answered with return_code != 0: a definite no."""


class AuthError(ApiError):
    """Token or key refused (8005, 8020, 8030 ...). Refused before processing."""


class TokenTaken(AuthError):
    """The app key's token was refused again right after a renewal, or renewed moments ago
    (by this or another program): Kiwoom keeps one token per app key, so another program
    is using it. Not renewed again on its own (that would take the key back and forth);
    the trader may take it back by connecting again."""


class OrderRejected(ApiError):
    """An order the exchange refused (return_code 20, RCxxxx): it was not placed."""


class RateLimited(ApiError):
    """Code 1700/1701/1702; without a bracketed code, HTTP 429 or return_code 5."""


class TransportError(KiwoomError):
    """No usable answer from the server."""


class NotSent(TransportError):
    """The connection was never made; the request did not leave this machine."""


class OutcomeUnknown(TransportError):
    """The request may have been processed; nobody knows. Reconcile, never re-send."""


class BadResponse(OutcomeUnknown):
    """The server answered with something that is not Kiwoom JSON (HTML 500, bad JSON)."""
