"""The app's practice exchange in a child process (simulator/child.py): started when
Practice first connects, found through a handshake, gone when the app goes.

In its own process the exchange's server, market walk and WebSocket feed have a GIL of
their own: they no longer delay the window's thread (issue 26).
"""

from __future__ import annotations

import collections
import http.client
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.text import Text, with_text

log = logging.getLogger(__name__)

FLAG = "--practice-exchange"  # = simulator.child.FLAG (the service does not import it)
HANDSHAKE_SECONDS = 30.0  # start to first answer; a cold start on a loaded laptop is ~1-3 s
STOP_SECONDS = 10.0  # a clean stop writes the state file; after this it is killed
RESET_SECONDS = 10.0
STDERR_TAIL = 20  # lines kept to explain an exchange that died before answering
HANDSHAKE_MAX_BYTES = 4096
_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING,
           "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


DID_NOT_START = Text("연습 거래소를 시작하지 못했습니다",  # the reason: English, for the log
                     "the practice exchange did not start: {why}")


class PracticeExchangeFailed(RuntimeError):
    """The child did not come up: it exited, refused, or did not answer in time."""


def exchange_command(state_file: Path) -> list[str]:
    """This app started again as the exchange: `python -m kiwoom_ticket --practice-exchange`
    from source, the bundle's own executable when frozen (PyInstaller: no other Python)."""
    entry = [sys.executable] if getattr(sys, "frozen", False) else [
        sys.executable, "-m", "kiwoom_ticket"]
    return [*entry, FLAG, "--state", str(state_file), "--parent-pid", str(os.getpid())]


