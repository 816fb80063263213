"""The window's menu bar (설정: language, API keys, order checks, quit; 창: a new ticket
window; 도움말: about) and
the F5 action. On macOS, Qt moves the actions with an About, Preferences or Quit role to the
application menu: those roles are set here, and every other action is kept where it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..domain.environment import Environment
from . import window_texts  # noqa: F401  (registers the texts)
from .about import AboutBox
from .i18n import language, pick, tr

# Ctrl+Shift+N (⌘⇧N on macOS): a new window, as browsers and editors have it; plain
# Ctrl+N is left alone (HTS users press it for a new order).
NEW_TICKET_KEY = "Ctrl+Shift+N"


@dataclass(frozen=True)
class MenuCommands:
    """What the menu's items do; the window supplies them (the menu knows nothing else
    of it). Each is called from the GUI thread and returns at once."""

    set_language: Callable[[str], object]
    edit_keys: Callable[[Environment], object]
    edit_precautions: Callable[[], object]
    reset_practice: Callable[[], object]
    refresh: Callable[[], object]
    quit: Callable[[], object]
    # 창 → 새 주문창: another ticket window on the same core (None: no 창 menu).
    new_ticket: Callable[[], object] | None = None


class WindowMenu:
    def __init__(self, window: QMainWindow, commands: MenuCommands) -> None:
        w, do = window, commands
        self.settings_menu = w.menuBar().addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        group = QActionGroup(w)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("ko", "한국어"), ("en", "English")):
            act = QAction(label, w, checkable=True)
            act.setMenuRole(QAction.MenuRole.NoRole)
            act.setChecked(language.code == code)
            act.triggered.connect(lambda _=False, c=code: do.set_language(c))
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act
        self.keys_menu = self.settings_menu.addMenu("")
        self.keys_actions: dict[Environment, QAction] = {}
        for env in (Environment.MOCK, Environment.REAL):
            act = self.keys_menu.addAction("")
            act.setMenuRole(QAction.MenuRole.NoRole)
            act.triggered.connect(lambda _=False, e=env: do.edit_keys(e))
            self.keys_actions[env] = act
        self.precautions_action = self.settings_menu.addAction("")
        self.precautions_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.precautions_action.triggered.connect(lambda: do.edit_precautions())
        self.reset_practice_action = self.settings_menu.addAction("")
        self.reset_practice_action.setObjectName("reset_practice")
        self.reset_practice_action.setMenuRole(QAction.MenuRole.NoRole)
        self.reset_practice_action.triggered.connect(lambda: do.reset_practice())
        self.settings_menu.addSeparator()
        self.quit_action = self.settings_menu.addAction("")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(do.quit)
        self.window_menu: QMenu | None = None
        self.new_ticket_action: QAction | None = None
        if do.new_ticket is not None:
            self.window_menu = w.menuBar().addMenu("")
            self.new_ticket_action = self.window_menu.addAction("")
            self.new_ticket_action.setObjectName("new_ticket_window")
            self.new_ticket_action.setMenuRole(QAction.MenuRole.NoRole)
            self.new_ticket_action.setShortcut(QKeySequence(NEW_TICKET_KEY))
            self.new_ticket_action.triggered.connect(lambda: do.new_ticket())
        self.help_menu = w.menuBar().addMenu("")
        self.about = AboutBox(w)
        self.about_action = self.help_menu.addAction("")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about.show)
        self.refresh_action = QAction(w)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(do.refresh)
        w.addAction(self.refresh_action)

    def retranslate(self) -> None:
        self.settings_menu.setTitle(tr("menu.settings"))
        self.language_menu.setTitle(tr("menu.language"))
        self.keys_menu.setTitle(tr("menu.keys"))
        for env, act in self.keys_actions.items():
            act.setText(pick(env.label))
        self.precautions_action.setText(tr("menu.precautions"))
        self.reset_practice_action.setText(tr("menu.reset_practice"))
        self.quit_action.setText(tr("menu.quit"))
        if self.window_menu is not None and self.new_ticket_action is not None:
            self.window_menu.setTitle(tr("menu.window"))
            self.new_ticket_action.setText(tr("menu.new_ticket"))
        self.help_menu.setTitle(tr("menu.help"))
        self.about_action.setText(tr("menu.about"))
        self.about.retranslate()
        self.refresh_action.setText(tr("log.refresh"))
        for code, act in self.language_actions.items():
            act.setChecked(language.code == code)
