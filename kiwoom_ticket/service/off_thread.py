"""A blocking call on a short-lived thread of its own, awaited on the caller's loop: for
reads that must not queue behind the network on the one worker (the journal's head)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any


async def off_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """Run `fn` on a thread that ends with it, and await the result on the GUI loop."""
    loop = asyncio.get_event_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def run() -> None:
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to the awaiting coroutine
            loop.call_soon_threadsafe(_settle, future, None, exc)
        else:
            loop.call_soon_threadsafe(_settle, future, result, None)

    threading.Thread(target=run, name="kiwoom-history", daemon=True).start()
    return await future


def _settle(future: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)
