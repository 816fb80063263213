"""The one wall clock of the app and the practice exchange.

Everything that asks "what time is it" for trading purposes (the trading day of an order,
an event's day, the exchange's day roll and its HHmmss stamps) reads `wall_clock.now()`.
It is the system clock plus an offset, so time still moves: a test (or a person trying
the app at 23:59 KST) sets where it starts, `KIWOOM_TICKET_CLOCK=2026-12-07T23:59:40`
or `--clock-start`, and the app and the in-process practice exchange cross midnight and
session boundaries together, no libfaketime needed. A time without a zone is KST.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from .sessions import KST

CLOCK_VARIABLE = "KIWOOM_TICKET_CLOCK"


def parse_start(text: str) -> datetime:
    """An ISO 8601 time ("2026-12-07T23:59:40", "...+09:00"); naive means KST."""
    when = datetime.fromisoformat(text.strip())
    return when.replace(tzinfo=KST) if when.tzinfo is None else when


class WallClock:
    """The system clock moved by an offset; thread-safe."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            offset = self._offset
        return datetime.now(UTC) + offset

    def start_at(self, when: datetime) -> None:
        """From now on the clock reads `when`, and runs on from there."""
        when = when.replace(tzinfo=KST) if when.tzinfo is None else when
        with self._lock:
            self._offset = when - datetime.now(UTC)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += timedelta(seconds=seconds)

    def reset(self) -> None:
        """Back to the system's own clock."""
        with self._lock:
            self._offset = timedelta(0)

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset


wall_clock = WallClock()


def configure(environ: dict[str, str] | None, start: str | None = None) -> None:
    """Set the clock from `--clock-start` (`start`) or the environment, if either says."""
    text = start or (environ or {}).get(CLOCK_VARIABLE, "")
    if text:
        wall_clock.start_at(parse_start(text))
