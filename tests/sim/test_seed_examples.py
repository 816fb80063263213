"""The seed document's four example requests, sent as written with only the host changed."""

from __future__ import annotations

import requests

from .kiwoom import Kiwoom, order_of


def fn_request(host: str, token: str, api_id: str, data: dict, cont_yn="N", next_key=""):
    """The seed document's fn_kt1000x, verbatim apart from `host`."""
    endpoint = "/api/dostk/ordr"
    url = host + endpoint
    headers = {
        "Content-Type": "application/json;charset=UTF-8",  # 컨텐츠타입
        "authorization": f"Bearer {token}",  # 접근토큰
        "cont-yn": cont_yn,  # 연속조회여부
        "next-key": next_key,  # 연속조회키
        "api-id": api_id,  # TR명
    }
    response = requests.post(url, headers=headers, json=data)
    assert response.status_code == 200
    assert response.headers["api-id"] == api_id
    assert response.headers["cont-yn"] == "N"
    return response.json()


SEED_BUY = {
    "dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "ord_uv": "", "trde_tp": "3",
    "cond_uv": "",
}
SEED_SELL = dict(SEED_BUY)
SEED_MODIFY = {
    "dmst_stex_tp": "KRX", "orig_ord_no": "0000139", "stk_cd": "005930", "mdfy_qty": "1",
    "mdfy_uv": "199700", "mdfy_cond_uv": "",
}
SEED_CANCEL = {"dmst_stex_tp": "KRX", "orig_ord_no": "0000140", "stk_cd": "005930", "cncl_qty": "1"}


def test_seed_market_buy_succeeds_as_written(sim, kw: Kiwoom):
    reply = fn_request(sim.base_url, kw.token, "kt10000", SEED_BUY)
    assert reply["return_code"] == 0
    assert reply["return_msg"] == "모의투자 매수주문완료"
    assert len(reply["ord_no"]) == 7 and reply["ord_no"].isdigit()
    assert reply["dmst_stex_tp"] == "KRX"
    assert order_of(sim, reply["ord_no"])["state"] == "filled"


def test_seed_market_sell_succeeds_as_written(sim, kw: Kiwoom):
    before = kw.holding("005930")
    reply = fn_request(sim.base_url, kw.token, "kt10001", SEED_SELL)
    assert reply["return_code"] == 0
    assert reply["return_msg"] == "모의투자 매도주문완료"
    assert kw.holding("005930") == before - 1


def test_seed_modify_then_cancel_with_the_numbers_the_buy_returned(sim, kw: Kiwoom):
    sim.market.set_price("005930", 200_000)
    buy = kw.buy(qty=1, price=199_000, trde_tp="0")  # rests below the market
    assert buy["return_code"] == 0

    modify = fn_request(sim.base_url, kw.token, "kt10002",
                        {**SEED_MODIFY, "orig_ord_no": buy["ord_no"]})
    assert modify["return_code"] == 0, modify
    assert modify["return_msg"] == "모의투자 정정주문완료"
    assert modify["ord_no"] > buy["ord_no"]
    assert modify["base_orig_ord_no"] == buy["ord_no"]
    assert modify["mdfy_qty"] == "000000000001"

    cancel = fn_request(sim.base_url, kw.token, "kt10003",
                        {**SEED_CANCEL, "orig_ord_no": modify["ord_no"], "cncl_qty": "0"})
    assert cancel["return_code"] == 0, cancel
    assert cancel["return_msg"] == "모의투자 취소주문완료"
    assert cancel["ord_no"] > modify["ord_no"]
    assert cancel["base_orig_ord_no"] == buy["ord_no"]  # the root of the chain
    assert cancel["cncl_qty"] == "000000000001"  # "0" cancelled all that remained

    assert kw.open_orders() == []
    assert [(e.api_id, e.ord_no, e.orig_ord_no, e.base_orig_ord_no) for e in sim.ledger()] == [
        ("kt10000", buy["ord_no"], "0000000", buy["ord_no"]),
        ("kt10002", modify["ord_no"], buy["ord_no"], buy["ord_no"]),
        ("kt10003", cancel["ord_no"], modify["ord_no"], buy["ord_no"]),
    ]
    assert kw.orderable_cash() == kw.cash() == 100_000_000  # nothing left reserved


def test_seed_cancel_of_one_share_as_written(sim, kw: Kiwoom):
    sim.market.set_price("005930", 200_000)
    buy = kw.buy(qty=3, price=199_700, trde_tp="0")
    cancel = fn_request(sim.base_url, kw.token, "kt10003",
                        {**SEED_CANCEL, "orig_ord_no": buy["ord_no"]})
    assert cancel["cncl_qty"] == "000000000001"
    assert [o["oso_qty"] for o in kw.open_orders()] == ["2"]


def test_order_numbers_are_seven_digits_and_increase(kw: Kiwoom):
    numbers = [kw.buy()["ord_no"] for _ in range(5)]
    assert all(len(n) == 7 and n.isdigit() for n in numbers)
    assert numbers == sorted(numbers) and len(set(numbers)) == 5


def test_real_profile_success_texts(make_sim):
    sim = make_sim(profile="real")
    kw = Kiwoom(sim)
    sim.market.set_price("005930", 200_000)
    buy = kw.buy(qty=2, price=199_000, trde_tp="0")
    assert buy["return_msg"] == "KRX 매수주문이 완료되었습니다."
    assert kw.sell()["return_msg"] == "KRX 매도주문이 완료되었습니다."
    nxt = kw.buy(exchange="NXT")
    assert nxt["return_code"] == 0 and nxt["return_msg"] == "NXT 매수주문이 완료되었습니다."
    assert nxt["dmst_stex_tp"] == "NXT"
    modify = kw.modify(buy["ord_no"], qty=1, price=199_500)
    assert modify["return_msg"] == "매수정정 주문입력이 완료되었습니다"
    cancel = kw.cancel(modify["ord_no"])
    assert cancel["return_msg"] == "매수취소 주문입력이 완료되었습니다"
