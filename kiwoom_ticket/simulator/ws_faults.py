"""Faults of the practice exchange's WebSocket, for reliability tests.

Each applies to the next REAL frames the exchange sends, on whichever connection:
- delay(seconds, count): the frame waits `seconds` before it goes (what follows waits
  behind it: one connection is one ordered stream);
- duplicate(count): the frame goes twice;
- drop(after): `after` more frames go, then the connection that would send the next is
  cut with no close frame (Realtime.drop() cuts every connection at once);
- silence(): live connections and new ones go quiet: no PING, no REAL, no answers, and
  what arrives is ignored, while TCP stays open (a half-dead link); silence(False) ends it.
- deaf(): the client's PING echoes are not heard (lost on the way), so after
  ws_ping_misses PINGs the exchange says SYSTEM R10002 and closes; deaf(False) ends it.
The REST fault kind "events_first" (faults.py) holds an order's reply until its 00 frames
have gone out: the 체결 before the reply.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class WsFault:
    kind: str  # "delay", "duplicate" or "drop"
    seconds: float = 0.0


class WsFaults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._delays: list[float] = []
        self._duplicates = 0
        self._drop_after: int | None = None
        self.silent = False
        self.deafened = False
        self.fired: dict[str, int] = {}

    def delay(self, seconds: float, count: int = 1) -> None:
        with self._lock:
            self._delays += [float(seconds)] * _positive(count)

    def duplicate(self, count: int = 1) -> None:
        with self._lock:
            self._duplicates += _positive(count)

    def drop(self, after: int = 0) -> None:
        if after < 0:
            raise ValueError("after must be 0 or more")
        with self._lock:
            self._drop_after = after

    def silence(self, on: bool = True) -> None:
        self.silent = on

    def deaf(self, on: bool = True) -> None:
        self.deafened = on

    def clear(self) -> None:
        with self._lock:
            self._delays.clear()
            self._duplicates = 0
            self._drop_after = None
            self.silent = False
            self.deafened = False

    def take(self) -> WsFault | None:
        """The fault for the REAL frame about to go, if any (consumes it)."""
        with self._lock:
            if self._drop_after is not None:
                if self._drop_after == 0:
                    self._drop_after = None
                    return self._fired(WsFault("drop"))
                self._drop_after -= 1
            if self._delays:
                return self._fired(WsFault("delay", self._delays.pop(0)))
            if self._duplicates:
                self._duplicates -= 1
                return self._fired(WsFault("duplicate"))
        return None

    def _fired(self, fault: WsFault) -> WsFault:
        self.fired[fault.kind] = self.fired.get(fault.kind, 0) + 1
        return fault


def _positive(count: int) -> int:
    if count < 1:
        raise ValueError("count must be at least 1")
    return count
