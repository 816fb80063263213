"""Watches (감시주문) in the core against the practice exchange: one sell, ever, capped by
what can be sold; re-armed after a restart; a changed base price asks; a stale feed is
blind and falls back to REST quotes."""

from __future__ import annotations

import asyncio

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind, WatchState
from kiwoom_ticket.service import watch_keeper

from .test_app_session import core_on

STOCK = "000660"


def run_core(sim, tmp_path, body, stream=True):
    worker, core = core_on(sim, tmp_path)
    core.stream._enabled = stream  # the live stream only where a test asks for it

    async def go():
        assert await core.connect(Environment.PRACTICE)
        # The watches and brackets are read from the file a worker turn after it opens
        # (under Wine that turn came after this test's first look).
        await until(lambda: core.protection.started)
        try:
            return await body(core)
        finally:
            await core.logout()

    try:
        return asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)


async def until(condition, seconds=10.0):
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never came")


async def hold(core, quantity):
    """Buy `quantity` at market (it fills at once on the practice exchange)."""
    await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, quantity, "3"))
    await core.refresh(full=True)
    return await core.load_account()


def sells(journal_rows):
    return [r for r in journal_rows if r.action is Action.SELL and r.stock_code == STOCK]


def test_a_stop_loss_sells_once_capped_by_what_can_be_sold(sim, tmp_path):
    async def body(core):
        account = await hold(core, 4)
        held = next(h for h in account.holdings if h.code == STOCK)
        keeper = core.protection.watches
        quote = await core.quote(STOCK)
        trigger = step_ticks(quote.current, -3)
        w = await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.PRICE, trigger,
                             held.quantity + 1000, held.avg_price)
        assert w.state is WatchState.ARMED and w.trigger == trigger
        keeper.see(STOCK, step_ticks(trigger, 1), quote.base, "t1")
        assert keeper.all()[0].state is WatchState.ARMED
        keeper.see(STOCK, trigger, quote.base, "t2")
        keeper.see(STOCK, trigger, quote.base, "t3")  # the same price again: once
        assert keeper.all()[0].state is WatchState.FIRING  # at once, before any await
        await until(lambda: keeper.all()[0].state in (WatchState.FIRED, WatchState.DONE))
        keeper.see(STOCK, step_ticks(trigger, -2), quote.base, "t4")
        rows = await core._run(core.service.journal.all)
        fired = keeper.all()[0]
        return held, sells(rows), fired

    held, sold, fired = run_core(sim, tmp_path, body)
    assert len(sold) == 1 and sold[0].quantity == held.sellable  # capped by sellable
    assert sold[0].trade_type == "3" and fired.order_local_id == sold[0].local_id

    async def after_restart(core):
        return core.protection.watches.all()

    [again] = run_core(sim, tmp_path, after_restart)
    assert again.state in (WatchState.FIRED, WatchState.DONE)  # never armed again


def test_armed_watches_re_arm_and_a_new_base_price_asks(sim, tmp_path):
    async def body(core):
        await hold(core, 1)
        quote = await core.quote(STOCK)
        keeper = core.protection.watches
        await keeper.add(STOCK, WatchKind.TAKE_PROFIT, TriggerUnit.PERCENT, 5, 1, quote.current)
        return quote

    quote = run_core(sim, tmp_path, body)

    async def next_day(core):
        keeper = core.protection.watches
        [w] = keeper.all()
        assert w.state is WatchState.ARMED
        asked = []
        keeper.asked.connect(asked.append)
        keeper.day_changed("29991231")  # a later trading day, its base price halved
        keeper.see(STOCK, 10 * w.trigger, quote.base // 2, "09:00:01")
        return asked, keeper.all()[0], sells(await core._run(core.service.journal.all))

    asked, w, sold = run_core(sim, tmp_path, next_day)
    assert len(asked) == 1 and w.state is WatchState.ASKING and not sold
    assert "기준가" in w.message


def test_a_stale_feed_makes_a_watch_blind_and_rest_quotes_take_over(sim, tmp_path):
    now = [1000.0]

    async def body(core):
        await hold(core, 1)
        quote = await core.quote(STOCK)
        keeper = core.protection.watches
        keeper._clock = lambda: now[0]
        await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.TICKS, 50, 1, quote.current)
        assert keeper.blind(STOCK)  # no live stream here
        asked = []
        real_quote = core.quote

        async def counted(code):
            asked.append(code)
            return await real_quote(code)

        core.quote = counted
        await keeper.check_blind()
        await keeper.check_blind()  # within REST_INTERVAL: not again
        now[0] += watch_keeper.REST_INTERVAL + 0.1
        await keeper.check_blind()
        return asked, keeper.all()[0]

    asked, w = run_core(sim, tmp_path, body)
    assert asked == [STOCK, STOCK] and w.state is WatchState.ARMED and "REST" in w.last_seen


