"""Bad input gets a Kiwoom-style error and the server keeps serving."""

from __future__ import annotations

import socket

import pytest
import requests

from .kiwoom import ORDR, STKINFO, Kiwoom


def _still_serving(kw: Kiwoom) -> None:
    assert kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 0


def _raw(kw: Kiwoom, api_id: str, path: str, data: bytes) -> requests.Response:
    return kw.http.post(kw.base + path, data=data, headers=kw.headers(api_id), timeout=10)


def test_non_json_body(kw: Kiwoom):
    for data in (b"dmst_stex_tp=KRX&stk_cd=005930", b"{not json", b"\xff\xfe\x00garbage"):
        reply = _raw(kw, "kt10000", ORDR, data).json()
        assert reply["return_code"] == 2
        assert "[1517:" in reply["return_msg"] and "파라미터=body" in reply["return_msg"]
    _still_serving(kw)


def test_json_that_is_not_an_object(kw: Kiwoom):
    for data in (b"[1, 2, 3]", b'"005930"', b"null", b"42"):
        assert "[1517:" in _raw(kw, "ka10001", STKINFO, data).json()["return_msg"]
    _still_serving(kw)


def test_wrong_types(sim, kw: Kiwoom):
    base = {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "ord_uv": "",
            "trde_tp": "3", "cond_uv": ""}
    for field, value in (("ord_qty", [1]), ("ord_qty", {"n": 1}), ("ord_qty", True),
                         ("ord_qty", 1.5), ("stk_cd", ["005930"]), ("ord_qty", "abc"),
                         ("ord_qty", "-1"), ("ord_qty", "1e3"), ("ord_qty", "１")):
        reply = kw.call("kt10000", {**base, field: value})
        assert reply["return_code"] == 2, (field, value)
        assert f"파라미터={field}" in reply["return_msg"], (field, value)
    assert kw.call("kt10000", {**base, "ord_qty": 1})["return_code"] == 0  # a JSON number is fine
    assert len(sim.ledger()) == 1
    _still_serving(kw)


def test_empty_body_reports_the_first_missing_field(kw: Kiwoom):
    reply = _raw(kw, "kt10000", ORDR, b"").json()
    assert reply["return_msg"].endswith("필수입력 파라미터=dmst_stex_tp]")


def test_oversized_body(sim, kw: Kiwoom):
    big = b'{"stk_cd": "005930", "pad": "' + b"x" * (70 * 1024) + b'"}'
    r = _raw(kw, "ka10001", STKINFO, big)
    assert r.status_code == 413
    assert r.json()["return_code"] == 2 and "[1517:" in r.json()["return_msg"]
    _still_serving(kw)


def test_ten_thousand_character_headers(kw: Kiwoom):
    long = "x" * 10_000
    r = kw.post("ka10001", {"stk_cd": "005930"}, **{"x-note": long})
    assert r.json()["return_code"] == 0  # an unknown header is ignored
    kw_token = kw.token
    kw.token = long
    assert kw.call("ka10001", {"stk_cd": "005930"})["return_msg"].startswith("인증에 실패했습니다[8005:")
    kw.token = kw_token
    r = kw.post("ka10001", {"stk_cd": "005930"}, **{"api-id": "k" * 10_000})
    assert r.json()["return_code"] == 1 and "[1505:" in r.json()["return_msg"]
    assert len(r.json()["return_msg"]) < 200  # the header is not echoed back whole
    _still_serving(kw)


@pytest.mark.expect_log("Error handling request")
def test_header_past_aiohttps_limit_gets_400_and_the_server_lives(kw: Kiwoom):
    # Past 16 KiB aiohttp's own parser answers 400 before our code runs.
    r = kw.post("ka10001", {"stk_cd": "005930"}, **{"x-note": "x" * 20_000})
    assert r.status_code == 400
    _still_serving(kw)


def test_garbage_on_the_socket(sim, kw: Kiwoom):
    with socket.create_connection((sim.host, sim.port), timeout=5) as s:
        s.sendall(b"\x16\x03\x01\x02\x00garbage that is not http\r\n\r\n")
        s.recv(1024)
    _still_serving(kw)
