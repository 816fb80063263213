"""kt00007 계좌별주문체결내역상세: every order of the day, modifies and cancels as their own rows."""

from __future__ import annotations

import pytest

from .kiwoom import HISTORY_BODY, Kiwoom
from .spec_check import problems

LIST = "acnt_ord_cntr_prps_dtl"


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def _by_no(rows: list[dict]) -> dict[str, dict]:
    return {r["ord_no"]: r for r in rows}


def test_every_field_of_the_spec_in_its_form(kw: Kiwoom):
    resting = kw.buy(qty=3, price=199_000, trde_tp="0")["ord_no"]
    kw.buy(qty=2)  # market: fills at once
    kw.modify(resting, qty=1, price=198_000)
    kw.cancel(resting, qty=1)
    kw.buy(qty=1, price=190_000, trde_tp="28", stop="201000")
    reply = kw.call("kt00007", HISTORY_BODY)
    assert problems("kt00007", reply) == []
    assert reply["return_msg"] == "조회가 완료되었습니다"
    rows, _ = kw.pages("kt00007", HISTORY_BODY, LIST)
    assert problems("kt00007", {LIST: rows, "return_code": 0, "return_msg": ""}) == []
    assert len(rows) == 5
    assert rows[-1]["cond_uv"] == "0000201000"


def test_a_new_order_row(kw: Kiwoom):
    ord_no = kw.buy(qty=3, price=199_000, trde_tp="0")["ord_no"]
    [row] = kw.history()
    assert {k: row[k] for k in ("ord_no", "stk_cd", "stk_nm", "trde_tp", "crd_tp", "ord_qty",
                                "ord_uv", "cnfm_qty", "acpt_tp", "ori_ord", "io_tp_nm",
                                "cntr_qty", "cntr_uv", "ord_remnq", "mdfy_cncl", "cnfm_tm",
                                "dmst_stex_tp", "cond_uv", "loan_dt")} == {
        "ord_no": ord_no, "stk_cd": "A005930", "stk_nm": "삼성전자", "trde_tp": "보통",
        "crd_tp": "보통매매", "ord_qty": "0000000003", "ord_uv": "0000199000",
        "cnfm_qty": "0000000000", "acpt_tp": "접수", "ori_ord": "0000000", "io_tp_nm": "현금매수",
        "cntr_qty": "0000000000", "cntr_uv": "0000000000", "ord_remnq": "0000000003",
        "mdfy_cncl": "", "cnfm_tm": "", "dmst_stex_tp": "KRX", "cond_uv": "0000000000",
        "loan_dt": "",
    }
    assert len(row["ord_tm"]) == 8 and row["ord_tm"][2] == ":"


def test_modify_and_cancel_are_rows_of_their_own(kw: Kiwoom):
    orig = kw.buy(qty=3, price=199_000, trde_tp="0")["ord_no"]
    moved = kw.modify(orig, qty=2, price=198_000)["ord_no"]
    cancel = kw.cancel(orig, qty=1)["ord_no"]  # the last 1 of the original 3
    rows = _by_no(kw.history())
    assert list(rows) == [orig, moved, cancel]
    assert (rows[orig]["ord_qty"], rows[orig]["ord_remnq"]) == ("0000000003", "0000000000")
    m = rows[moved]
    assert (m["ori_ord"], m["cnfm_qty"], m["ord_qty"], m["ord_uv"], m["ord_remnq"]) == (
        orig, "0000000002", "0000000002", "0000198000", "0000000002")
    assert (m["io_tp_nm"], m["acpt_tp"], m["mdfy_cncl"], m["trde_tp"]) == (
        "매수정정", "확인", "정정확인", "보통")
    assert m["cnfm_tm"] == m["ord_tm"]
    c = rows[cancel]
    assert (c["ori_ord"], c["cnfm_qty"], c["ord_qty"], c["io_tp_nm"], c["mdfy_cncl"]) == (
        orig, "0000000001", "0000000001", "매수취소", "취소확인")


def test_cancel_of_one_of_three_confirms_one(kw: Kiwoom):
    orig = kw.sell(qty=3, price=201_000, trde_tp="0")["ord_no"]
    cancel = kw.cancel(orig, qty=1)["ord_no"]
    rows = _by_no(kw.history())
    assert rows[cancel]["cnfm_qty"] == "0000000001"
    assert rows[cancel]["io_tp_nm"] == "매도취소"
    assert rows[orig]["ord_remnq"] == "0000000002"
    whole = kw.cancel(orig, qty=0)["ord_no"]  # "0": all that is left
    assert _by_no(kw.history())[whole]["cnfm_qty"] == "0000000002"


