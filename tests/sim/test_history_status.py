"""kt00009 order/fill status, ka10088 open parts of an order, ka10170 the day's trade journal."""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom
from .spec_check import problems

STATUS = {"ord_dt": "", "stk_bond_tp": "0", "mrkt_tp": "0", "sell_tp": "0", "qry_tp": "0",
          "stk_cd": "", "fr_ord_no": "", "dmst_stex_tp": "%"}
STATUS_LIST = "acnt_ord_cntr_prst_array"
JOURNAL = {"base_dt": "", "ottks_tp": "2", "ch_crd_tp": "0"}


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def test_status_lists_fills_and_unfilled_orders(sim, kw: Kiwoom):
    big = kw.buy(qty=400, price=200_000, trde_tp="0")["ord_no"]  # fills 250 now, 150 next step
    sim.market.set_price("005930", 200_000)
    resting = kw.sell(qty=2, price=201_000, trde_tp="0")["ord_no"]
    cancel = kw.cancel(resting, qty=1)["ord_no"]
    reply = kw.call("kt00009", STATUS)
    assert problems("kt00009", reply) == []
    rows, _ = kw.pages("kt00009", STATUS, STATUS_LIST)
    assert [(r["ord_no"], r["cntr_no"]) for r in rows] == [
        (big, "0000001"), (big, "0000002"), (resting, ""), (cancel, "")]
    fills = [r for r in rows if r["cntr_no"]]
    assert sum(int(r["cntr_qty"]) for r in fills) == 400
    assert fills[0]["cntr_uv"] == "0000200000" and len(fills[0]["cntr_tm"]) == 8
    amount = sum(int(r["cntr_qty"]) * int(r["cntr_uv"]) for r in fills)
    assert reply["buy_engg_amt"] == f"{amount:012d}" and reply["engg_amt"] == f"{amount:012d}"
    assert reply["sell_grntl_engg_amt"] == "000000000000"
    assert rows[-1]["mdfy_cncl_tp"] == "취소확인" and rows[-1]["orig_ord_no"] == resting
    only_fills, _ = kw.pages("kt00009", {**STATUS, "qry_tp": "1"}, STATUS_LIST)
    assert {r["ord_no"] for r in only_fills} == {big}


def test_status_filters_by_market_and_side(kw: Kiwoom):
    kw.buy()
    kosdaq = kw.buy(stk_cd="247540")["ord_no"]
    rows, _ = kw.pages("kt00009", {**STATUS, "mrkt_tp": "2"}, STATUS_LIST)
    assert [r["ord_no"] for r in rows] == [kosdaq]
    assert kw.pages("kt00009", {**STATUS, "mrkt_tp": "3"}, STATUS_LIST)[0] == []
    assert kw.pages("kt00009", {**STATUS, "sell_tp": "1"}, STATUS_LIST)[0] == []


def test_status_pages(kw: Kiwoom):
    numbers = [kw.buy()["ord_no"] for _ in range(7)]
    rows, pages = kw.pages("kt00009", STATUS, STATUS_LIST)
    assert ([r["ord_no"] for r in rows], pages) == (numbers, 3)


@pytest.mark.parametrize("name", ["stk_bond_tp", "mrkt_tp", "sell_tp", "qry_tp", "dmst_stex_tp"])
def test_status_missing_field_is_1511(kw: Kiwoom, name):
    body = {k: v for k, v in STATUS.items() if k != name}
    assert kw.call("kt00009", body)["return_msg"].endswith(f"필수입력 파라미터={name}]")


def test_split_orders_are_the_open_parts_of_a_chain(kw: Kiwoom):
    orig = kw.buy(qty=5, price=199_000, trde_tp="0")["ord_no"]
    part = kw.modify(orig, qty=2, price=198_000)["ord_no"]
    kw.buy(qty=1, price=199_000, trde_tp="0")  # another order: not a part
    reply = kw.call("ka10088", {"ord_no": orig})
    assert problems("ka10088", reply) == []
    assert [(r["ord_no"], r["osop_qty"], r["ord_pric"]) for r in reply["osop"]] == [
        (orig, "3", "199000"), (part, "2", "198000")]
    assert reply["osop"][1]["io_tp_nm"] == "+매수정정" and reply["osop"][1]["sell_tp"] == "2"
    assert kw.call("ka10088", {"ord_no": str(int(part))})["osop"][0]["ord_no"] == part
    assert kw.call("ka10088", {"ord_no": "9999"})["osop"] == []
    assert kw.call("ka10088", {})["return_msg"].endswith("필수입력 파라미터=ord_no]")


def test_journal_of_a_round_trip(sim, kw: Kiwoom):
    kw.buy(qty=3)  # at 200,000
    sim.market.set_price("005930", 210_000)
    kw.sell(qty=5)  # 3 bought today + 2 of the 10 held at 190,000
    reply = kw.call("ka10170", JOURNAL)
    assert problems("ka10170", reply) == []
    [row] = reply["tdy_trde_diary"]
    assert (row["stk_cd"], row["buy_qty"], row["sell_qty"], row["sell_amt"]) == (
        "005930", "3", "5", "1050000")
    # The holding's average after the buy: (10*190,000 + 3*200,000) / 13 = 192,307.69...
    cost = (10 * 190_000 + 3 * 200_000) * 5 // 13
    assert row["pl_amt"] == str(1_050_000 - cost)
    assert reply["tot_pl_amt"] == row["pl_amt"] and reply["tot_cmsn_tax"] == "0"
    paired = kw.call("ka10170", {**JOURNAL, "ottks_tp": "1"})["tdy_trde_diary"][0]
    assert (paired["buy_qty"], paired["sell_qty"], paired["pl_amt"], paired["prft_rt"]) == (
        "3", "3", "30000", "5.00")
    assert kw.call("ka10170", {**JOURNAL, "ch_crd_tp": "2"})["tdy_trde_diary"] == []
    assert kw.call("ka10170", {**JOURNAL, "base_dt": "20000103"})["tdy_trde_diary"] == []


@pytest.mark.parametrize("name", ["ottks_tp", "ch_crd_tp"])
def test_journal_missing_field_is_1511(kw: Kiwoom, name):
    body = {k: v for k, v in JOURNAL.items() if k != name}
    assert kw.call("ka10170", body)["return_msg"].endswith(f"필수입력 파라미터={name}]")
