"""The app's practice exchange runs in a child process (issue 26): found through a
handshake, reset across the process boundary, never left running, never two on one
state file, and a child that fails to answer is reported, not waited on forever."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.service import factory, open_service, stop_practice_exchange
from kiwoom_ticket.service.factory import PRACTICE_STATE
from kiwoom_ticket.service.practice_process import (
    FLAG,
    PracticeExchangeFailed,
    PracticeProcess,
    exchange_command,
)

GONE_WITHIN = 30.0  # seconds a dead parent's exchange may take to notice (a loaded machine)


@pytest.fixture
def child_mode():
    """The app's setting: Practice's exchange in a child process."""
    stop_practice_exchange()
    factory.run_practice_in_child_process()
    yield
    stop_practice_exchange()
    factory.run_practice_in_child_process(False)


def resting_buy(service, qty=3):
    lower = service.quote("005930").lower
    return NewOrder(Action.BUY, Exchange.KRX, "005930", qty, "0", lower)


def alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_gone(pid: int) -> bool:
    """Poll until `pid` is gone (an event in another process: nothing to wait on)."""
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_practice_runs_in_a_child_process_end_to_end(tmp_path, child_mode):
    service = open_service(Environment.PRACTICE, data_dir=tmp_path)
    try:
        exchange = factory._practice_exchange
        assert isinstance(exchange, PracticeProcess)
        assert exchange.running and exchange.pid != os.getpid()
        [first] = service.send(service.prepare(resting_buy(service)))
        [second] = service.send(service.prepare(resting_buy(service, 4)))
        assert int(second.ord_no) == int(first.ord_no) + 1
        assert first.ord_no in {r["ord_no"] for r in service.client.open_orders()}

        # Reset across the process boundary: the exchange forgets its orders and numbers
        # from 0000001 again; the journal closes what was open today.
        closed = service.reset_practice()
        assert {r.local_id for r in closed} == {first.local_id, second.local_id}
        assert service.client.open_orders() == []
        [after] = service.send(service.prepare(resting_buy(service, 5)))
        assert int(after.ord_no) == 1
    finally:
        service.close()
    pid = exchange.pid
    stop_practice_exchange()  # the app quits: a clean stop writes the state
    assert not alive(pid)
    saved = json.loads((tmp_path / PRACTICE_STATE).read_text("utf-8"))
    assert saved["engine"]  # the account continues at the next start


@pytest.mark.expect_log("practice exchange had stopped")
def test_a_dead_exchange_is_started_again_on_the_next_connect(tmp_path, child_mode):
    first = factory.practice_exchange(tmp_path)
    first._proc.kill()  # SIGKILL; TerminateProcess on Windows: no clean-up of its own runs
    first._proc.wait(GONE_WITHIN)
    again = factory.practice_exchange(tmp_path)
    assert again is not first and again.running and again.pid != first.pid


def test_a_second_exchange_on_the_same_state_file_refuses(tmp_path):
    state = tmp_path / PRACTICE_STATE
    first = PracticeProcess(state).start()
    try:
        with pytest.raises(PracticeExchangeFailed, match="another practice exchange is running"):
            PracticeProcess(state).start()
        assert first.running  # the first is untouched
    finally:
        first.stop()
    second = PracticeProcess(state).start()  # once the first has gone, the file is free
    second.stop()


@pytest.mark.expect_log("boom before the handshake")
def test_a_child_that_dies_before_answering_is_reported_at_once(tmp_path):
    died = [sys.executable, "-c",
            "import sys; print('WARNING kiwoom_ticket.simulator: boom before the handshake', "
            "file=sys.stderr); sys.exit(3)"]
    started = time.monotonic()
    with pytest.raises(PracticeExchangeFailed, match=r"exit code 3.*boom before the handshake"):
        PracticeProcess(tmp_path / PRACTICE_STATE, command=died, handshake_seconds=60).start()
    assert time.monotonic() - started < 60  # not the deadline: the EOF says it died


def test_a_child_that_never_answers_is_killed_at_the_deadline(tmp_path):
    silent = [sys.executable, "-c", "import sys; sys.stdin.read()"]
    exchange = PracticeProcess(tmp_path / PRACTICE_STATE, command=silent, handshake_seconds=1.0)
    with pytest.raises(PracticeExchangeFailed, match="did not answer within 1 s"):
        exchange.start()
    assert not alive(exchange.pid) or exchange._proc.poll() is not None


def test_a_command_that_cannot_start_says_so(tmp_path):
    missing = [str(tmp_path / "no-such-program")]
    with pytest.raises(PracticeExchangeFailed, match="did not start"):
        PracticeProcess(tmp_path / PRACTICE_STATE, command=missing).start()


def test_an_unreadable_handshake_is_refused(tmp_path):
    garbage = [sys.executable, "-c", "print('listening on http://127.0.0.1:1')"]
    with pytest.raises(PracticeExchangeFailed, match="unreadable handshake"):
        PracticeProcess(tmp_path / PRACTICE_STATE, command=garbage).start()


def test_the_frozen_bundle_starts_its_own_executable_as_the_exchange(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = exchange_command(tmp_path / PRACTICE_STATE)
    assert command[:2] == [sys.executable, FLAG]
    monkeypatch.delattr(sys, "frozen")
    assert exchange_command(tmp_path / PRACTICE_STATE)[:4] == [
        sys.executable, "-m", "kiwoom_ticket", FLAG]


# The app, killed: a parent process that starts the exchange as the app does, tells us
# the exchange's pid, and is then SIGKILLed (no clean-up of its own runs).
PARENT = textwrap.dedent("""
    import subprocess, sys
    from pathlib import Path
    from kiwoom_ticket.service.practice_process import PracticeProcess, exchange_command
    state = Path(sys.argv[2])
    if sys.argv[1] == "app":
        exchange = PracticeProcess(state).start()
        print(exchange.pid, flush=True)
    else:  # "pdeathsig": the child's stdin is ours, which the test holds open
        child = subprocess.Popen(exchange_command(state), stdout=subprocess.PIPE)
        child.stdout.readline()
        print(child.pid, flush=True)
    sys.stdin.read()
""")


def kill_parent_and_wait(tmp_path, mode: str) -> int:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, mode, str(tmp_path / "ex.json")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        pid = int(parent.stdout.readline())
        assert alive(pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait(GONE_WITHIN)
        assert wait_gone(pid), f"the exchange (pid {pid}) outlived its killed parent"
        return pid
    finally:
        parent.kill()
        parent.stdin.close()
        parent.stdout.close()
        parent.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL; Windows has the job object")
def test_killing_the_app_leaves_no_exchange_behind(tmp_path):
    kill_parent_and_wait(tmp_path, "app")
    # ... and its lock went with it: a new exchange takes the same state file.
    PracticeProcess(tmp_path / "ex.json").start().stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_on_linux_the_parent_death_signal_stops_it_even_with_its_stdin_open(tmp_path):
    kill_parent_and_wait(tmp_path, "pdeathsig")


@pytest.mark.skipif(sys.platform == "win32", reason="process groups; Windows' child has no console")
def test_a_signal_to_the_apps_process_group_leaves_the_exchange_to_the_app(tmp_path):
    """Ctrl-C in a terminal signals the app's whole process group. The app then closes
    the normal way, revoking its token at the exchange: the exchange must still be there
    to answer, so the signal is not its to receive (it stops with the app)."""
    exchange = PracticeProcess(tmp_path / "ex.json").start()
    try:
        assert os.getpgid(exchange.pid) != os.getpgid(0)
        assert exchange.running
    finally:
        exchange.stop()
    assert wait_gone(exchange.pid)
