"""Issue 26: the WebSocket client runs on the GUI's own asyncio loop (qasync), so a live
frame is read, parsed and applied on the GUI thread with no thread hop between; the
window still gets every report, and closing it leaves no connection behind."""

from __future__ import annotations

import threading

from kiwoom_ticket.service import live_feed

from .test_live_stream import STOCK, wait_live


def test_live_frames_are_read_on_the_gui_thread_with_no_thread_of_their_own(
        make_window, qtbot, monkeypatch):
    read_on: set[int] = set()
    original = live_feed.LiveFeed.on_entries

    def on_entries(feed, entries) -> None:  # the session's reader, as each frame is read
        read_on.add(threading.get_ident())
        original(feed, entries)

    monkeypatch.setattr(live_feed.LiveFeed, "on_entries", on_entries)
    window = make_window()
    wait_live(qtbot, window)
    window.session.watch({STOCK})
    qtbot.waitUntil(lambda: len(read_on) > 0, timeout=10_000)
    assert read_on == {threading.get_ident()}  # the GUI thread's: no hop
    assert not [t.name for t in threading.enumerate() if t.name.startswith("kiwoom-ws-")]


def test_closing_the_window_closes_the_live_connection(make_window, qtbot, practice_sim):
    window = make_window()
    wait_live(qtbot, window)
    feed = window.session.core.stream._feed
    assert feed is not None and not feed.stopped
    window.shutdown()
    assert feed.stopped
    ended = feed.session._main
    qtbot.waitUntil(ended.done, timeout=5_000)  # closed on the loop's next turns
    assert feed.status.state == "down"
