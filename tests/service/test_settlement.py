"""Settling from the exchange's records, within one trading day: lost modify and cancel
replies, rate-limited orders that register late, and a day change that restarts the
exchange's order numbers."""

import time
from datetime import timedelta

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import tick_size
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator import SimConfig, Simulator
from tests.client import hostile

from .conftest import FAKE

DAY = 24 * 3600


@pytest.fixture
def sim():
    """A fresh exchange per test: numbering starts at 0000001, as on a new day."""
    with Simulator(SimConfig(profile="real", seed=5, rate_limits=False, page_size=3)) as s:
        yield s


def open_service(sim, path, **kwargs):
    client = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=0.5,
                                                                total=1.0))
    kwargs.setdefault("settle_after", timedelta(0))
    svc = OrderService(Environment.PRACTICE, client, Journal(path), now=sim.clock.now,
                       **kwargs)
    svc.login()
    return svc


@pytest.fixture
def service(sim, tmp_path):
    svc = open_service(sim, tmp_path / "journal.sqlite3")
    yield svc
    svc.close()


def resting_buy(sim, qty=3, code="005930"):
    lower = sim.market.quote(code).lower
    return NewOrder(Action.BUY, Exchange.KRX, code, qty, "0", lower + 10 * tick_size(lower))


def send(service, order):
    return service.send(service.prepare(order))


def by_id(service, record):
    return service.journal.get(record.local_id)


# ---- a lost modify or cancel reply ---------------------------------------------------

def test_a_lost_cancel_reply_settles_as_cancelled_never_resend(service, sim):
    [buy] = send(service, resting_buy(sim, qty=3))
    sim.faults.inject(api_id="kt10003", kind="drop_after_accept")
    [cancel] = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
    assert cancel.status is OrderStatus.UNKNOWN
    changed = service.refresh()
    assert by_id(service, cancel).status is OrderStatus.CANCELLED
    assert by_id(service, cancel).ord_no and not by_id(service, cancel).safe_to_resend
    assert by_id(service, buy).status is OrderStatus.CANCELLED
    assert {r.local_id for r in changed} >= {cancel.local_id, buy.local_id}


def test_a_lost_partial_cancel_reply_settles_with_its_quantity(service, sim):
    [buy] = send(service, resting_buy(sim, qty=3))
    sim.faults.inject(api_id="kt10003", kind="drop_after_accept")
    [cancel] = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 1))
    service.refresh()
    settled = by_id(service, cancel)
    assert settled.status is OrderStatus.CANCELLED and settled.quantity == 1
    assert not settled.safe_to_resend
    assert by_id(service, buy).status is OrderStatus.ACCEPTED  # 2 still rest
    assert [o["remaining"] for o in sim.orders() if o["ord_no"] == buy.ord_no] == [2]


def test_a_lost_modify_reply_settles_with_the_new_number(service, sim):
    [buy] = send(service, resting_buy(sim, qty=2))
    sim.faults.inject(api_id="kt10002", kind="drop_after_accept")
    new_price = buy.price + tick_size(buy.price)
    [modify] = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 0, new_price))
    assert modify.status is OrderStatus.UNKNOWN
    service.refresh()
    settled = by_id(service, modify)
    assert settled.status is OrderStatus.ACCEPTED and settled.ord_no
    assert settled.ord_no != buy.ord_no and settled.root_ord_no == buy.ord_no
    assert by_id(service, buy).status is OrderStatus.MODIFIED


def test_a_lost_modify_of_all_settles_with_what_it_moved(service, sim):
    """Issue 22's stateful test found it: a modify of "all" (0) whose reply was lost was
    settled with quantity 0, so a later partial cancel of it read as taking all of it
    (the journal said cancelled; 2 still rested at the exchange)."""
    [buy] = send(service, resting_buy(sim, qty=3))
    sim.faults.inject(api_id="kt10002", kind="bad_json")
    new_price = buy.price + tick_size(buy.price)
    [modify] = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 0, new_price))
    service.refresh()
    settled = by_id(service, modify)
    assert settled.status is OrderStatus.ACCEPTED and settled.quantity == 3
    send(service, CancelOrder(Exchange.KRX, settled.ord_no, "005930", 1))
    assert by_id(service, modify).status.is_open
    assert [o["remaining"] for o in sim.orders() if o["ord_no"] == settled.ord_no] == [2]


