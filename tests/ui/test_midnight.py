"""Issue 22 in the window: across KST midnight, yesterday's held events never land on
today's orders. The app and its practice exchange share one clock (domain/clock.py),
started here at 23:59:30 KST and moved across midnight: no libfaketime."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiwoom_ticket.domain.clock import wall_clock
from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.status import OrderStatus

from .helpers import run
from .test_ladder import _row, ladder_for, rest_a_buy
from .test_live_stream import wait_live

EVE = datetime(2026, 12, 7, 23, 59, 30, tzinfo=KST)  # a Monday


@pytest.fixture
def at_eve():
    """Before the window (and the practice exchange's reset): both start at 23:59:30."""
    wall_clock.start_at(EVE)
    yield
    wall_clock.reset()


@pytest.mark.expect_log("live event refused")
def test_orders_placed_after_midnight_stay_open_in_the_log_the_list_and_the_ladder(
        at_eve, make_window, qtbot, practice_sim):
    window = make_window()
    wait_live(qtbot, window)
    core = window.session.core
    practice_sim.market.freeze()
    try:
        view = ladder_for(qtbot, window)
        yesterday = [rest_a_buy(qtbot, window, view, qty=q, ticks_under_bid=q)[0]
                     for q in (1, 2, 3)]
        assert [r.ord_no for r in yesterday] == ["0000001", "0000002", "0000003"]
        # 00:00:06: the exchange rolls its day; yesterday's orders end with 00 취소.
        wall_clock.start_at(EVE + timedelta(seconds=36))
        practice_sim.orders()
        qtbot.waitUntil(lambda: len(core.service.live.waiting_numbers()) >= 3, timeout=5_000)
        # 00:00:21: two buys, numbered 0000001 and 0000002 again by the exchange.
        wall_clock.start_at(EVE + timedelta(seconds=51))
        run(qtbot, core.refresh())  # the poll's turn: the window's day is the new one
        today = [rest_a_buy(qtbot, window, view, qty=q, ticks_under_bid=q)
                 for q in (4, 5)]
        assert [r.ord_no for r, _price in today] == ["0000001", "0000002"]
        qtbot.waitUntil(lambda: not core.stream.applying and set(core.service.live.waiting_numbers())
                        <= {("20261208", "0000003")}, timeout=5_000)
        run(qtbot, core.refresh(full=True))  # F5
    finally:
        practice_sim.market.unfreeze()
    exchange = {o["ord_no"]: o for o in practice_sim.orders()}
    listed = {r.ord_no for r in window.lists.open_model.records()}
    for placed, price in today:
        assert core.service.journal.get(placed.local_id).status is OrderStatus.ACCEPTED
        assert exchange[placed.ord_no]["remaining"] == placed.quantity
        assert placed.ord_no in listed  # 미체결
        badge = _row(view, price).buy  # the ladder
        assert badge is not None and badge.record.ord_no == placed.ord_no
        assert badge.record.trade_day == "20261208"
