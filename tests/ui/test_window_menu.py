"""The menu bar on its own: it needs a QMainWindow and the commands its items run, not the
ticket window (so the two don't import each other)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.ui.i18n import pick
from kiwoom_ticket.ui.window_menu import MenuCommands, WindowMenu


def test_each_item_runs_its_command(qtbot):
    calls: list[tuple] = []

    def record(name):
        return lambda *args: calls.append((name, *args))

    window = QMainWindow()
    qtbot.addWidget(window)
    menus = WindowMenu(window, MenuCommands(
        set_language=record("language"), edit_keys=record("keys"),
        edit_precautions=record("precautions"), reset_practice=record("reset"),
        refresh=record("refresh"), quit=record("quit"),
    ))
    menus.retranslate()
    menus.language_actions["en"].trigger()
    menus.keys_actions[Environment.REAL].trigger()
    menus.keys_actions[Environment.MOCK].trigger()
    menus.precautions_action.trigger()
    menus.reset_practice_action.trigger()
    menus.refresh_action.trigger()
    menus.quit_action.trigger()
    assert calls == [("language", "en"), ("keys", Environment.REAL), ("keys", Environment.MOCK),
                     ("precautions",), ("reset",), ("refresh",), ("quit",)]
    assert menus.keys_actions[Environment.REAL].text() == pick(Environment.REAL.label)


def test_the_keys_item_opens_the_keys_dialog(window, qtbot):
    window.menus.keys_actions[Environment.MOCK].trigger()
    qtbot.waitUntil(lambda: window.env_controls.credentials_dialog is not None, timeout=5_000)
    dialog = window.env_controls.credentials_dialog
    assert dialog.parent() is window
    dialog.reject()
    qtbot.waitUntil(lambda: window.env_controls.credentials_dialog is None, timeout=5_000)
