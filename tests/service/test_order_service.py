"""Journal before send, unknown outcomes and reconciliation, against each fault kind."""

import sqlite3
import threading
import time
from datetime import UTC, datetime

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import price_limits
from kiwoom_ticket.journal import Journal


def market_buy(qty=1, code="005930"):
    return NewOrder(Action.BUY, Exchange.KRX, code, qty, "3")


def resting_buy(service, qty=3):
    lower, _ = price_limits(service.quote("005930").base)
    return NewOrder(Action.BUY, Exchange.KRX, "005930", qty, "0", lower)


def ledger_ord_nos(sim):
    return {o.ord_no for o in sim.ledger()}


def assert_journal_matches_ledger(service, sim):
    """Every order the exchange took is in the journal with its number, exactly once,
    and nothing the journal calls taken is missing from the exchange."""
    records = service.history()
    taken = [r.ord_no for r in records if r.ord_no]
    assert len(taken) == len(set(taken)), "an exchange order settled two journal rows"
    ledger = ledger_ord_nos(sim)
    assert set(taken) <= ledger, "the journal claims orders the exchange never took"
    for r in records:
        assert not r.status.is_unsettled, "reconcile left a row unsettled"
        if r.status is OrderStatus.NOT_RECEIVED:
            assert r.ord_no is None


def send(service, order):
    record = service.prepare(order)
    return service.send(record)


def test_order_is_journaled_before_it_is_sent(service, sim):
    sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=0.3)
    service.client.timeouts = type(service.client.timeouts)(connect=1.0, read=2.0)
    before = sim.received("kt10000")
    record = service.prepare(market_buy())
    done = threading.Event()
    threading.Thread(target=lambda: (service.send(record), done.set()), daemon=True).start()
    deadline = time.monotonic() + 5
    while sim.received("kt10000") == before and time.monotonic() < deadline:
        time.sleep(0.005)
    # The exchange has the request in hand; the journal must already hold it.
    other = Journal(service.journal.path)
    row = other.get(record.local_id)
    other.close()
    assert row is not None and row.body == record.body
    assert done.wait(5)
    assert service.journal.get(record.local_id).status is OrderStatus.ACCEPTED


def test_accepted_order_has_number_and_root(service):
    [rec] = send(service, market_buy())
    assert rec.status is OrderStatus.ACCEPTED
    assert rec.ord_no and rec.root_ord_no == rec.ord_no


def test_modify_then_cancel_keeps_the_lineage(service):
    [buy] = send(service, resting_buy(service))
    mod, orig = send(service, ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 0,
                                          buy.price + 100))
    assert mod.status is OrderStatus.ACCEPTED and orig.status is OrderStatus.MODIFIED
    assert (mod.orig_ord_no, mod.root_ord_no) == (buy.ord_no, buy.ord_no)
    cancel, target = send(service, CancelOrder(Exchange.KRX, mod.ord_no, "005930", 0))
    assert cancel.status is OrderStatus.CANCELLED and target.status is OrderStatus.CANCELLED
    assert (cancel.orig_ord_no, cancel.root_ord_no) == (mod.ord_no, buy.ord_no)
    assert cancel.quantity == 3


def test_reject_is_recorded_with_its_code(service):
    [rec] = send(service, NewOrder(Action.SELL, Exchange.KRX, "005930", 10_000_000, "3"))
    assert rec.status is OrderStatus.REJECTED
    assert rec.error_code == "800033"


@pytest.mark.parametrize("kind", ["latency", "drop_after_accept"])
def test_order_taken_but_unanswered_is_unknown_then_found(service, sim, kind):
    sim.faults.inject(api_id="kt10000", kind=kind, count=1, seconds=1.0)
    [rec] = send(service, market_buy(qty=7))
    assert rec.status is OrderStatus.UNKNOWN
    assert rec.ord_no is None
    time.sleep(1.0 if kind == "latency" else 0)  # let the slow exchange finish
    [settled] = service.reconcile()
    assert settled.status is OrderStatus.ACCEPTED
    assert settled.ord_no in ledger_ord_nos(sim)
    assert_journal_matches_ledger(service, sim)


