"""Figure 7: a soak of buys, modifies and cancels through the order service, at a 20%
fault rate of every kind the money path must survive, across a trading-day change.

Each step is one request: a resting limit buy (a quantity of its own, so a doubled order
shows as a repeated quantity), or a modify or a cancel of one of the account's open
orders. The faulty exchange answers 20% of order requests with a fault drawn from:
latency, a reply lost after the request was carried out (buys, modifies and cancels),
HTTP 500, truncated JSON, 429, a 429 whose order registers moments later (a ghost), a
redirect, a reply that drips, an oversized reply and a mis-typed one. The service polls
(refresh) every `POLL_EVERY` steps, as the app does; the exchange's clock moves to the next trading day every 2,500 steps (its numbers restart at 0000001). At the end the
journal is checked against the exchange's ledger, day by day:
- duplicates: one (day, number) on two journal rows, or one buy quantity twice at the
  exchange (an order sent twice);
- lost: a request the exchange carried out that the journal doesn't hold by its number;
- phantom: a number the journal holds that the exchange never gave;
- unsettled: rows still sending or outcome unknown.
Alongside, the same steps run on a second exchange with no faults (A, B, A, B ...): its
time per step is the reference.

    python bench/soak.py [--orders 10000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import common  # puts the repo on sys.path

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator import SimConfig, Simulator

KEYS = Credentials("soak-app-key-0123456789", "soak-secret-key-9876543210")
STOCK = "001510"  # a 600-won stock: resting buys tie up little cash
FAULT_KINDS = ("latency", "drop_after_accept", "http500", "bad_json", "rate_limit",
               "late_ghost", "redirect", "slow_drip", "oversize", "mistyped")
ORDER_IDS = ("kt10000", "kt10002", "kt10003")
FAULT_RATE = 0.20
CASH = 10**12
POLL_EVERY = 25
MAX_OPEN = 40
# Short deadlines keep a dripping reply to 0.3 s; a 0.1 s latency fault is still answered.
TIMEOUTS = Timeouts(connect=1.0, read=0.3, total=0.3)
FAULT_SECONDS = 0.1  # latency faults, and how late a ghost registers
DAY = 24 * 3600.0
DAY_EVERY = 2_500  # a new trading day every so many steps (numbers restart at 0000001)


class Trader:
    """One service on one exchange, stepping through the same script as its twin."""

    def __init__(self, sim: Simulator, journal_file: Path, seed: int) -> None:
        self.sim = sim
        client = KiwoomClient(sim.base_url, KEYS, timeouts=TIMEOUTS)
        self.service = OrderService(Environment.PRACTICE, client, Journal(journal_file),
                                    settle_after=timedelta(seconds=0.2), now=sim.clock.now)
        self.service.login()
        self.rng = random.Random(seed)
        self.quantity = 0
        lower = sim.market.quote(STOCK).lower
        self.prices = [lower + 10 * k for k in range(1, 20)]  # on the tick grid, resting

    def step(self, i: int) -> float:
        if i and i % POLL_EVERY == 0:
            self.service.refresh()
        open_rows = [r for r in self.service.journal.with_status(OrderStatus.ACCEPTED)
                     if r.trade_day == self.service.today() and r.ord_no]
        # Keep the book to a few dozen orders, as a trader would: a long soak must not
        # turn into a test of how fast thousands of open orders can be listed.
        pick = self.rng.random() if len(open_rows) < MAX_OPEN else 0.9
        if not open_rows or pick < 0.5:
            self.quantity += 1
            order = NewOrder(Action.BUY, Exchange.KRX, STOCK, self.quantity, "0",
                             self.rng.choice(self.prices))
        else:
            target = self.rng.choice(open_rows)
            if pick < 0.75:
                order = ModifyOrder(Exchange.KRX, target.ord_no, STOCK, 0,
                                    self.rng.choice(self.prices))
            else:
                order = CancelOrder(Exchange.KRX, target.ord_no, STOCK,
                                    self.rng.choice((0, 1)))
        t0 = time.perf_counter()
        self.service.send(self.service.prepare(order))
        return time.perf_counter() - t0

    def next_day(self) -> None:
        self.sim.clock.advance(DAY)
        self.service.login()  # the exchange's clock passed the token's 24 hours

    def settle(self, window: float = 2.5) -> float:
        """Poll as the app would until nothing is unknown (and late ghosts had time)."""
        t0 = time.perf_counter()
        deadline = time.monotonic() + 30
        while True:
            time.sleep(window / 5)
            self.service.refresh()
            if (not self.service.journal.with_status(OrderStatus.UNKNOWN)
                    and time.perf_counter() - t0 >= window) or time.monotonic() > deadline:
                return time.perf_counter() - t0


def check(service: OrderService, sim: Simulator) -> dict:
    records = service.history()
    taken = [(r.trade_day, r.ord_no) for r in records if r.ord_no]
    entries = [e for e in sim.ledger() if e.api_id in ("kt10000", "kt10001", "kt10002",
                                                       "kt10003")]
    ledger = {(e.time.strftime("%Y%m%d"), e.ord_no) for e in entries}
    buys = [e.qty for e in entries if e.api_id == "kt10000"]
    statuses: dict[str, int] = {}
    for r in records:
        statuses[r.status.name] = statuses.get(r.status.name, 0) + 1
    return {
        "requests": len(records),
        "duplicates": (len(taken) - len(set(taken))) + (len(buys) - len(set(buys))),
        "lost": len(ledger - set(taken)),
        "phantom": len(set(taken) - ledger),
        "unsettled": sum(1 for r in records if r.status.is_unsettled),
        "late_found": sum(1 for r in records if r.found_late),
        "days": sorted({d for d, _ in taken}),
        "statuses": statuses,
    }


def measure(orders: int = 10_000, seed: int = 11) -> dict:
    config = SimConfig(profile="real", seed=3, rate_limits=False, walk_interval=None,
                       cash=CASH, page_size=200)
    with tempfile.TemporaryDirectory(prefix="kt-bench-soak-") as tmp, \
            Simulator(config) as faulty, Simulator(config) as clean:
        a = Trader(faulty, Path(tmp) / "faulty.sqlite3", seed)
        b = Trader(clean, Path(tmp) / "clean.sqlite3", seed)
        try:
            faulty.faults.random(rate=FAULT_RATE, seed=seed, kinds=FAULT_KINDS,
                                 api_ids=ORDER_IDS, latency_seconds=FAULT_SECONDS)
            counter = {"a": 0, "b": 0}
            day_every = min(DAY_EVERY, max(orders // 2, 1))  # a short run crosses one too

            def stepper(trader: Trader, key: str):
                def one() -> float:
                    i = counter[key]
                    counter[key] += 1
                    if i and i % day_every == 0:
                        trader.next_day()
                    return trader.step(i)
                return one

            started = time.perf_counter()
            sa, sb = common.alternate(stepper(a, "a"), stepper(b, "b"), orders)
            fired = dict(faulty.faults.fired)
            faulty.faults.clear()
            unknown_before = len(a.service.journal.with_status(OrderStatus.UNKNOWN))
            settle_s = a.settle()
            b.settle(0.5)
            return {
                "faulty": check(a.service, faulty), "clean": check(b.service, clean),
                "per_order_faulty": sa, "per_order_clean": sb, "faults_fired": fired,
                "unknown_before_settle": unknown_before, "settle_s": settle_s,
                "total_s": time.perf_counter() - started,
            }
        finally:
            a.service.close()
            b.service.close()


def rows(orders: int) -> list[common.Row]:
    r = measure(orders)
    f, c = r["faulty"], r["clean"]
    sa, sb = common.Summary.of(r["per_order_faulty"]), common.Summary.of(r["per_order_clean"])
    ok = (f["duplicates"] == f["lost"] == f["phantom"] == f["unsettled"] == 0
          and c["duplicates"] == c["lost"] == c["phantom"] == c["unsettled"] == 0
          and len(f["days"]) >= 2)
    fired = sum(r["faults_fired"].values())
    return [common.Row(
        number="7",
        figure=(f"Soak: {orders:,} buys/modifies/cancels via OrderService, {FAULT_RATE:.0%} "
                "faults of 10 kinds, across a day change"),
        measured=(f"dup {f['duplicates']}, lost {f['lost']}, phantom {f['phantom']}, "
                  f"unsettled {f['unsettled']}; per request {common.dist(sa)}"),
        reference=(f"no faults: dup {c['duplicates']}, lost {c['lost']}; "
                   f"per request {common.dist(sb)}"),
        ratio=f"{sa.median / sb.median:.2f}",
        target="0 duplicates, 0 lost, 0 unsettled",
        status=common.status(ok),
        notes=(f"{fired} faults fired {r['faults_fired']}; {r['unknown_before_settle']} "
               f"unknown at the end settled in {common.s_or_ms(r['settle_s'])}; "
               f"{f['late_found']} late ghosts adopted loudly; days {f['days']}; "
               f"{r['total_s']:.0f} s for both runs, interleaved; final {f['statuses']}"),
        raw={k: v for k, v in r.items() if not k.startswith("per_order")}
        | {"faulty_per_order": sa.__dict__, "clean_per_order": sb.__dict__},
    )]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orders", type=int, default=10_000)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.orders), args.json)


if __name__ == "__main__":
    main()
