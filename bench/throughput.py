"""Figure 6: the practice exchange's order throughput on loopback, rate limits off.

Calls bench/sim_throughput.py's measure() (two client processes, one keep-alive
connection each, one-share market buys then sells) `runs` times and reports the median
and the worst run. There is no A/B reference here: the target is absolute.

    python bench/throughput.py [--runs 3] [--seconds 5]
"""

from __future__ import annotations

import argparse
import statistics

import common  # puts the repo on sys.path
from sim_throughput import measure

TARGET = 1000.0


def rows(runs: int, seconds: float, clients: int = 2) -> list[common.Row]:
    results = [measure(seconds, clients) for _ in range(runs)]
    rates = [r["orders_per_s"] for r in results]
    median, worst = statistics.median(rates), min(rates)
    errors = sum(r["errors"] for r in results)
    booked = all(r["ledger"] >= r["orders"] for r in results)
    return [common.Row(
        number="6",
        figure="Practice exchange throughput, loopback, limits off",
        measured=f"{median:,.0f} orders/s median, worst run {worst:,.0f} (n={runs} × {seconds:g} s)",
        reference="—",
        ratio=f"{median / TARGET:.2f} × target",
        target=f"≥ {TARGET:,.0f} orders/s",
        status=common.status(median >= TARGET),
        notes=f"{clients} keep-alive client processes, the exchange on one thread in this "
              f"process; {errors} errors; "
              + ("every accepted order is in the ledger" if booked else "LEDGER SHORT of replies"),
        raw={"runs": results},
    )]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.runs, args.seconds), args.json)


if __name__ == "__main__":
    main()
