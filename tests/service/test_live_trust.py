"""Issue 22, the core side: a live event applies only to its own trading day's order and
only if it matches it; the exchange's records correct a live state that was wrong; orders
never wait behind events; the app and the practice exchange share one settable clock.
Everything against the practice exchange on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta
from functools import partial

import pytest

from kiwoom_ticket.domain.clock import CLOCK_VARIABLE, configure, wall_clock
from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_events import parse_event
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import CORRECTED
from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.service import AppSession, live_orders, open_service, read_history
from kiwoom_ticket.service.serial import SerialThread
from kiwoom_ticket.simulator import SimConfig, Simulator
from tests.service.test_live_stream import Recorder, until

STOCK = "005930"
EVE = datetime(2026, 12, 7, 23, 59, 30, tzinfo=KST)  # a Monday, half a minute to midnight


@pytest.fixture
def clock():
    """The app's one clock, put back afterwards."""
    yield wall_clock
    wall_clock.reset()


def _history(data_dir, env, _data_dir=None, limit=None):
    return read_history(env, data_dir, limit)


def run_core(sim, data_dir, body):
    """A core on `sim` with the worker's two lanes, live and caught up, running `body`."""
    worker = SerialThread("test-worker")
    core = AppSession(worker.call, run_later=worker.call_later,
                      service_factory=lambda env, creds: open_service(
                          env, creds, base_url=sim.base_url, data_dir=data_dir),
                      history_reader=partial(_history, data_dir))
    seen = Recorder(core)
    refused: list[str] = []
    core.events_refused.connect(refused.extend)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        await until(lambda: core.stream_live and not core.stream.catching_up)
        try:
            return await body(core, seen, refused)
        finally:
            await core.logout()

    try:
        return asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)


async def buy(core, qty: int, price: int):
    quote = await core.quote(STOCK)
    changed = await core.place(NewOrder(Action.BUY, Exchange.KRX, STOCK, qty, "0", price),
                               quote.name)
    placed = changed[0]  # the reply; events that waited for its number may follow
    assert placed.status is OrderStatus.ACCEPTED
    return placed


def fill_values(ord_no: str, qty: int, remaining: int, price: int, *, time: str,
                kind: str = "체결", side: str = "2") -> dict[str, str]:
    filled = qty - remaining
    return {"9203": ord_no, "904": "0000000", "9001": STOCK, "913": kind, "900": str(qty),
            "901": str(price), "902": str(remaining), "903": str(filled * price),
            "907": side, "908": time, "909": "1", "910": str(price), "911": str(filled),
            "914": str(price), "915": str(filled)}


def hhmmss() -> str:
    return wall_clock.now().astimezone(KST).strftime("%H%M%S")


# ---- one clock ------------------------------------------------------------------------


def test_one_clock_moves_the_app_and_the_practice_exchange(clock, sim, tmp_path):
    configure({CLOCK_VARIABLE: "2026-12-07T23:59:58"})
    service = open_service(Environment.PRACTICE, base_url=sim.base_url, data_dir=tmp_path)
    try:
        assert service.today() == "20261207"
        assert sim.clock.now().strftime("%Y%m%d %H%M") == "20261207 2359"
        clock.advance(5)  # past midnight, KST, for both
        assert service.today() == "20261208"
        assert sim.clock.now().strftime("%Y%m%d") == "20261208"
    finally:
        service.close()


# ---- across midnight ----------------------------------------------------------------------


