"""The one background thread that does every blocking call (HTTP, keyring).

One thread means requests leave in the order they were asked for: a modify can never
overtake its original. The GUI awaits results with `await worker.call(fn, ...)`; the
GUI thread itself never touches the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class Worker(QObject):
    """Runs callables one at a time, in submission order, off the GUI thread."""

    pending_changed = Signal(int)  # calls submitted and not yet finished

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiwoom-worker")
        self._pending = 0
        self._closed = False

    @property
    def queued(self) -> int:
        """Calls waiting behind the one running now."""
        return max(self._pending - 1, 0)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise RuntimeError("worker is shut down")
        loop = asyncio.get_event_loop()
        future = loop.run_in_executor(self._executor, fn, *args)
        self._set_pending(self._pending + 1)
        try:
            return await future
        finally:
            self._set_pending(self._pending - 1)

    def submit_nowait(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue `fn` without waiting for it (shutdown: the token revoke)."""
        if not self._closed:
            self._executor.submit(fn, *args)

    def post(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """A function the worker thread can call to run `fn` on the GUI loop (thread-safe)."""
        loop = asyncio.get_event_loop()

        def relay(*args: Any) -> None:
            loop.call_soon_threadsafe(fn, *args)

        return relay

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work; with `wait`, let calls already submitted finish first."""
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    def _set_pending(self, n: int) -> None:
        self._pending = n
        self.pending_changed.emit(n)
