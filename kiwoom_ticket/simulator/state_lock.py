"""One practice exchange per state file: an OS lock on `<state file>.lock`.

The OS drops the lock when its holder dies, however it dies (a crash, SIGKILL), so a
stale lock file never blocks the next start; the file itself is left in place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class StateFileBusy(RuntimeError):
    """Another practice exchange is running on this state file."""


class StateLock:
    def __init__(self, state_file: Path) -> None:
        self.path = state_file.with_name(state_file.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> StateLock:
        """Take the lock or raise StateFileBusy at once (never waits)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise StateFileBusy(f"another practice exchange is running on {self.path.with_suffix('')}"
                                ) from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0; OSError when held elsewhere
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
