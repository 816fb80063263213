"""Matching, one test per order-type family, with a fixed seed and prices set by hand.

005930 at 200,000: a step's liquidity (50,000,000 won) is 250 shares.
"""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom, order_of

CASH = 100_000_000
HELD = 10  # 005930 shares the practice account starts with


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def _fills(sim, ord_no):
    return [(e.qty, e.price) for e in sim.engine.executions if e.ord_no == ord_no]


def test_market_buy_and_sell_fill_at_once_at_the_current_price(sim, kw: Kiwoom):
    sim.market.set_price("005930", 201_000)
    buy = kw.buy(qty=2)["ord_no"]
    assert _fills(sim, buy) == [(2, 201_000)]
    assert kw.cash() == CASH - 402_000 and kw.orderable_cash() == CASH - 402_000
    assert kw.holding("005930") == HELD + 2
    sell = kw.sell(qty=3)["ord_no"]
    assert _fills(sim, sell) == [(3, 201_000)]
    assert kw.cash() == CASH - 402_000 + 603_000
    assert kw.holding("005930") == HELD - 1
    assert [(f["ord_no"], f["cntr_pric"], f["cntr_qty"]) for f in kw.fills()] == [
        (sell, "201000", "3"), (buy, "201000", "2")]


def test_marketable_limit_fills_at_the_current_price(sim, kw: Kiwoom):
    buy = kw.buy(qty=1, price=201_000, trde_tp="0")["ord_no"]
    assert _fills(sim, buy) == [(1, 200_000)]
    assert kw.orderable_cash() == kw.cash() == CASH - 200_000  # the rest of the reserve is back


def test_limit_rests_until_the_price_crosses_then_fills_at_its_price(sim, kw: Kiwoom):
    buy = kw.buy(qty=2, price=199_000, trde_tp="0")["ord_no"]
    sell = kw.sell(qty=1, price=201_000, trde_tp="0")["ord_no"]
    assert [o["ord_no"] for o in kw.open_orders()] == [sell, buy]
    sim.market.set_price("005930", 199_500)
    assert _fills(sim, buy) == []
    sim.market.set_price("005930", 198_500)
    assert _fills(sim, buy) == [(2, 199_000)]
    sim.market.set_price("005930", 201_500)
    assert _fills(sim, sell) == [(1, 201_000)]
    assert kw.open_orders() == []
    assert kw.cash() == CASH - 398_000 + 201_000


def test_ioc_fills_what_it_can_and_cancels_the_rest(sim, kw: Kiwoom):
    ioc = kw.buy(qty=300, price=200_000, trde_tp="10")["ord_no"]
    assert _fills(sim, ioc) == [(250, 200_000)]
    assert order_of(sim, ioc)["state"] == "cancelled"
    unmarketable = kw.buy(qty=1, price=199_000, trde_tp="10")["ord_no"]
    assert _fills(sim, unmarketable) == [] and order_of(sim, unmarketable)["state"] == "cancelled"
    market_ioc = kw.sell(qty=2, trde_tp="13")["ord_no"]
    assert _fills(sim, market_ioc) == [(2, 200_000)]
    assert kw.open_orders() == []
    assert kw.orderable_cash() == kw.cash() == CASH - 250 * 200_000 + 2 * 200_000


def test_fok_fills_all_or_nothing(sim, kw: Kiwoom):
    market_fok = kw.buy(qty=251, trde_tp="23")["ord_no"]
    assert _fills(sim, market_fok) == [] and order_of(sim, market_fok)["state"] == "cancelled"
    too_big = kw.buy(qty=300, price=200_000, trde_tp="20")["ord_no"]
    assert _fills(sim, too_big) == [] and order_of(sim, too_big)["state"] == "cancelled"
    fits = kw.buy(qty=200, price=200_000, trde_tp="20")["ord_no"]
    assert _fills(sim, fits) == [(200, 200_000)]
    assert kw.orderable_cash() == kw.cash() == CASH - 200 * 200_000


def test_stop_limit_rests_until_its_stop_trades_then_acts_as_a_limit(sim, kw: Kiwoom):
    buy = kw.buy(qty=1, price=202_000, trde_tp="28", stop=201_000)["ord_no"]
    sell = kw.sell(qty=1, price=198_000, trde_tp="28", stop=199_000)["ord_no"]
    rows = {o["ord_no"]: o for o in kw.open_orders()}
    assert rows[buy]["stop_pric"] == "201000" and rows[buy]["trde_tp"] == "스톱지정가"
    sim.market.set_price("005930", 200_500)
    assert _fills(sim, buy) == []
    sim.market.set_price("005930", 201_000)
    assert _fills(sim, buy) == [(1, 201_000)]
    sim.market.set_price("005930", 199_000)
    assert _fills(sim, sell) == [(1, 199_000)]


def test_triggered_stop_that_is_not_marketable_rests_as_a_limit(sim, kw: Kiwoom):
    buy = kw.buy(qty=1, price=201_000, trde_tp="28", stop=201_000)["ord_no"]
    sim.market.set_price("005930", 202_000)  # triggers, but 202,000 is above the limit
    assert _fills(sim, buy) == []
    sim.market.set_price("005930", 200_500)
    assert _fills(sim, buy) == [(1, 201_000)]


def test_mid_price_orders_fill_at_the_midpoint(sim, kw: Kiwoom):
    sim.market.set_price("005930", 150_000)  # book 149,900 / 150,100
    assert _fills(sim, kw.buy(qty=1, trde_tp="29")["ord_no"]) == [(1, 150_000)]
    sim.market.set_price("005930", 200_000)  # book 199,900 / 200,500 across the tick band
    assert _fills(sim, kw.buy(qty=1, trde_tp="30")["ord_no"]) == [(1, 200_200)]
    assert _fills(sim, kw.sell(qty=1, trde_tp="31")["ord_no"]) == [(1, 200_200)]


