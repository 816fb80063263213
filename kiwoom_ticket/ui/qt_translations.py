"""Qt's own words (a file dialog's "Save", "Cancel", "File name:"; a message box's
buttons) in the UI's language, from the translations PySide6-Essentials ships
(Qt/translations/qtbase_ko.qm). They follow `language`: loaded for Korean, removed for
English (Qt's source texts are English)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from .i18n import language

log = logging.getLogger(__name__)


class QtTranslations:
    """One translator for Qt's own texts, swapped when the UI language changes."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self.apply(language.code)
        language.changed.connect(self.apply)

    @staticmethod
    def folder() -> str:
        return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)

    def apply(self, code: str) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if code == "en":
            return
        translator = QTranslator(self._app)
        if not translator.load(f"qtbase_{code}", self.folder()):
            # A build without Qt's translations (a trimmed installer): Qt's dialogs stay
            # English, everything of the app's own is still Korean.
            log.warning("Qt's %s translations not found in %s", code, self.folder())
            return
        self._app.installTranslator(translator)
        self._translator = translator


_installed: QtTranslations | None = None


def install_qt_translations(app: QCoreApplication) -> QtTranslations:
    """Once per process: Qt's dialogs follow the UI language from now on."""
    global _installed
    if _installed is None or _installed._app is not app:
        _installed = QtTranslations(app)
    return _installed
