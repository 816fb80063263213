"""ka10080 minute and ka10081 day candles: the walk's own history, deterministic for a seed."""

from __future__ import annotations

import itertools

import pytest

from .kiwoom import Kiwoom
from .spec_check import problems

DAYS = {"stk_cd": "005930", "base_dt": "", "upd_stkpc_tp": "1"}
MINUTES = {"stk_cd": "005930", "tic_scope": "1", "upd_stkpc_tp": "1", "base_dt": ""}


@pytest.fixture
def sim_config():
    from kiwoom_ticket.simulator import SimConfig

    return SimConfig(profile="mock", seed=7, rate_limits=False, page_size=50)


def _value(text: str) -> int:
    return abs(int(text))


def _days(kw: Kiwoom, **body) -> list[dict]:
    body = {**DAYS, "base_dt": kw.sim.clock.now().strftime("%Y%m%d"), **body}
    return kw.call("ka10081", body)["stk_dt_pole_chart_qry"]


def test_day_candles_chain_back_from_the_base_price(sim, kw: Kiwoom):
    sim.market.set_price("005930", 203_000)
    reply = kw.call("ka10081", {**DAYS, "base_dt": sim.clock.now().strftime("%Y%m%d")})
    assert problems("ka10081", reply) == []
    rows = reply["stk_dt_pole_chart_qry"]
    assert len(rows) == 50
    assert rows[0]["dt"] == sim.clock.now().strftime("%Y%m%d")
    assert (rows[0]["cur_prc"], rows[0]["pred_pre"], rows[0]["pred_pre_sig"]) == (
        "203000", "+3000", "2")
    assert rows[1]["cur_prc"] == "200000"  # yesterday closed at today's base price
    for newer, older in itertools.pairwise(rows):
        assert newer["dt"] > older["dt"]
        assert int(newer["cur_prc"]) - int(older["cur_prc"]) == int(newer["pred_pre"])
        low, high = int(newer["low_pric"]), int(newer["high_pric"])
        assert low <= min(int(newer["open_pric"]), int(newer["cur_prc"]))
        assert high >= max(int(newer["open_pric"]), int(newer["cur_prc"]))


def test_the_past_is_the_same_for_the_same_seed(make_sim):
    a, b, c = make_sim(seed=5), make_sim(seed=5), make_sim(seed=6)
    histories = []
    for sim in (a, b, c):
        kw = Kiwoom(sim)
        histories.append([(r["dt"], r["cur_prc"]) for r in _days(kw)][1:])
        kw.http.close()
    assert histories[0] == histories[1] != histories[2]


def test_day_candles_page_back_and_stop_at_base_dt(make_sim):
    sim = make_sim(page_size=3)
    kw = Kiwoom(sim)
    body = {**DAYS, "base_dt": sim.clock.now().strftime("%Y%m%d")}
    first = kw.post("ka10081", body)
    assert first.headers["cont-yn"] == "Y"
    rest = kw.post("ka10081", body, **{"cont-yn": "Y", "next-key": first.headers["next-key"]})
    dates = [r["dt"] for r in first.json()["stk_dt_pole_chart_qry"] + rest.json()[
        "stk_dt_pole_chart_qry"]]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 6
    older = kw.call("ka10081", {**DAYS, "base_dt": dates[4]})["stk_dt_pole_chart_qry"]
    assert older[0]["dt"] == dates[4]
    kw.http.close()


def test_minute_candles_of_a_past_day_make_its_day_candle(sim, kw: Kiwoom):
    yesterday = _days(kw)[1]
    reply = kw.call("ka10080", {**MINUTES, "base_dt": yesterday["dt"]})
    assert problems("ka10080", reply) == []
    rows, headers, bars = [], {}, []
    while True:  # page through yesterday
        r = kw.post("ka10080", {**MINUTES, "base_dt": yesterday["dt"]}, **headers)
        page = r.json()["stk_min_pole_chart_qry"]
        bars += [b for b in page if b["cntr_tm"].startswith(yesterday["dt"])]
        rows += page
        if not page[-1]["cntr_tm"].startswith(yesterday["dt"]) or r.headers["cont-yn"] != "Y":
            break
        headers = {"cont-yn": "Y", "next-key": r.headers["next-key"]}
    assert len(bars) == 381  # 09:01–15:20 and the 15:30 closing auction
    times = [b["cntr_tm"] for b in rows]
    assert times == sorted(times, reverse=True) and len(set(times)) == len(times)
    assert _value(bars[0]["cur_prc"]) == int(yesterday["cur_prc"])
    assert _value(bars[-1]["open_pric"]) == int(yesterday["open_pric"])
    assert max(_value(b["high_pric"]) for b in bars) == int(yesterday["high_pric"])
    assert min(_value(b["low_pric"]) for b in bars) == int(yesterday["low_pric"])
    assert sum(int(b["trde_qty"]) for b in bars) <= int(yesterday["trde_qty"])
    hourly = kw.call("ka10080", {**MINUTES, "tic_scope": "60", "base_dt": yesterday["dt"]})
    assert [b["cntr_tm"][8:] for b in hourly["stk_min_pole_chart_qry"][:3]] == [
        "160000", "150000", "140000"]


def test_todays_minute_candles_follow_the_walk(sim, kw: Kiwoom):
    sim.market.set_price("005930", 201_000)
    kw.buy(qty=3)
    sim.market.set_price("005930", 202_000)
    now = kw.call("ka10080", MINUTES)["stk_min_pole_chart_qry"][0]
    assert now["cntr_tm"].startswith(sim.clock.now().strftime("%Y%m%d"))
    assert now["cur_prc"] == "+202000" and now["pred_pre"] == "+2000"
    assert int(now["trde_qty"]) >= 3


def test_chart_inputs(kw: Kiwoom):
    assert kw.call("ka10081", {"stk_cd": "005930", "upd_stkpc_tp": "1"})["return_msg"].endswith(
        "필수입력 파라미터=base_dt]")
    assert kw.call("ka10080", {"stk_cd": "005930", "upd_stkpc_tp": "1"})["return_msg"].endswith(
        "필수입력 파라미터=tic_scope]")
    assert "[1517:" in kw.call("ka10080", {**MINUTES, "tic_scope": "2"})["return_msg"]
    assert "[1902:" in kw.call("ka10080", {**MINUTES, "stk_cd": "999999"})["return_msg"]


def test_basic_info_highs_and_lows_come_from_the_candles(sim, kw: Kiwoom):
    info = kw.call("ka10001", {"stk_cd": "005930"})
    assert problems("ka10001", info) == []
    days = []
    body = {**DAYS, "base_dt": sim.clock.now().strftime("%Y%m%d")}
    r = kw.post("ka10081", body)
    days += r.json()["stk_dt_pole_chart_qry"]
    while r.headers["cont-yn"] == "Y" and len(days) < 250:
        r = kw.post("ka10081", body, **{"cont-yn": "Y", "next-key": r.headers["next-key"]})
        days += r.json()["stk_dt_pole_chart_qry"]
    days = days[:250]
    top = max(days, key=lambda d: (int(d["high_pric"]), d["dt"]))
    assert abs(int(info["250hgst"])) == int(top["high_pric"])
    assert info["250hgst_pric_dt"] == top["dt"]
    assert abs(int(info["250lwst"])) == min(int(d["low_pric"]) for d in days)
