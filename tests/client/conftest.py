"""A real practice exchange on 127.0.0.1 for client tests."""

import pytest

from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.simulator import SimConfig, Simulator

FAKE = Credentials("test-app-key-0123456789", "test-secret-key-9876543210")


@pytest.fixture(scope="module")
def sim():
    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False, page_size=3)) as s:
        yield s


@pytest.fixture
def client(sim):
    sim.faults.clear()
    c = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=1.0))
    yield c
    sim.faults.clear()
    c.close()


@pytest.fixture(params=["own thread", "owner's loop"])
def sessions(request):
    """Realtime sessions a test starts: stopped afterwards, and each must end DOWN. Every
    test runs twice: the session on a thread of its own, and on its owner's loop (as the
    app runs it, on the GUI's), with the owner's token awaited there."""
    from kiwoom_ticket.kiwoom.websocket import DOWN

    from .ws_helpers import OwnerLoop, Started

    started = Started(OwnerLoop() if request.param == "owner's loop" else None)
    yield started
    for s in started:
        started.stop(s)
    for s in started:
        assert s.status.state == DOWN
    if started.loop is not None:
        started.loop.close()
