"""The 호가창's rows held still (호가 고정) and its stop orders, as values: held rows keep
their prices while the book moves, emptied levels show no quantity, the best prices that
left the rows are found; a stop order waits at its stop price until it is known to have
traded."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.ladder_rows import (
    ASK,
    BID,
    beyond,
    held_rows,
    ladder_rows,
    own_orders,
    stop_traded,
)
from kiwoom_ticket.domain.order_ledger import OrderLedger
from kiwoom_ticket.domain.orders import Action, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus

from .test_market_depth import book_around, record


@given(st.integers(-15, 15))
def test_held_rows_keep_their_prices_and_take_the_books_quantities(shift):
    held = ladder_rows(book_around(200_000))
    moved = book_around(200_000 + 500 * shift)
    rows = held_rows(moved, held)
    assert [r.price for r in rows] == [r.price for r in held]
    listed = {lv.price: lv for lv in moved.asks + moved.bids}
    for row in rows:
        if row.price in listed:
            assert row.listed and row.level == listed[row.price]
            assert row.side == (ASK if listed[row.price] in moved.asks else BID)
        else:
            assert not row.listed and row.level.qty == 0
            if row.price >= moved.asks[0].price:
                assert row.side == ASK
            elif row.price <= moved.bids[0].price:
                assert row.side == BID
    above, below = beyond(moved, rows)
    top, bottom = held[0].price, held[-1].price
    bests = (moved.asks[0].price, moved.bids[0].price)
    assert above == min((p for p in bests if p > top), default=0)
    assert below == max((p for p in bests if p < bottom), default=0)
    if shift == 0:
        assert rows == held and (above, below) == (0, 0)


def stop_buy(ord_no: str, stop: int, limit: int, *, filled: int = 0) -> OrderRecord:
    order = NewOrder(Action.BUY, Exchange.KRX, "005930", 5, "28", limit, stop)
    rec = OrderRecord.from_request(f"id-{ord_no}", "practice", order)
    return replace(rec, status=OrderStatus.ACCEPTED, ord_no=ord_no, filled_qty=filled,
                   trade_day="20261202")


def test_a_stop_order_waits_at_its_stop_price_until_it_is_known_to_have_traded():
    d = book_around(200_000)
    stop, limit = d.asks[2].price, d.asks[4].price
    waiting = stop_buy("0000001", stop, limit)
    book = OrderLedger([waiting, record(Action.BUY, d.bids[1].price, 3, "0000002")])
    orders = own_orders(book.rows, "005930", book, "20261202")
    (own,) = [o for o in orders if o.is_stop]
    assert (own.price, own.stop_price, own.limit_price) == (stop, stop, limit)
    by_price = {r.price: r for r in ladder_rows(d, None, orders)}
    assert by_price[stop].buy.is_stop and by_price[limit].buy is None
    assert not by_price[d.bids[1].price].buy.is_stop
    # A trade at the stop sets it off: from then on it is a limit order at its limit.
    assert not stop_traded(own, stop - 500) and stop_traded(own, stop)
    after = own_orders(book.rows, "005930", book, "20261202", {("20261202", "0000001")})
    assert [(o.price, o.is_stop) for o in after if o.record.ord_no == "0000001"] \
        == [(limit, False)]
    # So does a fill.
    filled = OrderLedger([stop_buy("0000003", stop, limit, filled=1)])
    assert [(o.price, o.is_stop) for o in own_orders(filled.rows, "005930", filled)] \
        == [(limit, False)]


def test_a_modified_stop_keeps_its_chains_type_and_stop():
    d = book_around(200_000)
    stop, limit = d.asks[2].price, d.asks[4].price
    first = replace(stop_buy("0000001", stop, limit), status=OrderStatus.MODIFIED)
    moved = OrderRecord.from_request(
        "id-2", "practice", ModifyOrder(Exchange.KRX, "0000001", "005930", 5, d.asks[5].price))
    moved = replace(moved, status=OrderStatus.ACCEPTED, ord_no="0000002",
                    trade_day="20261202")
    book = OrderLedger([first, moved])
    (own,) = own_orders(book.rows, "005930", book, "20261202")
    assert own.is_stop and own.price == stop and own.limit_price == d.asks[5].price


def test_a_limit_and_a_stop_of_one_side_at_one_price_show_the_limit_and_mark_the_stop():
    d = book_around(200_000)
    at = d.asks[2].price
    book = OrderLedger([stop_buy("0000001", at, d.asks[4].price),
                      record(Action.SELL, at, 2, "0000002")])
    rows = {r.price: r for r in ladder_rows(d, None, own_orders(book.rows, "005930", book))}
    assert rows[at].buy.is_stop and not rows[at].sell.is_stop and rows[at].hidden_stops == 0
    book = OrderLedger([stop_buy("0000001", d.bids[3].price, d.asks[4].price),
                      record(Action.BUY, d.bids[3].price, 2, "0000002")])
    rows = {r.price: r for r in ladder_rows(d, None, own_orders(book.rows, "005930", book))}
    assert not rows[d.bids[3].price].buy.is_stop and rows[d.bids[3].price].hidden_stops == 1
