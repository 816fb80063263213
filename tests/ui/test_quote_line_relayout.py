"""Issue 26, figure 13a: a live quote changes the quote line's texts many times a second.
Each change relays out the line's labels, and that must stop at the line: relaid out,
the form's tab widget (QTabWidget) repaints all of itself, the whole form ~60 times a
second under a fast feed. The line still tells the form when it needs more room."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.service import Quote


class Relayouts(QObject):
    """Counts the layout requests `widget` gets."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def settle() -> None:
    for _ in range(3):  # a relayout climbs one parent per posted event
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def test_a_live_quote_relays_out_the_quote_line_only(make_window, qtbot):
    window = make_window(connect=False)
    form = window.buy_form
    line = form.quote_line
    quote = Quote("005930", "삼성전자", 71_200, 70_000, 91_000, 49_000, volume=1_000)
    line.show_quote(quote, at=datetime(2026, 12, 7, 9, 30, 1))
    settle()
    form_relayouts, desk_relayouts = Relayouts(form), Relayouts(window.tabs)
    for n in range(1, 6):  # trades at one price: the time and the volume change
        line.show_quote(Quote("005930", "삼성전자", 71_200, 70_000, 91_000, 49_000,
                              volume=1_000 + 997 * n * n),
                        at=datetime(2026, 12, 7, 9, 30, 1 + n))
        settle()
    assert f"{1_000 + 997 * 25:,}" in line.time.text()  # shown, and laid out
    assert line.time.width() > 0
    assert (form_relayouts.count, desk_relayouts.count) == (0, 0)


def test_the_form_hears_when_the_line_needs_more_room(make_window, qtbot):
    window = make_window(connect=False)
    form = window.buy_form
    line = form.quote_line
    line.show_quote(Quote("005930", "삼성전자", 71_200, 70_000, 91_000, 49_000),
                    at=datetime(2026, 12, 7, 9, 30, 1))
    settle()
    before = line.minimumSizeHint().width()
    relayouts = Relayouts(form)
    # Far wider limits: the 상한가 / 하한가 line needs more room than before.
    line.show_quote(Quote("005930", "삼성전자", 71_200, 70_000, 910_000_000, 490_000_000),
                    at=datetime(2026, 12, 7, 9, 30, 2))
    settle()
    assert line.minimumSizeHint().width() > before
    assert relayouts.count >= 1
    assert form.minimumSizeHint().width() >= line.minimumSizeHint().width()
