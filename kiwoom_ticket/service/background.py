"""The core's background work on the GUI's asyncio loop, in one place.

What the core starts and does not await (a watch's order, a bracket's step, a save of
the kill switch, the stream's catch-up) is held here until it ends, so it is neither
collected half-way nor lost silently: a failure is logged under the owner's name, at
the level the owner chose (a background save the next order repeats is INFO; a watch
that could not act is a WARNING), and `stop` cancels what still runs. The UI's
counterpart, which also says failures in the status line, is ui/tasks.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    def __init__(self, what: str, level: int = logging.WARNING) -> None:
        self.what = what
        self.level = level
        self._tasks: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def __iter__(self) -> Iterator[asyncio.Task[Any]]:
        return iter(list(self._tasks))

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            log.log(self.level, "%s failed: %s", self.what, exc)

    def stop(self) -> list[asyncio.Task[Any]]:
        """Cancel what still runs; returns those tasks."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        return tasks
