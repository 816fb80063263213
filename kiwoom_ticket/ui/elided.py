"""A one-line label that gives way: elided with "…" when narrow, the whole text in its
tooltip. Long messages never widen the window (at 1024 px the buttons stay visible)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # Its whole text when there is room, down to nothing when there is not.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_text(self, text: str, tooltip: str | None = None) -> None:
        """Set the text; the tooltip is the whole text, then `tooltip` if given (a cut
        line must always be readable whole)."""
        self.setText(text)
        if tooltip and text and text not in tooltip:
            tooltip = f"{text}\n{tooltip}"
        tooltip = text if tooltip is None else tooltip
        if tooltip != self.toolTip():  # unchanged: no event (live quotes set it often)
            self.setToolTip(tooltip)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(),
                                  self.isEnabled(), shown, self.foregroundRole())