@pytest.mark.expect_log("live event refused")
def test_held_cancels_of_yesterday_never_land_on_todays_orders(clock, tmp_path):
    """Issue 22: orders open at 23:59 KST; the exchange rolls its day and sends 00 취소
    for yesterday's numbers; the trader buys twice after midnight and the exchange
    numbers them 0000001 and 0000002 again. They must stay open."""
    clock.start_at(EVE)
    with Simulator(SimConfig(profile="real", seed=11, rate_limits=False)) as sim:
        sim.market.freeze()

        async def body(core, seen, refused):
            quote = await core.quote(STOCK)
            price = step_ticks(quote.current, -5)
            yesterday = [await buy(core, 2, price) for _ in range(3)]
            assert [r.ord_no for r in yesterday] == ["0000001", "0000002", "0000003"]
            clock.start_at(EVE + timedelta(seconds=36))  # 00:00:06: the exchange rolls
            sim.orders()  # its first look at the clock: yesterday's orders expire (00 취소)
            await until(lambda: len(core.service.live.waiting_numbers()) >= 3 or refused)
            clock.start_at(EVE + timedelta(seconds=51))  # 00:00:21: two new buys
            today = [await buy(core, 2, price) for _ in range(2)]
            assert [r.ord_no for r in today] == ["0000001", "0000002"]
            await until(lambda: set(core.service.live.waiting_numbers()) <= {("20261208", "0000003")}
                        and not core.stream.applying)
            await core.refresh(full=True)  # F5
            return today, seen

        today, seen = run_core(sim, tmp_path, body)
        exchange = {o["ord_no"]: o for o in sim.orders()}
    for placed in today:
        assert seen.latest[placed.local_id].status is OrderStatus.ACCEPTED
        assert exchange[placed.ord_no]["remaining"] == 2


def test_an_event_of_yesterday_read_after_midnight_goes_to_yesterdays_order(service, clock):
    """Stamped 23:59:58, read at 00:00:02: its day is yesterday's, not the arrival's."""
    clock.start_at(EVE + timedelta(seconds=25))  # 23:59:55
    quote = service.quote(STOCK)
    record = service.prepare(NewOrder(Action.BUY, Exchange.KRX, STOCK, 3, "0",
                                      step_ticks(quote.current, -5)))
    service.writer.accepted(record, "7777777", None, "accepted")
    clock.start_at(EVE + timedelta(seconds=32))  # 00:00:02
    late = parse_event(fill_values("7777777", 3, 1, record.price, time="235958"))
    applied = service.apply_realtime([late])
    [moved] = applied.changed
    assert moved.local_id == record.local_id and moved.filled_qty == 2
    assert not applied.waiting  # nothing held under today's number 7777777


# ---- an event must match its order ----------------------------------------------------


@pytest.mark.expect_log("live event refused")
def test_a_fill_beyond_the_orders_quantity_is_refused_not_clamped(service):
    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    record = service.prepare(NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "0", price))
    [accepted] = service.send(record)
    lie = parse_event(fill_values(accepted.ord_no, 5, 0, price, time=hhmmss()))  # 5 of 5
    applied = service.apply_realtime([lie])
    assert applied.changed == [] and applied.catch_up  # refused; REST settles it
    assert len(applied.refused) == 1 and "quantity 5, not 1" in applied.refused[0]
    assert service.stream_counts["refused"] == 1
    assert service.journal.get(record.local_id).status is OrderStatus.ACCEPTED


@pytest.mark.expect_log("live event refused")
@pytest.mark.parametrize("change", [
    {"9001": "000660"},  # another stock
    {"907": "1"},  # a sell, for a buy
    {"900": "4", "902": "4"},  # another quantity
    {"901": "1"},  # another price
])
@pytest.mark.expect_log("live event refused")
def test_an_event_unlike_its_order_is_refused(service, change):
    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    [accepted] = service.send(service.prepare(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "0", price)))
    values = fill_values(accepted.ord_no, 2, 2, price, time=hhmmss(), kind="접수")
    values.update(change)
    applied = service.apply_realtime([parse_event(values)])
    assert applied.refused and applied.catch_up
    cancel = fill_values(accepted.ord_no, 2, 0, price, time=hhmmss(), kind="취소")
    cancel.update(change)
    assert service.apply_realtime([parse_event(cancel)]).refused
    assert service.journal.get(accepted.local_id).status is OrderStatus.ACCEPTED


@pytest.mark.expect_log("live event refused")
def test_a_fill_worse_than_the_limit_is_refused(service):
    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    [accepted] = service.send(service.prepare(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "0", price)))
    values = fill_values(accepted.ord_no, 2, 0, price, time=hhmmss())
    values.update({"903": str(2 * (price + 1000)), "914": str(price + 1000)})
    assert service.apply_realtime([parse_event(values)]).refused
    assert service.journal.get(accepted.local_id).filled_qty == 0


