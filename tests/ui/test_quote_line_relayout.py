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
    # Every note at the next turn (not NOTE_EVERY_MS apart): this counts relayouts in
    # these turns only (the session header's clock relays out the form once a second).
    line._note_timer.setInterval(0)
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


def test_a_burst_of_trades_repaints_the_time_and_volume_once_then_the_latest(make_window,
                                                                             qtbot):
    """The note under the prices (the quote's time, the day's volume) changes with every
    trade; it is shown at once, then at most every NOTE_EVERY_MS with the latest. The
    prices stay live, and another stock's quote shows its own note at once."""
    window = make_window(connect=False)
    line = window.buy_form.quote_line
    texts = []

    def quote(n: int, code: str = "005930") -> Quote:
        return Quote(code, "삼성전자" if code == "005930" else "SK하이닉스", 71_200 + 100 * n,
                     70_000, 91_000, 49_000, volume=1_000 + n)

    for n in range(10):
        line.show_quote(quote(n), at=datetime(2026, 12, 7, 9, 30, n))
        texts.append(line.time.text())
        assert f"{71_200 + 100 * n:,}" in line.buttons["current"].text()  # live
    assert len(set(texts)) == 1 and "1,000" in texts[0]  # the first, until the timer ends
    qtbot.waitUntil(lambda: "1,009" in line.time.text(), timeout=3_000)  # then the latest
    line.show_quote(quote(0, "000660"), at=datetime(2026, 12, 7, 9, 31))
    assert "09:31:00" in line.time.text()  # another stock: at once, never the last one's


def test_the_session_headers_countdown_relays_out_itself_only(make_window, qtbot):
    """The header over the ticket counts down every second, all day: that must repaint
    its own line, not relay out (and so repaint) the whole form (issue 26, figure 13b)."""
    window = make_window(connect=False)
    form = window.buy_form
    header = form.session_header
    header.setText("KRX 정규장 · 장 마감 동시호가까지 6:19:50")
    settle()
    form_relayouts, desk_relayouts = Relayouts(form), Relayouts(window.tabs)
    for second in range(49, 39, -1):
        header.setText(f"KRX 정규장 · 장 마감 동시호가까지 6:19:{second}")
        settle()
    assert header.text().endswith("6:19:40")
    assert (form_relayouts.count, desk_relayouts.count) == (0, 0)
    # A text that needs more room than the line has still tells the form.
    header.setText("KRX 장 마감 동시호가 · 종료까지 0:09:59 · 다음: 장후 시간외 종가 (15:40)")
    settle()
    assert form_relayouts.count > 0
