"""The main window's size, place and saved state: restored at start, kept on the screen
it opens on, saved at close. A collaborator the window holds (`window.placement`) and
tells when it is first shown. The arithmetic is in screen_fit.py; this reads and writes
it and measures the frame."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from .column_fit import fit_columns
from .order_log_view import OrderLogView
from .screen_fit import DEFAULT, MINIMUM, Box, Frame, fit_window, proportional_sizes
from .settings_store import (
    KEY_GEOMETRY,
    KEY_LOG_HEADER,
    KEY_SPLITTER,
    KEY_TAB,
    read_bytes,
)
from .ticket_desk import TicketDesk

DEFAULT_SIZE = QSize(*DEFAULT)
# Our own record of the window, read by fit_window: the client rectangle, the screen's
# free area it was on, and each splitter's shares. (Qt's saveGeometry blob restores
# absolute pixels, which on a smaller screen gave a 748x480 window.)
KEY_RECT = "window/normal_rect"
KEY_AREA = "window/screen_area"
KEY_MAXIMIZED = "window/maximized"
KEY_SHARES = "window/splitter_shares"
KEY_LEFT_SHARES = "window/left_splitter_shares"


def _numbers(value: object, kind: type = int) -> list:
    """'1,2,3' (or a list, as QSettings may give it) as numbers; [] when unreadable."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    try:
        return [kind(float(p)) if kind is int else kind(p) for p in parts if str(p).strip()]
    except (TypeError, ValueError):
        return []


def _joined(values: list) -> str:
    return ",".join(f"{v:.4f}" if isinstance(v, float) else str(v) for v in values)


class WindowGeometry:
    def __init__(self, window: QMainWindow, settings: QSettings, splitter: QSplitter,
                 left_splitter: QSplitter, log_view: OrderLogView, tabs: TicketDesk) -> None:
        self.window, self.settings = window, settings
        self.splitter, self.left_splitter = splitter, left_splitter
        self.log_view, self.tabs = log_view, tabs
        self.fitted = False  # shown, and fitted once its frame was known
        self.saved_box: Box | None = None  # the saved place, used once
        self._saved_area: tuple[int, int] | None = None
        self._maximize = False
        self._shares: list[float] = []
        self._left_shares: list[float] = []

    def restore(self) -> None:
        s, w = self.settings, self.window
        rect, area = _numbers(s.value(KEY_RECT)), _numbers(s.value(KEY_AREA))
        if len(rect) == 4 and rect[2] > 0 and rect[3] > 0:
            self.saved_box = Box(*rect)
            self._saved_area = (area[0], area[1]) if len(area) == 2 else None
        elif (geometry := read_bytes(s, KEY_GEOMETRY)) is not None:
            w.restoreGeometry(geometry)  # an older version's state: its size, then fitted
            g = w.geometry()
            self.saved_box = Box(g.x(), g.y(), g.width(), g.height())
        self._maximize = str(s.value(KEY_MAXIMIZED, "false")).lower() == "true"
        self.fit_to_screen()
        self._shares = [f for f in _numbers(s.value(KEY_SHARES), float) if f >= 0]
        self._left_shares = [f for f in _numbers(s.value(KEY_LEFT_SHARES), float) if f >= 0]
        if len(self._shares) != self.splitter.count() and (
                state := read_bytes(s, KEY_SPLITTER)) is not None:
            self.splitter.restoreState(state)
        self.apply_splitter_shares()
        if (header := read_bytes(s, KEY_LOG_HEADER)) is not None:
            self.log_view.table.horizontalHeader().restoreState(header)
        # A width saved by an older version (or in the other language) still fits its texts.
        fit_columns(self.log_view.table, self.log_view.model.spec.samples())
        self.tabs.show_saved_tab(s.value(KEY_TAB))

    def available_area(self) -> QRect | None:
        """The free area (without taskbar or dock) of the screen the window is on."""
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _frame(self) -> Frame:
        frame, inner = self.window.frameGeometry(), self.window.geometry()
        return Frame(inner.x() - frame.x(), inner.y() - frame.y(),
                     frame.right() - inner.right(), frame.bottom() - inner.bottom())

    def fit_to_screen(self) -> None:
        """Keep the whole window, frame included, on the screen it opens on (a 1280x720
        laptop, a display scaled 150%): no larger than the screen's free area, inside it,
        no smaller than 1024x700 where the screen has room. Before the first show the
        frame is unknown; showEvent fits it again."""
        a = self.available_area()
        if a is None:
            return
        area, frame = Box(a.x(), a.y(), a.width(), a.height()), self._frame()
        room = QSize(a.width() - frame.left - frame.right, a.height() - frame.top - frame.bottom)
        w = self.window
        w.setMinimumSize(QSize(*MINIMUM).boundedTo(room))
        saved = self.saved_box
        if saved is None and self.fitted:
            g = w.geometry()  # already placed: keep it, inside the screen
            saved = Box(g.x(), g.y(), g.width(), g.height())
        g = w.geometry()
        box = fit_window(area, frame, saved, self._saved_area, placed=(g.x(), g.y()))
        w.setGeometry(QRect(box.x, box.y, box.width, box.height))
        if self.fitted:
            self.saved_box = None  # the saved state is used once: from now on, as it is
        if self._maximize and self.fitted:
            self._maximize = False
            w.showMaximized()

    def apply_splitter_shares(self) -> None:
        """The panes' saved shares of the width (and the ticket's of the height), each
        pane at least as big as it asks to be, whatever the window's size now."""
        for splitter, shares in ((self.splitter, self._shares),
                                 (self.left_splitter, self._left_shares)):
            if len(shares) != splitter.count() or not any(shares):
                continue
            vertical = splitter.orientation().name == "Vertical"
            total = sum(splitter.sizes()) or (
                splitter.height() if vertical else splitter.width())
            panes = [w for i in range(splitter.count()) if (w := splitter.widget(i)) is not None]
            least = [(w.minimumSizeHint().height() if vertical else w.minimumSizeHint().width())
                     for w in panes]
            splitter.setSizes(proportional_sizes(shares, total, least))

    def shown(self) -> None:
        """The window's showEvent: the first time, fit it once its frame is known."""
        if not self.fitted:
            self.fitted = True
            QTimer.singleShot(0, self.window, self._first_shown)

    def _first_shown(self) -> None:
        self.fit_to_screen()
        self.apply_splitter_shares()

    def save(self) -> None:
        s, w = self.settings, self.window
        g = w.normalGeometry() if w.isMaximized() else w.geometry()
        s.setValue(KEY_RECT, _joined([g.x(), g.y(), g.width(), g.height()]))
        if (a := self.available_area()) is not None:
            s.setValue(KEY_AREA, _joined([a.width(), a.height()]))
        s.setValue(KEY_MAXIMIZED, "true" if w.isMaximized() else "false")
        for key, splitter in ((KEY_SHARES, self.splitter), (KEY_LEFT_SHARES, self.left_splitter)):
            sizes = splitter.sizes()
            total = sum(sizes)
            if total > 0:
                s.setValue(key, _joined([size / total for size in sizes]))
        s.setValue(KEY_GEOMETRY, w.saveGeometry())
        s.setValue(KEY_SPLITTER, self.splitter.saveState())
        s.setValue(KEY_LOG_HEADER, self.log_view.table.horizontalHeader().saveState())
        s.setValue(KEY_TAB, self.tabs.saved_tab())
        s.sync()  # the language is saved only when the user picks one