@pytest.mark.expect_log("live event refused")
def test_an_event_that_came_before_its_order_existed_is_not_applied_to_it(sim, tmp_path):
    """Issue 22: a 00 for 0000002 that arrived before that order existed was applied
    to the next buy, which stayed "filled" after F5."""
    async def body(core, seen, refused):
        quote = await core.quote(STOCK)
        price = step_ticks(quote.current, -5)
        first = await buy(core, 1, price)
        nxt = f"{int(first.ord_no) + 1:07d}"
        assert sim.realtime.feed.inject("00", STOCK, fill_values(nxt, 1, 0, price,
                                                                 time=hhmmss())) == 1
        await until(lambda: core.service.live.waiting_numbers())  # held: nobody has that number yet
        second = await buy(core, 1, price)
        assert second.ord_no == nxt
        await until(lambda: not core.service.live.waiting_numbers() and not core.stream.applying)
        await core.refresh(full=True)  # F5
        return seen.latest[second.local_id], refused

    second, refused = run_core(sim, tmp_path, body)
    assert second.status is OrderStatus.ACCEPTED and second.filled_qty == 0
    assert any("before the order" in text for text in refused)


@pytest.mark.expect_log("live event refused")
def test_a_lying_fill_is_refused_and_said_once(sim, tmp_path):
    async def body(core, seen, refused):
        quote = await core.quote(STOCK)
        placed = await buy(core, 1, step_ticks(quote.current, -5))
        for qty in (5, 6, 7):  # three lies (a repeat of one frame is dropped as such)
            sim.realtime.feed.inject("00", STOCK, fill_values(placed.ord_no, qty, 0,
                                                              placed.price, time=hhmmss()))
        await until(lambda: core.service.stream_counts["refused"] >= 3)
        await until(lambda: not core.stream.applying)
        return seen.latest[placed.local_id], refused

    record, refused = run_core(sim, tmp_path, body)
    assert record.status is OrderStatus.ACCEPTED and record.filled_qty == 0
    assert len(refused) == 1  # shown once, though refused three times


# ---- the exchange's records win over a live state that was wrong ---------------------


@pytest.mark.parametrize("kind", ["체결", "취소"])
@pytest.mark.expect_log("corrected to the exchange's")
def test_a_live_state_the_exchange_contradicts_is_corrected_loudly(service, kind):
    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    [accepted] = service.send(service.prepare(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "0", price)))
    # Like its order in every way, but the exchange never filled nor cancelled it.
    lie = parse_event(fill_values(accepted.ord_no, 1, 0, price, time=hhmmss(), kind=kind))
    [moved] = service.apply_realtime([lie]).changed
    assert not moved.status.is_open
    assert service.needs_refresh()
    changed = service.refresh(stream_live=True)  # settle_after is 0 in these tests
    [corrected] = [r for r in changed if r.local_id == accepted.local_id]
    assert corrected.status is OrderStatus.ACCEPTED and corrected.filled_qty == 0
    assert corrected.error_code == CORRECTED and corrected.corrected
    assert "Corrected" in corrected.message


def test_a_live_state_the_exchange_confirms_stays(service, sim):
    sim.market.freeze()
    try:
        quote = service.quote(STOCK)
        [accepted] = service.send(service.prepare(
            NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "3", None)))  # market: fills
        event = parse_event(fill_values(accepted.ord_no, 1, 0, quote.current, time=hhmmss()))
        service.apply_realtime([event])
        service.refresh(stream_live=True)
        record = service.journal.get(accepted.local_id)
        assert record.status is OrderStatus.FILLED and record.error_code != CORRECTED
        assert not service.unconfirmed  # confirmed: REST need not look again
    finally:
        sim.market.unfreeze()


# ---- orders first ---------------------------------------------------------------------


def test_the_worker_takes_orders_before_queued_event_work():
    worker = SerialThread("test-lanes")
    ran: list[str] = []
    release = threading.Event()
    try:
        worker.submit_later(release.wait, 5)
        events = [worker.submit_later(ran.append, f"event {i}") for i in range(200)]
        order = worker.submit(ran.append, "order")
        release.set()
        order.result(5)
        events[-1].result(5)
    finally:
        worker.stop(5, cancel_pending=False)
    assert ran[0] == "order" and len(ran) == 201
    assert ran[1:] == [f"event {i}" for i in range(200)]  # each lane in its own order