def test_best_and_priority_limits_fill_at_the_current_price(sim, kw: Kiwoom):
    for trde_tp in ("6", "7", "16", "26"):
        ord_no = kw.buy(qty=1, trde_tp=trde_tp)["ord_no"]
        assert _fills(sim, ord_no) == [(1, 200_000)], trde_tp


def test_best_limit_rest_waits_at_its_first_price(sim, kw: Kiwoom):
    best = kw.buy(qty=300, trde_tp="6")["ord_no"]
    assert _fills(sim, best) == [(250, 200_000)]
    sim.market.set_price("005930", 201_000)
    assert _fills(sim, best) == [(250, 200_000)]
    sim.market.set_price("005930", 199_500)
    assert _fills(sim, best) == [(250, 200_000), (50, 200_000)]


def test_large_orders_fill_in_parts_over_steps(sim, kw: Kiwoom):
    big = kw.buy(qty=300)["ord_no"]
    assert _fills(sim, big) == [(250, 200_000)]
    [row] = kw.open_orders()
    assert (row["ord_no"], row["oso_qty"], row["cntr_qty"], row["ord_stt"]) == (big, "50", "250", "체결")
    sim.market.step(["005930"])
    price = sim.market.price("005930")
    assert _fills(sim, big) == [(250, 200_000), (50, price)]
    assert kw.holding("005930") == HELD + 300
    assert kw.orderable_cash() == kw.cash() == CASH - 250 * 200_000 - 50 * price


def test_closing_price_orders(sim, kw: Kiwoom):
    sim.market.set_price("005930", 210_000)
    assert _fills(sim, kw.buy(trde_tp="61")["ord_no"]) == [(1, 200_000)]  # yesterday's close
    assert _fills(sim, kw.buy(trde_tp="81")["ord_no"]) == [(1, 210_000)]  # the last price


def test_partial_modify_moves_only_that_quantity(sim, kw: Kiwoom):
    orig = kw.buy(qty=5, price=199_000, trde_tp="0")["ord_no"]
    new = kw.modify(orig, qty=2, price=199_500)
    assert new["mdfy_qty"] == "000000000002" and new["base_orig_ord_no"] == orig
    rows = {o["ord_no"]: o for o in kw.open_orders()}
    assert (rows[orig]["oso_qty"], rows[new["ord_no"]]["oso_qty"]) == ("3", "2")
    assert rows[new["ord_no"]]["io_tp_nm"] == "+매수정정"
    assert rows[new["ord_no"]]["orig_ord_no"] == orig
    assert kw.orderable_cash() == CASH - 3 * 199_000 - 2 * 199_500
    # A modify of the modify keeps the chain's root.
    again = kw.modify(new["ord_no"], price=200_000)  # marketable now: fills at once
    assert again["base_orig_ord_no"] == orig and again["mdfy_qty"] == "000000000002"
    assert _fills(sim, again["ord_no"]) == [(2, 200_000)]


def test_modify_to_a_higher_price_needs_the_cash(sim, kw: Kiwoom):
    orig = kw.buy(qty=490, price=199_000, trde_tp="0")["ord_no"]
    reply = kw.modify(orig, price=205_000)
    assert reply["return_msg"] == "[2000](RC4025:모의투자 주문가능금액을 확인하세요.)"
    assert kw.open_orders()[0]["oso_qty"] == "490"


def test_partial_cancel_reports_what_it_cancelled(sim, kw: Kiwoom):
    orig = kw.sell(qty=5, price=201_000, trde_tp="0")["ord_no"]
    reply = kw.cancel(orig, qty=2)
    assert reply["cncl_qty"] == "000000000002" and reply["base_orig_ord_no"] == orig
    assert kw.open_orders()[0]["oso_qty"] == "3"
    assert kw.sell(qty=7)["return_code"] == 0  # 10 held - 3 still promised


def test_sell_modify_keeps_the_shares_promised(sim, kw: Kiwoom):
    orig = kw.sell(qty=10, price=201_000, trde_tp="0")["ord_no"]
    kw.modify(orig, price=202_000)
    assert kw.sell(qty=1)["return_code"] == 20
    sim.market.set_price("005930", 202_000)
    assert kw.holding("005930") == 0 and kw.cash() == CASH + 10 * 202_000


def test_seeded_walk_repeats_and_stays_on_the_grid(make_sim):
    from kiwoom_ticket.domain.ticks import is_on_tick, price_limits

    paths = []
    for _ in range(2):
        sim = make_sim(seed=7)
        path = []
        for _ in range(30):
            sim.market.step()
            path.append({code: sim.market.price(code) for code in sim.market.codes()})
        paths.append(path)
    assert paths[0] == paths[1]
    assert paths[0][0] != paths[0][-1]
    for prices in paths[0]:
        for code, price in prices.items():
            lower, upper = price_limits(sim.market.stock(code).base_price)
            assert is_on_tick(price) and lower <= price <= upper


def test_set_price_refuses_prices_off_the_grid_or_outside_limits(sim):
    with pytest.raises(ValueError):
        sim.market.set_price("005930", 200_100)
    with pytest.raises(ValueError):
        sim.market.set_price("005930", 261_000)
    with pytest.raises(KeyError):
        sim.market.set_price("999999", 1_000)


def test_frozen_market_ignores_the_timer_but_not_step(sim):
    sim.market.freeze()
    before = {c: sim.market.price(c) for c in sim.market.codes()}
    sim.market.walk()
    assert {c: sim.market.price(c) for c in sim.market.codes()} == before
    sim.market.unfreeze()
    sim.market.walk()
    assert {c: sim.market.price(c) for c in sim.market.codes()} != before
