"""Fixtures for the practice-exchange tests: a fresh exchange per test, on a free port."""

from __future__ import annotations

import pytest

from kiwoom_ticket.simulator import SimConfig, Simulator

from .kiwoom import Kiwoom


@pytest.fixture
def sim_config() -> SimConfig:
    """Override in a test module to change the exchange the `sim` fixture starts."""
    return SimConfig(profile="mock", seed=1, rate_limits=False, page_size=3)


@pytest.fixture
def sim(sim_config: SimConfig):
    with Simulator(sim_config) as running:
        yield running


@pytest.fixture
def kw(sim: Simulator) -> Kiwoom:
    client = Kiwoom(sim)
    yield client
    client.http.close()


@pytest.fixture
def make_sim():
    """Start extra exchanges with their own settings; all are stopped after the test."""
    started: list[Simulator] = []

    def make(**settings) -> Simulator:
        base = {"seed": 1, "rate_limits": False, "page_size": 3}
        started.append(Simulator(SimConfig(**{**base, **settings})).start())
        return started[-1]

    yield make
    for s in started:
        s.stop()
