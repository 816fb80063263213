"""The money path's faults, seen from the window: a late ghost raises an alarm; closing
never waits for a server that doesn't answer."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.ui import theme

from .test_resend import fill_buy, settle_at_once, submit_and_wait


@pytest.mark.expect_log("late order")
def test_a_late_ghost_turns_the_row_red_and_alerts(make_window, qtbot, practice_sim):
    window = make_window(service_factory=settle_at_once)
    window.poll_timer.stop()
    window.session.stop_stream()  # REST's path: the stream's catch-ups would race it
    fill_buy(qtbot, window, ticks=-22, qty="23")
    practice_sim.faults.inject(api_id="kt10000", kind="late_ghost", seconds=1.0)
    [limited] = submit_and_wait(qtbot, window.buy_form)
    assert limited.status is OrderStatus.UNKNOWN
    row = window.model.row_of(limited.local_id)
    window.request_refresh()  # nothing at the exchange yet: not taken
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.NOT_RECEIVED,
                    timeout=10_000)
    time.sleep(1.2)  # the exchange registers it after all
    window.request_refresh()
    qtbot.waitUntil(lambda: window.model.record(row).found_late, timeout=10_000)
    late = window.model.record(row)
    assert late.status is OrderStatus.ACCEPTED and late.ord_no
    background = window.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == theme.LATE_TINT
    text = window.status_line.text()
    assert "뒤늦게 접수" in text and "accepted late" not in text and late.ord_no in text
    assert "두 주문이 모두 살아 있습니다" in window.status_line.toolTip()  # one language
    assert "bold" in window.status_line.styleSheet()


def test_closing_never_waits_for_a_silent_server(make_window, qtbot, practice_sim):
    window = make_window()
    fill_buy(qtbot, window, ticks=-23, qty="29")
    practice_sim.faults.inject(api_id="kt10000", kind="latency", seconds=30.0)
    window.buy_form.request_submit()
    qtbot.waitUntil(lambda: practice_sim.received("kt10000") > 0 and bool(window.worker._pending),
                    timeout=10_000)
    qtbot.wait(200)  # the order is out, its reply held back
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 5.0
    # The abandoned request ends at the client's own deadline; then the thread is gone.
    deadline = time.monotonic() + 20
    while any(t.name == "kiwoom-worker" for t in threading.enumerate()):
        assert time.monotonic() < deadline
        time.sleep(0.1)
