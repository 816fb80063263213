"""Orders per second the practice exchange takes on loopback, with rate limits off.

The exchange runs in this process on its own thread, as in the app. Client processes
each hold one keep-alive connection and send market buys and sells of one share
(buy, then sell, so holdings never run out) for a fixed time.

    python bench/sim_throughput.py [--seconds 5] [--clients 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiwoom_ticket.simulator import SimConfig, Simulator
from kiwoom_ticket.simulator.loadgen import order_client


def measure(seconds: float = 5.0, clients: int = 2) -> dict:
    """Run the load for `seconds`; returns orders, orders_per_s and the set-up used."""
    ctx = mp.get_context("spawn")
    config = SimConfig(profile="real", seed=1, rate_limits=False, walk_interval=None)
    with Simulator(config) as sim:
        token = sim.issue_token()
        ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=order_client, args=(sim.port, token, ready, go, seconds, results))
                 for _ in range(clients)]
        for p in procs:
            p.start()
        for _ in procs:
            ready.acquire()
        start = time.perf_counter()
        go.set()
        totals = [results.get(timeout=seconds + 60) for _ in procs]
        elapsed = time.perf_counter() - start
        for p in procs:
            p.join()
        booked = len(sim.ledger())
    ok = sum(t[0] for t in totals)
    return {
        "orders": ok,
        "errors": sum(t[1] for t in totals),
        "seconds": round(elapsed, 3),
        "orders_per_s": round(ok / seconds, 1),
        "clients": clients,
        "ledger": booked,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--clients", type=int, default=2)
    args = p.parse_args()
    result = measure(args.seconds, args.clients)
    print(json.dumps(result))
    print(f"{result['orders_per_s']:.0f} orders/s ({result['clients']} keep-alive clients, "
          f"{result['orders']} orders, {result['errors']} errors)", file=sys.stderr)


if __name__ == "__main__":
    main()
