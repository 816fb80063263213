"""The 호가 book from ka10004 and 0D, and the ladder's rows with the account's badges.

Field names and ids copied from Kiwoom's spec (ka10004 주식호가요청, 0D 주식호가잔량):
level 1 is sel_fpr_bid / sel_fpr_req, levels 2..10 sel_{n}th_pre_bid / _req ("2th" sic),
each level's 대비 sel_{n}th_pre_req_pre; 0D asks 41-50 / qty 61-70 / 대비 81-90, bids
51-60 / 71-80 / 91-100, totals 121 / 125, 예상체결 23/24 and 291/292 (auction only).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.ladder_rows import (
    ASK,
    BID,
    ROWS,
    bar_scale,
    ladder_rows,
    own_orders,
    unseen_orders,
)
from kiwoom_ticket.domain.market_depth import KA10004_FIELDS, Depth, Level, is_number_text
from kiwoom_ticket.domain.order_ledger import OrderLedger
from kiwoom_ticket.domain.orders import Action, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks

# The spec's real mock capture (005930, 2026-09-18), levels 1-2 and 10 of each side.
KA10004 = {
    "bid_req_base_tm": "112046",
    "sel_10th_pre_req": "58186", "sel_10th_pre_bid": "+263500", "sel_10th_pre_req_pre": "0",
    "sel_2th_pre_req_pre": "+22", "sel_2th_pre_req": "69649", "sel_2th_pre_bid": "+259500",
    "sel_1th_pre_req_pre": "0", "sel_fpr_req": "26105", "sel_fpr_bid": "+259000",
    "buy_fpr_bid": "+258500", "buy_fpr_req": "48397", "buy_1th_pre_req_pre": "0",
    "buy_2th_pre_bid": "+258000", "buy_2th_pre_req": "41885", "buy_2th_pre_req_pre": "-7",
    "buy_10th_pre_bid": "+254000", "buy_10th_pre_req": "27465",
    "tot_sel_req_jub_pre": "+22", "tot_sel_req": "1033420", "tot_buy_req": "436757",
    "return_code": 0, "return_msg": "정상적으로 처리되었습니다",
}


def test_ka10004_levels_come_best_first_with_their_sign_kept_apart():
    d = Depth.from_ka10004(KA10004, "005930")
    assert d.code == "005930" and d.time == "112046"
    assert d.asks[0] == Level(259_000, 26_105, 0, 1)
    assert d.asks[1] == Level(259_500, 69_649, 22, 1)
    assert d.asks[9] == Level(263_500, 58_186, 0, 1)
    assert d.bids[0] == Level(258_500, 48_397, 0, 1)
    assert d.bids[1] == Level(258_000, 41_885, -7, 1)
    assert d.bids[9].price == 254_000
    assert d.asks[2].price == 0  # not in the reply: an empty level, not a guess
    assert (d.ask_total, d.bid_total) == (1_033_420, 436_757)
    assert not d.has_expected


def test_a_price_below_the_base_reads_as_below():
    d = Depth.from_ka10004({"sel_fpr_bid": "-199000", "sel_fpr_req": "3",
                            "buy_fpr_bid": "198900", "buy_fpr_req": "4"})
    assert d.asks[0] == Level(199_000, 3, 0, -1)
    assert d.bids[0] == Level(198_900, 4, 0, 0)


def test_every_field_the_client_checks_is_in_the_spec_shape():
    assert "sel_fpr_bid" in KA10004_FIELDS and "buy_10th_pre_req_pre" in KA10004_FIELDS
    assert "sel_1th_pre_req_pre" in KA10004_FIELDS and "sel_1th_pre_bid" not in KA10004_FIELDS
    assert is_number_text("+263500") and is_number_text("") and is_number_text(" 0")
    assert not is_number_text(263500) and not is_number_text("1e9") and not is_number_text(None)


def spec_0d(**extra: str) -> dict[str, str]:
    """The spec's 0D example (first levels) plus `extra`."""
    v = {"21": "165207", "41": "-20800", "61": "82", "81": "-5", "51": "-20700", "71": "23847",
         "91": "+12", "42": "+20900", "62": "393", "52": "-20650", "72": "834748",
         "121": "12622527", "125": "14453430"}
    v.update(extra)
    return v


def test_0d_reads_the_same_book():
    d = Depth.from_0d("005930", spec_0d())
    assert d.asks[0] == Level(20_800, 82, -5, -1)
    assert d.asks[1] == Level(20_900, 393, 0, 1)
    assert d.bids[0] == Level(20_700, 23_847, 12, -1)
    assert d.bids[1] == Level(20_650, 834_748, 0, -1)
    assert (d.ask_total, d.bid_total, d.time) == (12_622_527, 14_453_430, "165207")


def test_the_expected_price_is_the_auctions_only():
    assert not Depth.from_0d("005930", spec_0d(**{"291": "0", "292": "0", "23": "20850",
                                                  "24": "332941"})).has_expected
    d = Depth.from_0d("005930", spec_0d(**{"291": "+20850", "292": "332941"}))
    assert (d.expected_price, d.expected_qty) == (20_850, 332_941)
    old = Depth.from_0d("005930", spec_0d(**{"23": "20850", "24": "332941"}))  # no 291
    assert (old.expected_price, old.expected_qty) == (20_850, 332_941)


NUMBERISH = st.text(alphabet="+-0123456789 ,.e", max_size=10)


@given(st.dictionaries(st.sampled_from((*KA10004_FIELDS, "bid_req_base_tm")),
                       st.one_of(NUMBERISH, st.integers(-10**20, 10**20), st.none())))