def test_a_cancel_the_exchange_never_got_is_not_received(service, sim):
    [buy] = send(service, resting_buy(sim, qty=2))
    sim.faults.inject(api_id="kt10003", kind="http500")
    [cancel] = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
    assert cancel.status is OrderStatus.UNKNOWN
    service.refresh()
    assert by_id(service, cancel).status is OrderStatus.NOT_RECEIVED
    assert by_id(service, buy).status is OrderStatus.ACCEPTED


# ---- rate limits and late ghosts -----------------------------------------------------

def test_a_rate_limited_order_stays_unknown_for_the_settle_window(service, sim):
    service.settle_after = timedelta(seconds=30)
    sim.faults.inject(api_id="kt10000", kind="rate_limit")
    [rec] = send(service, resting_buy(sim))
    service.refresh()
    assert by_id(service, rec).status is OrderStatus.UNKNOWN
    assert not by_id(service, rec).safe_to_resend


@pytest.mark.expect_log("late order")
def test_a_late_ghost_is_adopted_loudly(service, sim):
    sim.faults.inject(api_id="kt10000", kind="late_ghost", seconds=0.6)
    [rec] = send(service, resting_buy(sim, qty=4))
    assert rec.status is OrderStatus.UNKNOWN
    service.refresh()  # nothing at the exchange yet; settle_after is 0 here
    assert by_id(service, rec).status is OrderStatus.NOT_RECEIVED
    time.sleep(1.0)
    service.refresh()  # logs the warning this test expects
    late = by_id(service, rec)
    assert late.status is OrderStatus.ACCEPTED and late.found_late and late.ord_no
    assert "appeared at the exchange" in late.message


def test_a_ghost_is_not_watched_forever(service, sim):
    service.ghost_watch = timedelta(0)
    sim.faults.inject(api_id="kt10000", kind="rate_limit")
    [rec] = send(service, resting_buy(sim))
    service.refresh()
    assert by_id(service, rec).status is OrderStatus.NOT_RECEIVED
    assert not service.needs_refresh()


# ---- one trading day -----------------------------------------------------------------

def test_numbers_restart_on_a_new_day_and_never_cross_days(service, sim, tmp_path):
    [day1] = send(service, resting_buy(sim, qty=2))
    assert day1.ord_no == "0000001"
    sim.clock.advance(DAY)
    service.login()  # the exchange's clock moved past the token's 24 hours
    changed = service.refresh()
    assert [r.status for r in changed if r.local_id == day1.local_id] == [OrderStatus.EXPIRED]
    # Day 2: the exchange starts at 0000001 again; its reply is lost.
    sim.faults.inject(api_id="kt10000", kind="drop_after_accept")
    [lost] = send(service, resting_buy(sim, qty=5, code="000660"))
    service.refresh()
    found = by_id(service, lost)
    assert found.status is OrderStatus.ACCEPTED and found.ord_no == "0000001"
    assert found.trade_day != day1.trade_day
    # A modify of 0000001 now targets day 2's order: its stock, its side, its lineage.
    modify = service.prepare(ModifyOrder(Exchange.KRX, "0000001", "000660", 0,
                                         found.price + tick_size(found.price)))
    assert modify.root_ord_no == "0000001" and modify.stock_code == "000660"
    [_done, original] = service.send(modify)
    assert original.local_id == found.local_id and original.status is OrderStatus.MODIFIED
    assert by_id(service, day1).status is OrderStatus.EXPIRED


