"""Account and stock queries: fields as the spec dumps, numbers as Kiwoom writes them."""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def test_open_order_row(sim, kw: Kiwoom):
    sim.market.set_price("005930", 201_000)
    ord_no = kw.buy(qty=3, price=200_000, trde_tp="0")["ord_no"]
    [row] = kw.open_orders()
    assert row["acnt_no"] == sim.config.account_no
    assert {k: row[k] for k in ("ord_no", "stk_cd", "stk_nm", "ord_qty", "ord_pric", "oso_qty",
                                "orig_ord_no", "io_tp_nm", "trde_tp", "ord_stt", "stex_tp",
                                "stex_tp_txt", "sor_yn", "cur_prc")} == {
        "ord_no": ord_no, "stk_cd": "005930", "stk_nm": "삼성전자", "ord_qty": "3",
        "ord_pric": "200000", "oso_qty": "3", "orig_ord_no": "0000000", "io_tp_nm": "+매수",
        "trde_tp": "보통", "ord_stt": "접수", "stex_tp": "1", "stex_tp_txt": "KRX",
        "sor_yn": "N", "cur_prc": "+201000",
    }
    assert len(row["tm"]) == 6 and row["tm"].isdigit()


def test_open_orders_filter_by_stock_and_side(kw: Kiwoom):
    buy = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    sell = kw.sell(price=201_000, trde_tp="0")["ord_no"]
    other = kw.buy(stk_cd="035720", price=59_000, trde_tp="0")["ord_no"]
    assert [o["ord_no"] for o in kw.open_orders(trde_tp="2")] == [other, buy]
    assert [o["ord_no"] for o in kw.open_orders(trde_tp="1")] == [sell]
    assert [o["ord_no"] for o in kw.open_orders(all_stk_tp="1", stk_cd="035720")] == [other]
    assert kw.open_orders(stex_tp="2") == []
    assert "파라미터=stk_cd" in kw.call("ka10075", {"all_stk_tp": "1", "trde_tp": "0",
                                                   "stex_tp": "0"})["return_msg"]


def test_fills_filter_by_order_number(kw: Kiwoom):
    numbers = [kw.buy()["ord_no"] for _ in range(3)]
    assert [f["ord_no"] for f in kw.fills(ord_no=numbers[2])] == [numbers[1], numbers[0]]
    row = kw.fills()[0]
    assert (row["ord_stt"], row["io_tp_nm"], row["trde_tp"], row["oso_qty"]) == (
        "체결", "+매수", "시장가", "0")


def test_balance_totals(sim, kw: Kiwoom):
    sim.market.set_price("005930", 210_000)
    reply = kw.call("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"})
    row = next(r for r in reply["acnt_evlt_remn_indv_tot"] if r["stk_cd"] == "A005930")
    assert row["rmnd_qty"] == "000000000000010" and row["trde_able_qty"] == "000000000000010"
    assert row["pur_pric"] == "000000000190000" and row["cur_prc"] == "000000210000"
    assert row["evlt_amt"] == "000000002100000" and row["evltv_prft"] == "000000000200000"
    assert row["prft_rt"] == "10.53"
    kakao = next(r for r in reply["acnt_evlt_remn_indv_tot"] if r["stk_cd"] == "A035720")
    assert kakao["evltv_prft"] == "-00000000040000"  # bought at 62,000, now 60,000
    value = 10 * 210_000 + 2 * 550_000 + 20 * 60_000
    assert reply["tot_evlt_amt"] == f"{value:015d}"
    assert reply["prsm_dpst_aset_amt"] == f"{100_000_000 + value:015d}"


def test_deposit_and_orderable_amounts(kw: Kiwoom):
    kw.buy(qty=10, price=199_000, trde_tp="0")
    deposit = kw.call("kt00001", {"qry_tp": "3"})
    assert deposit["entr"] == "000000100000000"
    assert deposit["ord_alow_amt"] == f"{100_000_000 - 1_990_000:015d}"
    assert deposit["stk_entr_prst"] == []
    orderable = kw.call("kt00010", {"io_amt": "", "stk_cd": "005930", "trde_tp": "2",
                                    "trde_qty": "", "uv": "200000", "exp_buy_unp": ""})
    assert orderable["ord_alowa"] == f"{98_010_000:012d}"
    assert orderable["profa_100ord_alowq"] == f"{98_010_000 // 200_000:010d}"
    assert orderable["return_msg"] == "주문/인출가능금액 시뮬레이션 조회완료하였습니다."
    sellable = kw.call("kt00010", {"stk_cd": "005930", "trde_tp": "1", "uv": "200000"})
    assert sellable["profa_100ord_alowq"] == "0000000010"


def test_basic_info_is_signed_against_the_base_price(sim, kw: Kiwoom):
    sim.market.set_price("005930", 190_000)
    info = kw.call("ka10001", {"stk_cd": "005930"})
    assert (info["stk_nm"], info["base_pric"], info["cur_prc"]) == ("삼성전자", "200000", "-190000")
    assert (info["upl_pric"], info["lst_pric"]) == ("+260000", "-140000")
    assert (info["pred_pre"], info["flu_rt"], info["pre_sig"]) == ("-10000", "-5.00", "5")
    assert info["high_pric"] == "200000" and info["low_pric"] == "-190000"
    sim.market.set_price("005930", 260_000)
    up = kw.call("ka10001", {"stk_cd": "005930_NX"})
    assert (up["cur_prc"], up["pre_sig"], up["flu_rt"]) == ("+260000", "1", "+30.00")


def test_stock_lookup_and_account_number(sim, kw: Kiwoom):
    info = kw.call("ka10100", {"stk_cd": "035720"})
    assert (info["code"], info["name"], info["marketCode"], info["lastPrice"]) == (
        "035720", "카카오", "0", "00060000")
    assert kw.call("ka10100", {"stk_cd": "247540"})["marketName"] == "코스닥"
    assert kw.call("ka00001")["acctNo"] == sim.config.account_no


def test_at_least_thirty_listed_stocks_with_both_markets(sim):
    stocks = [sim.market.stock(c) for c in sim.market.codes()]
    assert len(stocks) >= 30
    assert {s.market for s in stocks} == {"KOSPI", "KOSDAQ"}
    samsung = sim.market.stock("005930")
    assert samsung.name == "삼성전자" and samsung.base_price == 200_000