@pytest.mark.parametrize("kind", ["http500", "bad_json"])
def test_garbage_reply_is_unknown_and_settled_either_way(service, sim, kind):
    before = ledger_ord_nos(sim)
    sim.faults.inject(api_id="kt10000", kind=kind, count=1)
    [rec] = send(service, market_buy(qty=11))
    assert rec.status is OrderStatus.UNKNOWN
    [settled] = service.reconcile()
    taken = ledger_ord_nos(sim) - before
    if taken:
        assert settled.status is OrderStatus.ACCEPTED and settled.ord_no in taken
    else:
        assert settled.status is OrderStatus.NOT_RECEIVED
    assert_journal_matches_ledger(service, sim)


def test_rate_limited_order_is_unknown_until_the_records_settle_it(service, sim):
    sim.faults.inject(api_id="kt10000", kind="rate_limit", count=1)
    [rec] = send(service, market_buy(qty=13))
    assert rec.status is OrderStatus.UNKNOWN and not rec.safe_to_resend
    assert rec.error_code == "1700"
    [settled] = service.reconcile()  # settle_after is 0 here
    assert settled.status is OrderStatus.NOT_RECEIVED and settled.safe_to_resend
    assert_journal_matches_ledger(service, sim)


def test_expired_token_is_renewed_and_the_order_goes_once(service, sim):
    before = len(sim.ledger())
    sim.faults.inject(api_id="kt10000", kind="expired_token", count=1)
    [rec] = send(service, market_buy())
    assert rec.status is OrderStatus.ACCEPTED
    assert len(sim.ledger()) == before + 1


def test_exchange_down_means_not_received(service, sim, tmp_path):
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
    from kiwoom_ticket.service import OrderService

    from .conftest import FAKE

    client = KiwoomClient("http://127.0.0.1:9", FAKE, timeouts=Timeouts(0.5, 0.5))
    client._token = service.client.token  # logged in earlier; the exchange then went away
    svc = OrderService(Environment.PRACTICE, client, Journal(tmp_path / "down.sqlite3"))
    [rec] = send(svc, market_buy())
    assert rec.status is OrderStatus.NOT_RECEIVED
    assert "Could not connect" in rec.message
    svc.journal.close()
    client.close()


def test_interrupted_send_is_unknown_on_restart(service):
    record = service.prepare(market_buy())
    path = service.journal.path
    reopened = Journal(path)  # as if the app died after journaling, before the reply
    assert reopened.interrupted >= 1
    assert reopened.get(record.local_id).status is OrderStatus.UNKNOWN
    reopened.close()


def test_refresh_moves_filled_orders_on(service, sim):
    [rec] = send(service, market_buy(qty=2))
    changed = service.refresh()
    mine = [c for c in changed if c.local_id == rec.local_id]
    assert mine and mine[0].status is OrderStatus.FILLED and mine[0].filled_qty == 2


def test_refresh_records_the_fill_price_and_when_the_fill_was_seen(service, sim):
    [rec] = send(service, market_buy(qty=3))
    before = datetime.now(UTC)
    [filled] = [c for c in service.refresh() if c.local_id == rec.local_id]
    exchange = {o["ord_no"]: o for o in sim.orders()}[rec.ord_no]
    assert filled.avg_fill_price and filled.avg_fill_price > 0
    assert filled.avg_fill_price == exchange["filled_amount"] // exchange["filled"]
    assert filled.filled_at is not None and filled.filled_at >= before
    stored = service.journal.get(rec.local_id)  # and the journal keeps both
    assert (stored.avg_fill_price, stored.filled_at) == (filled.avg_fill_price, filled.filled_at)


