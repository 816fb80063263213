"""The application core on Kiwoom's WebSocket (the practice exchange's): live fills move
the journal without a poll, a gap is caught up from REST, repeats and early events are
applied once, R10001 stops the stream, a refused token is renewed. A plain asyncio loop."""

from __future__ import annotations

import asyncio
import time
from functools import partial

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.service import AppSession, open_service, read_history
from kiwoom_ticket.service.app_stream import DOWN
from kiwoom_ticket.service.factory import PRACTICE_CREDENTIALS
from kiwoom_ticket.service.serial import SerialThread
from kiwoom_ticket.simulator import SimConfig, Simulator
from tests.sim.ws import RawWs

STOCK = "005930"


class Recorder:
    """What the core emitted, by record: the latest state of each order."""

    def __init__(self, core: AppSession) -> None:
        self.latest: dict = {}
        self.batches: list[list] = []
        self.statuses: list = []
        core.records_changed.connect(self._records)
        core.stream_changed.connect(self.statuses.append)

    def _records(self, records) -> None:
        self.batches.append(records)
        for r in records:
            self.latest[r.local_id] = r


async def until(check, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


def run_core(sim, data_dir, body):
    """Connect a core to `sim` (practice), wait for the stream to be live and caught up,
    run `body(core, recorder)`, then log out."""
    worker = SerialThread("test-worker")
    core = AppSession(worker.call, service_factory=lambda env, creds: open_service(
        env, creds, base_url=sim.base_url, data_dir=data_dir),
        history_reader=partial(_history, data_dir))
    seen = Recorder(core)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        await until(lambda: core.stream_live and not core.stream.catching_up)
        try:
            return await body(core, seen)
        finally:
            await core.logout()

    try:
        return asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)


def _history(data_dir, env, _data_dir=None, limit=None):
    return read_history(env, data_dir, limit)


async def resting_buy(core, qty: int = 3, below: int = 5):
    quote = await core.quote(STOCK)
    price = step_ticks(quote.current, -below)
    [placed] = await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, qty, "0", price),
                                quote.name)
    assert placed.status is OrderStatus.ACCEPTED
    return placed


@pytest.fixture(autouse=True)
def calm_market(sim):
    sim.faults.clear()
    sim.realtime.faults.clear()
    sim.market.freeze()  # only the tests move prices
    yield
    sim.market.unfreeze()
    sim.realtime.faults.clear()
    sim.faults.clear()


def test_a_fill_arrives_live_without_a_poll(sim, tmp_path):
    async def body(core, seen):
        placed = await resting_buy(core)
        polls = sim.received("ka10075")
        sim.market.set_price(STOCK, placed.price)  # the market comes down to the order
        await until(lambda: seen.latest[placed.local_id].status is OrderStatus.FILLED)
        assert sim.received("ka10075") == polls  # the stream did it, not a poll
        return seen.latest[placed.local_id]

    filled = run_core(sim, tmp_path, body)
    assert filled.filled_qty == 3 and filled.avg_fill_price == filled.price
    assert filled.filled_at is not None


def test_a_fill_while_the_stream_is_cut_is_caught_up_from_rest(sim, tmp_path):
    async def body(core, seen):
        placed = await resting_buy(core)
        sim.realtime.faults.drop()  # the next frame cuts the connection, unsent
        sim.market.set_price(STOCK, placed.price)
        await until(lambda: seen.latest[placed.local_id].status is OrderStatus.FILLED, 20)
        return seen

    seen = run_core(sim, tmp_path, body)
    states = [s.state for s in seen.statuses]
    assert "reconnecting" in states and states.count("live") >= 2
    filled = [r for batch in seen.batches for r in batch if r.status is OrderStatus.FILLED]
    assert len(filled) == 1  # caught up once; the replayed nothing doubled


def test_repeated_frames_change_nothing(sim, tmp_path):
    async def body(core, seen):
        placed = await resting_buy(core, qty=4)
        sim.realtime.faults.duplicate(10)
        sim.market.set_price(STOCK, placed.price)
        await until(lambda: seen.latest[placed.local_id].status is OrderStatus.FILLED)
        await asyncio.sleep(0.5)  # any repeat would have landed by now
        return [r for batch in seen.batches for r in batch if r.local_id == placed.local_id]

    moves = run_core(sim, tmp_path, body)
    assert [m.status for m in moves].count(OrderStatus.FILLED) == 1


