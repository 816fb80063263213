"""Orders placed outside the app (HTS, phone): found among the exchange's open orders,
adopted into the journal once, marked as such, and modified or cancelled like the app's
own. An order of the app's own whose outcome is unknown is never taken for one."""

from datetime import timedelta

import pytest

from kiwoom_ticket.domain.adopt import OUTSIDE_MESSAGE
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import tick_size
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
from kiwoom_ticket.simulator import SimConfig, Simulator

from .conftest import FAKE
from .test_settlement import by_id, open_service, resting_buy, send


@pytest.fixture
def sim():
    with Simulator(SimConfig(profile="real", seed=7, rate_limits=False, page_size=3)) as s:
        yield s


@pytest.fixture
def service(sim, tmp_path):
    svc = open_service(sim, tmp_path / "journal.sqlite3")
    yield svc
    svc.close()


@pytest.fixture
def hts(sim):
    """Another program on the same account (HTS, a phone): its own token, its own orders."""
    client = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=0.5))
    client.issue_token()
    yield client
    client.close()


def outside(service):
    return [r for r in service.journal.all() if r.outside]


def test_an_order_placed_elsewhere_is_adopted_once_and_marked(service, sim, hts):
    ack = hts.send_order(resting_buy(sim, qty=7, code="000660"))
    changed = service.refresh(look_outside=True)
    [adopted] = outside(service)
    assert [r.local_id for r in changed] == [adopted.local_id]
    assert adopted.ord_no == ack.ord_no and adopted.status is OrderStatus.ACCEPTED
    assert (adopted.action, adopted.stock_code, adopted.quantity) == (Action.BUY, "000660", 7)
    assert adopted.price == resting_buy(sim, code="000660").price
    assert adopted.message == OUTSIDE_MESSAGE and adopted.trade_day == service.today()
    assert adopted.stock_name  # the exchange's name for it
    for _ in range(3):  # polled again and again: still one row
        service.refresh(look_outside=True)
    assert len(outside(service)) == 1 and service.journal.count() == 1
    # The mark survives a restart (a journal column).
    reopened = Journal(service.journal.path)
    try:
        assert reopened.get(adopted.local_id).outside
    finally:
        reopened.close()


def test_an_outside_order_is_cancelled_through_the_app(service, sim, hts):
    ack = hts.send_order(resting_buy(sim, qty=4))
    service.refresh(look_outside=True)
    [adopted] = outside(service)
    cancel = service.prepare(CancelOrder(Exchange.KRX, ack.ord_no, "005930", 0))
    assert cancel.root_ord_no == ack.ord_no  # found by its number: linked to it
    [done, target] = service.send(cancel)
    assert done.status is OrderStatus.CANCELLED and not done.outside
    assert target.local_id == adopted.local_id and target.status is OrderStatus.CANCELLED
    assert [o["state"] for o in sim.orders() if o["ord_no"] == ack.ord_no] != ["open"]
    service.refresh(look_outside=True)
    assert len(outside(service)) == 1  # the cancel is the app's own, nothing adopted anew


def test_an_outside_order_is_modified_through_the_app(service, sim, hts):
    order = resting_buy(sim, qty=2)
    ack = hts.send_order(order)
    service.refresh(look_outside=True)
    [adopted] = outside(service)
    [modify, original] = send(service, ModifyOrder(Exchange.KRX, ack.ord_no, "005930", 0,
                                                   order.price + tick_size(order.price)))
    assert modify.status is OrderStatus.ACCEPTED and modify.root_ord_no == ack.ord_no
    assert original.local_id == adopted.local_id and original.status is OrderStatus.MODIFIED
    service.refresh(look_outside=True)
    assert len(outside(service)) == 1


def test_a_modify_made_elsewhere_links_to_the_apps_order(service, sim, hts):
    [buy] = send(service, resting_buy(sim, qty=3))
    ack = hts.send_order(ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 0,
                                     buy.price + tick_size(buy.price)))
    service.refresh(look_outside=True)
    [modify] = outside(service)
    assert modify.action is Action.MODIFY and modify.ord_no == ack.ord_no
    assert modify.orig_ord_no == modify.root_ord_no == buy.ord_no
    assert by_id(service, buy).status is OrderStatus.MODIFIED


