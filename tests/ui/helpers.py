"""Helpers for the window tests (the tests themselves stay synchronous)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def run(qtbot, coro_or_task, timeout: int = 20_000):
    """Run a coroutine on the session loop and return its result (tests stay sync)."""
    task = asyncio.ensure_future(coro_or_task)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def answer_dialog(qtbot, window, yes: bool, timeout: int = 5_000) -> str:
    """Wait for the dialog service's question to be armed (it takes no click before) and
    click Yes or No. Returns its text."""
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=timeout)
    text = window.dialogs.current.text()
    assert window.dialogs.answer(yes)
    return text


def type_text(widget, text: str) -> None:
    """Type any text, Hangul included: QTest.keyClicks handles ASCII only (and aborts
    on anything else), so each character goes as its own key event."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def confirmed(qtbot, window, task, timeout: int = 15_000):
    """Wait for `task` (a send), answering yes by mouse to the question it asks (a modify
    or a cancel always asks), once it is armed. Returns the send's result."""
    assert task is not None
    qtbot.waitUntil(lambda: task.done() or window.dialogs.armed, timeout=timeout)
    if not task.done():
        assert window.dialogs.answer(True)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
