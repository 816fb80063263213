"""Faults on demand: each kind behaves as described, per api-id, for the next N requests."""

from __future__ import annotations

import contextlib

import pytest
import requests

from kiwoom_ticket.simulator.admin import is_loopback

from .kiwoom import Kiwoom


def test_drop_after_accept_books_the_order_but_never_answers(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="drop_after_accept", count=1)
    with pytest.raises(requests.ConnectionError):
        kw.buy()
    [entry] = sim.ledger()
    assert entry.api_id == "kt10000" and entry.body["trde_tp"] == "3"
    assert [o["ord_no"] for o in kw.fills()] == [entry.ord_no]  # the exchange has it
    assert kw.buy()["return_code"] == 0  # the next request is normal
    assert sim.received("kt10000") == 2


def test_http500_answers_html_and_books_nothing(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="http500")
    r = kw.post("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                            "ord_uv": "", "trde_tp": "3", "cond_uv": ""})
    assert r.status_code == 500
    assert r.headers["Content-Type"].startswith("text/html")
    assert "<html>" in r.text
    assert sim.ledger() == []


def test_bad_json_books_the_order_and_garbles_the_reply(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="bad_json")
    r = kw.post("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                            "ord_uv": "", "trde_tp": "3", "cond_uv": ""})
    assert r.status_code == 200
    with pytest.raises(ValueError):
        r.json()
    assert len(sim.ledger()) == 1


def test_rate_limit_fault_is_kiwoom_429(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="rate_limit", count=2)
    for _ in range(2):
        r = kw.post("kt10000", {})
        assert r.status_code == 429
        assert r.json()["return_code"] == 5 and "[1700:" in r.json()["return_msg"]
    assert kw.buy()["return_code"] == 0
    assert len(sim.ledger()) == 1


def test_expired_token_fault_expires_the_callers_token(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="expired_token")
    assert kw.buy() == {"return_code": 3, "return_msg": "인증에 실패했습니다[8005:Token이 유효하지 않습니다]"}
    assert kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 3  # stays expired
    kw.token = kw.issue()["token"]
    assert kw.buy()["return_code"] == 0
    assert len(sim.ledger()) == 1


def test_latency_after_books_first_then_answers_late(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10000", kind="latency", seconds=2.0)
    with pytest.raises(requests.Timeout):
        kw.post("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                            "ord_uv": "", "trde_tp": "3", "cond_uv": ""}, timeout=0.3)
    assert len(sim.ledger()) == 1  # the order exists although the caller gave up


def test_latency_applies_only_to_its_api_id_and_count(sim, kw: Kiwoom):
    sim.faults.inject(api_id="kt10001", kind="http500", count=1)
    assert kw.buy()["return_code"] == 0  # another api-id is untouched
    assert kw.post("kt10001", {}).status_code == 500
    assert kw.sell()["return_code"] == 0


def test_fault_for_any_api_id_and_clear(sim, kw: Kiwoom):
    sim.faults.inject(kind="http500", count=5)
    assert kw.post("ka10001", {"stk_cd": "005930"}).status_code == 500
    sim.faults.clear()
    assert kw.post("ka10001", {"stk_cd": "005930"}).status_code == 200


def test_unknown_fault_kind_is_refused(sim):
    with pytest.raises(ValueError):
        sim.faults.inject(kind="meteor")


def test_random_faults_are_seeded_and_near_the_rate(make_sim):
    runs = []
    for _ in range(2):
        sim = make_sim()
        kw = Kiwoom(sim)
        sim.faults.random(rate=0.10, seed=7, kinds=["http500", "rate_limit", "bad_json"])
        replies = [kw.post("ka10001", {"stk_cd": "005930"}) for _ in range(200)]
        runs.append(([(r.status_code, r.content[:40]) for r in replies],
                     sum(sim.faults.fired.values())))
    assert runs[0] == runs[1]
    assert 5 <= runs[0][1] <= 40  # about 10% of 200


def test_random_faults_count_what_fired(make_sim):
    sim = make_sim()
    sim.faults.random(rate=0.10, seed=3, kinds=["http500", "bad_json", "drop_after_accept"],
                      api_ids=["kt10000"])
    kw = Kiwoom(sim)
    for _ in range(100):
        with contextlib.suppress(requests.ConnectionError):  # drop_after_accept
            kw.post("kt10000", {"dmst_stex_tp": "KRX", "stk_cd": "035720", "ord_qty": "1",
                                "ord_uv": "", "trde_tp": "3", "cond_uv": ""})
        kw.call("ka10001", {"stk_cd": "005930"})  # not in api_ids: never faulted
    fired = sum(sim.faults.fired.values())
    assert 3 <= fired <= 25
    accepted = len(sim.ledger())
    assert accepted == 100 - sim.faults.fired.get("http500", 0)


def test_global_latency_delays_every_reply(sim, kw: Kiwoom):
    sim.faults.set_latency(2000)
    with pytest.raises(requests.Timeout):
        kw.post("ka10001", {"stk_cd": "005930"}, timeout=0.3)
    sim.faults.set_latency(0)
    assert kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 0


def test_admin_endpoint_drives_faults_and_market(sim, kw: Kiwoom):
    admin = sim.base_url + "/_admin/"
    r = requests.post(admin + "faults", json={"action": "inject", "api_id": "kt10000",
                                              "kind": "http500", "count": 1}, timeout=10)
    assert r.json() == {"ok": True}
    assert kw.post("kt10000", {}).status_code == 500
    requests.post(admin + "market", json={"action": "set_price", "stk_cd": "005930",
                                          "price": 201_000}, timeout=10)
    assert sim.market.price("005930") == 201_000
    kw.buy()
    ledger = requests.get(admin + "ledger", timeout=10).json()
    assert [e["api_id"] for e in ledger] == ["kt10000"]
    assert requests.get(admin + "received", timeout=10).json()["kt10000"] == 2
    bad = requests.post(admin + "faults", json={"action": "inject", "kind": "meteor"}, timeout=10)
    assert bad.status_code == 400
    requests.post(admin + "faults", json={"action": "latency", "ms": 0}, timeout=10)
    requests.post(admin + "faults", json={"action": "clear"}, timeout=10)


def test_admin_answers_loopback_callers_only():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("::ffff:127.0.0.1")
    assert not is_loopback("192.168.0.10")
    assert not is_loopback("10.0.0.1") and not is_loopback(None) and not is_loopback("nonsense")


def test_a_before_latency_waits_once_and_before_the_work():
    """phase="before": the exchange sits on the request first, so a caller that gives up
    meanwhile has placed nothing yet; the delay is served once, not again after the work."""
    import requests

    from kiwoom_ticket.simulator import SimConfig, Simulator

    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False)) as sim:
        token = sim.issue_token()
        headers = {"api-id": "kt10000", "authorization": f"Bearer {token}",
                   "Content-Type": "application/json;charset=UTF-8"}
        body = {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "ord_uv": "",
                "trde_tp": "3", "cond_uv": ""}
        sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=0.6,
                          phase="before")
        url = sim.base_url + "/api/dostk/ordr"
        with pytest.raises(requests.exceptions.Timeout):
            requests.post(url, json=body, headers=headers, timeout=0.2)
        assert sim.ledger() == []  # still waiting when the caller gave up: nothing placed
        sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=0.3,
                          phase="before")
        reply = requests.post(url, json=body, headers=headers, timeout=0.5)  # < 2 x 0.3 s
        assert reply.json()["return_code"] == 0
        assert len(sim.ledger()) == 1
