"""One running copy per data folder.

Two copies on one journal would each settle the other's in-flight orders ("app stopped
while sending") and race on the practice exchange's state file. A lock file in the data
folder decides who runs (QLockFile takes over a lock whose process is gone, so a crash
never locks the user out). A second start asks the running copy to come to the front by
writing a small request file that the running copy watches, and waits for its answer.
The same file can ask the running copy to close the normal way ("close <token>"): Windows
has no SIGTERM a handler can see (ending a process there is TerminateProcess, exit 1), and
a console's Ctrl-Break reaches only programs that share its console.
QtCore only: the bundle leaves out Qt's network module.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal

LOCK_NAME = "kiwoom-ticket.lock"
REQUEST_NAME = "kiwoom-ticket.raise"


class SingleInstance(QObject):
    """Hold `acquire()` for the app's life; `activated` fires when a second start asks
    this copy to come to the front."""

    activated = Signal()
    close_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._request = data_dir / REQUEST_NAME
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True when this is now the one running copy for the data folder."""
        if not self._lock.tryLock(200):
            return False
        _write(self._request, "idle")
        self._watcher = QFileSystemWatcher([str(self._request)], self)
        self._watcher.fileChanged.connect(self._changed)
        return True

    def ask_running_copy_to_show(self, timeout_s: float = 3.0) -> bool:
        """From a second start: ask the running copy to come forward and wait for its
        answer. False if it did not answer (still starting, or hung)."""
        token = f"{os.getpid()}-{time.monotonic_ns()}"
        _write(self._request, f"raise {token}")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if _read(self._request) == f"shown {token}":
                return True
            time.sleep(0.05)
        return False

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.fileChanged.disconnect(self._changed)
            self._watcher = None
        self._lock.unlock()

    def _changed(self, path: str) -> None:
        if self._watcher is not None and path not in self._watcher.files():
            self._watcher.addPath(path)  # some editors and systems replace the file
        text = _read(self._request)
        if text.startswith("raise "):
            self.activated.emit()
            _write(self._request, "shown " + text.removeprefix("raise "))
        elif text.startswith("close "):
            _write(self._request, "closing " + text.removeprefix("close "))
            self.close_requested.emit()


def ask_running_copy_to_close(data_dir: Path, timeout_s: float = 5.0) -> bool:
    """Ask the copy running on `data_dir` to close its window the normal way (as the user
    closing it does). True once it has taken the request; then wait for its process."""
    request = data_dir / REQUEST_NAME
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    _write(request, f"close {token}")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _read(request) == f"closing {token}":
            return True
        time.sleep(0.05)
    return False


def _write(path: Path, text: str) -> None:
    # In place, not replaced: the watcher follows the file, not the name.
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8").strip()
    except OSError:
        return ""
