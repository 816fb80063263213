"""ka10004 order book, ka10099 stock list, and the ka10100/ka10001 fields Kiwoom fills."""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom
from .spec_check import problems


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def test_book_has_every_field_of_the_spec(kw: Kiwoom):
    reply = kw.call("ka10004", {"stk_cd": "005930"})
    assert problems("ka10004", reply) == []
    assert reply["return_msg"] == "정상적으로 처리되었습니다"
    assert len(reply["bid_req_base_tm"]) == 6


def test_book_is_ten_ticks_each_side_of_the_last_price(sim, kw: Kiwoom):
    sim.market.set_price("005930", 190_000)
    book = kw.call("ka10004", {"stk_cd": "005930"})
    # Base 200,000: everything below it carries a minus sign. Ticks of 100 below 200,000.
    assert (book["sel_fpr_bid"], book["buy_fpr_bid"]) == ("-190100", "-189900")
    assert book["sel_2th_pre_bid"] == "-190200" and book["sel_10th_pre_bid"] == "-191000"
    assert book["buy_10th_pre_bid"] == "-189000"
    per_level = str(sim.config.step_liquidity_krw // 190_100)
    assert book["sel_fpr_req"] == per_level
    total = sum(int(book[k]) for k in book if k.startswith("sel_") and k.endswith("_req"))
    assert int(book["tot_sel_req"]) == total


def test_resting_orders_sit_in_the_book_at_their_prices(sim, kw: Kiwoom):
    before = kw.call("ka10004", {"stk_cd": "005930"})
    kw.buy(qty=7, price=199_700, trde_tp="0")  # bid level 3: 199,900 / 199,800 / 199,700
    kw.buy(qty=5, price=199_700, trde_tp="0")
    kw.sell(qty=4, price=200_500, trde_tp="0")  # best ask
    kw.sell(qty=1, price=150_000, trde_tp="28", stop="150000")  # stop: not in the book
    after = kw.call("ka10004", {"stk_cd": "005930"})
    assert after["buy_3th_pre_bid"] == "-199700"
    assert int(after["buy_3th_pre_req"]) - int(before["buy_3th_pre_req"]) == 12
    assert int(after["sel_fpr_req"]) - int(before["sel_fpr_req"]) == 4
    assert int(after["tot_buy_req"]) - int(before["tot_buy_req"]) == 12
    assert int(after["tot_sel_req"]) - int(before["tot_sel_req"]) == 4


def test_book_stops_at_the_price_limit(sim, kw: Kiwoom):
    sim.market.set_price("005930", 259_000)  # upper limit 260,000
    book = kw.call("ka10004", {"stk_cd": "005930_NX"})
    assert (book["sel_fpr_bid"], book["sel_2th_pre_bid"], book["sel_3th_pre_bid"]) == (
        "+259500", "+260000", "0")
    assert book["sel_3th_pre_req"] == "0"


def test_book_needs_a_known_stock(kw: Kiwoom):
    assert kw.call("ka10004", {})["return_msg"].endswith("필수입력 파라미터=stk_cd]")
    assert "[1902:" in kw.call("ka10004", {"stk_cd": "999999"})["return_msg"]


def test_stock_list_by_market_pages(sim, kw: Kiwoom):
    kospi, pages = kw.pages("ka10099", {"mrkt_tp": "0"}, "list")
    assert pages > 1  # page size 3
    codes = [r["code"] for r in kospi]
    assert codes == sorted(codes) and "005930" in codes and "247540" not in codes
    assert {r["marketName"] for r in kospi} == {"거래소"}
    kosdaq, _ = kw.pages("ka10099", {"mrkt_tp": "10"}, "list")
    assert {r["marketCode"] for r in kosdaq} == {"10"}
    assert len(kospi) + len(kosdaq) == len(sim.market.codes())
    assert kw.call("ka10099", {"mrkt_tp": "8"})["list"] == []  # no ETFs here
    first = kw.call("ka10099", {"mrkt_tp": "10"})
    assert problems("ka10099", first) == []
    assert kw.call("ka10099", {})["return_msg"].endswith("필수입력 파라미터=mrkt_tp]")


def test_stock_lookup_fills_listing_date_and_sector(kw: Kiwoom):
    info = kw.call("ka10100", {"stk_cd": "005930"})
    assert problems("ka10100", info) == []
    assert (info["regDay"], info["upName"], info["upSizeName"]) == ("19750611", "전기·전자", "대형주")
    assert kw.call("ka10100", {"stk_cd": "247540"})["companyClassName"] == "우량기업부"


def test_basic_info_fills_capital_and_collateral_price(kw: Kiwoom):
    info = kw.call("ka10001", {"stk_cd": "005930"})
    assert problems("ka10001", info) == []
    assert info["dstr_rt"] == "+100.0"
    assert info["cap"] == str(5919637922 * 100 // 100_000_000)
    assert info["repl_pric"] == "140000"
