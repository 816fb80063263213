"""The GUI's handle on the one worker thread (service.serial): the same serial calls,
plus a Qt signal with how many are queued, for the environment bar. The GUI thread
itself never touches the network."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..service.serial import CLOSE_WAIT_SECONDS, SerialThread

T = TypeVar("T")


class Worker(QObject):
    """Runs callables one at a time off the GUI thread: in submission order, except
    that `call_later` work waits for every `call` queued (service/serial.py)."""

    pending_changed = Signal(int)  # calls submitted and not yet finished

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = SerialThread("kiwoom-worker")
        self._pending = 0
        self._closed = False

    @property
    def queued(self) -> int:
        """Calls waiting behind the one running now."""
        return max(self._pending - 1, 0)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await self._call(self._executor.submit, fn, *args)

    async def call_later(self, fn: Callable[..., T], *args: Any) -> T:
        """`call`, after every call waiting in the first lane (live-event work: an
        order never waits behind events)."""
        return await self._call(self._executor.submit_later, fn, *args)

    async def _call(self, submit: Callable[..., Any], fn: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise RuntimeError("worker is shut down")
        future = asyncio.wrap_future(submit(fn, *args))
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