def test_an_unknown_order_of_ours_is_settled_not_adopted(service, sim):
    sim.faults.inject(api_id="kt10000", kind="drop_after_accept")
    [lost] = send(service, resting_buy(sim, qty=5))
    assert lost.status is OrderStatus.UNKNOWN
    service.refresh(look_outside=True)
    found = by_id(service, lost)
    assert found.status is OrderStatus.ACCEPTED and found.ord_no and not found.outside
    assert outside(service) == [] and service.journal.count() == 1


def test_a_look_alike_waits_while_ours_is_unsettled(service, sim, hts):
    """Same stock, side and quantity as an order of ours still unknown: it might be ours
    (at another price only if the records lie, but money says wait); adopted once ours
    is settled."""
    service.settle_after = timedelta(hours=1)
    service.ghost_watch = timedelta(0)
    sim.faults.inject(api_id="kt10000", kind="http500")
    [ours] = send(service, resting_buy(sim, qty=6))
    assert ours.status is OrderStatus.UNKNOWN
    other = resting_buy(sim, qty=6)
    hts.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 6, "0",
                            other.price + tick_size(other.price)))
    service.refresh(look_outside=True)
    assert outside(service) == [] and by_id(service, ours).status is OrderStatus.UNKNOWN
    service.settle_after = timedelta(0)
    service.refresh(look_outside=True)  # ours: not received; then the look-alike is adopted
    assert by_id(service, ours).status is OrderStatus.NOT_RECEIVED
    assert len(outside(service)) == 1


def test_with_nothing_open_the_open_orders_are_looked_at_now_and_then(service, sim, hts):
    service.discover_every = timedelta(hours=1)
    assert service.needs_refresh()  # never looked yet
    service.refresh()
    asked = sim.received("ka10075")
    assert asked >= 1 and not service.needs_refresh()
    hts.send_order(resting_buy(sim, qty=1))
    service.refresh()  # a poll: the look isn't due, nothing is asked
    assert sim.received("ka10075") == asked and outside(service) == []
    service.refresh(look_outside=True)  # F5: the user asked
    assert sim.received("ka10075") == asked + 1 and len(outside(service)) == 1
    service.discover_every = timedelta(0)
    assert service.needs_refresh()


def test_the_core_shows_outside_orders_on_request_and_todays_fills(sim, tmp_path, hts):
    import asyncio

    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.domain.ticks import step_ticks

    from .test_app_session import core_on

    worker, core = core_on(sim, tmp_path)
    shown: list = []
    core.records_changed.connect(shown.extend)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        await core.refresh()  # the first look: nothing outside yet
        ack = await asyncio.to_thread(hts.send_order, resting_buy(sim, qty=2))
        await core.refresh()  # a poll: the next look isn't due yet
        unseen = [r for r in shown if r.ord_no == ack.ord_no]
        core.look_outside_soon()  # F5, as the window presses it: a full read
        # Not a poll: once the stream is live a poll reads only what it can't settle, and
        # the stream went live after this order (seen under Wine, loaded).
        await core.refresh(full=True)
        quote = await core.quote("000660")
        bought = await core.place(NewOrder(Action.BUY, Exchange.KRX, "000660", 2, "0",
                                           step_ticks(quote.current, 3)))
        fills = await core.fills_today()
        await core.logout()
        return ack, unseen, bought[0], fills

    try:
        ack, unseen, bought, fills = asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert unseen == []
    [adopted] = [r for r in shown if r.ord_no == ack.ord_no]
    assert adopted.outside and adopted.status is OrderStatus.ACCEPTED
    [fill] = [f for f in fills if f.ord_no == bought.ord_no]
    assert (fill.stock_code, fill.side, fill.quantity) == ("000660", Action.BUY, 2)
    assert fill.price > 0 and fill.time.count(":") == 2
