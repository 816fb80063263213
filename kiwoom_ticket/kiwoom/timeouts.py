"""How long the client waits: its own module, so callers that only pass timeouts (the
service's factory, at import) need not load requests with the client."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 3.05
    read: float = 10.0  # the longest wait for any one read
    total: float = 10.0  # the whole request: connect, headers and body together

    def as_tuple(self) -> tuple[float, float]:
        return (self.connect, self.read)


DEFAULT_TIMEOUTS = Timeouts()
