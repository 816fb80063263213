"""What a panel listens to, so it can stop listening: a window that closes while the core
(and its other windows) live on leaves no slot behind that would reach its deleted
widgets. Works for Qt signals and for the core's Events alike."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, Protocol


class Connectable(Protocol):
    def connect(self, slot: Callable[..., Any], /) -> Any: ...

    def disconnect(self, slot: Callable[..., Any], /) -> Any: ...


class Subscriptions:
    def __init__(self) -> None:
        self._links: list[tuple[Connectable, Callable[..., Any]]] = []

    def connect(self, signal: Connectable, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._links.append((signal, slot))

    def close(self) -> None:
        """Disconnect everything connected through this (safe to call twice)."""
        links, self._links = self._links, []
        for signal, slot in reversed(links):
            # The sender may be gone already (its window closed first): nothing to undo.
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
