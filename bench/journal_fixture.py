"""A big practice journal for figure 5: N generated OrderRecords in an app home folder.

Rows are what a heavy user's log would hold: buys and sells of a dozen stocks over a
year, mostly filled or cancelled, some rejected, modify/cancel chains, a few still open.
They go in through Journal.insert (the app's own encoding), batched in one transaction
so generating 100,000 takes seconds instead of 100,000 fsyncs.

    python bench/journal_fixture.py HOME [--orders 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (puts the repo on sys.path)

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord, trading_day
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import round_to_tick
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.service.paths import journal_path

STOCKS = (("005930", "삼성전자", 200_000), ("000660", "SK하이닉스", 550_000),
          ("035720", "카카오", 60_000), ("035420", "NAVER", 250_000),
          ("005380", "현대차", 250_000), ("068270", "셀트리온", 180_000),
          ("001510", "SK증권", 600), ("247540", "에코프로비엠", 120_000),
          ("011200", "HMM", 20_000), ("015760", "한국전력", 40_000),
          ("003490", "대한항공", 23_000), ("036630", "세종텔레콤", 650))
FINAL = ((OrderStatus.FILLED, 70), (OrderStatus.CANCELLED, 12), (OrderStatus.REJECTED, 6),
         (OrderStatus.PARTLY_FILLED, 1), (OrderStatus.NOT_RECEIVED, 1),
         (OrderStatus.MODIFIED, 10))
ENV = "practice"


def records(n: int, seed: int = 7):
    """Yield n OrderRecords, oldest first; every 10th new order is modified, then cancelled.
    As the app leaves them: an order still open when its trading day ended has expired
    (the first refresh of a new day closes earlier days), so only the last day has open
    orders."""
    rng = random.Random(seed)
    statuses = [s for s, w in FINAL for _ in range(w)]
    start = datetime(2025, 11, 1, 0, 30, tzinfo=UTC)
    last_day = trading_day(start + timedelta(seconds=n * 300))
    ord_no = 1_000_000
    made = 0
    while made < n:
        code, name, base = rng.choice(STOCKS)
        action = rng.choice((Action.BUY, Action.SELL))
        status = rng.choice(statuses)
        when = start + timedelta(seconds=made * 300 + rng.randint(0, 200))
        expired = status is OrderStatus.PARTLY_FILLED and trading_day(when) != last_day
        price = round_to_tick(max(1, int(base * rng.uniform(0.93, 1.07))))
        qty = rng.randint(1, 200)
        order = NewOrder(action, Exchange.KRX, code, qty, "0", price)
        ord_no += 1
        rec = OrderRecord.from_request(uuid.UUID(int=rng.getrandbits(128)).hex, ENV, order, name)
        rec = _at(rec, when, status=OrderStatus.EXPIRED if expired else status,
                  ord_no=None if status in (
            OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED) else f"{ord_no:07d}",
            filled_qty=qty if status is OrderStatus.FILLED else
            qty // 2 if status is OrderStatus.PARTLY_FILLED else 0,
            message="" if status is not OrderStatus.REJECTED else
            "[RC4025] 주문가능금액을 확인하세요 / Check the orderable amount",
            error_code="RC4025" if status is OrderStatus.REJECTED else None)
        yield replace(rec, root_ord_no=rec.ord_no)
        made += 1
        if status is OrderStatus.MODIFIED and made + 2 <= n:
            ord_no += 1
            mod = ModifyOrder(Exchange.KRX, rec.ord_no, code, 0, round_to_tick(price + base // 100))
            m = OrderRecord.from_request(uuid.UUID(int=rng.getrandbits(128)).hex, ENV, mod, name)
            m = _at(m, when + timedelta(seconds=30), status=OrderStatus.CANCELLED,
                    ord_no=f"{ord_no:07d}", root_ord_no=rec.ord_no, quantity=qty)
            ord_no += 1
            cancel = CancelOrder(Exchange.KRX, m.ord_no, code, 0)
            c = OrderRecord.from_request(uuid.UUID(int=rng.getrandbits(128)).hex, ENV, cancel, name)
            c = _at(c, when + timedelta(seconds=60), status=OrderStatus.CANCELLED,
                    ord_no=f"{ord_no:07d}", root_ord_no=rec.ord_no, quantity=qty)
            yield m
            yield c
            made += 2


def _at(rec: OrderRecord, when: datetime, **changes) -> OrderRecord:
    # The trading day follows the order's time, as the service sets it (from_request ran
    # now, and would put every order in today).
    return replace(rec, created_at=when, updated_at=when + timedelta(seconds=1),
                   trade_day=trading_day(when), **changes)


def build(home: Path, n: int, tail: int | None = None) -> Path:
    """Write n records into HOME's practice journal (replacing it); returns its path.
    With `tail`, only the newest `tail` of them (the same orders, without the years
    before)."""
    path = journal_path(ENV, home / "data")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    journal = Journal(path)
    try:
        db = journal._db  # one transaction around the public inserts: setup, not measured
        db.execute("BEGIN")
        for i, rec in enumerate(records(n)):
            if tail is None or i >= n - tail:
                journal.insert(rec)
        db.execute("COMMIT")
        count = journal.count()
    finally:
        journal.close()
    if count != (n if tail is None else tail):
        raise RuntimeError(f"journal has {count} rows, wanted {tail or n}")
    return path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("home", type=Path)
    p.add_argument("--orders", type=int, default=100_000)
    args = p.parse_args()
    t0 = time.perf_counter()
    path = build(args.home, args.orders)
    print(f"{args.orders:,} orders in {path} ({path.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
