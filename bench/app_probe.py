"""The child process of figures 4 and 5: start the app the way app.run() does and say
when each stage is reached, one line per stage on stdout, so the parent can time them
from its own clock (process start included).

    python bench/app_probe.py window [--fill ROWS]  # "shown", "connected", ["first N",
                                               #  "filled N"], "rss KB"
    python bench/app_probe.py journal  # prints "loaded N SECONDS", "rss KB"

app.py has no ready hook, so this mirrors app.run(): setup_logging, create_app,
route_qt_messages, then on the qasync loop build_window, show, start (connect to the
built-in practice exchange in the background). "shown" is the first event-loop turn
after show(); "first" is the first paint of the order log after its first (newest) rows
are in it, "filled" the first paint after all ROWS of the journal are. KIWOOM_TICKET_HOME
picks the journal; QT_QPA_PLATFORM should be offscreen.
Imports stay lazy, as in the app: nothing is loaded before the clock's zero but Python.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def say(*words: object) -> None:
    print(*words, flush=True)


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def journal_mode() -> None:
    from kiwoom_ticket.journal import Journal
    from kiwoom_ticket.service.paths import journal_path

    t0 = time.perf_counter()
    journal = Journal(journal_path("practice"))
    rows = journal.all()
    say("loaded", len(rows), f"{time.perf_counter() - t0:.6f}")
    journal.close()
    say("rss", peak_rss_kb())


async def _window(fill: int | None) -> None:
    import asyncio

    from PySide6.QtCore import QEvent, QObject, QTimer

    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.ui.session import ConnectionState

    loop = asyncio.get_event_loop()
    # The parent says how many rows the journal holds: counting them here would be work
    # inside the interval being timed.
    expected = fill or 0
    window = build_window()
    first, filled = loop.create_future(), loop.create_future()
    state = {"first": False, "all": False}

    def history(rows: list) -> None:
        # The log fills in two steps (newest rows, then all): time both.
        state["first"] = state["first"] or bool(rows) or expected == 0
        state["all"] = state["all"] or len(rows) == expected
        window.log_view.table.viewport().update()

    class PaintWatch(QObject):
        """The first paints of the log after the newest rows, and after all rows, are in."""

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                for done, fut in ((state["first"], first), (state["all"], filled)):
                    if done:
                        QTimer.singleShot(0, lambda f=fut: f.done() or f.set_result(None))
            return False

    watch = PaintWatch()
    window.session.history_loaded.connect(history)
    viewport = window.log_view.table.viewport()
    viewport.installEventFilter(watch)
    try:
        shown = loop.create_future()
        window.show()
        window.start()
        QTimer.singleShot(0, lambda: shown.done() or shown.set_result(None))
        await shown
        say("shown")
        deadline = time.monotonic() + 60
        while window.session.state not in (ConnectionState.CONNECTED, ConnectionState.FAILED):
            if time.monotonic() > deadline:
                raise RuntimeError("no connection within 60 s")
            await asyncio.sleep(0.002)
        if window.session.state is not ConnectionState.CONNECTED:
            raise RuntimeError(f"connection failed: {window.status_line.text()}")
        say("connected")
        if fill is None:
            return
        await asyncio.wait_for(first, 60)
        say("first", window.model.rowCount())
        await asyncio.wait_for(filled, 60)
        say("filled", window.model.rowCount())
    finally:
        viewport.removeEventFilter(watch)
        say("rss", peak_rss_kb())
        window.shutdown()
        window.close()


def window_mode(fill: int | None) -> None:
    from kiwoom_ticket import app

    app.setup_logging()
    app.create_app([sys.argv[0]])
    app.route_qt_messages()
    try:
        app.run_on_qt_loop(_window(fill))
    finally:
        app._stop_practice()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = sys.argv[1] if len(sys.argv) > 1 else "window"
    if mode == "journal":
        journal_mode()
    elif mode == "window":
        args = sys.argv[2:]
        window_mode(fill=int(args[args.index("--fill") + 1]) if "--fill" in args else None)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
