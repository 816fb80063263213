"""Quantity presets: the share counts the 호가창's quick buttons put in the ticket's
quantity (Settings -> 수량 프리셋). Kept in the settings file as "1,10,50,100"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .i18n import tr
from .settings_store import open_settings, read_str

KEY_PRESETS = "ladder/quantity_presets"
DEFAULT_PRESETS = (1, 10, 50, 100)
MAX_PRESETS = 5
MAX_SHARES = 9_999_999  # a preset is a click away from the ticket: nothing absurd


class PresetError(ValueError):
    """What is wrong with a presets text: a catalogue key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def parse_presets(text: str) -> tuple[int, ...]:
    """"1, 10, 50" -> (1, 10, 50): whole share counts, 1..MAX_SHARES, at most MAX_PRESETS,
    each once, in the order typed. Raises PresetError saying what is wrong."""
    parts = [p.strip().replace(",", "") for p in text.replace("，", ",").replace(" ", ",")
             .split(",")]
    parts = [p for p in parts if p]
    if not parts:
        raise PresetError("presets.empty")
    if len(parts) > MAX_PRESETS:
        raise PresetError("presets.too_many", n=MAX_PRESETS)
    values: list[int] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= MAX_SHARES:
            raise PresetError("presets.bad", value=part, most=f"{MAX_SHARES:,}")
        if int(part) not in values:
            values.append(int(part))
    return tuple(values)


def saved_presets() -> tuple[int, ...]:
    try:
        return parse_presets(read_str(open_settings(), KEY_PRESETS, ""))
    except PresetError:
        return DEFAULT_PRESETS  # none saved (or a file edited by hand into nonsense)


def save_presets(presets: tuple[int, ...]) -> None:
    settings = open_settings()
    settings.setValue(KEY_PRESETS, ",".join(str(n) for n in presets))
    settings.sync()


class QuantityPresetsDialog(QDialog):
    """Settings -> 수량 프리셋: one line of share counts; a bad one is said under it and
    nothing is saved."""

    saved = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("presets.title"))
        layout = QVBoxLayout(self)
        self.explain = QLabel(tr("presets.explain", n=MAX_PRESETS))
        self.explain.setWordWrap(True)
        self.edit = QLineEdit(", ".join(str(n) for n in saved_presets()))
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("presets.save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("presets.cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        self.edit.textEdited.connect(lambda _t: self.error.hide())
        for widget in (self.explain, self.edit, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(360)

    def try_save(self) -> None:
        try:
            presets = parse_presets(self.edit.text())
        except PresetError as exc:
            self.error.setText(tr(exc.key, **exc.values))
            self.error.show()
            self.edit.setFocus()
            return
        save_presets(presets)
        self.saved.emit(presets)
        self.accept()
