"""The kill switch (긴급 정지) and the daily limits at the core's place gate, against the
practice exchange on loopback: refused orders never reach the journal or the wire."""

from __future__ import annotations

import asyncio

import pytest

from kiwoom_ticket.domain.daily_limits import DailyLimits
from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.kill_switch import OrdersHalted
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.precautions import Tier
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.text import Text

from .test_app_session import core_on


def run_core(sim, tmp_path, body):
    worker, core = core_on(sim, tmp_path)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        try:
            return await body(core)
        finally:
            await core.logout()

    try:
        return asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)


def test_engaged_blocks_new_orders_and_modifies_but_not_cancels(sim, tmp_path):
    async def body(core):
        quote = await core.quote("005930")
        [resting] = await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0",
                                              quote.lower))
        sent = sim.received("kt10000")
        core.protection.engage()
        with pytest.raises(OrdersHalted) as refused:
            await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", quote.lower))
        with pytest.raises(OrdersHalted):
            await core.place(ModifyOrder(Exchange.KRX, resting.ord_no, "005930", 0,
                                         quote.lower + 100))
        assert sim.received("kt10000") == sent  # nothing left
        assert "긴급 정지" in refused.value.text.ko and "Kill switch" in refused.value.text.en
        cancel, *_ = await core.place(CancelOrder(Exchange.KRX, resting.ord_no, "005930", 0))
        journal = await core._run(core.service.journal.all)
        return cancel, journal

    cancel, journal = run_core(sim, tmp_path, body)
    assert cancel.status is not OrderStatus.REJECTED
    assert [r.action for r in journal] == [Action.BUY, Action.CANCEL]  # refused: never journaled


def test_it_stays_engaged_across_restarts_until_released(sim, tmp_path):
    async def engage(core):
        await core.protection.open_store()
        core.protection.engage(Text("테스트", "test"))
        await asyncio.sleep(0)  # let the write start; the logout's close waits for it
        for _ in range(100):
            if not core.protection._unsaved:
                break
            await asyncio.sleep(0.01)

    run_core(sim, tmp_path, engage)

    async def after_restart(core):
        quote = await core.quote("005930")
        with pytest.raises(OrdersHalted):
            await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", quote.lower))
        assert core.protection.halt.reason == Text("테스트", "test")
        await core.protection.release()
        [placed] = await core.place(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0",
                                             quote.lower))
        return placed

    assert run_core(sim, tmp_path, after_restart).status is OrderStatus.ACCEPTED

    async def released(core):
        await core.protection.open_store()
        return core.protection.halt

    assert run_core(sim, tmp_path, released) is None


def test_an_order_count_block_engages_the_switch_with_the_reason(sim, tmp_path):
    async def body(core):
        # The day's orders so far count too: the exchange is shared by this module's
        # tests, and what they left on the account is adopted as placed elsewhere (under
        # Wine before this test's first order, on Linux after).
        await core.refresh(full=True, look_outside=True)
        before = core.protection.tally().orders
        await core.protection.set_limits(
            DailyLimits(orders=Tier(warn=before + 1, block=before + 2)))
        warned: list = []
        core.protection.warned.connect(warned.append)
        quote = await core.quote("005930")

        def buy():
            return NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", quote.lower)

        await core.place(buy())
        await core.place(buy())
        with pytest.raises(OrdersHalted) as refused:
            await core.place(buy())
        return before, warned, refused.value.text, core.protection.halt

    before, warned, text, halt = run_core(sim, tmp_path, body)
    assert len(warned) == 1 and f"{before + 2}건" in warned[0].ko  # the warn tier, once
    assert halt is not None and halt.limit == "orders"
    assert f"{before + 3}건" in text.ko and f"limit of {before + 2}" in text.en
