"""The Modify/Cancel target belongs to the application core (no Qt): selected once, it
follows its order through replies, polls and live events, knows its open quantity (the
exchange's) and when it finished; it never survives a switch of environment."""

from __future__ import annotations

import asyncio
from datetime import datetime

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_events import EventKind, OrderEvent
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import tick_size
from kiwoom_ticket.service.order_target import OrderTarget

from .test_app_session import core_on


def test_the_core_target_follows_partial_cancels_and_a_full_one(sim, tmp_path):
    worker, core = core_on(sim, tmp_path)
    seen: list = []
    core.target.changed.connect(lambda rec, again: seen.append((rec and rec.status, again)))

    async def trade():
        assert await core.connect(Environment.PRACTICE)
        quote = await core.quote("005930")
        price = quote.lower + 10 * tick_size(quote.lower)
        [buy] = await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 10, "0", price))
        assert core.select_order(buy)
        await core.place(CancelOrder(Exchange.KRX, buy.ord_no, "005930", 4))
        partly = (core.target.open, core.target.open_qty, core.target.record.quantity)
        await core.place(CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
        done = (core.target.open, core.target.open_qty, core.target.record.status)
        await core.logout()
        return partly, done

    try:
        partly, done = asyncio.run(trade())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert partly == (True, 6, 10)  # the exchange's oso_qty; the quantity stays
    assert done == (False, 0, OrderStatus.CANCELLED)
    assert seen[0] == (OrderStatus.ACCEPTED, True)  # selected: the tabs refill
    assert all(again is False for _status, again in seen[1:])  # then it moved on


def test_a_batch_with_one_order_twice_leaves_the_later_state(sim, tmp_path):
    target = OrderTarget()
    worker, core = core_on(sim, tmp_path)

    async def place():
        assert await core.connect(Environment.PRACTICE)
        quote = await core.quote("005930")
        [buy] = await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "0",
                                          quote.lower))
        await core.logout()
        return buy

    try:
        buy = asyncio.run(place())
    finally:
        worker.stop(5.0, cancel_pending=False)
    target.select(buy)
    target.day = buy.trade_day
    cancelled = buy.moved(status=OrderStatus.CANCELLED)
    target.follow([buy, cancelled])  # a reply and a held event, in that order
    assert target.record.status is OrderStatus.CANCELLED and not target.open
    # A live fill moves it on before the journal's record arrives (forward only).
    target.select(buy)
    fill = OrderEvent(buy.ord_no, "", EventKind.FILLED, "005930", 3, 1, 2 * buy.price, "1",
                      buy.price, 2, 0, datetime.now(KST).strftime("%H%M%S"), "2", "",
                      price=buy.price)
    target.apply_events([fill])
    assert (target.record.filled_qty, target.open_qty) == (2, 1)
    # An order of another day is no target to act on.
    target.set_day("29991231")
    assert not target.open


def test_an_order_without_a_number_is_never_a_target():
    target = OrderTarget(find=lambda _id: None)
    assert not target.select("unknown-id") and target.record is None
