"""One running copy per data folder: a second start brings the first forward and exits;
a lock left by a killed copy is taken over.

Portable to Windows: a copy is stopped the normal way through the data folder's request
file (Windows has no SIGTERM a handler sees), killed with Popen.kill() (TerminateProcess
there, SIGKILL here), and its messages are read as UTF-8 (PYTHONIOENCODING: a Windows pipe
otherwise takes the ANSI code page, cp1252 on an English Windows, where Hangul is escaped)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from kiwoom_ticket.ui.single_instance import ask_running_copy_to_close

from .test_cli import ROOT, bare_env

LOCK = Path("data") / "kiwoom-ticket.lock"


def start(home: Path) -> subprocess.Popen:
    env = bare_env(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.Popen([sys.executable, "-m", "kiwoom_ticket"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace")


def wait_running(home: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the copy owns the lock and answers requests (its event loop runs)."""
    request = home / "data" / "kiwoom-ticket.raise"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if (home / LOCK).exists() and request.exists() and _log_has(home, "token issued"):
            return
        time.sleep(0.1)
    raise AssertionError("the first copy never came up")


def _log_has(home: Path, text: str) -> bool:
    logs = list((home / "logs").glob("*.log"))
    return any(text in p.read_text("utf-8", errors="replace") for p in logs)


def stop(home: Path, proc: subprocess.Popen) -> None:
    """Close the copy's window the normal way; kill it only if it does not go."""
    if proc.poll() is None:
        asked = ask_running_copy_to_close(home / "data", timeout_s=20)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)
        assert asked, "the copy did not take the close request"


def test_a_second_start_brings_the_first_forward_and_exits(tmp_path):
    first = start(tmp_path)
    try:
        wait_running(tmp_path, first)
        second = start(tmp_path)
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
        assert "already running" in err and "이미 실행 중" in err
        deadline = time.monotonic() + 10
        while not _log_has(tmp_path, "come to the front") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _log_has(tmp_path, "come to the front")
        assert first.poll() is None  # the first copy runs on, untouched
    finally:
        stop(tmp_path, first)
    assert first.returncode == 0
    assert _log_has(tmp_path, "asked to close")


def test_a_lock_left_by_a_killed_copy_is_taken_over(tmp_path):
    first = start(tmp_path)
    try:
        wait_running(tmp_path, first)
    finally:
        first.kill()  # no goodbye: SIGKILL here, TerminateProcess on Windows
        first.communicate(timeout=10)
    assert (tmp_path / LOCK).exists()  # left behind
    for log in (tmp_path / "logs").glob("*.log"):
        log.unlink()  # so "came up" below means the new copy
    again = start(tmp_path)
    try:
        wait_running(tmp_path, again)
    finally:
        stop(tmp_path, again)
    assert again.returncode == 0