def test_any_reply_gives_ten_levels_a_side_and_never_a_negative(body):
    d = Depth.from_ka10004(body)
    assert len(d.asks) == len(d.bids) == 10
    for lv in d.asks + d.bids:
        assert lv.price >= 0 and lv.qty >= 0
        assert lv.price or lv == Level(0, 0)


@given(st.dictionaries(st.integers(1, 300).map(str), NUMBERISH))
def test_any_0d_gives_ten_levels_a_side(values):
    d = Depth.from_0d("005930", values)
    assert len(d.asks) == len(d.bids) == 10 and d.ask_total >= 0 and d.expected_qty >= 0


# ---- the ladder's rows ------------------------------------------------------------------

T0 = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def book_around(last: int) -> Depth:
    asks = tuple(Level(step_ticks(last, n), 100 * n, 0, 1) for n in range(1, 11))
    bids = tuple(Level(step_ticks(last, -n + 1), 50 * n, 0, -1) for n in range(1, 11))
    return Depth("005930", asks, bids, 5500, 2750)


def record(action: Action, price: int, qty: int, ord_no: str, *, filled: int = 0,
           status: OrderStatus = OrderStatus.ACCEPTED, minutes: int = 0,
           orig: str | None = None, code: str = "005930") -> OrderRecord:
    if action.is_new:
        order = NewOrder(action, Exchange.KRX, code, qty, "0", price)
    else:
        order = ModifyOrder(Exchange.KRX, orig or "", code, qty, price)
    rec = OrderRecord.from_request(f"id-{ord_no}", "practice", order)
    at = T0 + timedelta(minutes=minutes)
    return replace(rec, status=status, ord_no=ord_no, filled_qty=filled, created_at=at,
                   updated_at=at, trade_day="20261202")


def test_twenty_rows_tenth_ask_on_top_best_bid_under_the_best_ask():
    d = book_around(200_000)
    rows = ladder_rows(d, last_price=200_000)
    assert len(rows) == ROWS
    assert [r.side for r in rows] == [ASK] * 10 + [BID] * 10
    assert rows[0].price == d.asks[9].price and rows[9].price == d.asks[0].price
    assert rows[10].price == d.bids[0].price == 200_000 and rows[19].price == d.bids[9].price
    assert [r.is_last for r in rows].count(True) == 1 and rows[10].is_last


def test_open_orders_become_badges_at_their_price_with_what_is_left():
    d = book_around(200_000)
    buy_at = d.bids[2].price
    sell_at = d.asks[1].price
    records = [
        record(Action.BUY, buy_at, 10, "0000001", filled=3),
        record(Action.BUY, buy_at, 5, "0000002", minutes=1),
        record(Action.SELL, sell_at, 7, "0000003"),
        record(Action.BUY, buy_at, 9, "0000004", status=OrderStatus.FILLED, filled=9),
        record(Action.BUY, buy_at, 9, "0000005", code="000660"),
        record(Action.SELL, d.asks[5].price, 4, "0000006", status=OrderStatus.MODIFIED),
    ]
    book = OrderLedger(records)
    orders = own_orders(book.rows, "005930", book, "20261202")
    rows = ladder_rows(d, 200_000, orders)
    by_price = {r.price: r for r in rows}
    badge = by_price[buy_at].buy
    assert badge is not None and (badge.open_qty, badge.count) == (7 + 5, 2)
    assert badge.record.ord_no == "0000002"  # the newest: what a drag or x acts on
    assert by_price[buy_at].sell is None
    assert by_price[sell_at].sell.open_qty == 7 and by_price[sell_at].buy is None
    assert sum(1 for r in rows if r.buy or r.sell) == 2


def test_a_modify_is_an_order_of_its_own_on_its_originals_side():
    d = book_around(200_000)
    original = record(Action.SELL, d.asks[3].price, 6, "0000001", status=OrderStatus.MODIFIED)
    moved = record(Action.MODIFY, d.asks[1].price, 6, "0000002", orig="0000001", minutes=1)
    book = OrderLedger([original, moved])
    orders = own_orders(book.rows, "005930", book, "20261202")
    assert [(o.side, o.price, o.open_qty) for o in orders] == [(Action.SELL, d.asks[1].price, 6)]


def test_yesterdays_numbers_are_not_todays_badges():
    d = book_around(200_000)
    old = replace(record(Action.BUY, d.bids[1].price, 1, "0000001"), trade_day="20261201")
    book = OrderLedger([old])
    assert own_orders(book.rows, "005930", book, "20261202") == []


def test_an_order_outside_the_ten_levels_is_reported_unseen():
    d = book_around(200_000)
    far = record(Action.BUY, step_ticks(200_000, -30), 1, "0000001")
    near = record(Action.BUY, d.bids[0].price, 1, "0000002")
    book = OrderLedger([far, near])
    orders = own_orders(book.rows, "005930", book)
    assert [o.record.ord_no for o in unseen_orders(ladder_rows(d, None, orders), orders)] \
        == ["0000001"]


def test_no_row_is_marked_when_the_last_price_is_between_levels():
    rows = ladder_rows(book_around(200_000), last_price=199_950)
    assert not any(r.is_last for r in rows)


@given(st.integers(0, 10**12))
def test_the_bar_scale_covers_the_largest_level_with_a_round_number(n):
    scale = bar_scale(n)
    assert scale >= max(n, 1)
    assert scale < 3 * max(n, 1)  # 1-2-5 steps: never more than 2.5x too big
    assert int(str(scale)[0]) in (1, 2, 5) and set(str(scale)[1:]) <= {"0"}


def test_a_small_change_keeps_the_bar_scale():
    assert bar_scale(41_000) == bar_scale(43_000) == 50_000
