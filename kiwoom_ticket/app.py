"""Composition root: the Qt application, the window, the event loop.

Public names:
- `create_app(argv)`    the QApplication with the bundled font, icon and names.
- `build_window(...)`   the MainWindow, not yet shown or connected.
- `open_window()`       the normal start's window: shown, then connecting once painted.
- `run()`               the normal start: show at once, connect in the background.
- `run_self_test()`     headless buy -> modify -> cancel on the practice exchange.

Nothing that can come after the window shows comes before it: the practice exchange
starts, and the journal is read, only once the window has painted; modules only the
self-test or a second start need are imported there.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import cast

log = logging.getLogger("kiwoom_ticket")

# The window's Qt-free modules, imported before Qt by `run()` (and by the bench's probe,
# which mirrors it): once PySide6 is imported it hooks every later import and reads each
# new module's whole source (inspect.getsource, looking for "PySide6" for its __feature__
# switches): ~0.1 ms a module, ~200 modules before the window shows. Loaded first, these
# skip that (issue 26's cold start: 20-40 ms). Only speed depends on this list: a module
# missing from it still loads, later. Nothing here may import Qt, or anything the window
# defers (tests/test_lazy_imports.py checks both).
PRE_QT_MODULES = (
    "json", "csv", "html", "sqlite3", "uuid", "queue", "random", "dataclasses", "datetime",
    "logging.handlers", "importlib.resources", "platformdirs",
    "kiwoom_ticket.domain.adopt", "kiwoom_ticket.domain.brackets",
    "kiwoom_ticket.domain.clock", "kiwoom_ticket.domain.daily_limits",
    "kiwoom_ticket.domain.environment", "kiwoom_ticket.domain.error_texts",
    "kiwoom_ticket.domain.exchange", "kiwoom_ticket.domain.field_checks",
    "kiwoom_ticket.domain.fills", "kiwoom_ticket.domain.kill_switch",
    "kiwoom_ticket.domain.korean", "kiwoom_ticket.domain.ladder_rows",
    "kiwoom_ticket.domain.market_depth", "kiwoom_ticket.domain.market_tick",
    "kiwoom_ticket.domain.numbers", "kiwoom_ticket.domain.open_orders",
    "kiwoom_ticket.domain.order_events", "kiwoom_ticket.domain.order_ledger",
    "kiwoom_ticket.domain.orders", "kiwoom_ticket.domain.precautions",
    "kiwoom_ticket.domain.reconcile", "kiwoom_ticket.domain.records",
    "kiwoom_ticket.domain.send_decision", "kiwoom_ticket.domain.session_clock",
    "kiwoom_ticket.domain.sessions", "kiwoom_ticket.domain.status",
    "kiwoom_ticket.domain.stock_search", "kiwoom_ticket.domain.text",
    "kiwoom_ticket.domain.ticket_report", "kiwoom_ticket.domain.ticks",
    "kiwoom_ticket.domain.trade_types", "kiwoom_ticket.domain.validation",
    "kiwoom_ticket.domain.watches", "kiwoom_ticket.journal.protection_store",
    "kiwoom_ticket.journal.store", "kiwoom_ticket.kiwoom.environments",
    "kiwoom_ticket.kiwoom.errors", "kiwoom_ticket.kiwoom.pacing",
    "kiwoom_ticket.kiwoom.secrets", "kiwoom_ticket.kiwoom.stock_list",
    "kiwoom_ticket.kiwoom.timeouts", "kiwoom_ticket.kiwoom.token",
    "kiwoom_ticket.kiwoom.websocket.events", "kiwoom_ticket.service.account",
    "kiwoom_ticket.service.account_orders", "kiwoom_ticket.service.app_session",
    "kiwoom_ticket.service.app_stream", "kiwoom_ticket.service.background",
    "kiwoom_ticket.service.bracket_keeper", "kiwoom_ticket.service.credentials",
    "kiwoom_ticket.service.factory", "kiwoom_ticket.service.journal_writer",
    "kiwoom_ticket.service.live_orders", "kiwoom_ticket.service.logs",
    "kiwoom_ticket.service.observer", "kiwoom_ticket.service.off_thread",
    "kiwoom_ticket.service.order_sender", "kiwoom_ticket.service.order_target",
    "kiwoom_ticket.service.orders", "kiwoom_ticket.service.paths",
    "kiwoom_ticket.service.protection", "kiwoom_ticket.service.serial",
    "kiwoom_ticket.service.settle", "kiwoom_ticket.service.status",
    "kiwoom_ticket.service.stock_lists", "kiwoom_ticket.service.unconfirmed",
    "kiwoom_ticket.service.watch_keeper",
)


def import_before_qt() -> None:
    """Import PRE_QT_MODULES (call it before anything imports PySide6)."""
    import importlib

    for name in PRE_QT_MODULES:
        importlib.import_module(name)


def setup_logging() -> None:
    """The rotating log file in the app's log folder, with secrets masked."""
    from .service.logs import setup_logging as start_log_file

    try:
        start_log_file()
    except OSError as exc:  # a read-only home must not stop trading
        print(f"kiwoom-ticket: no log file ({exc})", file=sys.stderr)


