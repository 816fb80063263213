"""The one background thread that does every blocking call (HTTP, keyring, journal).

One thread means requests leave in the order they were asked for: a modify can never
overtake its original. Qt-free: the application core awaits `call`; the UI's Worker
only adds a Qt signal for the queue length.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
# Closing the window waits this long for the worker (the token revoke, an order in
# flight), never longer: an order still out is journaled and settled at the next start.
CLOSE_WAIT_SECONDS = 3.0
_STOP = object()


class SerialThread:
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



    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the thread; await its result on the caller's loop."""
        return await asyncio.wrap_future(self.submit(fn, *args))
