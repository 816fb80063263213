"""What a Windows PC does differently, tested rather than assumed (these run on every system;
packaging/windows/wine_check.py runs them on Windows under Wine, and CI's Windows job on a
real one):

- the windowed exe (console=False) starts with sys.stdout and sys.stderr set to None;
- the single-instance lock and the journal's SQLite file while another process holds them
  (Windows locks files the OS way: a file open elsewhere can't be removed, SQLite's locks are
  mandatory);
- with no KIWOOM_TICKET_HOME, the data folder is the shell's own (%LOCALAPPDATA% on Windows),
  whatever the user's name is (Hangul under Wine: the check runs it as a Hangul user).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.ui.single_instance import LOCK_NAME, SingleInstance

from .test_cli import ROOT, bare_env

WINDOWED_ENTRY = textwrap.dedent("""
    import sys
    # What a console=False PyInstaller exe (or pythonw) starts with on Windows.
    sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = None
    from kiwoom_ticket.__main__ import main
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code
    assert main(["--version"]) == 0
    sys.exit(main(["--self-test"]))
""")


def test_the_windowed_entry_runs_with_no_stdout_or_stderr(tmp_path):
    env = bare_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", WINDOWED_ENTRY], cwd=ROOT, env=env,
                            capture_output=True, timeout=180)
    # Nothing can be printed; the exit code is the whole report (0: the self-test passed).
    assert result.returncode == 0, (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.stdout == b""


HOLDER = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from kiwoom_ticket.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    data = Path(sys.argv[1])
    instance = SingleInstance(data)
    assert instance.acquire()
    db = sqlite3.connect(str(data / "journal-practice.sqlite3"), isolation_level=None)
    db.execute("BEGIN")  # a read transaction held open: a backup tool, a viewer
    db.execute("SELECT count(*) FROM orders").fetchone()
    print("holding", flush=True)
    sys.stdin.readline()  # until told to go (or killed)
    db.execute("COMMIT")
    print("journal rows seen:", db.execute("SELECT count(*) FROM orders").fetchone()[0],
          flush=True)
""")


def _holder(data: Path) -> subprocess.Popen:
    env = bare_env(data.parent)
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "holding", line + proc.stderr.read()
    return proc


@pytest.fixture
def data(tmp_path, qapp) -> Path:
    folder = tmp_path / "사용자 홍길동" / "data"
    folder.mkdir(parents=True)
    Journal(folder / "journal-practice.sqlite3").close()
    return folder


def test_a_copy_holding_the_lock_keeps_a_second_out_until_it_dies(data):
    holder = _holder(data)
    try:
        second = SingleInstance(data)
        assert not second.acquire()  # the other process owns the data folder
    finally:
        holder.kill()  # no clean unlock: TerminateProcess on Windows, SIGKILL elsewhere
        holder.communicate(timeout=30)
    assert (data / LOCK_NAME).exists()  # left behind by the dead process
    assert second.acquire()  # taken over: its owner is gone
    second.release()


def test_the_journal_takes_writes_while_another_process_reads_it(data):
    holder = _holder(data)
    try:
        journal = Journal(data / "journal-practice.sqlite3")  # WAL: a reader blocks no writer
        order = NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", 70_000)
        journal.insert(OrderRecord.from_request("id-00001", "practice", order, "삼성전자"))
        assert journal.count() == 1
        journal.close()
        out, err = holder.communicate("go\n", timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate(timeout=10)
    assert holder.returncode == 0, err
    assert "journal rows seen: 1" in out  # its snapshot ended; it sees the new row


def test_with_no_home_override_the_data_folder_is_the_shells_own(monkeypatch, tmp_path):
    monkeypatch.delenv("KIWOOM_TICKET_HOME", raising=False)
    from kiwoom_ticket.service.paths import data_dir, log_dir

    folder = data_dir()
    if sys.platform == "win32":
        local = _known_folder_local_appdata()
        assert folder == Path(local) / "kiwoom-ticket"
        assert folder.is_relative_to(Path(os.environ["LOCALAPPDATA"]))
        expected_user = os.environ.get("KIWOOM_TICKET_EXPECT_USER")
        if expected_user:  # the Wine check runs this as a user with a Hangul name
            assert expected_user in str(folder)
        journal = Journal(folder / "journal-probe.sqlite3")
        journal.close()
        (folder / "journal-probe.sqlite3").unlink()
    else:
        assert folder.is_relative_to(Path.home())
    assert log_dir().is_dir()


def _known_folder_local_appdata() -> str:
    """%LOCALAPPDATA% as the shell reports it (SHGetKnownFolderPath), not the variable."""
    import ctypes
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [("a", wintypes.DWORD), ("b", wintypes.WORD), ("c", wintypes.WORD),
                    ("d", ctypes.c_ubyte * 8)]

    local_appdata = GUID(0xF1B32785, 0x6FBA, 0x4FCF,
                         (ctypes.c_ubyte * 8)(0x9D, 0x55, 0x7B, 0x8E, 0x7F, 0x15, 0x70, 0x91))
    path = ctypes.c_wchar_p()
    shell32 = ctypes.windll.shell32
    assert shell32.SHGetKnownFolderPath(ctypes.byref(local_appdata), 0, None,
                                        ctypes.byref(path)) == 0
    value = path.value
    ctypes.windll.ole32.CoTaskMemFree(path)
    assert value
    return value
