"""Fixtures for the window tests: one qasync loop for the whole session, an in-memory
keyring, a private home folder per test, and windows on the real practice exchange."""

from __future__ import annotations

import asyncio
import threading
import time

import keyring
import pytest
import qasync
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from kiwoom_ticket.app import build_window
from kiwoom_ticket.service import factory, practice_exchange, stop_practice_exchange
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.resources import install_font
from kiwoom_ticket.ui.session_bridge import ConnectionState


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict (priority is irrelevant: it is set explicitly)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(scope="package")
def qt_loop(qapp):
    """One loop for all window tests, marked running. Never stopped or closed per test
    (stop() would quit the QApplication and every later qtbot.wait would return at once).
    Afterwards it stops being "the running loop", so other areas' asyncio.run() works."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    install_font(qapp)
    yield loop
    # A window's live stream runs on this loop: let any stopped one close before it goes.
    deadline = time.monotonic() + 5.0
    while live_streams(loop) and time.monotonic() < deadline:
        qapp.processEvents()
    stop_practice_exchange()
    # qasync ends an already-running loop's helpers on aboutToQuit; on Windows that is the
    # IOCP poller's QThread, which otherwise is destroyed running at exit: Qt aborts and the
    # whole run exits 0xC0000409 after every test passed.
    qapp.aboutToQuit.emit()
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


def live_streams(loop) -> list:
    """The live streams' tasks still running on `loop` (issue 26: on the GUI's loop)."""
    return [t for t in asyncio.all_tasks(loop)
            if not t.done() and t.get_name().startswith("kiwoom-ws-")]


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch, qt_loop):
    """Journal, settings and logs of each test in its own folder; Korean UI."""
    monkeypatch.setenv("KIWOOM_TICKET_HOME", str(tmp_path / "home"))
    for name in ("KIWOOM_TICKET_MOCK_URL", "KIWOOM_TICKET_REAL_URL"):
        monkeypatch.delenv(name, raising=False)
    language.set("ko")
    yield tmp_path / "home"
    language.set("ko")


@pytest.fixture
def practice_sim(qt_loop):
    """The in-process practice exchange the app uses (started once per process)."""
    return practice_exchange()


@pytest.fixture
def make_window(qtbot, qt_loop):
    """Build windows; each is shut down (timers, worker thread, token) afterwards."""
    made = []
    # One practice exchange serves every window test of the process, and each test has a
    # journal of its own: an order another test left resting would be an order placed
    # outside this test's app (adopted into its log). Each test starts on a fresh account.
    if factory._practice_exchange is not None:
        factory._practice_exchange.reset()

    def make(connect: bool = True, **kwargs):
        window = build_window(**kwargs)
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        if connect:
            window.start()
            qtbot.waitUntil(
                lambda: window.session.state in (ConnectionState.CONNECTED,
                                                 ConnectionState.FAILED), timeout=15_000)
            assert window.session.connected, window.status_line.text()
        return window

    yield make
    for window in made:
        window.shutdown()
        window.close()
    # Nothing may outlive the test: the worker thread is gone, the poll timer stopped.
    # (A live stream runs on the loop: it closes in the turns after shutdown, in the
    # next test's or at the end of the package, qt_loop.)
    assert not [t for t in threading.enumerate()
                if t.name.startswith(("kiwoom-worker", "kiwoom-ws-"))]
    assert not any(w.poll_timer.isActive() for w in made)


@pytest.fixture
def window(make_window):
    return make_window()
