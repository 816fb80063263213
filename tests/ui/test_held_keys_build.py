"""Issue 26's cold start: the application's key watcher (ui/arming.py's HeldKeys, which a
question asks which keys are down) steps out while the window is built, so the thousands of
events construction sends don't each cross into Python, and is back, watching every key,
before the event loop can deliver one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.ui import arming
from kiwoom_ticket.ui.arming import held_keys


def test_the_key_watcher_watches_once_the_window_is_built(make_window):
    held_keys()  # as if a window had been built before (installed, watching)
    window = make_window(connect=False)
    assert not arming._building
    field = window.buy_form.quantity
    field.setFocus()
    QTest.keyPress(field, Qt.Key.Key_Return)
    assert Qt.Key.Key_Return in held_keys().down  # watching: the press is known
    QTest.keyRelease(field, Qt.Key.Key_Return)
    assert Qt.Key.Key_Return not in held_keys().down


def test_the_build_sends_the_key_watcher_no_events(tmp_path):
    # In a process of its own: the filter's method is replaced to count its calls, and Qt
    # keeps calling what it found (a later test's window would call a dead function).
    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QApplication
        from kiwoom_ticket import app
        from kiwoom_ticket.ui.arming import HeldKeys, held_keys
        qt = app.create_app([sys.argv[0]])
        calls = [0]
        real = HeldKeys.eventFilter
        def counting(self, watched, event):
            calls[0] += 1
            return real(self, watched, event)
        HeldKeys.eventFilter = counting
        held_keys()  # installed and watching, as after an earlier window
        first = app.build_window()
        built_first = calls[0]
        second = app.build_window()  # the watcher installed before this build began
        built_second = calls[0]
        second.show()
        QApplication.processEvents()
        print(built_first, built_second, calls[0] > built_second)
        first.shutdown()
        second.shutdown()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIWOOM_TICKET_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    # None during either build (thousands before: one per event of the construction);
    # back in after, so the show's events pass it.
    assert done.stdout.strip().splitlines()[-1] == "0 0 True", done.stdout
