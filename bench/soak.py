"""Figure 7: 1,000 orders through the order service at a 10% mixed fault rate.

The pattern of tests/service/test_order_service.py::test_soak_mixed_faults_lose_and_double_nothing,
scaled up: prepare -> send each order once, then reconcile() after the faults stop, and
check the journal against the exchange's ledger. Alongside, on a second practice exchange
with no faults, the same orders go through a second service (A, B, A, B ...): its per-order
time is the reference.

Orders are market buys of 001510 (600 won) with distinct quantities (100 + i) so each
can be told apart; each exchange's account starts with 1,000,000,000 won so cash lasts.

    python bench/soak.py [--orders 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import common  # puts the repo on sys.path

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import Credentials, Environment, KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator import SimConfig, Simulator

KEYS = Credentials("soak-app-key-0123456789", "soak-secret-key-9876543210")
STOCK = "001510"
FAULT_KINDS = ("latency", "drop_after_accept", "http500", "bad_json", "rate_limit")
FAULT_RATE = 0.10
CASH = 1_000_000_000
# As in the service tests: a 0.5 s read timeout, so a 0.2 s latency fault is answered and
# a dropped connection is noticed quickly.
TIMEOUTS = Timeouts(connect=1.0, read=0.5)


def _service(sim: Simulator, journal_file: Path) -> OrderService:
    client = KiwoomClient(sim.base_url, KEYS, timeouts=TIMEOUTS)
    service = OrderService(Environment.PRACTICE, client, Journal(journal_file),
                           settle_after=timedelta(0))
    service.login()
    return service


def check(service: OrderService, sim: Simulator) -> dict:
    """Duplicates, lost and phantom orders, and rows left unsettled."""
    records = service.history()
    taken_by_journal = [r.ord_no for r in records if r.ord_no]
    entries = [e for e in sim.ledger() if e.api_id in ("kt10000", "kt10001")]
    ledger_set = {e.ord_no for e in entries}
    journal_set = set(taken_by_journal)
    # Quantities are distinct per order: one quantity booked twice is one order sent twice.
    quantities = [e.qty for e in entries]
    statuses: dict[str, int] = {}
    for r in records:
        statuses[r.status.name] = statuses.get(r.status.name, 0) + 1
    return {
        "orders": len(records),
        # one exchange order settling two rows, or one row reaching the exchange twice
        "duplicates": (len(taken_by_journal) - len(journal_set))
                      + (len(quantities) - len(set(quantities))),
        "lost": len(ledger_set - journal_set),  # the exchange has it; the journal doesn't say so
        "phantom": len(journal_set - ledger_set),  # the journal says taken; the exchange never had it
        "unsettled": sum(1 for r in records
                         if r.status in (OrderStatus.SENDING, OrderStatus.UNKNOWN)),
        "statuses": statuses,
    }


def measure(orders: int = 1000, seed: int = 11) -> dict:
    config = SimConfig(profile="real", seed=3, rate_limits=False, walk_interval=None, cash=CASH)
    with tempfile.TemporaryDirectory(prefix="kt-bench-soak-") as tmp, \
            Simulator(config) as faulty, Simulator(config) as clean:
        a = _service(faulty, Path(tmp) / "faulty.sqlite3")
        b = _service(clean, Path(tmp) / "clean.sqlite3")
        try:
            faulty.faults.random(rate=FAULT_RATE, seed=seed, kinds=FAULT_KINDS)

            def sender(service: OrderService):
                turn = iter(range(orders))

                def one() -> float:
                    order = NewOrder(Action.BUY, Exchange.KRX, STOCK, 100 + next(turn), "3")
                    t0 = time.perf_counter()
                    service.send(service.prepare(order))
                    return time.perf_counter() - t0

                return one

            started = time.perf_counter()
            sa, sb = common.alternate(sender(a), sender(b), orders)
            fired = dict(faulty.faults.fired)
            faulty.faults.clear()
            time.sleep(1.0)  # let replies held back by latency faults land
            unknown_before = len(a.journal.with_status(OrderStatus.UNKNOWN))
            r0 = time.perf_counter()
            a.reconcile()
            reconcile_s = time.perf_counter() - r0
            total_s = time.perf_counter() - started
            return {
                "faulty": check(a, faulty), "clean": check(b, clean),
                "per_order_faulty": sa, "per_order_clean": sb,
                "faults_fired": fired, "unknown_before_reconcile": unknown_before,
                "reconcile_s": reconcile_s, "total_s": total_s,
            }
        finally:
            a.close()
            b.close()


def rows(orders: int) -> list[common.Row]:
    r = measure(orders)
    f, c = r["faulty"], r["clean"]
    sa, sb = common.Summary.of(r["per_order_faulty"]), common.Summary.of(r["per_order_clean"])
    ok = (f["duplicates"] == 0 and f["lost"] == 0 and f["phantom"] == 0
          and f["unsettled"] == 0 and c["duplicates"] == c["lost"] == c["phantom"] == 0)
    fired = sum(r["faults_fired"].values())
    return [common.Row(
        number="7",
        figure=f"Soak: {orders:,} orders via OrderService, {FAULT_RATE:.0%} mixed faults",
        measured=(f"dup {f['duplicates']}, lost {f['lost']}, phantom {f['phantom']}, "
                  f"unsettled {f['unsettled']}; per order {common.dist(sa)}"),
        reference=f"no faults: dup {c['duplicates']}, lost {c['lost']}; per order {common.dist(sb)}",
        ratio=f"{sa.median / sb.median:.2f}",
        target="0 duplicates, 0 lost",
        status=common.status(ok),
        notes=(f"{fired} faults fired {r['faults_fired']}; {r['unknown_before_reconcile']} UNKNOWN "
               f"settled by one reconcile() in {common.s_or_ms(r['reconcile_s'])}; "
               f"{r['total_s']:.1f} s for both runs, interleaved; final {f['statuses']}"),
        raw={k: v for k, v in r.items() if not k.startswith("per_order")}
        | {"faulty_per_order": sa.__dict__, "clean_per_order": sb.__dict__},
    )]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orders", type=int, default=1000)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.orders), args.json)


if __name__ == "__main__":
    main()
