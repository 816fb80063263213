"""Routing errors: api-id and URI checks, required fields, unknown stocks."""

from __future__ import annotations

import requests

from .kiwoom import ACNT, ORDR, Kiwoom


def test_unknown_api_id_is_1505(kw: Kiwoom):
    reply = kw.post("kt10000", {}, path=ORDR, **{"api-id": "kt99999"}).json()
    assert reply == {"return_code": 1,
                     "return_msg": "잘못된 요청입니다[1505:해당 API ID는 존재하지 않습니다. API ID=kt99999]"}


def test_api_id_on_the_wrong_uri_is_1504(kw: Kiwoom):
    reply = kw.post("ka10075", {}, path=ORDR).json()
    assert reply == {
        "return_code": 1,
        "return_msg": "잘못된 요청입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. "
                      "API ID=ka10075, URI=/api/dostk/ordr]",
    }


def test_missing_api_id_is_1501(sim, kw: Kiwoom):
    r = requests.post(sim.base_url + ACNT, json={}, timeout=10,
                      headers={"authorization": f"Bearer {kw.token}"})
    assert "[1501:" in r.json()["return_msg"]


def test_unknown_uri_and_wrong_method(sim, kw: Kiwoom):
    # An unknown URI is one that does not serve the api-id: 1504, HTTP 200, as Kiwoom does.
    r = kw.post("ka10001", {"stk_cd": "005930"}, path="/api/dostk/nowhere")
    assert r.status_code == 200
    assert r.json() == {
        "return_code": 1,
        "return_msg": "잘못된 요청입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. "
                      "API ID=ka10001, URI=/api/dostk/nowhere]",
    }
    # An unknown api-id is 1505 whatever the URI.
    r = kw.post("ka10001", {}, path="/api/dostk/nowhere", **{"api-id": "ka99999"})
    assert (r.status_code, r.json()["return_code"]) == (200, 1)
    assert "[1505:" in r.json()["return_msg"]
    r = requests.get(sim.base_url + ORDR, headers=kw.headers("kt10000"), timeout=10)
    assert r.status_code == 405 and r.json()["return_code"] == 1


def test_missing_required_field_is_1511_with_its_name(kw: Kiwoom):
    reply = kw.call("ka10075", {"trde_tp": "0", "stex_tp": "0"})
    assert reply == {
        "return_code": 2,
        "return_msg": "입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. "
                      "필수입력 파라미터=all_stk_tp]",
    }
    order = kw.call("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "trde_tp": "3"})
    assert order["return_msg"].endswith("필수입력 파라미터=ord_qty]")
    assert kw.call("kt00001", {})["return_msg"].endswith("파라미터=qry_tp]")
    assert kw.call("kt10003", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "cncl_qty": "0"})[
        "return_msg"].endswith("파라미터=orig_ord_no]")


def test_unknown_stock_is_1902(sim, kw: Kiwoom):
    expected = {
        "return_code": 7,
        "return_msg": "서비스를 처리하는 중에 오류가 발생했습니다[1902:종목 정보가 없습니다. "
                      "입력한 종목코드 값을 확인바랍니다. 종목코드=999999]",
    }
    assert kw.call("ka10001", {"stk_cd": "999999"}) == expected
    assert kw.call("ka10100", {"stk_cd": "999999"}) == expected
    assert kw.buy(stk_cd="999999") == expected
    assert sim.ledger() == []


def test_replies_echo_api_id_and_paging_headers(kw: Kiwoom):
    r = kw.post("ka10001", {"stk_cd": "005930"})
    assert r.headers["api-id"] == "ka10001"
    assert r.headers["cont-yn"] == "N"
    assert r.headers["next-key"] == ""
    assert r.headers["Content-Type"] == "application/json;charset=UTF-8"


def test_requests_are_counted_per_api_id(sim, kw: Kiwoom):
    for _ in range(3):
        kw.call("ka10001", {"stk_cd": "005930"})
    kw.call("ka10001", {"stk_cd": "999999"})
    kw.buy()
    assert sim.received("ka10001") == 4
    assert sim.received("kt10000") == 1
    assert sim.received("au10001") == 1
    assert sim.received("kt10001") == 0