def create_app(argv: list[str] | None = None):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from .ui.resources import app_icon, install_font

    running = cast("QApplication | None", QApplication.instance())  # a QApplication, if any
    app = running or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("kiwoom-ticket")
    app.setApplicationName("kiwoom-ticket")
    # The version (importlib.metadata: ~30-50 ms of imports) is set once the window has
    # painted (open_window); nothing reads it before then.
    QGuiApplication.setDesktopFileName("kiwoom-ticket")
    if sys.platform == "win32":
        set_windows_app_id()
    install_font(app)
    app.setWindowIcon(app_icon(False))
    return app


# The Start-menu shortcut's AppUserModelID (packaging/windows/kiwoom-ticket.iss): the same
# ID here groups the running window's taskbar button with the pinned shortcut.
WINDOWS_APP_ID = "KiwoomTicket.KiwoomTicket"


def set_windows_app_id() -> None:
    if sys.platform != "win32":  # (also tells mypy that ctypes.windll is there)
        return
    try:
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)
    except (AttributeError, OSError):  # not Windows, or an old shell
        pass


def set_app_version() -> None:
    from PySide6.QtWidgets import QApplication

    from . import __version__

    app = QApplication.instance()
    if app is not None:
        app.setApplicationVersion(__version__)


def build_window(*, service_factory=None, credential_store=None, dialogs=None):
    """The composition root: the core (worker, AppSession and its Qt bridge, status
    channel, settings, dialogs, task runner) is built once, here; the main window and
    any ticket window it opens (창 → 새 주문창) receive it."""
    from .ui.app_core import AppCore
    from .ui.arming import keys_unwatched_while_building
    from .ui.main_window import MainWindow

    with keys_unwatched_while_building():  # synchronous: no key can come meanwhile
        core = AppCore(
            service_factory=service_factory, credential_store=credential_store,
            dialogs=dialogs,
        )
        return MainWindow(core)


QT_NOISE = ("This plugin does not support propagateSizeHints",)


def route_qt_messages() -> None:
    """Qt's own warnings go to the log file, minus the offscreen plugin's chatter."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(mode, _context, message: str) -> None:
        if not message.startswith(QT_NOISE):
            qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _excepthook(exc_type, exc, tb) -> None:
    # A slot that raised: log it whole, tell the user one line, keep running.
    log.error("unhandled error", exc_info=(exc_type, exc, tb))
    print(f"kiwoom-ticket: {exc_type.__name__}: {exc}", file=sys.stderr)


# SIGINT: Ctrl-C. SIGTERM: `kill`, a logout. SIGHUP: the terminal closed (not on Windows).
# SIGBREAK: Ctrl-Break (Windows only). Windows has SIGTERM in `signal`, but never delivers it
# (ending a process there is TerminateProcess, which no handler sees).
CLOSE_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")


def close_on_signals(window) -> dict:
    """Close the window the normal way (token revoked, journal closed, as when the user
    closes it) on the signals in CLOSE_SIGNALS that this system has. Returns the handlers
    it replaced, by signal."""
    import signal

    from PySide6.QtCore import QTimer

    def request_close(*_args) -> None:
        QTimer.singleShot(0, window.close)

    previous = {}
    for name in CLOSE_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            previous[sig] = signal.signal(sig, request_close)
        except (OSError, ValueError):  # not settable here
            log.info("cannot handle %s here", name)
    # Python runs signal handlers only between bytecodes; a slow heartbeat gives it some.
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    return previous


def _bring_to_front(window) -> None:
    log.info("a second start asked this window to come to the front")
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _close_on_request(window) -> None:
    from PySide6.QtCore import QTimer

    log.info("asked to close through the data folder's request file")
    QTimer.singleShot(0, window.close)


# If the window gets no paint event (started minimised, say), it connects after this.
START_ANYWAY_MS = 500


def after_first_paint(widget, fn) -> None:
    """Call `fn` once, on the event loop's turn after `widget`'s first paint (or after
    START_ANYWAY_MS, whichever is first): work that competes for the GIL with the first
    paint (starting the practice exchange, reading the journal) waits until there is
    something on screen."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            widget.removeEventFilter(watch)
            fn()

    class FirstPaint(QObject):
        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, widget, once)
            return False

    watch = FirstPaint(widget)
    widget.installEventFilter(watch)
    QTimer.singleShot(START_ANYWAY_MS, widget, once)


