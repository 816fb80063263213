"""The UI's one way to run async work on the GUI loop.

Every widget that awaits the core (a quote, a send, a cancel, a list load) hands the
coroutine here instead of writing its own `ensure_future` + `except Exception`. A failure
is logged, routed to the status channel in the trader's language (or to the caller's own
`on_error`, which shows it next to the field), and never swallowed; a task still running
when its owner closes is cancelled, and one that fails after that is only logged (its
widgets may be gone).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from ..service.status import Severity, StatusChannel
from .messages import error_detail, error_text, labelled

log = logging.getLogger(__name__)

ErrorHandler = Callable[[BaseException], None]


class TaskRunner:
    def __init__(self, status: StatusChannel) -> None:
        self.status = status
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    @property
    def running(self) -> int:
        return len(self._tasks)

    def run(self, coro: Coroutine[Any, Any, Any], *, what: str = "task",
            on_error: ErrorHandler | None = None) -> asyncio.Task[Any]:
        """Start `coro`; `what` names it in the log. `on_error` (if given) shows the
        failure where the trader looks (next to a field); otherwise the status line does."""
        task = asyncio.ensure_future(coro)  # cancelled unstarted, it is closed cleanly
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._done(t, what, on_error))
        return task

    def _done(self, task: asyncio.Task[Any], what: str, on_error: ErrorHandler | None) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if self._closed:  # the owner is closing: its widgets may be gone
            log.info("%s ended with its window: %s", what, error_detail(exc))
            return
        if on_error is not None:
            log.info("%s failed: %s", what, error_detail(exc))
            on_error(exc)
            return
        log.warning("%s failed: %s", what, error_detail(exc))
        self.status.post(labelled("status.worker_error", error_text(exc)), error_detail(exc),
                         Severity.WARNING)

    def close(self) -> list[asyncio.Task[Any]]:
        """Cancel what still runs; returns those tasks (the caller may wait for them)."""
        self._closed = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        return tasks
