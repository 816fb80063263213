"""One token per app key, between every program of this user that uses it.

Kiwoom is reported to keep one token per app key: issuing a new one invalidates the one
issued before. Two programs with one app key that each re-issue on 8005 take it from each
other forever (a bot that re-issued three times in 8 s made another fail 504 times). So:

- every issue of a token for an app key happens under a lock shared by this user's
  processes (a file in the data folder, locked with fcntl or msvcrt), never two at once;
- a file beside it says when the last one was issued, by whom, and whether it was a
  renewal (a time, an id and a process id: no secret; both names carry a hash of the
  environment and app key, never the key itself);
- a *renewal* (the token was refused: 8005 on REST, 805004 on the WebSocket) is not made
  when, within `window`, another client was issued a token (it took the key from us) or a
  renewal was made (ours refused again, or another's): another program is using the app
  key, and TokenTaken says so instead of taking it back. At most one renewal a window.
- a client told TokenTaken renews no more (KiwoomClient) until the trader takes the key
  back by connecting again: that, and a token near its expiry, is issued whatever the
  window (still under the lock, and recorded).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

from ..domain.text import Text
from .errors import TokenTaken

RENEW_WINDOW = 60.0  # seconds: at most one renewal per app key in this long
LOCK_WAIT = 10.0  # seconds to wait for another process's issue to finish
_T = TypeVar("_T")


class FileLock:
    """An exclusive lock on `path` across processes (and threads: each holder opens the
    file itself). A lock whose process died is released by the OS."""

    def __init__(self, path: Path, wait: float = LOCK_WAIT, poll: float = 0.02) -> None:
        self.path, self.wait, self.poll = path, wait, poll
        self._file: IO[bytes] | None = None

    def __enter__(self) -> FileLock:
        f = open(self.path, "a+b")  # held until __exit__
        deadline = time.monotonic() + self.wait
        while True:
            try:
                _lock(f)
                self._file = f
                return self
            except OSError:
                if time.monotonic() >= deadline:
                    f.close()
                    raise TimeoutError(f"{self.path.name} stayed locked for {self.wait:g} s") \
                        from None
                time.sleep(self.poll)  # another process is issuing a token: not long

    def __exit__(self, *exc: object) -> None:
        f, self._file = self._file, None
        if f is not None:
            try:
                _unlock(f)
            finally:
                f.close()


if sys.platform == "win32":  # what os.name == "nt" means, in the form mypy follows
    import msvcrt

    def _lock(f: IO[bytes]) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(f: IO[bytes]) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class TokenRenewals:
    """The issues of tokens for one app key, shared through `folder`. `scope`: where the
    key is used (the environment: mock and real keys differ anyway; the practice exchange's
    one key gets one pair of files, whatever port the exchange has this time)."""

    def __init__(self, folder: Path, scope: str, app_key: str, *,
                 window: float = RENEW_WINDOW, clock: Callable[[], float] = time.time,
                 lock_wait: float = LOCK_WAIT) -> None:
        digest = hashlib.sha256(f"{scope}\n{app_key}".encode()).hexdigest()[:20]
        folder.mkdir(parents=True, exist_ok=True)
        self._lock_path = folder / f"token-{digest}.lock"
        self._record_path = folder / f"token-{digest}.json"
        self.window, self._clock, self._lock_wait = window, clock, lock_wait
        self._me = uuid.uuid4().hex  # this client, to tell its own issues from others'

    def issue(self, make: Callable[[], _T], *, renewal: bool) -> _T:
        """`make()` (au10001) under the lock, recorded. `renewal`: the last token was
        refused; TokenTaken instead if a token was issued within the window."""
        with FileLock(self._lock_path, self._lock_wait):
            if renewal:
                last = self._last()
                ago = self._clock() - last.get("at", float("-inf"))
                mine = last.get("by") == self._me
                if 0 <= ago < self.window and (not mine or last.get("renewal")):
                    raise TokenTaken(_taken_message(ago, mine, last.get("pid")), code="8005")
            token = make()
            self._record(renewal)
            return token

    def _last(self) -> dict[str, Any]:
        try:
            data = json.loads(self._record_path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and isinstance(data.get("at"), int | float) \
            else {}

    def _record(self, renewal: bool) -> None:
        tmp = self._record_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"at": self._clock(), "by": self._me, "pid": os.getpid(),
                                   "renewal": renewal}), "utf-8")
        os.replace(tmp, self._record_path)


def _taken_message(ago: float, mine: bool, pid: object) -> Text:
    if mine:
        how = f"the token this program was issued {ago:.0f} s ago was refused too"
    elif pid == os.getpid():
        how = f"another connection of this program was issued one {ago:.0f} s ago"
    else:
        how = f"another program (process {pid}) was issued one {ago:.0f} s ago"
    # How it was found is for the log: the English says it, the Korean keeps to what to do.
    return Text("다른 프로그램이 같은 앱키를 사용 중입니다. 다시 연결하면 되찾습니다",
                f"Another program is using this app key ({how}). Connect again to take it back")
