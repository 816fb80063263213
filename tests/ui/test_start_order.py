"""The normal start shows the window first: the practice exchange starts, and the journal
is read, only once the window has painted (nothing that can wait competes with it)."""

from __future__ import annotations

import signal

import pytest
from PySide6.QtWidgets import QWidget

from kiwoom_ticket import app
from kiwoom_ticket.ui.session_bridge import ConnectionState


@pytest.fixture
def signal_handlers():
    """open_window() takes over the close signals, as the app does: give them back."""
    names = [getattr(signal, n) for n in app.CLOSE_SIGNALS if hasattr(signal, n)]
    saved = {s: signal.getsignal(s) for s in names}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


def test_the_window_connects_once_it_has_painted(qtbot, signal_handlers, practice_sim):
    window = app.open_window()
    qtbot.addWidget(window)
    try:
        # Shown, not yet connecting: that waits for the first paint.
        assert window.isVisible()
        assert window.session.state is ConnectionState.IDLE
        qtbot.waitUntil(lambda: window.session.state is ConnectionState.CONNECTED,
                        timeout=15_000)
    finally:
        window.shutdown()
        window.close()


def test_a_window_that_never_paints_starts_anyway(qtbot):
    widget = QWidget()  # never shown: no paint event
    qtbot.addWidget(widget)
    called = []
    app.after_first_paint(widget, lambda: called.append(1))
    qtbot.wait(app.START_ANYWAY_MS // 2)
    assert called == []
    qtbot.waitUntil(lambda: called == [1], timeout=app.START_ANYWAY_MS * 4)
    widget.show()
    qtbot.wait(50)
    assert called == [1]  # once
