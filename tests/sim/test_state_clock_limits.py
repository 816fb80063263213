"""--state persistence, --clock krx, profiles and the per-api-id rate limit."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from kiwoom_ticket.simulator import SimConfig, Simulator
from kiwoom_ticket.simulator.clock import KST

from .kiwoom import Kiwoom

# --- state file -----------------------------------------------------------------------


def test_state_survives_a_restart(tmp_path, make_sim):
    path = tmp_path / "sim-state.json"
    first = make_sim(state_file=path)
    first.market.set_price("005930", 200_000)
    kw = Kiwoom(first)
    filled = kw.buy(qty=2)["ord_no"]
    resting = kw.buy(qty=3, price=199_000, trde_tp="0")["ord_no"]
    cash, orderable = kw.cash(), kw.orderable_cash()
    first.stop()
    saved = json.loads(path.read_text("utf-8"))
    assert saved["format"] == 1
    assert list(tmp_path.iterdir()) == [path]  # the temporary file was renamed, not left

    second = make_sim(state_file=path)
    kw2 = Kiwoom(second)  # tokens do not persist: a new one is needed
    assert (kw2.cash(), kw2.orderable_cash()) == (cash, orderable)
    assert kw2.holding("005930") == 12
    assert [o["ord_no"] for o in kw2.open_orders()] == [resting]
    assert [f["ord_no"] for f in kw2.fills()] == [filled]
    assert [e.ord_no for e in second.ledger()] == [filled, resting]
    later = kw2.cancel(resting)
    assert later["return_code"] == 0 and later["ord_no"] > resting
    assert second.market.price("005930") == 200_000


def test_without_a_state_file_every_start_is_fresh(make_sim):
    kw = Kiwoom(make_sim())
    kw.buy(qty=2)
    again = Kiwoom(make_sim())
    assert again.cash() == 100_000_000 and again.holding("005930") == 10


def test_state_is_flushed_while_running(tmp_path, make_sim):
    path = tmp_path / "state.json"
    sim = make_sim(state_file=path, state_flush_interval=0.05)
    Kiwoom(sim).buy()
    sim.save_state()  # what the timer does; called here so the test does not wait for it
    assert json.loads(path.read_text("utf-8"))["engine"]["next_no"] == 2


# --- KRX hours ------------------------------------------------------------------------

MONDAY = datetime(2026, 11, 2)


@pytest.fixture
def krx(make_sim) -> Kiwoom:
    sim = make_sim(clock="krx")
    sim.market.set_price("005930", 200_000)
    return Kiwoom(sim)


def _at(kw: Kiwoom, hour: int, minute: int = 0, day: datetime = MONDAY) -> None:
    kw.sim.clock.set(day.replace(hour=hour, minute=minute, tzinfo=KST))


def test_before_the_open_is_rc4057(krx: Kiwoom):
    _at(krx, 7, 0)
    assert krx.buy() == {"return_code": 20, "return_msg": "[2000](RC4057:모의투자 장시작전)"}


def test_after_the_close_is_rc4058(krx: Kiwoom):
    _at(krx, 15, 45)
    assert krx.buy() == {"return_code": 20, "return_msg": "[2000](RC4058:모의투자 장종료)"}
    _at(krx, 20, 0)
    assert krx.buy(price=200_000, trde_tp="62")["return_msg"] == "[2000](RC4058:모의투자 장종료)"


def test_in_session_orders_pass(krx: Kiwoom):
    _at(krx, 10, 0)
    assert krx.buy()["return_code"] == 0
    _at(krx, 8, 35)
    assert krx.buy(trde_tp="61")["return_code"] == 0  # 장전 시간외 종가
    _at(krx, 15, 50)
    assert krx.buy(trde_tp="81")["return_code"] == 0  # 장후 시간외 종가
    assert krx.buy()["return_code"] == 20  # a market order is not taken then
    _at(krx, 9, 0)
    assert krx.buy(trde_tp="81")["return_msg"] == "[2000](RC4057:모의투자 장시작전)"


def test_weekends_are_closed(krx: Kiwoom):
    _at(krx, 10, 0, day=datetime(2026, 11, 7))  # a Saturday
    assert krx.buy()["return_msg"] == "[2000](RC4058:모의투자 장종료)"


def test_cancel_after_the_close_is_refused(krx: Kiwoom):
    _at(krx, 10, 0)
    resting = krx.buy(price=199_000, trde_tp="0")["ord_no"]
    _at(krx, 19, 0)
    assert krx.cancel(resting)["return_msg"] == "[2000](RC4058:모의투자 장종료)"


def test_injected_wall_clock(make_sim):
    sim = make_sim(clock="krx", now=lambda: datetime(2026, 11, 2, 6, 33, tzinfo=KST))
    assert Kiwoom(sim).buy()["return_msg"] == "[2000](RC4057:모의투자 장시작전)"


def test_always_clock_ignores_hours(make_sim):
    sim = make_sim(now=lambda: datetime(2026, 11, 8, 3, 0, tzinfo=KST))  # Sunday, 3 a.m.
    assert Kiwoom(sim).buy()["return_code"] == 0


# --- rate limits ----------------------------------------------------------------------


def _frozen_limits(**settings) -> Simulator:
    sim = Simulator(SimConfig(seed=1, rate_limits=True, **settings)).start()
    sim.rate_limiter.monotonic = lambda: 1000.0  # no refill while the test runs
    return sim


def test_mock_profile_allows_a_burst_of_two_per_api_id():
    sim = _frozen_limits(profile="mock")
    try:
        kw = Kiwoom(sim)
        assert [kw.call("ka10001", {"stk_cd": "005930"})["return_code"] for _ in range(2)] == [0, 0]
        r = kw.post("ka10001", {"stk_cd": "005930"})
        assert r.status_code == 429
        assert r.json() == {
            "return_code": 5,
            "return_msg": "허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 "
                          "초과하였습니다. 유량=1, API ID=ka10001]",
        }
        assert kw.call("ka10100", {"stk_cd": "005930"})["return_code"] == 0  # its own quota
        sim.rate_limiter.monotonic = lambda: 1001.0  # one second later: one more
        assert kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 0
    finally:
        sim.stop()


def test_real_profile_allows_five_per_second():
    sim = _frozen_limits(profile="real")
    try:
        kw = Kiwoom(sim)
        codes = [kw.buy()["return_code"] for _ in range(6)]
        assert codes == [0, 0, 0, 0, 0, 5]
        assert "유량=5, API ID=kt10000" in kw.buy()["return_msg"]
        assert len(sim.ledger()) == 5  # the refused order was never booked
    finally:
        sim.stop()


def test_limits_can_be_switched_off(kw: Kiwoom):
    assert all(kw.call("ka10001", {"stk_cd": "005930"})["return_code"] == 0 for _ in range(10))


def test_profile_and_clock_are_checked():
    with pytest.raises(ValueError):
        SimConfig(profile="paper")
    with pytest.raises(ValueError):
        SimConfig(clock="nyse")


def test_a_corrupt_state_file_is_reported(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(ValueError, match="not a practice-exchange state file"):
        Simulator(SimConfig(state_file=path))
