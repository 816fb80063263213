"""Window state that outlives a run: geometry, column widths, last tab, language.

QSettings with organisation "kiwoom-ticket". When KIWOOM_TICKET_HOME is set (tests,
portable use) the settings live in $KIWOOM_TICKET_HOME/settings.ini instead of the
user's native store. Secrets are never written here.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "kiwoom-ticket"
APPLICATION = "kiwoom-ticket"

KEY_GEOMETRY = "window/geometry"
KEY_SPLITTER = "window/splitter"
KEY_LOG_HEADER = "log/header"
KEY_TAB = "ticket/last_tab"
KEY_LANGUAGE = "ui/language"


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
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def read_str(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default