class PracticeProcess:
    """One child exchange. `start()` returns once it serves; `base_url`, `reset()`,
    `running`, `stop()` are what the service needs of it."""

    def __init__(self, state_file: Path, *, command: list[str] | None = None,
                 handshake_seconds: float = HANDSHAKE_SECONDS) -> None:
        self.state_file = state_file
        self.command = command or exchange_command(state_file)
        self.handshake_seconds = handshake_seconds
        self.host = "127.0.0.1"
        self.port = 0
        self.pid: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._close_job_handle: Callable[[], object] | None = None  # Windows: closes the job that kills the child with us
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL)
        self._readers: list[threading.Thread] = []

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # --- life cycle ----------------------------------------------------------------

    def start(self) -> PracticeProcess:
        """Spawn and wait for the handshake: one deadline for the whole of it. Raises
        PracticeExchangeFailed (the child is gone by then) with the reason."""
        deadline = time.monotonic() + self.handshake_seconds
        flags = 0
        if sys.platform == "win32":  # a statement: mypy follows platform checks in these only
            flags = subprocess.CREATE_NO_WINDOW
        try:
            # Its own session on POSIX: Ctrl-C in a terminal, a logout's SIGHUP or a
            # `kill` of the group reaches the app, which closes the normal way (revoking
            # its token at this exchange); the exchange stops after, with the app.
            self._proc = proc = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, creationflags=flags, close_fds=True,
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            raise with_text(PracticeExchangeFailed, DID_NOT_START.format(why=exc)) from None
        self.pid = proc.pid
        if sys.platform == "win32":
            self._close_job_handle = _kill_on_close_job(proc)
        self._readers = [
            threading.Thread(target=self._read_answers, name="practice-exchange-out",
                             daemon=True),
            threading.Thread(target=self._relay_log, name="practice-exchange-log", daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            hello = self._answers.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            self._kill()
            raise with_text(PracticeExchangeFailed, Text(
                "연습 거래소가 {s:.0f}초 안에 응답하지 않았습니다",
                "the practice exchange did not answer within {s:.0f} s",
            ).format(s=self.handshake_seconds)) from None
        if hello is None or "port" not in hello:
            reason = (hello or {}).get("error") or self._exit_reason(deadline)
            self._kill()
            raise with_text(PracticeExchangeFailed, DID_NOT_START.format(why=reason))
        self.port = int(hello["port"])
        return self

    def stop(self) -> None:
        """Close its stdin (it stops cleanly and writes its state), wait, else kill."""
        proc = self._proc
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            log.warning("practice exchange did not stop in %.0f s; killed", STOP_SECONDS)
            self._kill()
        for reader in self._readers:
            reader.join(STOP_SECONDS)
        self._close_job()
        self._proc = None

    def reset(self) -> None:
        """The practice account back to its start (the exchange's admin endpoint)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=RESET_SECONDS)
        try:
            conn.request("POST", "/_admin/account", body=json.dumps({"action": "reset"}),
                         headers={"Content-Type": "application/json"})
            reply = conn.getresponse()
            body = reply.read(HANDSHAKE_MAX_BYTES)
        finally:
            conn.close()
        try:
            ok = reply.status == 200 and json.loads(body).get("ok") is True
        except (ValueError, AttributeError):
            ok = False
        if not ok:
            raise with_text(RuntimeError, Text(
                "연습 계좌를 초기화하지 못했습니다 (HTTP {status})",
                "the practice account was not reset (HTTP {status})").format(status=reply.status))

    # --- the child's pipes ------------------------------------------------------------

    def _read_answers(self) -> None:
        """The handshake line (a JSON object), then drain stdout until it ends."""
        assert self._proc is not None and self._proc.stdout is not None  # started with pipes
        out = self._proc.stdout
        line = out.readline(HANDSHAKE_MAX_BYTES)
        try:
            hello = json.loads(line) if line else None
        except ValueError:
            hello = {"error": f"unreadable handshake {line[:200]!r}"}
        self._answers.put(hello if isinstance(hello, dict) else None)
        while out.read(HANDSHAKE_MAX_BYTES):
            pass
        out.close()

    def _relay_log(self) -> None:
        """The child's log lines (`LEVEL logger: message`) into the app's own log; a
        line that isn't one (a traceback's) goes at the level of the line before it."""
        level = logging.WARNING
        assert self._proc is not None and self._proc.stderr is not None  # started with pipes
        for raw in self._proc.stderr:
            text = raw.decode("utf-8", "replace").rstrip()
            if not text:
                continue
            self._stderr_tail.append(text)
            head, _, rest = text.partition(" ")
            name, colon, message = rest.partition(": ")
            if head in _LEVELS and colon and name.startswith("kiwoom_ticket"):
                level = _LEVELS[head]
                logging.getLogger(name).log(level, "[practice exchange] %s", message)
            else:
                log.log(level, "[practice exchange] %s", text)
        self._proc.stderr.close()

    def _exit_reason(self, deadline: float) -> str:
        """Why a child that closed stdout without answering is gone: its exit code and
        the last lines it wrote (waits for its exit no longer than the deadline)."""
        assert self._proc is not None  # a started child's
        try:
            code = self._proc.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            code = None
        self._readers[1].join(max(deadline - time.monotonic(), 0.1))
        said = " | ".join(list(self._stderr_tail)[-3:])
        return f"exit code {code}" + (f": {said}" if said else "")

    def _kill(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
        if proc is not None:
            try:
                proc.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                log.error("practice exchange (pid %s) did not die when killed", proc.pid)
            for stream in (proc.stdin,):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
        self._close_job()

    def _close_job(self) -> None:
        if self._close_job_handle is not None:
            self._close_job_handle()
            self._close_job_handle = None


def _kill_on_close_job(proc: subprocess.Popen[bytes]) -> Callable[[], object] | None:
    """Windows: put the child in a job that the OS kills when its last handle (ours)
    closes, i.e. when this process ends however it ends. Returns what closes our handle;
    None if that fails (the stdin watchdog still stops the child)."""
    if sys.platform != "win32":  # called on Windows only; this tells mypy which ctypes
        return None
    import ctypes
    from ctypes import wintypes

    class Basic(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64),
                    ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", wintypes.DWORD),
                    ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t),
                    ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t),
                    ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class IoCounters(ctypes.Structure):
        _fields_ = [(n, ctypes.c_uint64) for n in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class Extended(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", Basic), ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t),
                    ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t),
                    ("PeakJobMemoryUsed", ctypes.c_size_t)]

    job_object_extended_limit_information = 9
    job_object_limit_kill_on_job_close = 0x2000
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int,
                                                 ctypes.c_void_p, wintypes.DWORD]
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None
    info = Extended()
    info.BasicLimitInformation.LimitFlags = job_object_limit_kill_on_job_close
    child = int(proc._handle)  # type: ignore[attr-defined, unused-ignore]  # private; Windows only
    if not (kernel32.SetInformationJobObject(job, job_object_extended_limit_information,
                                             ctypes.byref(info), ctypes.sizeof(info))
            and kernel32.AssignProcessToJobObject(job, child)):
        log.warning("practice exchange: no job object (error %s); the pipe watchdog remains",
                    ctypes.get_last_error())
        kernel32.CloseHandle(job)
        return None
    return lambda: kernel32.CloseHandle(job)
