"""The order service against a real practice exchange on 127.0.0.1."""

from datetime import timedelta

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator import SimConfig, Simulator

FAKE = Credentials("svc-app-key-0123456789", "svc-secret-key-9876543210")


@pytest.fixture(scope="module")
def sim():
    with Simulator(SimConfig(profile="real", seed=3, rate_limits=False, page_size=4)) as s:
        yield s


@pytest.fixture
def service(sim, tmp_path):
    sim.faults.clear()
    client = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=0.5))
    svc = OrderService(Environment.PRACTICE, client, Journal(tmp_path / "journal.sqlite3"),
                       settle_after=timedelta(0))
    svc.login()
    yield svc
    sim.faults.clear()
    svc.close()
