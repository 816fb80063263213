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

import json
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


# ---- Korean text: Malgun Gothic where Windows has it, the bundled font otherwise --------


def test_malgun_gothic_is_chosen_on_windows_only_where_installed():
    from kiwoom_ticket.ui.resources import system_korean_font

    assert system_korean_font(lambda f: f == "Malgun Gothic", "win32") == "Malgun Gothic"
    assert system_korean_font(lambda f: False, "win32") is None  # Wine, a trimmed image
    assert system_korean_font(lambda f: True, "linux") is None
    assert system_korean_font(lambda f: True, "darwin") is None


def test_the_app_font_is_malgun_or_the_bundled_one_and_draws_hangul(qapp):
    from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics

    from kiwoom_ticket.ui.resources import install_font

    family = install_font(qapp)
    if sys.platform == "win32" and QFontDatabase.hasFamily("Malgun Gothic"):
        assert family == "Malgun Gothic"
    else:
        assert family == "NanumGothic"
    font = qapp.font()
    assert QFontInfo(font).family() == family  # resolved, not silently substituted
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(c)) for c in "매수매도정정취소호가창삼성전자")


# ---- 150% display scaling (the default on Korean 15" laptops): nothing cut ---------------

SCALED_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
    from kiwoom_ticket.app import build_window, create_app

    app = create_app(["kiwoom-ticket"])
    screen = app.primaryScreen()
    assert screen.devicePixelRatio() == 1.5, screen.devicePixelRatio()
    assert (screen.size().width(), screen.size().height()) == (1280, 720), screen.size()
    window = build_window()
    window.set_language(sys.argv[1])
    window.show()
    # A 1920x1080 laptop at 150% gives the app 1280x720 (logical) pixels.
    window.resize(1280, 720)
    for _ in range(5):
        app.processEvents()
    problems = []
    minimum = window.minimumSizeHint()
    if minimum.width() > 1280 or minimum.height() > 720:
        problems.append(f"minimum size {minimum.width()}x{minimum.height()}")
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisibleTo(window) or not widget.text():
            continue
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        if corner.x() > window.width() or corner.y() > window.height():
            problems.append(f"outside the window: {widget.text()!r}")
        hint = widget.minimumSizeHint()
        if widget.width() < hint.width() or widget.height() < hint.height():
            problems.append(f"squeezed: {widget.text()!r} {widget.width()}x{widget.height()}"
                            f" < {hint.width()}x{hint.height()}")
    if len(sys.argv) > 2:
        window.grab().save(sys.argv[2])
    window.shutdown()
    print("\\n".join(problems) or "OK", flush=True)
    sys.exit(1 if problems else 0)
""")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_nothing_is_cut_at_150_percent_scaling(tmp_path, lang):
    # A 1920x1080 screen (offscreen's own is 800x800); a relative path, as the platform
    # argument's parser splits at colons (C:\\...).
    (tmp_path / "screen.json").write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = bare_env(tmp_path / "home")
    env.update(QT_QPA_PLATFORM="offscreen:configfile=screen.json", QT_SCALE_FACTOR="1.5",
               PYTHONIOENCODING="utf-8")
    shot = os.environ.get("KIWOOM_TICKET_SHOTS")  # a folder: keep the 1920x1080 picture
    args = [str(Path(shot) / f"scaled-150-{lang}.png")] if shot else []
    result = subprocess.run([sys.executable, "-c", SCALED_WINDOW, lang, *args], cwd=tmp_path,
                            env=env, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "OK"
