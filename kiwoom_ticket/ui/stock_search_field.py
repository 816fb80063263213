"""Search as you type on a ticket's stock field: a name, part of one, its 초성 (ㅅㅅㅈㅈ) or
part of a code opens a list of matches ("005930  삼성전자  KOSPI"); ↑/↓ move, Enter or a
click takes one, which puts its 6-character code in the field (the form's lookup runs from
there). While the list is open Enter takes a match and never sends; closed, Enter sends
as before. The recent stocks sit beside the field as one-click chips.

QCompleter's own filtering only knows prefixes and substrings, so it runs unfiltered here
over a model that holds StockDirectory.search's answer for the text as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeView,
    QWidget,
)

from ..domain.stock_search import MAX_QUERY, Stock
from ..domain.validation import is_stock_code
from . import (
    stock_search_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .i18n import tr
from .stock_source import StockSource

MATCHES = 20  # rows the list holds; about 8 show at once
VISIBLE_ROWS = 8
POPUP_MIN_WIDTH = 300
CODE_ROLE = Qt.ItemDataRole.UserRole
CHIP_NAME = 7  # characters of a name a chip shows
CHIP_STYLE = ("QPushButton { padding: 1px 5px; border: 1px solid #c5c5c5; border-radius: 8px;"
              " background: rgba(255, 255, 255, 0.7); font-size: 9pt; }"
              "QPushButton:hover { border-color: #888888; }")
CHIP_GAP = 3
_ROOT = QModelIndex()


COLUMNS = 3  # code, name, market


class StockListModel(QAbstractTableModel):
    """The matches for what is typed, a row each: code, name, market (the code and the
    market muted); CODE_ROLE is what a row puts in the field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stocks: list[Stock] = []
        self._muted = QColor(theme.MUTED_TEXT)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._stocks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._stocks):
            return None
        stock = self._stocks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (stock.code, stock.name, stock.market)[index.column()]
        if role == CODE_ROLE:
            return stock.code
        if role == Qt.ItemDataRole.ForegroundRole and index.column() != 1:
            return self._muted
        return None

    def set_stocks(self, stocks: list[Stock]) -> None:
        self.beginResetModel()
        self._stocks = list(stocks)
        self.endResetModel()

    @property
    def stocks(self) -> list[Stock]:
        return list(self._stocks)


def match_list() -> QTreeView:
    """The popup: three aligned columns, no header, whole rows selected."""
    view = QTreeView()
    view.setObjectName("stockSearchPopup")
    view.setRootIsDecorated(False)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setStyleSheet("QTreeView { outline: 0; } QTreeView::item { padding: 2px 4px; }")
    return view


