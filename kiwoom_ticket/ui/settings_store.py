"""Window state that outlives a run: geometry, column widths, last tab, the language
the user picked.

QSettings with organisation "kiwoom-ticket". When KIWOOM_TICKET_HOME is set (tests,
portable use) the settings live in $KIWOOM_TICKET_HOME/settings.ini instead of the
user's native store. Secrets are never written here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "kiwoom-ticket"
APPLICATION = "kiwoom-ticket"

KEY_GEOMETRY = "window/geometry"
# The 호가창 went in between the ticket and the log: a state saved for two panes would
# squeeze one of three, so the three-pane state lives under a new key.
KEY_SPLITTER = "window/splitter_v2"
# The log's columns were reordered (and two added) after 0.1.0: an older saved header
# state would put them back out of order, so it lives under a new key.
KEY_LOG_HEADER = "log/header_v3"  # v3: the stop-price column
KEY_TAB = "ticket/last_tab"
# The language the user picked in Settings; none means "follow the system". Versions up
# to 0.1.0 wrote "ui/language" on every exit, picked or not, so that key is not read.
KEY_LANGUAGE = "ui/chosen_language"
# The stock field's recent stocks, per environment: JSON [[code, name], ...], newest first.
KEY_RECENT_STOCKS = "ticket/recent_stocks_{env}"


def one_click_key(env) -> str:
    """Whether the 호가창's one-click mode is on, per environment (off unless saved on)."""
    return f"ladder/one_click/{env.value}"


def settings_path() -> Path | None:
    home = os.environ.get("KIWOOM_TICKET_HOME")
    return Path(home) / "settings.ini" if home else None


def open_settings() -> QSettings:
    path = settings_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_int(settings: QSettings, key: str, default: int) -> int:
    try:
        value: Any = settings.value(key, default)  # an int, or its text from the file
        return int(value)
    except (TypeError, ValueError):
        return default


def read_str(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default
