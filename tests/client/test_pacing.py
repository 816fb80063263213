"""Client-side pacing: a burst of one api-id is spaced out; other api-ids don't wait."""

import pytest

from kiwoom_ticket.kiwoom import Credentials, KiwoomClient
from kiwoom_ticket.kiwoom.pacing import Pacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_a_burst_is_spaced_per_api_id():
    clock = FakeClock()
    pacer = Pacer(5.0, overrides={"ka10001": 1.0}, clock=clock, sleep=clock.sleep)
    waits = [pacer.wait("kt10000") for _ in range(3)]
    assert waits == pytest.approx([0.0, 0.2, 0.2])
    assert pacer.wait("kt10001") == 0.0  # its own budget
    assert [pacer.wait("ka10001") for _ in range(2)] == pytest.approx([0.0, 1.0])


def test_no_rate_means_no_wait():
    clock = FakeClock()
    pacer = Pacer(0, clock=clock, sleep=clock.sleep)
    assert [pacer.wait("kt10000") for _ in range(5)] == [0.0] * 5


def test_paced_client_never_meets_the_exchange_limit():
    """5 orders/s in the client against an exchange allowing 5/s: a burst of 8 all pass."""
    from kiwoom_ticket.simulator import SimConfig, Simulator

    from .test_client import MARKET_BUY

    with Simulator(SimConfig(profile="real", seed=2, rate_limits=True)) as limited:
        client = KiwoomClient(limited.base_url, Credentials("pace-app-key-01", "pace-secret-01"),
                              pacer=Pacer(5.0))
        try:
            acks = [client.send_order(MARKET_BUY) for _ in range(8)]
        finally:
            client.close()
    assert len({a.ord_no for a in acks}) == 8
