"""Where the app keeps its files. KIWOOM_TICKET_HOME moves them all (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "kiwoom-ticket"


def _home() -> Path | None:
    value = os.environ.get("KIWOOM_TICKET_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def journal_path(env_name: str, base: Path | None = None) -> Path:
    return (base or data_dir()) / f"journal-{env_name}.sqlite3"
