"""A buy with its bracket set on entry, in the core: the bracket is written between the
buy's journal row and its send; if it can't be written, the buy never leaves."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks

from .test_watches import run_core

STOCK = "035720"


def test_a_bracket_that_cannot_be_written_keeps_its_buy_from_leaving(sim, tmp_path):
    async def body(core):
        sim.market.freeze()
        price = sim.market.price(STOCK)
        store = core.protection.store

        def broken(_b):
            raise OSError("disk full")

        store.save_bracket = broken
        sent = sim.received("kt10000")
        with pytest.raises(OSError):
            await core.protection.brackets.buy_with_bracket(
                NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "0", price), "카카오",
                step_ticks(price, 5), step_ticks(price, -5))
        rows = await core._run(core.service.journal.all)
        return sent, rows, core.protection.brackets.all()

    try:
        sent, rows, brackets = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    assert sim.received("kt10000") == sent  # nothing left
    [buy] = rows
    assert buy.status is OrderStatus.NOT_RECEIVED and "브래킷을 저장하지 못해" in buy.message
    assert not brackets


def test_a_sell_cannot_carry_a_bracket(sim, tmp_path):
    async def body(core):
        with pytest.raises(ValueError):
            await core.protection.brackets.buy_with_bracket(
                NewOrder(Action.SELL, Exchange.KRX, STOCK, 1, "3"), "", 2, 1)
        return await core._run(core.service.journal.all)

    assert run_core(sim, tmp_path, body) == []
