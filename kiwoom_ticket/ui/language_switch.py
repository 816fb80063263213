"""The 한/EN switch in the environment bar: where the language is, in sight from the
first start (a newcomer whose system is English finds Korean without opening Settings).
Each button names its language in that language, so either reader finds theirs."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from . import lang_texts  # noqa: F401  (registers the texts)
from .i18n import LANGUAGES, language, tr

LABELS = {"ko": "한", "en": "EN"}


class LanguageSwitch(QWidget):
    picked = Signal(str)  # the language code the user clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageSwitch")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for code in LANGUAGES:
            button = QToolButton()
            button.setText(LABELS[code])
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.clicked.connect(lambda _checked=False, c=code: self._clicked(c))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[code] = button
        language.changed.connect(self.show_language)
        self.show_language(language.code)

    def _clicked(self, code: str) -> None:
        if code != language.code:
            self.picked.emit(code)
        self.show_language(language.code)  # a refused pick does not stay checked

    def show_language(self, code: str) -> None:
        for c, button in self.buttons.items():
            button.setChecked(c == code)
        self.setToolTip(tr("lang.switch_tip"))
        for button in self.buttons.values():
            button.setToolTip(tr("lang.switch_tip"))

    def detach(self) -> None:
        """Stop following the shared language object (the window is shutting down)."""
        with contextlib.suppress(RuntimeError, TypeError):
            language.changed.disconnect(self.show_language)