def test_a_rejected_cancel_is_not_listed(kw: Kiwoom):
    filled = kw.buy(qty=1)["ord_no"]
    assert kw.cancel(filled)["return_code"] != 0
    rows = kw.history()
    assert [r["ord_no"] for r in rows] == [filled]
    assert (rows[0]["cntr_qty"], rows[0]["cntr_uv"], rows[0]["ord_remnq"]) == (
        "0000000001", "0000200000", "0000000000")


def test_query_types_order_and_select(kw: Kiwoom):
    filled = kw.buy()["ord_no"]
    resting = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    sold = kw.sell(price=201_000, trde_tp="0")["ord_no"]
    assert [r["ord_no"] for r in kw.history(qry_tp="2")] == [sold, resting, filled]
    assert [r["ord_no"] for r in kw.history(qry_tp="3")] == [resting, sold]
    assert [r["ord_no"] for r in kw.history(qry_tp="4")] == [filled]


def test_filters(kw: Kiwoom):
    a = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    b = kw.sell(price=201_000, trde_tp="0")["ord_no"]
    c = kw.buy(stk_cd="035720", price=59_000, trde_tp="0")["ord_no"]
    assert [r["ord_no"] for r in kw.history(sell_tp="1")] == [b]
    assert [r["ord_no"] for r in kw.history(sell_tp="2")] == [a, c]
    assert [r["ord_no"] for r in kw.history(stk_cd="035720")] == [c]
    assert [r["ord_no"] for r in kw.history(stk_cd="A005930")] == [a, b]
    assert [r["ord_no"] for r in kw.history(fr_ord_no=b)] == [b, c]
    assert [r["ord_no"] for r in kw.history(dmst_stex_tp="KRX")] == [a, b, c]
    assert kw.history(dmst_stex_tp="NXT") == []
    assert kw.history(stk_bond_tp="2") == []
    assert kw.history(ord_dt="20000103") == []
    today = kw.sim.clock.now().strftime("%Y%m%d")
    assert len(kw.history(ord_dt=today)) == 3


def test_venue_filter_on_the_real_profile(make_sim):
    sim = make_sim(profile="real")
    sim.market.set_price("005930", 200_000)
    kw = Kiwoom(sim)
    krx = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    nxt = kw.buy(price=199_000, trde_tp="0", exchange="NXT")["ord_no"]
    sor = kw.buy(exchange="SOR")["ord_no"]
    assert [r["ord_no"] for r in kw.history(dmst_stex_tp="NXT")] == [nxt]
    assert [r["dmst_stex_tp"] for r in kw.history()] == ["KRX", "NXT", "SOR"]
    assert [r["ord_no"] for r in kw.history(dmst_stex_tp="SOR")] == [sor]
    assert krx < nxt < sor
    kw.http.close()


def test_pages_in_both_directions(kw: Kiwoom):
    numbers = [kw.buy(price=190_000 + i * 100, trde_tp="0")["ord_no"] for i in range(7)]
    rows, pages = kw.pages("kt00007", HISTORY_BODY, LIST)
    assert ([r["ord_no"] for r in rows], pages) == (numbers, 3)
    rows, pages = kw.pages("kt00007", {**HISTORY_BODY, "qry_tp": "2"}, LIST)
    assert ([r["ord_no"] for r in rows], pages) == (numbers[::-1], 3)


@pytest.mark.parametrize("name", ["qry_tp", "stk_bond_tp", "sell_tp", "dmst_stex_tp"])
def test_a_missing_required_field_is_1511(kw: Kiwoom, name: str):
    body = {k: v for k, v in HISTORY_BODY.items() if k != name}
    reply = kw.call("kt00007", body)
    assert reply["return_code"] == 2
    assert reply["return_msg"].endswith(f"[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터={name}]")


def test_bad_values_are_1517(kw: Kiwoom):
    assert "[1517:" in kw.call("kt00007", {**HISTORY_BODY, "qry_tp": "9"})["return_msg"]
    assert "[1517:" in kw.call("kt00007", {**HISTORY_BODY, "ord_dt": "20241340"})["return_msg"]
