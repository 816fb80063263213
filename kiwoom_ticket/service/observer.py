"""The core's one observer type: what the Qt bridge mirrors as signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """A minimal observer: `connect(fn)`, then `emit(*args)` calls each fn (in the order
    connected, though no listener may rely on that: the core's state is whole before any
    is told), `disconnect(fn)` stops it. The Qt bridge connects a signal's `emit`; tests
    connect a list's `append`."""

    def __init__(self) -> None:
        self._listeners: list[Callable[..., Any]] = []

    def connect(self, fn: Callable[..., Any]) -> None:
        self._listeners.append(fn)

    def disconnect(self, fn: Callable[..., Any]) -> None:
        """Stop calling `fn` (a window closing while the core lives on). Not connected:
        nothing happens."""
        for i, listener in enumerate(self._listeners):
            if listener == fn:  # equal bound methods of one object are one listener
                del self._listeners[i]
                return

    def emit(self, *args: Any) -> None:
        for fn in list(self._listeners):
            fn(*args)
