"""The exchange's wall clock (KST) and the KRX hours gate used with `--clock krx`: the
KRX calendar (holidays, the year-end closure) and sessions of domain/session_clock.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from kiwoom_ticket.domain.clock import wall_clock
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.session_clock import KrxCalendar, krx_calendar, opens_at, takes
from kiwoom_ticket.domain.sessions import KST
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


def hours_reject(tt: TradeType, exchange: Exchange, now: datetime,
                 calendar: KrxCalendar = krx_calendar) -> str | None:
    """RC4057 before the type's session opens today, RC4058 once it is over (and all day
    on a weekend, a KRX holiday or the year-end closure), else None. The same calendar
    and sessions as the app's session clock (domain/session_clock.py)."""
    if takes(tt, exchange, now, calendar):
        return None
    kst = _as_kst(now)
    opens = opens_at(tt, exchange, kst, calendar)
    return BEFORE_OPEN if opens is not None and opens.date() == kst.date() else AFTER_CLOSE
