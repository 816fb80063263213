"""F5 pressed while a poll is reading is never dropped: the full read the trader asked
for follows the poll (while live, a poll reads only what the stream can't settle)."""

from __future__ import annotations


def test_f5_while_a_poll_reads_runs_a_full_read_after_it(window, qtbot, practice_sim):
    qtbot.waitUntil(lambda: window.session.connected, timeout=15_000)

    def idle() -> bool:  # the poll timer's own refresh is not reading
        return window.refresher.running is None or window.refresher.running.done()

    qtbot.waitUntil(idle, timeout=15_000)
    poll = window.refresh_orders()  # a poll starts reading (same turn: nothing else ran)
    assert poll is not None
    before = practice_sim.received("ka10075")
    f5 = window.request_refresh()  # F5 in the same moment: before, None (dropped)
    assert f5 is not None and f5 is not poll
    assert window.request_refresh() is f5  # a second F5 joins the first
    qtbot.waitUntil(f5.done, timeout=15_000)
    assert poll.done() and f5.exception() is None
    assert practice_sim.received("ka10075") > before  # the full read ran
