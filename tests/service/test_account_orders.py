"""The account's orders belong to the core (service/account_orders.py, no Qt): one book,
written by the core only; whoever listens is told after the book took a change, whatever
order the listeners were connected in, and can stop listening (a closed window)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_ledger import HistoryPage
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.records import LATE_FOUND, OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.service.account_orders import AccountOrders
from kiwoom_ticket.service.observer import Event


def new(local_id: str, ord_no: str | None = None, **kw) -> OrderRecord:
    order = NewOrder(Action.BUY, Exchange.KRX, "005930", 10, "0", 70000)
    rec = OrderRecord.from_request(local_id, "practice", order, "삼성전자")
    return replace(rec, ord_no=ord_no, **kw)


def test_every_listener_sees_the_book_with_the_change_whatever_it_was_connected_after():
    orders = AccountOrders()
    seen: list[tuple[str, OrderStatus | None, int]] = []

    def reader(name: str):
        def read(records, _done) -> None:
            rec = orders.get(records[0].local_id)
            seen.append((name, rec.status if rec else None, len(orders.book)))
        return read

    orders.changed.connect(reader("first"))
    orders.changed.connect(reader("second"))
    a = new("a", "0000001", status=OrderStatus.ACCEPTED)
    orders.upsert([a])
    orders.upsert([replace(a, status=OrderStatus.FILLED, filled_qty=10)])
    assert seen == [("first", OrderStatus.ACCEPTED, 1), ("second", OrderStatus.ACCEPTED, 1),
                    ("first", OrderStatus.FILLED, 1), ("second", OrderStatus.FILLED, 1)]


def test_orders_are_keyed_by_day_and_number_with_their_open_quantity():
    orders = AccountOrders()
    orders.set_trade_day("20261204")
    today = new("t", "0000001", status=OrderStatus.ACCEPTED, trade_day="20261204")
    yesterday = new("y", "0000001", status=OrderStatus.ACCEPTED, trade_day="20261203")
    done = new("d", "0000002", status=OrderStatus.FILLED, filled_qty=10, trade_day="20261204")
    orders.upsert([yesterday, today, done])
    assert orders.by_number("20261204", "0000001").local_id == "t"
    assert orders.by_number("20261203", "0000001").local_id == "y"
    # Open: today's, with shares the exchange still holds (domain/open_orders.py).
    assert [r.local_id for r in orders.open_today()] == ["t"]
    assert orders.book.is_open(today) and not orders.book.is_open(yesterday)
    cancel = OrderRecord.from_request("c", "practice",
                                      CancelOrder(Exchange.KRX, "0000001", "005930", 4),
                                      trade_day="20261204")
    # A partial cancel: the cancel itself is never open; the original holds 6 now.
    orders.upsert([replace(cancel, ord_no="0000003", status=OrderStatus.ACCEPTED),
                   replace(today, amended_qty=4)])
    assert [(r.local_id, r.open_qty) for r in orders.open_today()] == [("t", 6)]


def test_history_replaces_the_book_and_an_order_found_late_is_said_once():
    orders = AccountOrders()
    told: list[str] = []
    late: list[list[str]] = []
    orders.replaced.connect(lambda records: told.append(f"replaced {len(records)}"))
    orders.day_changed.connect(lambda day: told.append(f"day {day}"))
    orders.late_found.connect(lambda records: late.append([r.local_id for r in records]))
    orders.replace(HistoryPage([new("a", "0000001"), new("b", "0000002")]))
    orders.set_trade_day("20261204")
    orders.set_trade_day("20261204")  # the same day again: nothing to say
    found = new("b", "0000002", status=OrderStatus.ACCEPTED, error_code=LATE_FOUND)
    orders.upsert([found])
    orders.upsert([replace(found, status=OrderStatus.FILLED)])  # still late: said already
    assert told == ["replaced 2", "day 20261204"]
    assert late == [["b"]]
    assert len(orders.book) == 2


def test_a_listener_that_disconnects_is_told_nothing_more():
    orders = AccountOrders()
    seen: list[int] = []

    def listener(records, _done) -> None:
        seen.append(len(records))

    orders.changed.connect(listener)
    orders.upsert([new("a")])
    orders.changed.disconnect(listener)
    orders.changed.disconnect(listener)  # twice: nothing happens
    orders.upsert([new("b")])
    assert seen == [1]
    event = Event()
    event.disconnect(print)  # never connected: nothing happens
    event.emit("quiet")


def test_two_ladders_asking_for_one_book_at_once_share_one_request(sim, tmp_path):
    """Two ticket windows on one stock: one ka10004, and the core keeps the book."""
    from kiwoom_ticket.domain.environment import Environment

    from .test_app_session import core_on

    worker, core = core_on(sim, tmp_path)

    async def both():
        assert await core.connect(Environment.PRACTICE)
        before = sim.received("ka10004")
        first, second = await asyncio.gather(core.depth("005930"), core.depth("005930"))
        asked = sim.received("ka10004") - before
        kept = core.last_depth("005930")
        await core.logout()
        return first, second, asked, kept

    try:
        first, second, asked, kept = asyncio.run(both())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert asked == 1
    assert first is second is kept
