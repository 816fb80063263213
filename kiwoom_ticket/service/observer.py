"""The core's one observer type: what the Qt bridge mirrors as signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """A minimal observer: `connect(fn)`, then `emit(*args)` calls each fn in order. The
    Qt bridge connects a signal's `emit`; tests connect a list's `append`."""

    def __init__(self) -> None:
        self._listeners: list[Callable[..., Any]] = []

    def connect(self, fn: Callable[..., Any]) -> None:
        self._listeners.append(fn)

    def emit(self, *args: Any) -> None:
        for fn in list(self._listeners):
            fn(*args)
