"""Kiwoom's per-api-id request quota, as a token bucket for each api-id."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, per_second: float, burst: int, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_second = per_second
        self.burst = burst
        self.monotonic = monotonic  # replaceable, so tests can stop time
        self._buckets: dict[str, tuple[float, float]] = {}  # api-id -> (tokens, at)
        self._lock = threading.Lock()

    def allow(self, api_id: str) -> bool:
        now = self.monotonic()
        with self._lock:
            tokens, at = self._buckets.get(api_id, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.per_second)
            if tokens < 1.0:
                self._buckets[api_id] = (tokens, now)
                return False
            self._buckets[api_id] = (tokens - 1.0, now)
            return True