def test_an_event_before_its_orders_reply_is_applied_once_the_order_is_known(sim, tmp_path):
    async def body(core, seen):
        quote = await core.quote(STOCK)
        sim.faults.inject("kt10000", "events_first")  # the 00s go out before the reply
        order = NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "3", None)  # market: fills
        [placed, *rest] = await core.place(order, quote.name)
        await until(lambda: seen.latest[placed.local_id].status is OrderStatus.FILLED)
        return seen.latest[placed.local_id], rest

    filled, _rest = run_core(sim, tmp_path, body)
    assert filled.filled_qty == 2 and filled.ord_no


def test_another_program_taking_the_session_stops_the_stream(sim, tmp_path):
    async def body(core, seen):
        other = sim.issue_token(PRACTICE_CREDENTIALS.appkey)  # the HTS, say, same app key
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            assert (await ws.login(other))["return_code"] == 0
            await until(lambda: core.stream_status.state == DOWN)
        return core.stream_status

    status = run_core(sim, tmp_path, body)
    assert status.code == "R10001" and "practice" in status.reason


def test_a_refused_token_is_renewed_and_the_stream_comes_back(sim, tmp_path):
    async def body(core, seen):
        old = core.token.value
        sim.tokens.expire(old)  # Kiwoom no longer takes it
        sim.realtime.drop()  # the next LOGIN uses it, and is refused
        await until(lambda: core.stream_live and core.token.value != old, 20)
        placed = await resting_buy(core)  # orders go on with the fresh token
        return seen.statuses, placed

    statuses, placed = run_core(sim, tmp_path, body)
    assert any(s.code == "805004" for s in statuses)
    assert placed.ord_no


@pytest.fixture(scope="module")
def strict_sim():
    """PINGs every 0.1 s (five unanswered close the session) and a LOGIN that takes
    0.3 s to check, so a REG sent before its answer would be refused (100013)."""
    config = SimConfig(profile="real", seed=5, rate_limits=False, ws_ping_interval=0.1,
                       ws_login_delay=0.3)
    with Simulator(config) as s:
        yield s


def test_pings_are_echoed_and_reg_waits_for_the_login_answer(strict_sim, tmp_path):
    async def body(core, seen):
        await asyncio.sleep(1.5)  # fifteen PINGs: five unanswered would have closed it
        return strict_sim.realtime.sessions(), core.stream_live

    sessions, live = run_core(strict_sim, tmp_path, body)
    [session] = sessions
    assert live and session["state"] == "live" and session["misses"] <= 1
    # Registered: the REG came after the LOGIN answer (one before it is refused, 100013).
    assert ["00", ""] in session["registrations"]["1"]


def test_an_event_for_an_order_not_yet_known_waits_for_it(service):
    from kiwoom_ticket.domain.order_events import parse_event

    quote = service.quote(STOCK)
    record = service.prepare(NewOrder(Action.BUY, Exchange.KRX, STOCK, 5, "0",
                                      step_ticks(quote.current, -5)))
    # The exchange's number for it, and a partial fill, before the reply has named it.
    early = parse_event({"9203": "9999999", "913": "체결", "900": "5", "902": "3",
                         "903": str(2 * record.price), "9001": STOCK})
    changed, catch_up, waiting, _refused = service.apply_realtime([early])
    assert changed == [] and not catch_up and waiting
    service.writer.accepted(record, "9999999", None, "accepted")
    [moved] = service.claim_early()
    assert (moved.local_id, moved.status, moved.filled_qty, moved.avg_fill_price) == (
        record.local_id, OrderStatus.PARTLY_FILLED, 2, record.price)
    assert service.claim_early() == []  # applied once
    assert service.apply_realtime([early])[:3] == ([], False, False)  # a repeat changes nothing


def test_an_event_nobody_claims_asks_rest_once(service, monkeypatch):
    from kiwoom_ticket.domain.order_events import parse_event
    from kiwoom_ticket.service import live_orders

    monkeypatch.setattr(live_orders, "EARLY_WAIT", 0.0)
    stray = parse_event({"9203": "8888888", "913": "접수", "900": "1", "902": "1",
                         "9001": STOCK})
    assert service.apply_realtime([stray])[:3] == ([], True, True)
    assert not service.early_overdue()  # asked once; a poll doesn't read every list again
