"""도움말 → 정보 / Help → About: the version (pyproject.toml's, read from the package
metadata), what it runs on, and where the journal and the log file are.

Opened non-modally (`.open()`), like every dialog here; `AboutBox.box` is the open one.
"""

from __future__ import annotations

import html
import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from ..service.logs import LOG_FILE
from ..service.paths import data_dir, log_dir
from .i18n import tr
from .resources import app_icon


def runtime_line() -> str:
    system = f"{platform.system()} {platform.machine()}".strip()
    return (f"Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {PySide6.__version__} · {system}")


def about_html() -> str:
    """The box's text in the current language (paths escaped: a user name may hold
    anything, Hangul included)."""
    from .. import __version__  # importlib.metadata (~10 ms): when the box opens, not at start

    frozen = " · " + tr("about.frozen") if getattr(sys, "frozen", False) else ""
    rows = (
        (tr("about.data"), str(data_dir())),
        (tr("about.log"), str(log_dir() / LOG_FILE)),
    )
    table = "".join(
        f"<tr><td style='padding-right:10px; white-space:nowrap'>{html.escape(k)}</td>"
        f"<td style='white-space:nowrap'><code>{html.escape(v)}</code></td></tr>"
        for k, v in rows
    )
    return (
        f"<h3>{html.escape(tr('app.title'))}</h3>"
        f"<p>{html.escape(tr('about.tagline'))}</p>"
        f"<p>{html.escape(tr('about.version', version=__version__))}{html.escape(frozen)}<br>"
        f"{html.escape(runtime_line())}</p>"
        f"<table cellspacing='0' cellpadding='0'>{table}</table>"
        f"<p>{html.escape(tr('about.license'))}</p>"
    )


class AboutBox:
    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.box: QMessageBox | None = None

    def show(self) -> QMessageBox:
        """Open the box, or raise the one already open."""
        if self.box is None:
            box = QMessageBox(self._parent)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setIconPixmap(app_icon(False).pixmap(64, 64))
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            box.finished.connect(self._closed)
            self.box = box
            self.retranslate()
            box.open()
        else:
            self.box.raise_()
            self.box.activateWindow()
        return self.box

    def _closed(self, _result: int) -> None:
        self.box = None

    def retranslate(self) -> None:
        if self.box is not None:
            self.box.setWindowTitle(tr("about.title"))
            self.box.setText(about_html())
            close = self.box.button(QMessageBox.StandardButton.Close)
            if close is not None:
                close.setText(tr("dialog.close"))
