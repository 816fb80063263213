"""What differs between Linux, Windows and macOS, held in code: signals, the working folder
(a .app starts in /), Hangul in the user's folders, the Windows taskbar ID."""

from __future__ import annotations

import ast
import signal
from pathlib import Path

import pytest

from kiwoom_ticket import app
from kiwoom_ticket.ui import settings_store
from kiwoom_ticket.ui.resources import FONT_FILE, resource, resource_dir

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kiwoom_ticket"


@pytest.fixture
def restore_signal_handlers():
    saved = {getattr(signal, n): signal.getsignal(getattr(signal, n))
             for n in app.CLOSE_SIGNALS if hasattr(signal, n)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_sigterm_closes_the_window_the_normal_way(qtbot, make_window, restore_signal_handlers):
    window = make_window(connect=False)
    previous = app.close_on_signals(window)
    assert signal.SIGINT in previous and signal.SIGTERM in previous
    with qtbot.waitSignal(window.closed, timeout=5000):
        signal.raise_signal(signal.SIGTERM)


def test_signals_this_system_lacks_are_skipped(make_window, monkeypatch,
                                               restore_signal_handlers):
    # Windows has no SIGHUP, POSIX no SIGBREAK; pretend SIGTERM is missing too.
    for name in ("SIGTERM", "SIGHUP", "SIGBREAK"):
        monkeypatch.delattr(signal, name, raising=False)
    window = make_window(connect=False)
    assert list(app.close_on_signals(window)) == [signal.SIGINT]


def test_nothing_in_the_app_depends_on_the_working_folder():
    """A .app starts in /, a Start-menu shortcut in the install folder: paths come from the
    package (resources), platformdirs or KIWOOM_TICKET_HOME, never from the cwd."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("getcwd", "getcwdb", "cwd"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "open" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} open(relative)")
    assert not offenders, offenders


def test_resources_are_found_from_any_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resource_dir().is_absolute()
    assert resource(FONT_FILE).is_file()


def test_settings_file_under_a_hangul_folder_round_trips(tmp_path, monkeypatch):
    home = tmp_path / "사용자 홍길동" / "kiwoom-ticket"
    monkeypatch.setenv("KIWOOM_TICKET_HOME", str(home))
    settings = settings_store.open_settings()
    settings.setValue(settings_store.KEY_LANGUAGE, "ko")
    settings.sync()
    assert (home / "settings.ini").is_file()
    again = settings_store.open_settings()
    assert settings_store.read_str(again, settings_store.KEY_LANGUAGE) == "ko"


def test_the_taskbar_id_matches_the_start_menu_shortcut():
    iss = (ROOT / "packaging" / "windows" / "kiwoom-ticket.iss").read_text(encoding="utf-8")
    assert f'AppUserModelID: "{app.WINDOWS_APP_ID}"' in iss
    app.set_windows_app_id()  # a no-op off Windows, and never raises
