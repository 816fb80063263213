"""The exchange's wall clock (KST) and the KRX hours gate used with `--clock krx`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from kiwoom_ticket.domain.clock import wall_clock
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.sessions import KST, open_sessions
from kiwoom_ticket.domain.trade_types import TradeType

BEFORE_OPEN = "RC4057"
AFTER_CLOSE = "RC4058"


class Clock:
    """The app's wall clock (domain/clock.py: real time, or where KIWOOM_TICKET_CLOCK
    started it) by default, so the app and the practice exchange share one time; tests
    can pin this one (`set`) or move it (`advance`)."""

    def __init__(self, source: Callable[[], datetime] | None = None) -> None:
        self._source = source
        self._pinned: datetime | None = None
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            if self._pinned is not None:
                return self._pinned
            offset = self._offset
        raw = self._source() if self._source else wall_clock.now()
        return _as_kst(raw) + offset

    def set(self, when: datetime) -> None:
        with self._lock:
            self._pinned = _as_kst(when)

    def advance(self, seconds: float) -> None:
        with self._lock:
            if self._pinned is not None:
                self._pinned += timedelta(seconds=seconds)
            else:
                self._offset += timedelta(seconds=seconds)


def _as_kst(when: datetime) -> datetime:
    # A naive time is taken to be KST already, as Kiwoom's own strings are.
    return when.replace(tzinfo=KST) if when.tzinfo is None else when.astimezone(KST)


def hours_reject(tt: TradeType, exchange: Exchange, now: datetime) -> str | None:
    """RC4057 before the type's session opens today, RC4058 once it is over, else None."""
    if now.weekday() >= 5:
        return AFTER_CLOSE
    at = now.time()
    if tt.sessions & open_sessions(exchange, at):
        return None
    return BEFORE_OPEN if _opens_later(tt, exchange, at) else AFTER_CLOSE


def _opens_later(tt: TradeType, exchange: Exchange, at: time) -> bool:
    # The session windows live in the domain; probe them minute by minute rather than
    # copy the table. Runs only for an order that is already being refused.
    minute = at.hour * 60 + at.minute + 1
    while minute < 24 * 60:
        if tt.sessions & open_sessions(exchange, time(minute // 60, minute % 60)):
            return True
        minute += 1
    return False