def test_an_earlier_days_unknown_is_settled_from_that_days_history(service, sim):
    sim.faults.inject(api_id="kt10000", kind="drop_after_accept")
    [taken] = send(service, resting_buy(sim, qty=2))
    sim.faults.inject(api_id="kt10000", kind="http500")
    [never] = send(service, resting_buy(sim, qty=3))
    assert taken.status is never.status is OrderStatus.UNKNOWN
    sim.clock.advance(DAY)
    service.login()
    service.refresh()
    assert by_id(service, taken).status is OrderStatus.EXPIRED
    assert by_id(service, taken).ord_no == "0000001"
    assert by_id(service, never).status is OrderStatus.NOT_RECEIVED


def test_a_restart_on_a_new_day_closes_what_was_open(sim, tmp_path):
    path = tmp_path / "j.sqlite3"
    first = open_service(sim, path)
    [buy] = send(first, resting_buy(sim))
    first.close()
    sim.clock.advance(DAY)
    second = open_service(sim, path)
    try:
        second.refresh()
        assert by_id(second, buy).status is OrderStatus.EXPIRED
        assert not [o for o in sim.orders() if o["state"] == "open"]
    finally:
        second.close()


# ---- a refused cancel proves nothing about its original -----------------------------

def test_a_cancel_refused_for_a_filled_order_settles_it_from_the_lists_while_live(service,
                                                                                   sim):
    [buy] = send(service, resting_buy(sim, qty=2))
    sim.market.set_price("005930", buy.price)  # it fills; nobody told the app
    [cancel] = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
    assert cancel.status is OrderStatus.REJECTED and cancel.error_code == "RC4061"
    assert by_id(service, buy).status is OrderStatus.ACCEPTED  # nothing final from a no
    assert service.needs_refresh()
    service.refresh(stream_live=True)  # the stream moved nothing: the lists are read anyway
    settled = by_id(service, buy)
    assert settled.status is OrderStatus.FILLED and settled.filled_qty == 2


@pytest.mark.parametrize("code", ["RC4032", "RC4033"])
def test_a_cancel_refused_with_rc4032_or_rc4033_leaves_the_original_to_the_lists(tmp_path,
                                                                                  code):
    lists = {"ka10075": {"oso": [{"ord_no": "0000001", "stk_cd": "005930", "ord_stt": "접수",
                                  "ord_qty": "1", "oso_qty": "1", "ord_pric": "100000",
                                  "io_tp_nm": "+매수", "trde_tp": "보통", "tm": "100000",
                                  "orig_ord_no": "0000000", "cntr_qty": "0"}]},
             "ka10076": {"cntr": []}}
    replies = {"kt10000": {"ord_no": "0000001", "return_code": 0, "return_msg": "ok"},
               "kt10003": {"return_code": 20,
                           "return_msg": f"[2000]({code}:모의투자 정정/취소할 수량이 없습니다.)"}}

    def reply(sock):
        api_id = server.requests[-1][1].get("api-id", "")
        body = replies.get(api_id) or {"return_code": 0, "return_msg": "ok",
                                       **lists.get(api_id, {})}
        hostile.json_reply(body)(sock)

    server = hostile.HostileServer(reply=reply)
    client = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=1.0))
    svc = OrderService(Environment.PRACTICE, client, Journal(tmp_path / "j.sqlite3"),
                       settle_after=timedelta(0), gone_after=timedelta(0))
    try:
        svc.login()
        [buy] = send(svc, NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", 100_000))
        [cancel] = send(svc, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
        assert cancel.status is OrderStatus.REJECTED and cancel.error_code == code
        assert by_id(svc, buy).status is OrderStatus.ACCEPTED
        svc.refresh(stream_live=True)
        assert server.received("ka10075") == 1  # asked, though the stream is live
        assert by_id(svc, buy).status is OrderStatus.ACCEPTED  # the list: still open
        svc.refresh(stream_live=True)
        assert server.received("ka10075") == 1  # settled: the stream has it again
    finally:
        svc.close()
        server.close()
