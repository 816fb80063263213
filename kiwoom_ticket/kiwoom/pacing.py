"""Client-side pacing per api-id, so normal use never meets the server's 429.

Each api-id gets a minimum interval between sends. A burst waits in the calling (worker)
thread, which keeps orders in click order; the worker's own queue shows how many wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    def __init__(
        self,
        per_second: float,
        *,
        overrides: dict[str, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_second = per_second
        self.overrides = dict(overrides or {})
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def interval(self, api_id: str) -> float:
        rate = self.overrides.get(api_id, self.per_second)
        return 0.0 if rate <= 0 else 1.0 / rate

    def wait(self, api_id: str) -> float:
        """Block until `api_id` may be sent; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            at = max(now, self._next.get(api_id, 0.0))
            self._next[api_id] = at + self.interval(api_id)
        delay = at - now
        if delay > 0:
            self._sleep(delay)
        return delay
