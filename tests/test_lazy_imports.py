"""Start-up speed depends on what the window does NOT import before it shows: the Kiwoom
client's requests/urllib3 and keyring load on the worker thread when the app connects.
The packages' lazy re-exports (PEP 562) must still hand out every name they list."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("requests", "urllib3", "keyring", "aiohttp", "kiwoom_ticket.kiwoom.client",
         "kiwoom_ticket.simulator",
         # issue 26: the live stream's frames, parser and client load when a stream starts;
         # the version (importlib.metadata) when Help → About opens
         "kiwoom_ticket.kiwoom.websocket.frames", "kiwoom_ticket.kiwoom.websocket.session",
         "kiwoom_ticket.service.live_feed", "importlib.metadata",
         # issue 26's cold start: the 미체결/체결 panels load when their tab first shows,
         # the settings dialogs when first opened
         "kiwoom_ticket.ui.open_orders_view", "kiwoom_ticket.ui.fills_view",
         "kiwoom_ticket.ui.credentials_dialog", "kiwoom_ticket.ui.daily_limits_dialog",
         "kiwoom_ticket.ui.precautions_dialog")


@pytest.mark.parametrize("package", ["kiwoom_ticket.service", "kiwoom_ticket.kiwoom",
                                     "kiwoom_ticket.kiwoom.websocket"])
def test_every_listed_name_resolves_to_its_module_object(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        if isinstance(value, str):  # a constant (the stream's states): its home is events
            assert value == getattr(importlib.import_module(f"{package}.events"), name)
            continue
        home = importlib.import_module(value.__module__)
        assert getattr(home, name) is value, name
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.NoSuchName  # noqa: B018
    ns: dict = {}
    exec(f"from {package} import *", ns)  # star-import goes through __all__ too
    assert set(module.__all__) <= set(ns)


def test_the_window_builds_and_paints_without_the_client_or_keyring(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from kiwoom_ticket import app
        app.create_app([sys.argv[0]])
        window = app.build_window()
        window.show()
        from PySide6.QtWidgets import QApplication
        QApplication.processEvents()
        window.repaint()
        print(sorted(m for m in {HEAVY!r} if m in sys.modules))
        window.shutdown()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIWOOM_TICKET_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_the_holiday_calendar_loads_after_the_first_paint(tmp_path):
    """The session header's calendar (the holidays package, ~0.2 s to load) waits for the
    window's first paint, then loads on a thread of its own (issue 26's cold start)."""
    script = textwrap.dedent("""
        import sys, threading
        from kiwoom_ticket.domain import session_clock
        loaded_on = []
        real_load = session_clock._load_year
        def load_year(year):
            loaded_on.append(threading.current_thread() is threading.main_thread())
            return real_load(year)
        session_clock._load_year = load_year
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication
        from kiwoom_ticket import app
        qt = app.create_app([sys.argv[0]])
        window = app.build_window()
        seen = []
        class FirstPaint(QObject):
            def eventFilter(self, _obj, event):
                if event.type() == QEvent.Type.Paint and not seen:
                    seen.append("holidays" in sys.modules)
                    QTimer.singleShot(3000, qt.quit)
                return False
        watch = FirstPaint()
        window.installEventFilter(watch)
        window.show()
        qt.exec()
        print(seen[0], "holidays" in sys.modules, loaded_on)
        window.shutdown()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIWOOM_TICKET_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    # ... on a thread of its own, not the GUI thread (issue 26: no 0.2 s stall after it)
    assert done.stdout.strip().splitlines()[-1] == "False True [False]", done.stdout


def test_the_modules_imported_before_qt_hold_no_qt_and_nothing_deferred():
    """app.run() imports the window's Qt-free modules before PySide6 (whose import hook
    reads the source of every module imported after it): that must bring in no Qt and
    none of what the window defers."""
    script = textwrap.dedent(f"""
        import sys
        from kiwoom_ticket import app
        app.import_before_qt()
        deferred = {HEAVY!r} + ("holidays",)
        print(sorted(m for m in sys.modules
                     if m.startswith(("PySide6", "shiboken6", "qasync")) or m in deferred))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
