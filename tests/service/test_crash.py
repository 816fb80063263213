"""Kill the app mid-burst and start again: nothing the exchange received is lost."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.service.paths import journal_path

CHILD = Path(__file__).with_name("burst_child.py")


def test_sigkill_mid_burst_loses_nothing(sim, tmp_path):
    sim.faults.clear()
    sim.faults.set_latency(40)  # each order takes a while, so the kill lands mid-request
    before = {o.ord_no for o in sim.ledger()}
    start = sim.received("kt10000")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen([sys.executable, str(CHILD), sim.base_url, str(tmp_path), "200"],
                             stdout=subprocess.PIPE, env=env)
    try:
        assert child.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 30
        while sim.received("kt10000") - start < 12 and time.monotonic() < deadline:
            time.sleep(0.005)
        child.kill()  # SIGKILL; TerminateProcess on Windows: no handler, no cleanup
    finally:
        child.wait(10)
    assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    sim.faults.clear()
    time.sleep(0.3)  # let the exchange finish the request it was holding

    journal = Journal(journal_path("mock", tmp_path))  # "start it again"
    client = KiwoomClient(sim.base_url, Credentials("crash-app-key-01", "crash-secret-01"),
                          timeouts=Timeouts(1, 2))
    svc = OrderService(Environment.MOCK, client, journal, settle_after=timedelta(0))
    try:
        svc.login()
        svc.reconcile()
        records = svc.history()
        taken = {o.ord_no for o in sim.ledger()} - before
        accepted = [r.ord_no for r in records if r.ord_no]
        assert len(accepted) == len(set(accepted))
        assert set(accepted) == taken, "an order the exchange took is missing from the journal"
        assert not any(r.status.is_unsettled for r in records)  # every row settled
        assert len(records) >= len(taken)
    finally:
        svc.journal.close()
        client.close()