def test_a_flood_of_events_is_one_job_at_a_time_on_the_worker(sim, tmp_path):
    async def body(core, seen, refused):
        from kiwoom_ticket.kiwoom.websocket import RealEntry

        most = 0
        now = hhmmss()
        for burst in range(40):
            entries = [RealEntry("00", STOCK, "주문체결", fill_values(
                f"{5_000_000 + burst * 50 + i:07d}", 1, 1, 1000, time=now, kind="접수"))
                for i in range(50)]
            core.stream.on_stream_entries(core.stream.feed, entries)
            await asyncio.sleep(0)
            most = max(most, worker_waiting(core))
        await until(lambda: not core.stream.applying)
        return most, len(core.service.live.waiting_numbers())

    most, held = run_core(sim, tmp_path, body)
    assert most <= 1  # never a queue of event jobs ahead of (or behind) an order
    assert held == 2_000


def worker_waiting(core) -> int:
    """Event jobs queued on the worker (the core's later lane), not counting one running."""
    runner = core._run_later
    return runner.__self__.waiting[1]


def test_events_for_unknown_numbers_are_capped_per_day(service, monkeypatch):
    monkeypatch.setattr(live_orders, "UNKNOWN_PER_DAY", 10)
    now = hhmmss()
    flood = [parse_event(fill_values(f"{6_000_000 + i:07d}", 1, 1, 1000, time=now,
                                     kind="접수")) for i in range(25)]
    service.apply_realtime(flood)
    assert len(service.live.waiting_numbers()) == 10
    assert service.stream_counts["dropped_unknown"] == 15


def test_a_burst_is_journaled_in_one_transaction(service):
    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    placed = [service.send(service.prepare(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "0", price)))[0] for _ in range(3)]
    statements: list[str] = []
    service.journal._db.set_trace_callback(statements.append)
    try:
        now = hhmmss()
        service.apply_realtime([parse_event(fill_values(r.ord_no, 2, 1, price, time=now))
                                for r in placed])
    finally:
        service.journal._db.set_trace_callback(None)
    writes = [s for s in statements if s.startswith(("UPDATE", "BEGIN", "COMMIT"))]
    assert writes[0] == "BEGIN" and writes[-1] == "COMMIT"
    assert sum(s.startswith("UPDATE") for s in writes) == 3
    assert writes.count("BEGIN") == 1


def test_rest_is_asked_about_unknown_numbers_at_most_once_per_early_wait(service,
                                                                         monkeypatch):
    """A flood of made-up numbers must not keep the worker reading the lists; none is
    forgotten either: one not asked yet is asked in the next window."""
    from types import SimpleNamespace

    clock = [1000.0]
    monkeypatch.setattr(live_orders, "time", SimpleNamespace(monotonic=lambda: clock[0]))

    def stray(number: str):
        return parse_event(fill_values(number, 1, 1, 1000, time=hhmmss(), kind="접수"))

    service.apply_realtime([stray("6100001")])
    clock[0] = 1000.5
    service.apply_realtime([stray("6100002")])
    clock[0] = 1002.1
    assert service.early_overdue()  # the first has waited 2.1 s: REST is asked
    clock[0] = 1003.0
    assert not service.early_overdue()  # the second is due, but REST was just asked
    assert service.early_unasked()
    clock[0] = 1004.2
    assert service.early_overdue() and not service.early_unasked()


@pytest.mark.expect_log("corrected to the exchange's")
def test_a_live_state_stays_on_trial_across_a_restart(service, sim):
    """The app closed before REST had a look: the next start still checks it."""
    from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
    from kiwoom_ticket.service import OrderService

    quote = service.quote(STOCK)
    price = step_ticks(quote.current, -5)
    [accepted] = service.send(service.prepare(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "0", price)))
    lie = parse_event(fill_values(accepted.ord_no, 1, 0, price, time=hhmmss()))
    service.apply_realtime([lie])
    path = service.journal.path
    service.journal.close()
    client = KiwoomClient(sim.base_url, service.client.credentials,
                          timeouts=Timeouts(connect=1.0, read=0.5))
    again = OrderService(Environment.PRACTICE, client, Journal(path),
                         settle_after=timedelta(0))
    again.login()
    try:
        assert again.needs_refresh()
        again.refresh(stream_live=True)
        record = again.journal.get(accepted.local_id)
        assert record.status is OrderStatus.ACCEPTED and record.corrected
        assert again.journal.note("live_unconfirmed") is None  # settled: nothing kept
    finally:
        again.close()
