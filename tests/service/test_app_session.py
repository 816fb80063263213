"""The application core without Qt: a plain asyncio loop drives connect, place, refresh
and log out against the practice exchange; events arrive as the window would see them."""

from __future__ import annotations

import asyncio
from functools import partial

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.service import AppSession, ConnectionState, open_service, read_history
from kiwoom_ticket.service.serial import SerialThread


def test_the_core_runs_on_a_plain_asyncio_loop(sim, tmp_path):
    worker, core = core_on(sim, tmp_path)
    seen: dict[str, list] = {name: [] for name in (
        "state_changed", "records_changed", "history_loaded", "trade_day_changed")}
    for name, log in seen.items():
        getattr(core, name).connect(log.append)

    async def trade():
        assert await core.connect(Environment.PRACTICE)
        quote = await core.quote("005930")
        order = NewOrder(Action.BUY, Exchange.KRX, "005930", 2, "0", quote.lower)
        placed = await core.place(order, quote.name)
        await core.refresh()
        await core.logout()
        return placed

    try:
        [placed] = asyncio.run(trade())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert placed.status is OrderStatus.ACCEPTED and placed.ord_no
    assert seen["state_changed"] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED,
                                     ConnectionState.LOGGED_OUT]
    # The one order, once or more: on a slow machine (the suite under Wine) the exchange's
    # own event for it can land after the reply and change the record again.
    changed = [r.local_id for batch in seen["records_changed"] for r in batch]
    assert changed and set(changed) == {placed.local_id}
    assert seen["history_loaded"] == [[]] and seen["trade_day_changed"][0] == placed.trade_day
    assert not core.connected


def core_on(sim, data_dir):
    """An AppSession on its own serial thread, trading on `sim`, its files in `data_dir`."""
    worker = SerialThread("test-worker")
    core = AppSession(
        worker.call,
        service_factory=lambda env, creds: open_service(env, creds, base_url=sim.base_url,
                                                        data_dir=data_dir),
        history_reader=partial(_history, data_dir),
    )
    return worker, core


def _history(data_dir, env, _data_dir=None, limit=None):
    return read_history(env, data_dir, limit)


def test_rows_a_killed_run_left_sending_show_as_unknown_on_connect(sim, tmp_path):
    from kiwoom_ticket.journal import Journal
    from kiwoom_ticket.service.paths import journal_path

    first = open_service(Environment.PRACTICE, base_url=sim.base_url, data_dir=tmp_path)
    lower = first.quote("005930").lower
    left = first.prepare(NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "0", lower))
    first.client.close()
    first.journal.close()  # killed between journaling and sending
    reader = Journal(journal_path("practice", tmp_path), read_only=True)
    assert reader.get(left.local_id).status is OrderStatus.SENDING
    reader.close()

    worker, core = core_on(sim, tmp_path)
    shown: list = []
    core.records_changed.connect(shown.extend)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        await core.logout()

    try:
        asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert [(r.local_id, r.status) for r in shown] == [(left.local_id, OrderStatus.UNKNOWN)]
