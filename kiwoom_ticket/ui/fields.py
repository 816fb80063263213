"""Small input widgets the ticket forms are built from."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QValidator, QWheelEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.ticks import round_to_tick, step_ticks
from ..domain.validation import Issue, Severity, parse_whole_number
from . import theme
from .i18n import pick


def parse_won(text: str) -> int | None:
    """Read a field the way validation will (so the estimate never shows a value for text
    validation refuses)."""
    return parse_whole_number(text)


class WholeNumberValidator(QValidator):
    """Digits only (and thousands commas where allowed), as the user types or pastes:
    a letter typed is refused, and pasted text is cleaned of spaces, 원, 주 and the like
    ("1,000주" -> "1,000", full-width "１３９" -> "139"). A sign or a decimal point refuses
    the whole edit instead: dropping it would change the number ("1.5" is not "15")."""

    def __init__(self, parent: QObject | None = None, *, commas: bool = True) -> None:
        super().__init__(parent)
        self.commas = commas

    def _keep(self, ch: str) -> bool:
        return ch.isascii() and (ch.isdigit() or (self.commas and ch == ","))

    def validate(self, text: str, pos: int) -> object:
        normal = unicodedata.normalize("NFKC", text)
        if len(normal) != len(text):  # a character that is not one digit: refuse
            return QValidator.State.Invalid, text, pos
        if any(ch in ".-+" for ch in normal):
            return QValidator.State.Invalid, text, pos
        cleaned = "".join(ch for ch in normal if self._keep(ch))
        before = sum(1 for ch in normal[:pos] if self._keep(ch))
        return QValidator.State.Acceptable, cleaned, before


def digits_only(edit: QLineEdit, *, commas: bool = True) -> QLineEdit:
    """Give `edit` a WholeNumberValidator; returns `edit`."""
    edit.setValidator(WholeNumberValidator(edit, commas=commas))
    return edit


class TickPriceEdit(QLineEdit):
    """A price field that steps by the KRX tick: Up/Down keys, Page Up/Down (5 ticks)
    and the mouse wheel (only while focused, so scrolling the form never moves a price).
    An empty field starts from the reference price (the current price)."""

    stepped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference: Callable[[], int | None] = lambda: None
        self._limits: Callable[[], tuple[int, int] | None] = lambda: None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(15)
        digits_only(self)

    def set_reference(self, reference: Callable[[], int | None]) -> None:
        self._reference = reference

    def set_limits(self, limits: Callable[[], tuple[int, int] | None]) -> None:
        self._limits = limits

    def step(self, n: int) -> None:
        if not self.isEnabled() or self.isReadOnly() or n == 0:
            return
        current = parse_won(self.text())
        if current is None or current <= 0:
            ref = self._reference()
            if not ref:
                return
            price = round_to_tick(ref)
        else:
            price = step_ticks(current, n)
        limits = self._limits()
        if limits:
            price = min(max(price, limits[0]), limits[1])
        self.setText(str(price))
        self.stepped.emit(price)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 5, Qt.Key.Key_PageDown: -5,
        }.get(Qt.Key(event.key()))
        if steps is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.step(steps)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()
            return
        notches = event.angleDelta().y() // 120
        if notches:
            self.step(int(notches))
        event.accept()


class FieldBox(QWidget):
    """An editor with a small message line under it for its validation issues.
    The message is in the UI language, whole in its tooltip.
    `trailing` sits to the right of the editor (the price's −1호가 / +1호가 buttons)."""

    issues_shown = Signal()  # a message appeared (ui/stale_issues.py checks it again)

    def __init__(
        self, editor: QWidget, parent: QWidget | None = None, *, trailing: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        if trailing is None:
            layout.addWidget(editor)
        else:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(editor, 1)
            row.addWidget(trailing)
            layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.FIELD_ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)
        self._issues: tuple[Issue, ...] = ()

    @property
    def issues(self) -> tuple[Issue, ...]:
        return self._issues

    def show_issues(self, issues: tuple[Issue, ...]) -> None:
        if not issues and not self._issues:
            return  # already empty and hidden (every keystroke and send clears each box)
        self._issues = issues
        self.show_messages()
        if issues:
            self.issues_shown.emit()

    def clear_issues(self) -> None:
        self.show_issues(())

    def show_messages(self) -> None:
        """The message line for the issues held, in the UI's language now. (Not called
        `render`: that is QWidget's, with another meaning.)"""
        issues = self._issues
        if not issues:
            self.message.clear()
            self.message.setToolTip("")
            self.message.hide()
            return
        marks = {Severity.ERROR: "✖ ", Severity.WARNING: "⚠ "}
        self.message.setText("\n".join(marks[i.severity] + pick(i.text) for i in issues))
        # The whole text in the same language: a narrow form may cut the label.
        self.message.setToolTip("\n".join(pick(i.text) for i in issues))
        colour = theme.ERROR_TEXT if any(i.severity is Severity.ERROR for i in issues) else "#b26a00"
        self.message.setStyleSheet(f"color: {colour}; font-size: 9pt;")
        self.message.show()


class ItemCombo(QComboBox):
    """A combo box over a QStandardItemModel so single items can be disabled with a
    tooltip saying why. Each item carries its value in Qt.UserRole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)

    def add(self, label: str, value: object) -> None:
        item = QStandardItem(label)
        item.setData(value, Qt.ItemDataRole.UserRole)
        self._model.appendRow(item)

    def value(self) -> object:
        return self.currentData(Qt.ItemDataRole.UserRole)

    def row_of(self, value: object) -> int:
        for row in range(self._model.rowCount()):
            if self._model.item(row).data(Qt.ItemDataRole.UserRole) == value:
                return row
        return -1

    def select(self, value: object) -> bool:
        row = self.row_of(value)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def set_label(self, value: object, label: str) -> None:
        row = self.row_of(value)
        if row >= 0:
            self._model.item(row).setText(label)

    def set_enabled_value(self, value: object, reason: str | None) -> None:
        """Enable the item, or disable it with `reason` as its tooltip."""
        row = self.row_of(value)
        if row < 0:
            return
        item = self._model.item(row)
        flags = item.flags()
        if reason is None:
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setToolTip("")
        else:
            item.setFlags(flags & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
            item.setToolTip(reason)

    def is_value_enabled(self, value: object) -> bool:
        row = self.row_of(value)
        return row >= 0 and bool(self._model.item(row).flags() & Qt.ItemFlag.ItemIsEnabled)

    def item_tooltip(self, value: object) -> str:
        row = self.row_of(value)
        return self._model.item(row).toolTip() if row >= 0 else ""
