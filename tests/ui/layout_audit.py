"""What a Korean trader would notice first, checked on real widgets: a word cut without
its whole text in a tooltip, a widget outside its window, a word of the other language.
Used by test_screens.py and by make_screenshots.py (which prints what it finds)."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
# Latin a Korean screen keeps: exchanges, codes, units, key names, product names.
KEPT_LATIN = {"KRX", "NXT", "SOR", "KST", "CSV", "API", "KRW", "Enter", "Esc", "MIT",
              "NanumGothic", "SIL", "REST", "Kiwoom", "POSCO", "JYP", "Ent", "HTS", "OS",
              "Python", "PySide", "Linux", "Windows", "macOS", "Darwin",
              "AMD", "arm", "aarch"}  # platform.machine(): AMD64 (Windows), arm64, aarch64
PATH = re.compile(r"\S*[/\\]\S*")  # a file's path is no word of either language


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    w = widget.parentWidget()
    while w is not None and w is not top:
        if isinstance(w, QAbstractScrollArea):
            return True
        w = w.parentWidget()
    return False


def _shown(widget: QWidget, top: QWidget) -> bool:
    if not widget.isVisibleTo(top) or widget.width() <= 1:
        return False
    w = widget
    while w is not None and w is not top:  # in a hidden tab page, a folded panel
        if not w.isVisible():
            return False
        w = w.parentWidget()
    return True


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        text = widget.text()
        if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
            text = re.sub(r"<br\s*/?>|</p>|</div>", "\n", text)
            text = re.sub(r"<[^>]+>", "", text)
        return text
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def cut_words(top: QWidget) -> list[str]:
    """Texts shown shorter than they are, with no tooltip that has them whole."""
    found = []
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top) or isinstance(widget, QLineEdit):
            continue
        text = text_of(widget)
        if not text or "\n" in text:
            continue
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText \
                and "<" in widget.text():
            continue  # rich text wraps or is laid out by its document: not measured here
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        advance = widget.fontMetrics().horizontalAdvance(text)
        room = widget.contentsRect().width()
        if isinstance(widget, QAbstractButton):
            room -= 6  # the frame's padding
        if isinstance(widget, QComboBox):
            room -= 24  # the arrow
        if advance > room + 1 and text not in widget.toolTip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r} "
                         f"({advance} px in {room})")
    for bar in top.findChildren(QTabBar):
        if not _shown(bar, top):
            continue
        for i in range(bar.count()):
            advance = bar.fontMetrics().horizontalAdvance(bar.tabText(i).replace("&", ""))
            if advance > bar.tabRect(i).width() - 8:
                found.append(f"tab {bar.tabText(i)!r} cut")
    return found


def outside(top: QWidget) -> list[str]:
    """Visible widgets that reach beyond their window (not scrolled content)."""
    found = []
    frame = QRect(QPoint(0, 0), top.size())
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top) or _inside_scroll_area(widget, top):
            continue
        corner = widget.mapTo(top, QPoint(0, 0))
        rect = QRect(corner, widget.size())
        if not frame.contains(rect):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} at "
                         f"{rect.getRect()} outside {frame.getRect()}")
    return found


# Widgets that are Korean in both languages: the 한/EN switch names each language in
# itself; a recent stock's chip is a stock's name (cut to fit, whole in its tooltip).
BOTH_LANGUAGES = ("languageSwitch", "recentStock")


def other_language(top: QWidget, lang: str, names: list[str] = ()) -> list[str]:
    """Words of the language not shown: English words in Korean mode, Hangul in English
    mode (a stock's name, Korean in both, excepted)."""
    found = []
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top) or isinstance(widget, QLineEdit):
            continue
        parent = widget.parentWidget()
        if widget.objectName() in BOTH_LANGUAGES or (
                parent is not None and parent.objectName() in BOTH_LANGUAGES):
            continue
        texts = [text_of(widget)]
        for text in texts:
            if not text:
                continue
            for name in names:
                text = text.replace(name, "")
            text = PATH.sub("", text)
            if lang == "ko":
                words = set(ENGLISH_WORD.findall(text)) - KEPT_LATIN
                if words:
                    found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
            elif HANGUL.search(text):
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return found