def test_a_live_feed_without_trades_goes_blind_after_stale_after(sim, tmp_path):
    now = [1000.0]

    async def body(core):
        await hold(core, 1)
        quote = await core.quote(STOCK)
        keeper = core.protection.watches
        keeper._clock = lambda: now[0]
        core._stream_status = type("Live", (), {"live": True})()  # the stream is up
        await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.TICKS, 50, 1, quote.current)
        from kiwoom_ticket.domain.market_tick import Trade

        shown: list = []
        keeper.changed.connect(shown.append)
        core.watched_trades.emit({STOCK: [Trade(STOCK, quote.current, 0, 1, 1, "090000")]})
        fresh = keeper.blind(STOCK)
        now[0] += watch_keeper.STALE_AFTER - 1
        still_fresh = keeper.blind(STOCK)
        now[0] += 2
        told = len(shown)
        await keeper.check_blind()
        shown[:] = shown[told:]
        stale = keeper.blind(STOCK)
        core._stream_status = None
        return fresh, still_fresh, stale, list(shown)

    fresh, still_fresh, stale, shown = run_core(sim, tmp_path, body)
    assert (fresh, still_fresh, stale) == (False, False, True)
    assert shown and shown[-1]  # the list was told, to show "blind"


def test_a_watch_that_would_fire_while_the_kill_switch_is_on_pauses_for_good(sim, tmp_path):
    async def body(core):
        await hold(core, 1)
        quote = await core.quote(STOCK)
        keeper = core.protection.watches
        w = await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.PRICE,
                             step_ticks(quote.current, -1), 1, quote.current)
        core.protection.engage()
        assert keeper.all()[0].state is WatchState.PAUSED  # at once
        keeper.see(STOCK, step_ticks(quote.current, -5), quote.base, "t")  # no firing
        assert keeper.all()[0].state is WatchState.PAUSED
        for _ in range(1000):  # the pause reaches the file
            stored = await core._run(core.protection.store.get, w.watch_id)
            if stored.state is WatchState.PAUSED:
                break
            await asyncio.sleep(0.01)
        rows = await core._run(core.service.journal.all)
        await core.protection.release()
        return sells(rows), stored

    sold, stored = run_core(sim, tmp_path, body)
    assert not sold and stored.state is WatchState.PAUSED and "긴급 정지" in stored.message


def test_a_dip_that_recovers_within_one_hand_over_still_fires_the_stop(sim, tmp_path):
    """The screen gets each stock's last trade of a batch (~16 ms of the feed); a watch
    gets every trade: a print at the stop between two above it fires it, once."""
    from kiwoom_ticket.kiwoom.websocket import RealEntry

    async def body(core):
        await until(lambda: core.stream.feed is not None)
        account = await hold(core, 2)
        held = next(h for h in account.holdings if h.code == STOCK)
        quote = await core.quote(STOCK)
        keeper = core.protection.watches
        trigger = step_ticks(quote.current, -5)
        w = await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.PRICE, trigger,
                             held.quantity, held.avg_price)

        def trade(price: int) -> RealEntry:
            return RealEntry("0B", STOCK, "주식체결", {"10": str(price), "11": "0",
                                                     "13": "1", "15": "1", "20": "090000"})

        above = step_ticks(trigger, 3)
        core.stream.on_stream_entries(core.stream.feed,
                                      [trade(above), trade(trigger), trade(above)])

        fired = keeper.get(w.watch_id)
        return fired

    fired = run_core(sim, tmp_path, body, stream=True)
    assert fired is not None and fired.state is not WatchState.ARMED


def test_watches_firing_on_one_trade_sell_no_more_than_is_held_between_them(sim, tmp_path):
    """Found by the protection machine: three stops on one holding fired on one trade
    each sized its sell from what could be sold before any of them was placed, and the
    exchange refused the one too many (800033). Each is sized after the one before left."""

    async def body(core):
        account = await hold(core, 3)
        held = next(h for h in account.holdings if h.code == STOCK)
        keeper = core.protection.watches
        quote = await core.quote(STOCK)
        trigger = step_ticks(quote.current, -1)
        for _ in range(3):
            await keeper.add(STOCK, WatchKind.STOP_LOSS, TriggerUnit.PRICE, trigger,
                             held.sellable, held.avg_price, limit_offset=0)  # limits: they rest
        keeper.see(STOCK, trigger, quote.base, "t1")
        while pending := [t for t in keeper.background if not t.done()]:
            await asyncio.gather(*pending)
        rows = await core._run(core.service.journal.all)
        for r in sells(rows):  # what rests is taken back, for the tests after this one
            if r.ord_no and r.status.value in ("accepted", "partly_filled"):
                await core.place(CancelOrder(Exchange.KRX, r.ord_no, STOCK, 0))
        return held, sells(rows), keeper.all()

    held, sold, watches = run_core(sim, tmp_path, body, stream=False)
    assert [r for r in sold if r.status is OrderStatus.REJECTED] == []
    assert sum(r.quantity for r in sold) == held.sellable
    assert all(w.state in (WatchState.FIRED, WatchState.DONE) for w in watches)
