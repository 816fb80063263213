"""The frame both ticket windows put their panels in: the real-money banner on top, then
what the window shows, with the margins of the one style sheet. Its object name is the
style sheet's: in real mode the frame turns red (theme.WINDOW_STYLE), in every window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget


def window_frame(*rows: QWidget, stretch_last: bool = True) -> QWidget:
    """A frame holding `rows` top to bottom; the last one takes the height left."""
    frame = QWidget()
    frame.setObjectName("centralFrame")
    frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.setSpacing(4)
    for i, row in enumerate(rows):
        layout.addWidget(row, 1 if stretch_last and i == len(rows) - 1 else 0)
    return frame