class RecentStocks(QWidget):
    """The last stocks used, newest first, as small buttons: as many as fit the width
    (the rest are hidden, never squeezed). Mouse helpers: no focus, so Tab goes on."""

    def __init__(self, source: StockSource, take: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._take = take
        self.chips: list[QPushButton] = []
        source.recent_changed.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        for chip in self.chips:
            chip.deleteLater()
        self.chips = []
        for stock in self._source.recent:
            name = stock.name if len(stock.name) <= CHIP_NAME else stock.name[:CHIP_NAME] + "…"
            chip = QPushButton(name, self)
            chip.setObjectName("recentStock")
            chip.setProperty("code", stock.code)
            chip.setStyleSheet(CHIP_STYLE)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, code=stock.code: self._take(code))
            self.chips.append(chip)
        self.retranslate()
        self.updateGeometry()
        self._place()

    def retranslate(self) -> None:
        for chip, stock in zip(self.chips, self._source.recent, strict=False):
            chip.setToolTip(tr("stock_search.recent_tip", code=stock.code, name=stock.name))

    def sizeHint(self) -> QSize:
        width = sum(c.sizeHint().width() + CHIP_GAP for c in self.chips)
        return QSize(width, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        probe = self.chips[0].sizeHint().height() if self.chips else 0
        return QSize(0, probe)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        x, height = 0, self.height()
        for chip in self.chips:
            hint = chip.sizeHint()
            fits = x + hint.width() <= self.width()
            chip.setVisible(fits)
            if fits:
                chip.setGeometry(x, max(0, (height - hint.height()) // 2), hint.width(),
                                 hint.height())
                x += hint.width() + CHIP_GAP

    def visible_codes(self) -> list[str]:
        return [c.property("code") for c in self.chips if c.isVisible()]


class StockSearch(QObject):
    """Attaches the search list and the recent chips to a stock field."""

    # True: what is typed matches no stock (said as it is typed, not only at the send);
    # False: it matches, or it is a code or nothing.
    no_match = Signal(bool)

    def __init__(self, edit: QLineEdit, source: StockSource) -> None:
        super().__init__(edit)
        self.edit = edit
        self.source = source
        edit.setMaxLength(MAX_QUERY)  # names run longer than codes
        edit.setMinimumWidth(110)
        self.model = StockListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(CODE_ROLE)
        self.completer.setMaxVisibleItems(VISIBLE_ROWS)
        popup = match_list()
        self.completer.setPopup(popup)
        self.completer.setWidget(edit)  # not edit.setCompleter: moving through the list
        # must not put each code in the field (each would start a quote lookup)
        # activated[str]: the overload with the code; the stubs can't index a signal.
        self.completer.activated[str].connect(self.take)  # type: ignore[index]  # as above
        self.popup = popup  # the completer's popup(), typed as the QTreeView it is
        header = self.popup.header()
        header.setStretchLastSection(False)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.recent = RecentStocks(source, self.take)
        edit.textEdited.connect(self._edited)
        # A code put in by the program (a holding, a log row, a chip) closes the list.
        edit.textChanged.connect(lambda text: self.close() if is_stock_code(text) else None)
        edit.installEventFilter(self)
        source.directory_changed.connect(self._directory_arrived)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(tr("stock_search.placeholder"))
        self.edit.setToolTip(tr("stock_search.field_tip"))
        self.recent.retranslate()

    @property
    def is_open(self) -> bool:
        return self.popup.isVisible()

    def matches(self) -> list[Stock]:
        return self.model.stocks

    def _edited(self, text: str) -> None:
        directory = self.source.directory
        query = text.strip()
        if directory is None or not query or is_stock_code(query):
            self.close()  # a whole code is looked up as it is: Enter sends it
            self.no_match.emit(False)
            return
        found = directory.search(query, MATCHES)
        self.model.set_stocks(found)
        self.no_match.emit(not found)
        if not found:
            self.close()
            return
        width = max(self.edit.width(), POPUP_MIN_WIDTH)
        self.completer.complete(QRect(0, 0, width, self.edit.height()))
        self.popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _directory_arrived(self) -> None:
        """What was typed before the list came (the first seconds after a start)."""
        if self.edit.hasFocus() and self.edit.text():
            self._edited(self.edit.text())

    def _composing(self, preedit: str) -> None:
        """A Hangul syllable still being composed (preedit) counts as typed: 삼성 lists
        from the ㅅ of 성 on, not only once the syllable is done."""
        text, at = self.edit.text(), self.edit.cursorPosition()
        self._edited(text[:at] + preedit + text[at:])

    def close(self) -> None:
        if self.popup.isVisible():
            self.popup.hide()

    def take(self, code: str) -> None:
        """A match or a recent stock taken: its code in the field, the list closed."""
        self.close()
        if is_stock_code(code):
            self.edit.setText(code)
            self.edit.setCursorPosition(len(code))

    def take_current(self) -> None:
        index = self.popup.currentIndex()
        row = index.row() if index.isValid() else 0
        stocks = self.model.stocks
        if 0 <= row < len(stocks):
            self.take(stocks[row].code)
        else:
            self.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys that reach the field itself while the list is open (the list usually
        gets them first and hands the rest over): Enter takes, ↑/↓ move, Esc closes
        only the list (not the form)."""
        if watched is self.edit and isinstance(event, QInputMethodEvent):
            preedit = event.preeditString()
            if preedit:  # after the field has taken the event in
                QTimer.singleShot(0, self, lambda: self._composing(preedit))
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and self.popup.isVisible()):
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.take_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = -1 if key == Qt.Key.Key_Up else 1
                rows = self.completer.completionModel().rowCount()
                row = min(max(self.popup.currentIndex().row() + step, 0), rows - 1)
                self.popup.setCurrentIndex(self.completer.completionModel().index(row, 0))
                return True
        return super().eventFilter(watched, event)
