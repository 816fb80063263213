"""The window's size, place and saved state: restored at start, kept on the screen it
opens on, saved at close. Part of MainWindow (a base class of it)."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent

from .settings_store import (
    KEY_GEOMETRY,
    KEY_LOG_HEADER,
    KEY_SPLITTER,
    KEY_TAB,
    read_bytes,
    read_int,
)

DEFAULT_SIZE = QSize(1320, 760)


class WindowGeometry:
    _fitted: bool

    def _restore(self) -> None:
        s = self.settings
        if (geometry := read_bytes(s, KEY_GEOMETRY)) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)
        self.fit_to_screen()
        if (state := read_bytes(s, KEY_SPLITTER)) is not None:
            self.splitter.restoreState(state)
        if (header := read_bytes(s, KEY_LOG_HEADER)) is not None:
            self.log_view.table.horizontalHeader().restoreState(header)
        tab = read_int(s, KEY_TAB, 0)
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)

    def fit_to_screen(self) -> None:
        """Keep the whole window, frame included, on the screen it opens on (a 1280x720
        laptop, a display scaled 150%): no larger than the screen's free area, inside it.
        Before the first show the frame is unknown; showEvent fits it again."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        room = QSize(area.width() - (frame.width() - inner.width()),
                     area.height() - (frame.height() - inner.height()))
        size = self.size().boundedTo(room)
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.top()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, area.left()), max(y, area.top()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self, self.fit_to_screen)  # once the frame is known

    def save_settings(self) -> None:
        s = self.settings
        s.setValue(KEY_GEOMETRY, self.saveGeometry())
        s.setValue(KEY_SPLITTER, self.splitter.saveState())
        s.setValue(KEY_LOG_HEADER, self.log_view.table.horizontalHeader().saveState())
        s.setValue(KEY_TAB, self.tabs.currentIndex())
        s.sync()  # the language is saved only when the user picks one
