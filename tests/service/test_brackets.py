"""Brackets on entry against the practice exchange: the target rests as a real limit
sell for what was bought, the stop is a watch on what is held; the target selling all
removes the stop, the stop firing cancels the target first. Never more sold than bought."""

from __future__ import annotations

import asyncio

from kiwoom_ticket.domain.brackets import Bracket, BracketState, target_step
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import WatchState

from .test_watches import run_core, until

STOCK = "035720"


def test_the_target_grows_with_each_fill_and_never_covers_twice():
    b = Bracket("b", "practice", STOCK, "buy", 50_000, 3)
    first = target_step(b, 2)
    assert first is not None and first.quantity == 2 and first.price == 50_000
    b = b.moved(covered=2)
    assert target_step(b, 2) is None
    assert target_step(b, 5).quantity == 3
    assert target_step(b.moved(state=BracketState.CLOSED), 9) is None


async def buy_with_bracket(core, sim, quantity=5):
    sim.market.freeze()
    price = sim.market.price(STOCK)
    [buy, *_] = await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, quantity, "3"))
    await core.refresh(full=True)
    await core.load_account()
    buy = await core._run(core.service.journal.get, buy.local_id)
    assert buy.filled_qty == quantity
    target = step_ticks(price, 10)
    b = await core.protection.brackets.add(buy, target, 3)
    return b, buy, target


def sold(rows, since):
    return sum(r.filled_qty for r in rows if r.action is Action.SELL and r.stock_code == STOCK
               and r.created_at >= since)


def test_the_target_selling_everything_removes_the_stop(sim, tmp_path):
    async def body(core):
        b, buy, target = await buy_with_bracket(core, sim)
        keeper = core.protection.brackets
        assert b.state is BracketState.ACTIVE and b.covered == 5 and len(b.target_ids) == 1
        watches = core.protection.watches
        [stop] = [w for w in watches.all() if w.watch_id == b.stop_watch_id]
        assert stop.state is WatchState.ARMED and stop.quantity == 5
        sim.market.set_price(STOCK, target)  # the resting target fills
        await core.refresh(full=True)
        await until(lambda: keeper.all()[0].state is BracketState.CLOSED)
        rows = await core._run(core.service.journal.all)
        return buy, rows, watches.all()

    try:
        buy, rows, watches = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    assert sold(rows, buy.created_at) == 5
    assert not [w for w in watches if w.state is WatchState.ARMED]


def test_the_stop_cancels_the_target_first_then_sells_what_is_held(sim, tmp_path):
    async def body(core):
        b, buy, _target = await buy_with_bracket(core, sim)
        watches = core.protection.watches
        [stop] = [w for w in watches.all() if w.watch_id == b.stop_watch_id]
        quote = await core.quote(STOCK)
        watches.see(STOCK, stop.trigger, quote.base, "test")
        await until(lambda: core.protection.brackets.all()[0].state is BracketState.CLOSED)
        await until(lambda: next(w for w in watches.all() if w.watch_id == stop.watch_id)
                    .state in (WatchState.FIRED, WatchState.DONE))
        await core.refresh(full=True)
        rows = await core._run(core.service.journal.all)
        return buy, b, rows, next(w for w in watches.all() if w.watch_id == stop.watch_id)

    try:
        buy, b, rows, stop = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    [target_sell] = [r for r in rows if r.local_id in b.target_ids]
    assert target_sell.status is OrderStatus.CANCELLED and target_sell.filled_qty == 0
    [stop_sell] = [r for r in rows if r.local_id == stop.order_local_id]
    assert stop_sell.quantity == 5 and stop_sell.trade_type == "3"
    assert sold(rows, buy.created_at) == 5  # never more than bought


def test_a_fill_journaled_while_the_bracket_is_being_set_is_not_lost(sim, tmp_path):
    """The trader opens the dialog on a buy the app still shows unfilled; its fill is
    journaled (records_changed) while the bracket is being written. The bracket still
    sees it: the target rests for what was bought and the stop is armed."""

    async def body(core):
        sim.market.freeze()
        [buy, *_] = await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, 4, "3"))
        assert buy.filled_qty == 0  # the reply says accepted; the fill is not read yet
        target = step_ticks(sim.market.price(STOCK), 10)
        keeper = core.protection.brackets
        run = keeper._run
        store = core.protection.store

        async def fill_lands_meanwhile(fn, *args):
            if fn == store.save_bracket and not args[0].covered:
                await core.refresh(full=True)  # the fill is journaled and told now
            return await run(fn, *args)

        keeper._run = fill_lands_meanwhile
        b = await keeper.add(buy, target, 3)
        await until(lambda: keeper.all()[0].stop_watch_id is not None)
        return b, keeper.all()[0]

    try:
        first, b = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    assert first.state is BracketState.ACTIVE and first.covered == 4
    assert b.state is BracketState.ACTIVE and b.covered == 4 and len(b.target_ids) == 1


def test_a_stop_firing_after_the_target_filled_unseen_sells_nothing_more(sim, tmp_path):
    """Found by the protection machine: the target filled at the exchange, the app had not
    polled yet, and the price fell through the stop. The stop's cancel of the target came
    too late, and the stop then sold what it thought was held, out of the account's other
    shares: the bracket sold twice what it bought. The stop sells what the exchange says
    is still the bracket's once the target is cancelled."""

    async def body(core):
        b, buy, target = await buy_with_bracket(core, sim)
        watches = core.protection.watches
        [stop] = [w for w in watches.all() if w.watch_id == b.stop_watch_id]
        sim.market.set_price(STOCK, target)  # the target fills; no poll yet
        quote = await core.quote(STOCK)
        watches.see(STOCK, stop.trigger, quote.base, "test")
        while pending := [t for t in (*watches.background, *core.protection.brackets.background)
                          if not t.done()]:
            await asyncio.gather(*pending)
        await core.refresh(full=True)
        rows = await core._run(core.service.journal.all)
        return buy, rows, watches.get(stop.watch_id)

    try:
        buy, rows, stop = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    assert sold(rows, buy.created_at) == 5  # the target's five, and not one more
    assert stop is None or stop.state in (WatchState.FIRED, WatchState.DONE)


def test_a_target_is_not_sent_for_shares_another_sell_has_set_aside(sim, tmp_path):
    """Found by the protection machine: a watch's sell (or the trader's) set aside the
    shares a bracket's buy had just bought, and the target was sent for them anyway: the
    exchange refused it (800033). The target is sent for what can be sold now, and the
    bracket says it is short."""

    async def body(core):
        sim.market.freeze()
        price = sim.market.price(STOCK)
        [buy, *_] = await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, 5, "3"))
        account = await core.load_account()  # the five are in; the bracket not yet set
        held = next(h for h in account.holdings if h.code == STOCK)
        [other] = await core.place(NewOrder(Action.SELL, Exchange.KRX, STOCK, held.sellable,
                                            "0", step_ticks(price, 20)))
        await core.refresh(full=True)
        buy = await core._run(core.service.journal.get, buy.local_id)
        b = await core.protection.brackets.add(buy, step_ticks(price, 10), 3)
        rows = await core._run(core.service.journal.all)
        await core.place(CancelOrder(Exchange.KRX, other.ord_no, STOCK, 0))
        return b, [r for r in rows if r.action is Action.SELL and r.created_at > buy.created_at]

    try:
        b, sells = run_core(sim, tmp_path, body)
    finally:
        sim.market.unfreeze()
    assert [r.status for r in sells] == [OrderStatus.ACCEPTED]  # the trader's; no target
    assert b.covered == 5 and b.target_ids == () and b.message
