"""Continuation paging: cont-yn / next-key response headers, honoured on the next request."""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def test_open_orders_page_through_to_the_end(kw: Kiwoom):
    numbers = [kw.buy(price=190_000 + i * 100, trde_tp="0")["ord_no"] for i in range(8)]
    body = {"all_stk_tp": "0", "trde_tp": "0", "stk_cd": "", "stex_tp": "0"}
    rows, pages = kw.pages("ka10075", body, "oso")
    assert pages == 3  # page size 3
    assert [r["ord_no"] for r in rows] == sorted(numbers, reverse=True)


def test_first_page_alone_says_there_is_more(kw: Kiwoom):
    for i in range(4):
        kw.buy(price=190_000 + i * 100, trde_tp="0")
    r = kw.post("ka10075", {"all_stk_tp": "0", "trde_tp": "0", "stex_tp": "0"})
    assert len(r.json()["oso"]) == 3
    assert r.headers["cont-yn"] == "Y" and r.headers["next-key"]


def test_a_page_boundary_survives_new_orders_in_between(kw: Kiwoom):
    first = [kw.buy(price=190_000 + i * 100, trde_tp="0")["ord_no"] for i in range(5)]
    body = {"all_stk_tp": "0", "trde_tp": "0", "stex_tp": "0"}
    r = kw.post("ka10075", body)
    kw.buy(price=191_000, trde_tp="0")  # newer than everything: belongs before page one
    rest = kw.post("ka10075", body, **{"cont-yn": "Y", "next-key": r.headers["next-key"]})
    seen = [o["ord_no"] for o in r.json()["oso"] + rest.json()["oso"]]
    assert seen == sorted(first, reverse=True)


def test_fills_and_balance_page_too(sim, kw: Kiwoom):
    for _ in range(7):
        kw.buy()
    rows, pages = kw.pages("ka10076", {"qry_tp": "0", "sell_tp": "0", "stex_tp": "0"}, "cntr")
    assert (len(rows), pages) == (7, 3)
    for code in ("005380", "000270", "068270"):
        kw.buy(stk_cd=code)
    rows, pages = kw.pages("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"},
                             "acnt_evlt_remn_indv_tot")
    assert [r["stk_cd"] for r in rows] == ["A000270", "A000660", "A005380", "A005930",
                                           "A035720", "A068270"]
    assert pages == 2


def test_a_foreign_next_key_is_refused(kw: Kiwoom):
    reply = kw.call("ka10075", {"all_stk_tp": "0", "trde_tp": "0", "stex_tp": "0"},
                    **{"cont-yn": "Y", "next-key": "ka10076:0000001"})
    assert reply["return_code"] == 2 and "next-key" in reply["return_msg"]
