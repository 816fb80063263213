"""Starting and stopping: the kiwoom-sim command and the in-process Simulator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from kiwoom_ticket.simulator import SimConfig, Simulator

from .kiwoom import KEYS, Kiwoom

REPO = Path(__file__).resolve().parents[2]


def _start_cli(*args: str) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiwoom_ticket.simulator.cli", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env,
    )
    first = proc.stdout.readline().strip()
    return proc, first


# Windows delivers neither: send_signal(SIGTERM) is TerminateProcess (no handler runs) and
# SIGINT can only be sent to a console group.
posix_signals = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@posix_signals
def test_cli_prints_its_address_serves_and_exits_0_on_sigterm():
    proc, first = _start_cli("--seed", "3", "--no-rate-limits")
    try:
        assert first.startswith("listening on http://127.0.0.1:")
        base = first.removeprefix("listening on ")
        reply = requests.post(base + "/oauth2/token", json=KEYS, timeout=10).json()
        assert reply["return_code"] == 0
        info = requests.post(base + "/api/dostk/stkinfo", json={"stk_cd": "005930"}, timeout=10,
                             headers={"api-id": "ka10001",
                                      "authorization": f"Bearer {reply['token']}"}).json()
        assert info["stk_nm"] == "삼성전자"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@posix_signals
def test_cli_stops_on_ctrl_c_and_keeps_state(tmp_path):
    state = tmp_path / "state.json"
    proc, first = _start_cli("--state", str(state), "--profile", "real")
    try:
        assert first.startswith("listening on ")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert state.exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_start_and_stop_in_process_on_free_ports():
    a = Simulator(SimConfig(rate_limits=False)).start()
    b = Simulator(SimConfig(rate_limits=False)).start()
    try:
        assert a.port and b.port and a.port != b.port
        assert a.base_url.startswith("http://127.0.0.1:")
        assert a.running
    finally:
        a.stop()
        b.stop()
    assert not a.running
    a.stop()  # twice is fine
    with pytest.raises(requests.ConnectionError):
        requests.post(b.base_url + "/oauth2/token", json=KEYS, timeout=2)


def test_stop_leaves_no_thread_behind():
    before = {t.name for t in threading.enumerate()}
    with Simulator(SimConfig(rate_limits=False)) as sim:
        Kiwoom(sim).buy()
    assert {t.name for t in threading.enumerate()} == before


def test_a_busy_port_is_reported(sim):
    with pytest.raises(RuntimeError, match="could not start"):
        Simulator(SimConfig(port=sim.port)).start()


def test_walk_interval_moves_prices_by_itself(make_sim):
    sim = make_sim(walk_interval=0.01, seed=5)
    start = {c: sim.market.price(c) for c in sim.market.codes()}
    moved = threading.Event()
    sim.market.on_move(lambda code: moved.set())
    assert moved.wait(5)
    with sim.core.lock:  # a whole step has finished
        assert {c: sim.market.price(c) for c in sim.market.codes()} != start


def test_ledger_is_a_snapshot(sim, kw: Kiwoom):
    kw.buy()
    snapshot = sim.ledger()
    kw.buy()
    assert len(snapshot) == 1 and len(sim.ledger()) == 2
