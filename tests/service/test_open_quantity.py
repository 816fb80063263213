"""Open quantity (미체결수량) is the exchange's: after partial modifies and cancels the
original keeps its number and quantity, and what is open of it is what ka10075's oso_qty
says, in the journal too (from the replies at once, and after a refresh)."""

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import CancelOrder, ModifyOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import tick_size
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.service.orders import OrderService

from .test_settlement import by_id, open_service, resting_buy, send


@pytest.fixture
def service(sim, tmp_path):
    svc = open_service(sim, tmp_path / "journal.sqlite3")
    yield svc
    svc.close()


@pytest.fixture
def sim():
    from kiwoom_ticket.simulator import SimConfig, Simulator

    with Simulator(SimConfig(profile="real", seed=11, rate_limits=False, page_size=3)) as s:
        yield s


def exchange_open(service) -> dict[str, int]:
    """ord_no -> oso_qty, as Kiwoom's ka10075 says."""
    return {r["ord_no"]: int(r["oso_qty"]) for r in service.client.open_orders()}


def test_the_practice_exchange_lowers_the_originals_oso_qty_on_partial_modifies(service, sim):
    [buy] = send(service, resting_buy(sim, qty=10))
    price = buy.price + tick_size(buy.price)
    [mod1, *_] = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 5, price))
    assert exchange_open(service) == {buy.ord_no: 5, mod1.ord_no: 5}
    [mod2, *_] = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 2, price))
    [cancel, *_] = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 1))
    assert cancel.status is OrderStatus.CANCELLED
    assert exchange_open(service) == {buy.ord_no: 2, mod1.ord_no: 5, mod2.ord_no: 2}
    # The original keeps its number and its quantity (ord_qty); only oso_qty went down.
    [row] = [r for r in service.client.open_orders() if r["ord_no"] == buy.ord_no]
    assert int(row["ord_qty"]) == 10


def test_partial_modifies_and_cancels_leave_the_exchanges_open_quantity(service, sim):
    [buy] = send(service, resting_buy(sim, qty=10))
    price = buy.price + tick_size(buy.price)
    changed = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 5, price))
    # From the reply alone: the original has 5 open, the modify 5.
    assert by_id(service, buy).open_qty == 5
    assert by_id(service, changed[0]).open_qty == 5
    assert buy.local_id in {r.local_id for r in changed}  # the original moved, say so
    send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 3))
    assert by_id(service, buy).open_qty == 2
    assert by_id(service, buy).status.is_open and by_id(service, buy).quantity == 10
    service.refresh()
    assert by_id(service, buy).open_qty == exchange_open(service)[buy.ord_no] == 2
    # Open sells/buys add up to what the exchange holds, not 15.
    open_total = sum(r.open_qty for r in service.journal.all() if r.status.is_open)
    assert open_total == sum(exchange_open(service).values()) == 7


def test_the_open_quantity_follows_modifies_made_elsewhere_on_refresh(service, sim):
    """A partial modify made in the HTS: only the exchange's list says the original has
    less open; a refresh takes its oso_qty."""
    from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts

    from .conftest import FAKE

    [buy] = send(service, resting_buy(sim, qty=10))
    hts = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=0.5))
    try:
        hts.issue_token()
        hts.send_order(CancelOrder(Exchange.KRX, buy.ord_no, "005930", 4))
    finally:
        hts.close()
    service.refresh(look_outside=True)
    assert by_id(service, buy).open_qty == exchange_open(service)[buy.ord_no] == 6


def test_the_open_quantity_survives_a_restart(service, sim, tmp_path):
    [buy] = send(service, resting_buy(sim, qty=10))
    send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 7))
    reopened = Journal(service.journal.path)
    try:
        assert reopened.get(buy.local_id).open_qty == 3
    finally:
        reopened.close()


def test_a_fill_after_a_partial_modify_counts_only_what_filled(service, sim):
    """The original's own 00 events carry its first quantity (900) and what is open now
    (902): what filled is 900 − 902 less what modifies and cancels took off."""
    from kiwoom_ticket.domain.order_events import EventKind, OrderEvent

    [buy] = send(service, resting_buy(sim, qty=10))
    send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 6))
    from kiwoom_ticket.domain.sessions import KST

    now = service.now().astimezone(KST).strftime("%H%M%S")  # an event is of its moment
    event = OrderEvent(buy.ord_no, "", EventKind.FILLED, "005930", 10, 3, buy.price,
                       "1", buy.price, 1, 0, now, "2", "")
    service.apply_realtime([event])
    rec = by_id(service, buy)
    assert (rec.filled_qty, rec.open_qty, rec.status) == (1, 3, OrderStatus.PARTLY_FILLED)


def test_an_older_journal_gains_the_open_quantity_column(service, sim):
    import sqlite3

    [buy] = send(service, resting_buy(sim, qty=4))
    path = service.journal.path
    service.journal.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE orders DROP COLUMN amended_qty")
    db.commit()
    db.close()
    old = Journal(path, read_only=True)  # read as it is: nothing taken off
    [row] = old.all()
    assert row.open_qty == 4
    old.close()
    # The same app started again: the journal is migrated on a writable open.
    again = OrderService(service.env, service.client, Journal(path), now=service.now)
    try:
        send(again, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 1))
        assert by_id(again, buy).open_qty == 3
    finally:
        again.journal.close()
