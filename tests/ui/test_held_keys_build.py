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
from PySide6.QtWidgets import QApplication

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


def test_while_active_the_key_watcher_watches_the_focus_not_every_event(make_window, qtbot):
    """Issue 26, figure 13a: an application-wide Python filter was a call for each of the
    thousands of events a second a live feed brings. While the application is active the
    keys go to the focus widget, so only it is watched, and the watcher follows it."""
    window = make_window(connect=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.applicationState()
                    == Qt.ApplicationState.ApplicationActive, timeout=5_000)
    keys = held_keys()
    calls = []
    real = keys.eventFilter
    keys.eventFilter = lambda watched, event: calls.append(watched) or real(watched, event)
    try:
        first = window.buy_form.quantity
        first.setFocus()
        qtbot.waitUntil(first.hasFocus, timeout=5_000)
        assert keys.watching is first
        calls.clear()
        window.buy_form.quote_line.update()  # another widget's events: not watched
        QApplication.processEvents()
        assert all(w is first for w in calls)
        QTest.keyPress(first, Qt.Key.Key_Return)
        assert Qt.Key.Key_Return in keys.down
        assert calls and all(w is first for w in calls)  # the press passed the watcher
        second = window.buy_form.stock
        second.setFocus()  # the key goes up where the focus went
        qtbot.waitUntil(lambda: keys.watching is second, timeout=5_000)
        QTest.keyRelease(second, Qt.Key.Key_Return)
        assert Qt.Key.Key_Return not in keys.down
    finally:
        del keys.eventFilter


def test_a_key_that_went_down_is_seen_coming_up_where_it_went_down(make_window, qtbot):
    """Esc on a field closes something and the focus moves on; its release can still be
    sent to the field (QTest does): the field stays watched until the key is up, else
    the key would count as held and no question could take a key again."""
    window = make_window(connect=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.applicationState()
                    == Qt.ApplicationState.ApplicationActive, timeout=5_000)
    keys = held_keys()
    first, second = window.buy_form.quantity, window.buy_form.stock
    first.setFocus()
    qtbot.waitUntil(lambda: keys.watching is first, timeout=5_000)
    QTest.keyPress(first, Qt.Key.Key_Escape)
    second.setFocus()
    qtbot.waitUntil(lambda: keys.watching is second, timeout=5_000)
    QTest.keyRelease(first, Qt.Key.Key_Escape)
    assert Qt.Key.Key_Escape not in keys.down


def test_an_open_popup_menu_is_watched_too(make_window, qtbot):
    """A popup menu takes the keys while it is open without taking the focus (a
    context menu's Enter can open a question): it is watched, and the field after."""
    from PySide6.QtWidgets import QMenu

    window = make_window(connect=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.applicationState()
                    == Qt.ApplicationState.ApplicationActive, timeout=5_000)
    keys = held_keys()
    field = window.buy_form.quantity
    field.setFocus()
    qtbot.waitUntil(lambda: keys.watching is field, timeout=5_000)
    menu = QMenu(window)
    menu.addAction("a")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=5_000)
    qtbot.waitUntil(lambda: any(w is menu for w in keys._watched), timeout=5_000)
    QTest.keyPress(menu, Qt.Key.Key_Return)
    assert Qt.Key.Key_Return in keys.down
    menu.close()
    QTest.keyRelease(field, Qt.Key.Key_Return)
    assert Qt.Key.Key_Return not in keys.down
    assert keys.watching is field
