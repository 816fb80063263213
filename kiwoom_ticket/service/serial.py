"""The one background thread that does every blocking call (HTTP, keyring, journal).

One thread means requests leave in the order they were asked for: a modify can never
overtake its original. Two lanes: everything the trader asked for (orders, quotes,
refreshes) goes first, in order; live-event work (journaling a burst of 00 events) runs
only when nothing else waits, so a flood of events never holds an order back by more
than the one batch already running. Qt-free: the application core awaits `call` /
`call_later`; the UI's Worker only adds a Qt signal for the queue length.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
_Call = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]  # a future, what, with what


class Runner(Protocol):
    """What runs a blocking call on the worker thread and is awaited for its result
    (SerialThread.call, the UI Worker's call and call_later)."""

    def __call__(self, fn: Callable[..., T], /, *args: Any) -> Coroutine[Any, Any, T]: ...
# Closing the window waits this long for the worker (the token revoke, an order in
# flight), never longer: an order still out is journaled and settled at the next start.
CLOSE_WAIT_SECONDS = 3.0


class SerialThread:
    """One daemon thread running submitted calls, first lane before the later lane, each
    in order. A daemon, unlike ThreadPoolExecutor's workers, so a server that never
    answers can't hold the process open at exit."""

    def __init__(self, name: str) -> None:
        self._ready = threading.Condition()
        self._first: deque[_Call] = deque()
        self._later: deque[_Call] = deque()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self._put(self._first, fn, args)

    def submit_later(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run `fn` once nothing is waiting in the first lane (live-event work)."""
        return self._put(self._later, fn, args)

    def _put(self, lane: deque[_Call], fn: Callable[..., T], args: tuple[Any, ...]) -> Future[T]:
        future: Future[T] = Future()
        with self._ready:
            if self._stopping:
                future.cancel()
                return future
            lane.append((future, fn, args))
            self._ready.notify()
        return future

    @property
    def waiting(self) -> tuple[int, int]:
        """Calls queued in each lane (first, later), not counting the one running."""
        with self._ready:
            return len(self._first), len(self._later)

    def stop(self, wait: float | None, cancel_pending: bool) -> None:
        with self._ready:
            if cancel_pending:
                for lane in (self._first, self._later):
                    while lane:
                        lane.popleft()[0].cancel()
            self._stopping = True
            self._ready.notify()
        if wait:
            self._thread.join(wait)

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._first and not self._later and not self._stopping:
                    self._ready.wait()
                if self._first:
                    future, fn, args = self._first.popleft()
                elif self._later:
                    future, fn, args = self._later.popleft()
                else:
                    return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to whoever awaits it
                future.set_exception(exc)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the thread; await its result on the caller's loop."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    async def call_later(self, fn: Callable[..., T], *args: Any) -> T:
        """`call`, in the later lane: after every call of the first lane waiting."""
        return await asyncio.wrap_future(self.submit_later(fn, *args))
