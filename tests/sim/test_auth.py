"""au10001/au10002 and the authorization header, with Kiwoom's codes and texts."""

from __future__ import annotations

from datetime import datetime, timedelta

import requests

from kiwoom_ticket.simulator.clock import KST

from .kiwoom import KEYS, Kiwoom


def _token(sim, body: dict) -> requests.Response:
    return requests.post(sim.base_url + "/oauth2/token", json=body,
                         headers={"Content-Type": "application/json;charset=UTF-8"}, timeout=10)


def test_token_has_kiwoom_shape(sim):
    sim.clock.set(datetime(2026, 11, 2, 10, 0, 0, tzinfo=KST))
    reply = _token(sim, KEYS).json()
    assert reply["return_code"] == 0
    assert reply["return_msg"] == "정상적으로 처리되었습니다"
    assert reply["token_type"] == "Bearer"
    assert len(reply["token"]) == 86
    assert reply["expires_dt"] == "20261103100000"  # KST, now + 24 h


def test_token_lifetime_is_configurable(make_sim):
    sim = make_sim(token_lifetime=60)
    sim.clock.set(datetime(2026, 11, 2, 10, 0, 0))
    assert _token(sim, KEYS).json()["expires_dt"] == "20261102100100"


def test_missing_keys_is_8020(sim):
    for missing in ("appkey", "secretkey"):
        body = {k: v for k, v in KEYS.items() if k != missing}
        reply = _token(sim, body).json()
        assert reply["return_code"] == 3
        assert reply["return_msg"] == (
            "인증 실패[8020:입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다.]"
        )
    assert _token(sim, {**KEYS, "appkey": ""}).json()["return_msg"].startswith("인증 실패[8020:")


def test_grant_type_missing_is_8011_and_wrong_is_8012(sim):
    no_grant = {k: v for k, v in KEYS.items() if k != "grant_type"}
    assert "[8011:" in _token(sim, no_grant).json()["return_msg"]
    assert "[8012:" in _token(sim, {**KEYS, "grant_type": "password"}).json()["return_msg"]


def test_expired_token_is_8005(sim, kw: Kiwoom):
    assert kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 0
    sim.clock.advance(24 * 3600 + 1)
    reply = kw.call("ka10001", {"stk_cd": "005930"})
    assert reply == {"return_code": 3, "return_msg": "인증에 실패했습니다[8005:Token이 유효하지 않습니다]"}


def test_revoked_token_stops_working(sim, kw: Kiwoom):
    r = requests.post(sim.base_url + "/oauth2/revoke", json={
        "appkey": KEYS["appkey"], "secretkey": KEYS["secretkey"], "token": kw.token}, timeout=10)
    assert r.json() == {"return_code": 0, "return_msg": "정상적으로 처리되었습니다"}
    assert "[8005:" in kw.call("ka10001", {"stk_cd": "005930"})["return_msg"]


def test_revoke_errors(sim):
    url = sim.base_url + "/oauth2/revoke"
    keys = {"appkey": "a", "secretkey": "b"}
    assert "[8016:" in requests.post(url, json=keys, timeout=10).json()["return_msg"]
    assert "[8015:" in requests.post(url, json={**keys, "token": "nope"}, timeout=10).json()["return_msg"]
    assert "[8020:" in requests.post(url, json={"token": "x"}, timeout=10).json()["return_msg"]


def test_unknown_token_is_8005_with_http_200(sim, kw: Kiwoom):
    kw.token = "not-a-token-the-exchange-issued"
    r = kw.post("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                            "ord_uv": "", "trde_tp": "3", "cond_uv": ""})
    assert r.status_code == 200
    assert r.json()["return_code"] == 3
    assert sim.ledger() == []


def test_missing_authorization_is_1513(sim):
    r = requests.post(sim.base_url + "/api/dostk/stkinfo", json={"stk_cd": "005930"},
                      headers={"api-id": "ka10001"}, timeout=10)
    assert r.json() == {
        "return_code": 2,
        "return_msg": "입력 값 오류입니다[1513:Http Header에 authorization 필드가 설정되어 있어야 합니다]",
    }


def test_malformed_authorization_headers(sim, kw: Kiwoom):
    url = sim.base_url + "/api/dostk/stkinfo"
    cases = {"Bearer": "[1514:", "Basic abc": "[1515:", "Bearer    ": "[1514:"}
    for header, code in cases.items():
        r = requests.post(url, json={"stk_cd": "005930"}, timeout=10,
                          headers={"api-id": "ka10001", "authorization": header})
        assert code in r.json()["return_msg"], header
    # "bearer" in lower case is accepted, as Kiwoom's own example writes "bearer".
    r = requests.post(url, json={"stk_cd": "005930"}, timeout=10,
                      headers={"api-id": "ka10001", "authorization": f"bearer {kw.token}"})
    assert r.json()["return_code"] == 0


def test_issue_token_in_process_is_valid(sim):
    token = sim.issue_token()
    assert Kiwoom(sim, token).call("ka10001", {"stk_cd": "005930"})["return_code"] == 0
    assert sim.tokens.valid(token)
    sim.clock.advance(timedelta(days=2).total_seconds())
    assert not sim.tokens.valid(token)


def _stock_info(sim, token: str) -> dict:
    return requests.post(sim.base_url + "/api/dostk/stkinfo", json={"stk_cd": "005930"},
                         headers={"Content-Type": "application/json;charset=UTF-8",
                                  "api-id": "ka10001", "authorization": f"Bearer {token}"},
                         timeout=10).json()


def test_one_token_per_key_invalidates_the_app_keys_earlier_tokens(make_sim):
    sim = make_sim(one_token_per_key=True)
    first = _token(sim, KEYS).json()["token"]
    other_key = _token(sim, {**KEYS, "appkey": KEYS["appkey"] + "X"}).json()["token"]
    assert _stock_info(sim, first)["return_code"] == 0
    second = _token(sim, KEYS).json()["token"]  # "another program" with the same app key
    assert _stock_info(sim, first)["return_msg"] == (
        "인증에 실패했습니다[8005:Token이 유효하지 않습니다]")
    assert _stock_info(sim, second)["return_code"] == 0
    assert _stock_info(sim, other_key)["return_code"] == 0  # other app keys keep theirs


def test_by_default_an_app_key_may_hold_several_tokens(sim):
    first, second = (_token(sim, KEYS).json()["token"] for _ in range(2))
    assert _stock_info(sim, first)["return_code"] == 0 == _stock_info(sim, second)["return_code"]


def test_the_cli_takes_one_token_per_key():
    from kiwoom_ticket.simulator.cli import parse_args

    assert parse_args(["--one-token-per-key"]).one_token_per_key
    assert not parse_args([]).one_token_per_key
