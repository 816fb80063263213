"""The practice exchange: a local server that speaks Kiwoom's REST API.

    from kiwoom_ticket.simulator import Simulator, SimConfig
    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False)) as sim:
        sim.base_url                       # http://127.0.0.1:PORT
        sim.market.set_price("005930", 200_000); sim.market.step()
        sim.faults.inject(api_id="kt10000", kind="drop_after_accept", count=1)
        sim.ledger(); sim.orders(); sim.received("kt10000")

Command line: `kiwoom-sim --help` (kiwoom_ticket.simulator.cli). Imports only the domain.
"""

from .config import SimConfig
from .faults import KINDS as FAULT_KINDS
from .simulator import Simulator

__all__ = ["FAULT_KINDS", "SimConfig", "Simulator"]
