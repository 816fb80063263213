"""The child process of figures 4 and 5: start the app the way app.run() does (or a bare
PySide6 window, the reference) and say when each stage is reached, one line per stage on
stdout, so the parent can time them from its own clock (process start included).

    python bench/app_probe.py window [--fill]  # "shown", "connected", ["history N",
                                               #  "filled N"], "rss KB"
    python bench/app_probe.py bare             # "shown", "rss KB": a minimal PySide6 window
    python bench/app_probe.py head             # "loaded N SECONDS", "rss KB": read_history

app.py has no ready hook, so `window` mirrors app.run(): create_app, the single-instance
lock, setup_logging, route_qt_messages, then on the qasync loop app.open_window() (build,
show, connect once painted). "shown" is the event loop's first turn after the window's
first paint; "history" is the log's first rows arriving, "filled" the end of the log's
first paint after that. `bare` is the same for a QMainWindow holding a QLabel, on
QApplication.exec(): what any PySide6 window costs in this venv. KIWOOM_TICKET_HOME picks
the journal; QT_QPA_PLATFORM should be offscreen. Imports stay lazy, as in the app:
nothing is loaded before the clock's zero but Python.
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


def head_mode() -> None:
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.service.factory import read_history

    t0 = time.perf_counter()
    rows = read_history(Environment.PRACTICE)
    say("loaded", len(rows), f"{time.perf_counter() - t0:.6f}")
    say("rss", peak_rss_kb())


def _when_painted(widget, then) -> object:
    """Call `then` on the loop's turn after `widget`'s first paint; returns the watcher."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, then)
            return False

    watch = FirstPaint()
    widget.installEventFilter(watch)
    return watch


def bare_mode() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setCentralWidget(QLabel("kiwoom-ticket"))

    def shown() -> None:
        say("shown")
        app.quit()

    watch = _when_painted(window, shown)  # noqa: F841 (kept alive until exec returns)
    window.show()
    app.exec()
    say("rss", peak_rss_kb())


async def _window(fill: bool) -> None:
    import asyncio

    from kiwoom_ticket import app
    from kiwoom_ticket.ui.session_bridge import ConnectionState

    loop = asyncio.get_event_loop()
    window = app.open_window()  # shown; connects once it has painted
    # Each stage is said the moment it happens (from its callback), not when this
    # coroutine next runs: the parent times the lines as they arrive.
    shown, connected, filled = (loop.create_future() for _ in range(3))

    def stage(future: asyncio.Future, *words: object) -> None:
        if not future.done():
            say(*words)
            future.set_result(None)

    watches = [_when_painted(window, lambda: stage(shown, "shown"))]

    def state(now: ConnectionState) -> None:
        if now is ConnectionState.CONNECTED:
            stage(connected, "connected")
        elif now is ConnectionState.FAILED and not connected.done():
            connected.set_exception(RuntimeError(f"connection failed: "
                                                 f"{window.status_line.text()}"))

    def arrived(rows: list) -> None:
        say("history", len(rows))
        viewport = window.log_view.table.viewport()
        watches.append(_when_painted(
            viewport, lambda: stage(filled, "filled", window.model.rowCount())))
        viewport.update()

    window.session.state_changed.connect(state)
    window.session.history_loaded.connect(arrived)
    try:
        await asyncio.wait_for(asyncio.gather(shown, connected, *([filled] if fill else [])),
                               60)
    finally:
        say("rss", peak_rss_kb())
        window.shutdown()
        window.close()


def window_mode(fill: bool) -> None:
    from kiwoom_ticket import app

    app.import_before_qt()  # as app.run() does first
    from kiwoom_ticket.service.paths import data_dir
    from kiwoom_ticket.ui.single_instance import SingleInstance

    app.create_app([sys.argv[0]])
    instance = SingleInstance(data_dir())
    if not instance.acquire():
        raise SystemExit("another copy holds this data folder")
    app.setup_logging()
    app.route_qt_messages()
    if os.environ.get("BENCH_EXCHANGE") != "thread":  # thread: Practice as before issue 26
        app._practice_in_child_process()
    try:
        app.run_on_qt_loop(_window(fill))
    finally:
        app._stop_practice()
        instance.release()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = sys.argv[1] if len(sys.argv) > 1 else "window"
    if mode == "head":
        head_mode()
    elif mode == "bare":
        bare_mode()
    elif mode == "window":
        window_mode(fill="--fill" in sys.argv[2:])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
