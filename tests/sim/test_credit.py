"""Credit orders kt10006–kt10009 (/api/dostk/crdordr) and the loans in the balance TRs."""

from __future__ import annotations

import pytest

from .kiwoom import HISTORY_BODY, Kiwoom
from .spec_check import problems


@pytest.fixture
def sim_config():
    from kiwoom_ticket.simulator import SimConfig

    return SimConfig(profile="real", seed=1, rate_limits=False, page_size=3,
                     credit_limit=10_000_000)


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)


def _new(qty, price="", trde_tp="3", **extra) -> dict:
    return {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": str(qty), "ord_uv": str(price),
            "trde_tp": trde_tp, "cond_uv": "", **extra}


def _lots(kw: Kiwoom) -> list[dict]:
    rows, _ = kw.pages("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"}, "acnt_evlt_remn_indv_tot")
    return [r for r in rows if r["crd_tp"] == "03"]


def test_a_credit_buy_opens_a_loan(sim, kw: Kiwoom):
    cash = kw.cash()
    reply = kw.call("kt10006", _new(10, 200_000, "0"))
    assert reply["return_code"] == 0, reply
    assert problems("kt10006", reply) == []
    assert reply["return_msg"] == "신용 매수주문이 완료되었습니다."
    assert kw.cash() == cash  # borrowed, not paid from cash
    today = sim.clock.now().strftime("%Y%m%d")
    [lot] = _lots(kw)
    assert (lot["rmnd_qty"], lot["crd_tp_nm"], lot["crd_loan_dt"]) == (
        "000000000000010", "자기융자", today)
    balance = kw.call("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"})
    assert balance["tot_crd_loan_amt"] == f"{2_000_000:015d}"
    row = kw.history()[0]
    assert (row["io_tp_nm"], row["crd_tp"]) == ("신용매수", "자기융자")


def test_the_credit_limit_holds(kw: Kiwoom):
    kw.call("kt10006", _new(40, 200_000, "0"))  # 8,000,000 of 10,000,000
    reply = kw.call("kt10006", _new(20, 200_000, "0"))
    assert reply["return_msg"] == "[2000](RC4025:주문가능금액을 확인하세요.)"


def test_a_credit_sell_repays_the_loan(sim, kw: Kiwoom):
    kw.call("kt10006", _new(10, 200_000, "0"))
    today = sim.clock.now().strftime("%Y%m%d")
    cash = kw.cash()
    sim.market.set_price("005930", 210_000)
    reply = kw.call("kt10007", _new(4, trde_tp="3", crd_deal_tp="33", crd_loan_dt=today))
    assert reply["return_code"] == 0, reply
    assert reply["return_msg"] == "신용 매도주문이 완료되었습니다."
    assert kw.cash() == cash + 4 * 210_000 - 4 * 200_000  # proceeds less the repaid loan
    [lot] = _lots(kw)
    assert lot["rmnd_qty"] == "000000000000006"
    kw.call("kt10007", _new(6, crd_deal_tp="99"))  # 융자합: whatever lot holds them
    assert _lots(kw) == []
    assert kw.call("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"})["tot_crd_loan_amt"] == (
        "000000000000000")


def test_credit_sell_checks(sim, kw: Kiwoom):
    missing = kw.call("kt10007", _new(1))
    assert missing["return_msg"].endswith("필수입력 파라미터=crd_deal_tp]")
    no_date = kw.call("kt10007", _new(1, crd_deal_tp="33"))
    assert no_date["return_msg"].endswith("필수입력 파라미터=crd_loan_dt]")
    assert "[1517:" in kw.call("kt10007", _new(1, crd_deal_tp="11"))["return_msg"]
    # Cash holdings are not loan shares.
    assert "800033" in kw.call("kt10007", _new(1, crd_deal_tp="99"))["return_msg"]


def test_credit_modify_and_cancel(sim, kw: Kiwoom):
    orig = kw.call("kt10006", _new(3, 199_000, "0"))["ord_no"]
    modify = kw.call("kt10008", {"dmst_stex_tp": "KRX", "orig_ord_no": orig, "stk_cd": "005930",
                                 "mdfy_qty": "1", "mdfy_uv": "198000", "mdfy_cond_uv": ""})
    assert problems("kt10008", modify) == []
    assert modify["return_msg"] == "매수정정 주문입력이 완료되었습니다"
    cancel = kw.call("kt10009", {"dmst_stex_tp": "KRX", "orig_ord_no": orig,
                                 "stk_cd": "005930", "cncl_qty": "0"})
    assert problems("kt10009", cancel) == []
    assert "dmst_stex_tp" not in cancel
    assert (cancel["cncl_qty"], cancel["return_msg"]) == (
        "000000000002", "매수취소 주문입력이 완료되었습니다.")
    rows = {r["ord_no"]: r for r in kw.pages("kt00007", HISTORY_BODY,
                                             "acnt_ord_cntr_prps_dtl")[0]}
    assert rows[cancel["ord_no"]]["cnfm_qty"] == "0000000002"
    assert rows[modify["ord_no"]]["ori_ord"] == orig


def test_loans_show_in_the_balance_trs(sim, kw: Kiwoom):
    kw.call("kt10006", _new(5, 200_000, "0"))
    today = sim.clock.now().strftime("%Y%m%d")
    k5 = kw.call("kt00005", {"dmst_stex_tp": "KRX"})
    assert k5["crd_loan_tot"] == "000001000000" and k5["nrpy_loan"] == "000001000000"
    lot = next(r for r in k5["stk_cntr_remn"] if r["crd_tp"] == "03")
    assert lot["loan_dt"] == today and len(lot["expr_dt"]) == 8
    k4 = kw.pages("kt00004", {"qry_tp": "0", "dmst_stex_tp": "KRX"}, "stk_acnt_evlt_prst")[0]
    assert [r["loan_dt"] for r in k4 if r["loan_dt"]] == [today]
    rates = kw.pages("ka10085", {"stex_tp": "0"}, "acnt_prft_rt")[0]
    credit = next(r for r in rates if r["crd_tp"] == "03")
    assert (credit["crd_amt"], credit["loan_dt"], credit["rmnd_qty"]) == ("1000000", today, "5")


def test_the_mock_profile_offers_no_credit(make_sim):
    sim = make_sim(profile="mock")
    kw = Kiwoom(sim)
    reply = kw.call("kt10006", _new(1))
    assert reply == {"return_code": 20,
                     "return_msg": "[2000](RC9000:모의투자에서는 해당업무가 제공되지 않습니다.)"}
    kw.http.close()
