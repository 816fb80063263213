"""Daily limits: the day's loss is realised (sells against the average price) plus
unrealised; orders the exchange never took don't count; tiers warn, then block."""

from __future__ import annotations

from dataclasses import replace

from kiwoom_ticket.domain.daily_limits import DailyLimits, DayTally, crossings, tally_day
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.precautions import Tier
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.validation import Severity

DAY = "20260105"


_IDS = iter(range(1_000_000))


def record(action, qty, status, filled=0, price=None, day=DAY):
    r = OrderRecord.from_request(f"r{next(_IDS)}", "practice",
                                 NewOrder(action, Exchange.KRX, "005930", qty, "3"), "",
                                 trade_day=day)
    return replace(r, status=status, filled_qty=filled, avg_fill_price=price)


def test_loss_is_realised_plus_unrealised_and_refusals_are_not_orders():
    records = [
        record(Action.BUY, 10, OrderStatus.FILLED, 10, 100_000),
        record(Action.SELL, 4, OrderStatus.FILLED, 4, 95_000),  # -20,000 against 100,000
        record(Action.SELL, 4, OrderStatus.REJECTED),
        record(Action.SELL, 1, OrderStatus.NOT_RECEIVED),
        record(Action.BUY, 1, OrderStatus.FILLED, 1, 90_000, day="20260102"),  # another day
    ]
    tally = tally_day(records, DAY, unrealised=-30_000, average_cost={"005930": 100_000})
    assert tally == DayTally(realised=-20_000, unrealised=-30_000, orders=2,
                             traded_value=1_000_000 + 380_000)
    assert tally.loss == 50_000


def test_warn_then_block_and_the_next_order_counts():
    limits = DailyLimits(loss=Tier(warn=10_000, block=40_000), orders=Tier(warn=1, block=2))
    warn = crossings(DayTally(unrealised=-20_000, orders=1), limits)
    assert [(c.key, c.severity) for c in warn] == [("loss", Severity.WARNING)]
    blocked = crossings(DayTally(unrealised=-50_000, orders=2), limits, next_order=True)
    assert [(c.key, c.severity) for c in blocked] == [("loss", Severity.ERROR),
                                                      ("orders", Severity.ERROR)]
    assert "50,000" in blocked[0].text.ko and "40,000" in blocked[0].text.en
    assert crossings(DayTally(realised=100_000, unrealised=-50_000), limits) == []