def test_a_journal_from_before_the_fill_columns_is_upgraded(tmp_path):
    """Journals written before avg_fill_price/filled_at get the columns on opening."""
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.execute(
        "INSERT INTO orders (local_id, env, action, exchange, stock_code, quantity, body, "
        "status, created_at, updated_at, ord_no) VALUES ('a', 'practice', 'kt10000', 'KRX', "
        "'005930', 1, '{}', 'filled', '2026-01-02T09:00:00+09:00', "
        "'2026-01-02T09:00:01+09:00', '0000001')")
    db.commit()
    db.close()
    journal = Journal(path)
    [old] = journal.all()
    assert old.ord_no == "0000001" and old.avg_fill_price is None and old.filled_at is None
    journal.update(old.moved(avg_fill_price=70_000))
    assert journal.get("a").avg_fill_price == 70_000
    journal.close()
    Journal(path).close()  # opening it again changes nothing


OLD_SCHEMA = """
CREATE TABLE orders (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, local_id TEXT NOT NULL UNIQUE,
    env TEXT NOT NULL, action TEXT NOT NULL, exchange TEXT NOT NULL,
    stock_code TEXT NOT NULL, stock_name TEXT NOT NULL DEFAULT '', trade_type TEXT,
    quantity INTEGER NOT NULL, price INTEGER, stop_price INTEGER, body TEXT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    ord_no TEXT, orig_ord_no TEXT, root_ord_no TEXT,
    filled_qty INTEGER NOT NULL DEFAULT 0, message TEXT NOT NULL DEFAULT '', error_code TEXT
);
"""


def test_soak_mixed_faults_lose_and_double_nothing(service, sim):
    """40 orders at a 10% mixed fault rate (1,000 run in bench/soak.py)."""
    sim.faults.random(rate=0.10, seed=11,
                      kinds=["latency", "drop_after_accept", "http500", "bad_json", "rate_limit"])
    before = ledger_ord_nos(sim)
    for i in range(40):
        send(service, market_buy(qty=100 + i, code="001510"))  # a 600-won stock: cash lasts
    fired = sum(sim.faults.fired.values())
    sim.faults.clear()
    time.sleep(1.0)
    service.reconcile()
    records = [r for r in service.history() if r.quantity >= 100]
    taken = ledger_ord_nos(sim) - before
    accepted = {r.ord_no for r in records if r.ord_no}
    assert fired >= 2, "the soak should meet some faults"
    assert accepted == taken  # 0 lost, and (set equality + uniqueness) 0 doubled
    assert_journal_matches_ledger(service, sim)


def test_partial_cancel_leaves_the_rest_open(service):
    [buy] = send(service, resting_buy(service, qty=5))
    cancel, *rest = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 2))
    assert cancel.status is OrderStatus.CANCELLED and cancel.quantity == 2
    # The original stays open with its number; 3 of its shares still rest (oso_qty).
    [original] = rest
    assert original.local_id == buy.local_id and original.open_qty == 3
    assert service.journal.get(buy.local_id).status is OrderStatus.ACCEPTED
    assert all(r.local_id != buy.local_id for r in service.refresh())  # still open there too
    _, target = send(service, CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
    assert target.local_id == buy.local_id and target.status is OrderStatus.CANCELLED


def test_an_order_missing_from_a_fresh_list_is_not_called_cancelled(service, sim):
    [buy] = send(service, resting_buy(service, qty=4))
    # Someone cancels it outside the app (e.g. on the HTS): it leaves the open list.
    other = type(service.client)(sim.base_url, service.client.credentials)
    other.issue_token()
    other.send_order(CancelOrder(Exchange.KRX, buy.ord_no, "005930", 0))
    other.close()
    assert all(r.local_id != buy.local_id for r in service.refresh())  # too fresh to judge
    service.gone_after = type(service.gone_after)(0)
    [gone] = [r for r in service.refresh() if r.local_id == buy.local_id]
    assert gone.status is OrderStatus.CANCELLED
