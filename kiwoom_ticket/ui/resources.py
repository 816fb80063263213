"""Bundled files: the Hangul font and the window icon (tinted red in real mode).

Frozen (PyInstaller) builds keep them in sys._MEIPASS/resources; a checkout keeps
them in <repo root>/resources.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPainter, QPixmap

FONT_FILE = "fonts/NanumGothic.ttf"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
REAL_TINT = QColor(220, 0, 0, 170)


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(relative: str) -> Path:
    return resource_dir() / relative


# Windows' own Korean UI font (맑은 고딕, in every Windows since 7): Hangul there looks as in
# every other Windows program, hinted for ClearType. Elsewhere, or where it is missing (a
# trimmed image, Wine), the bundled NanumGothic.
WINDOWS_KOREAN_FONT = "Malgun Gothic"


def system_korean_font(has_family=None, platform: str = sys.platform) -> str | None:
    """The system's Korean UI font when this system has one the app prefers, else None.
    Only Windows is asked (no font lookup at start-up elsewhere)."""
    if platform != "win32":
        return None
    has_family = has_family or QFontDatabase.hasFamily
    return WINDOWS_KOREAN_FONT if has_family(WINDOWS_KOREAN_FONT) else None


def install_font(app: QGuiApplication, point_size: int = 10) -> str | None:
    """Make Malgun Gothic (Windows, where installed) or the bundled NanumGothic the app
    font. Returns the family or None."""
    system = system_korean_font()
    if system is not None:
        app.setFont(QFont(system, point_size))
        return system
    path = resource(FONT_FILE)
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    font = QFont(families[0], point_size)
    app.setFont(font)
    return families[0]


def _icon_files() -> list[Path]:
    icons = resource_dir() / "icons"
    return [p for s in ICON_SIZES if (p := icons / f"kiwoom-ticket-{s}.png").is_file()]


def _tinted(pixmap: QPixmap) -> QPixmap:
    """The same picture washed red over its opaque parts (alpha is kept)."""
    out = QPixmap(pixmap)
    painter = QPainter(out)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceAtop)
    painter.fillRect(out.rect(), REAL_TINT)
    painter.end()
    return out


@cache
def app_icon(real: bool = False) -> QIcon:
    """The window icon; empty when the icon files are absent."""
    icon = QIcon()
    for path in _icon_files():
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            continue
        icon.addPixmap(_tinted(pixmap) if real else pixmap)
    return icon
