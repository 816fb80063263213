"""도움말 → 정보 / Help → About, opened through the real menu bar, and the menu roles that
put About, Preferences and Quit in the macOS application menu."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from kiwoom_ticket import __version__
from kiwoom_ticket.service.paths import data_dir
from kiwoom_ticket.ui.i18n import language

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
    "version"]


def open_menu(qtbot, window, title: str) -> QMenu:
    """Click a menu bar title, as a user would; returns the menu that popped up."""
    bar = window.menuBar()
    (action,) = [a for a in bar.actions() if a.text() == title]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(action).center())
    menu = action.menu()
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    return menu


def click_item(qtbot, menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def open_about(qtbot, window, help_title: str, about_title: str) -> QMessageBox:
    click_item(qtbot, open_menu(qtbot, window, help_title), about_title)
    qtbot.waitUntil(lambda: window.menus.about.box is not None
                    and window.menus.about.box.isVisible(), timeout=3000)
    return window.menus.about.box


def test_the_app_version_is_pyprojects():
    # Fails after a version bump until `pip install -e .` refreshes the installed metadata.
    assert __version__ == PYPROJECT_VERSION


# A popup menu on the offscreen platform (tests) says it can't raise or grab the keyboard;
# xcb, Windows and macOS do both.
OFFSCREEN_POPUP_NOISE = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")


@OFFSCREEN_POPUP_NOISE
def test_about_box_from_the_help_menu_in_korean_then_english(qtbot, make_window):
    window = make_window(connect=False)
    box = open_about(qtbot, window, "도움말", "키움 주문표 정보")
    assert box.windowTitle() == "키움 주문표 정보"
    text = box.text()
    assert "키움 주문표" in text
    assert f"버전 {PYPROJECT_VERSION}" in text
    assert "Python " in text and "Qt " in text
    assert str(data_dir()) in text and "kiwoom-ticket.log" in text
    assert box.button(QMessageBox.StandardButton.Close).text() == "닫기"
    assert not box.iconPixmap().isNull()

    language.set("en")  # an open box follows a language switch
    assert box.windowTitle() == "About Kiwoom Ticket"
    assert f"Version {PYPROJECT_VERSION}" in box.text()
    assert box.button(QMessageBox.StandardButton.Close).text() == "Close"

    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: window.menus.about.box is None, timeout=3000)
    # And again, from the English menu.
    box = open_about(qtbot, window, "Help", "About Kiwoom Ticket")
    assert "Kiwoom Ticket" in box.text() and f"Version {PYPROJECT_VERSION}" in box.text()
    box.button(QMessageBox.StandardButton.Close).click()


def test_menu_roles_for_the_macos_application_menu(make_window):
    window = make_window(connect=False)
    menus = window.menus
    assert menus.about_action.menuRole() is QAction.MenuRole.AboutRole
    assert menus.precautions_action.menuRole() is QAction.MenuRole.PreferencesRole
    assert menus.quit_action.menuRole() is QAction.MenuRole.QuitRole
    roled = {menus.about_action, menus.precautions_action, menus.quit_action}
    # Qt's default (guess from the text) would move an item whose English text starts with
    # "About", "Settings", "Quit" ...: every other item says where it belongs.
    for menu in (menus.settings_menu, menus.language_menu, menus.keys_menu, menus.help_menu):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or action in roled:
                continue
            assert action.menuRole() is QAction.MenuRole.NoRole, action.text()