def open_window(instance=None):
    """The normal start's window: shown at once; it connects to the practice exchange in
    the background once it has painted. Returns it."""
    window = build_window()
    if instance is not None:
        instance.activated.connect(lambda: _bring_to_front(window))
        instance.close_requested.connect(lambda: _close_on_request(window))
    close_on_signals(window)
    window.show()

    def painted() -> None:
        from PySide6.QtCore import QTimer

        window.start()
        QTimer.singleShot(0, window, set_app_version)  # a turn later: not in start's way

    after_first_paint(window, painted)
    return window


async def _run_window(instance=None) -> int:
    window = open_window(instance)
    closed = asyncio.get_event_loop().create_future()

    def close_once() -> None:
        if not closed.done():
            closed.set_result(0)

    window.closed.connect(close_once)
    return await closed


def _practice_in_child_process() -> None:
    """The app's practice exchange runs in a process of its own (started when Practice
    first connects, on the worker thread, after the window has painted)."""
    from .service import factory

    factory.run_practice_in_child_process()


def _stop_practice() -> None:
    from .service import stop_practice_exchange

    stop_practice_exchange()


def run_on_qt_loop(coro):
    """Run `coro` to completion on a qasync loop over the existing QApplication.

    Not `qasync.run()`: that installs qasync's loop *policy* for the whole process, and
    then the practice exchange's own thread (asyncio.new_event_loop) would get a Qt loop
    too, which cannot run off the main thread. Here only the main thread's loop is Qt's.
    """
    import qasync
    from PySide6.QtWidgets import QApplication

    loop = qasync.QEventLoop(QApplication.instance())
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(coro)
    finally:
        # What the window stopped as it closed ends on this loop (the live stream's
        # connection closes here): a moment for it before the loop goes.
        left = [t for t in asyncio.all_tasks(loop) if not t.done() and t.cancelling()]
        if left:
            loop.run_until_complete(asyncio.wait(left, timeout=2.0))
        loop.close()
        asyncio.set_event_loop(None)


ALREADY_RUNNING = ("kiwoom-ticket: 이미 실행 중입니다. 열려 있는 창을 앞으로 가져왔습니다 / "
                   "already running: its window was brought to the front")
NOT_ANSWERING = ("kiwoom-ticket: 같은 데이터 폴더로 이미 실행 중이지만 응답이 없습니다 ({path}) / "
                 "already running on the same data folder, but it did not answer ({path})")


def run() -> int:
    import_before_qt()
    from .service.paths import data_dir
    from .ui.single_instance import SingleInstance

    app = create_app(sys.argv)
    instance = SingleInstance(data_dir())
    if not instance.acquire():
        # A double double-click: the first copy owns the journal; this one steps aside.
        if instance.ask_running_copy_to_show():
            print(ALREADY_RUNNING, file=sys.stderr)
            return 0
        message = NOT_ANSWERING.format(path=instance.data_dir)
        print(message, file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
            QMessageBox.warning(None, "kiwoom-ticket", message)
        del app
        return 1
    setup_logging()
    route_qt_messages()
    sys.excepthook = _excepthook
    _practice_in_child_process()
    try:
        return run_on_qt_loop(_run_window(instance)) or 0
    finally:
        _stop_practice()
        instance.release()


def offscreen_font_dir() -> None:
    """Qt's offscreen platform on Windows reads fonts from one folder (QT_QPA_FONTDIR,
    else <Qt>/lib/fonts, which PySide6 does not ship: a warning and no fonts at all).
    Point it at the bundled fonts. Linux (fontconfig) and macOS (Core Text) need nothing."""
    if sys.platform == "win32" and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        from .ui.resources import resource_dir

        os.environ.setdefault("QT_QPA_FONTDIR", str(resource_dir() / "fonts"))


def run_self_test() -> int:
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    offscreen_font_dir()
    # Its orders go to a throwaway journal, not the user's practice log.
    scratch = tempfile.TemporaryDirectory(prefix="kiwoom-ticket-selftest-")
    os.environ["KIWOOM_TICKET_HOME"] = scratch.name
    create_app([sys.argv[0]])
    set_app_version()
    route_qt_messages()
    _practice_in_child_process()
    from .ui.self_test import self_test

    try:
        ok, lines = run_on_qt_loop(self_test(build_window))
    except Exception as exc:
        ok, lines = False, [f"FAIL: {type(exc).__name__}: {exc}"]
    finally:
        _stop_practice()
        scratch.cleanup()
    print("\n".join(lines))
    print("self-test: OK" if ok else "self-test: FAILED", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1
