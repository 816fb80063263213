"""The one background thread that does every blocking call (HTTP, keyring).

One thread means requests leave in the order they were asked for: a modify can never
overtake its original. The GUI awaits results with `await worker.call(fn, ...)`; the
GUI thread itself never touches the network.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
# Closing the window waits this long for the worker (the token revoke, an order in
# flight), never longer: an order still out is journaled and settled at the next start.
CLOSE_WAIT_SECONDS = 3.0
_STOP = object()


class _SerialThread:
    """One daemon thread running submitted calls in order. A daemon, unlike
    ThreadPoolExecutor's workers, so a server that never answers can't hold the process
    open at exit."""

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        self._queue.put((future, fn, args))
        return future

    def stop(self, wait: float | None, cancel_pending: bool) -> None:
        if cancel_pending:
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not _STOP:
                    item[0].cancel()
        self._queue.put(_STOP)
        if wait:
            self._thread.join(wait)

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            future, fn, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to whoever awaits it
                future.set_exception(exc)


class Worker(QObject):
    """Runs callables one at a time, in submission order, off the GUI thread."""

    pending_changed = Signal(int)  # calls submitted and not yet finished

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = _SerialThread("kiwoom-worker")
        self._pending = 0
        self._closed = False

    @property
    def queued(self) -> int:
        """Calls waiting behind the one running now."""
        return max(self._pending - 1, 0)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise RuntimeError("worker is shut down")
        future = asyncio.wrap_future(self._executor.submit(fn, *args))
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

    def shutdown(self, wait: bool = True, timeout: float = CLOSE_WAIT_SECONDS) -> None:
        """Stop taking work; with `wait`, give calls already submitted up to `timeout`
        seconds to finish. Never longer: closing must not wait on a server."""
        self._closed = True
        self._executor.stop(timeout if wait else None, cancel_pending=not wait)

    def _set_pending(self, n: int) -> None:
        self._pending = n
        self.pending_changed.emit(n)
