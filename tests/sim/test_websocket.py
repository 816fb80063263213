"""The practice exchange's WebSocket speaks Kiwoom's protocol (kiwoom-realtime-notes §1.1–1.2):
LOGIN first and its answer before anything else, REG/REMOVE by group, PING to echo and
R10002 when echoes stop, one session per app key (R10001), SYSTEM frames never echoed."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from kiwoom_ticket.simulator import SimConfig, Simulator

from .ws import RawWs, eventually, protocol, run

PING_INTERVAL = 0.05


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                     ws_ping_interval=PING_INTERVAL)


def test_login_is_answered_then_reg_is_acknowledged(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            assert await ws.login(sim.issue_token()) == protocol("login_ok")
            assert await ws.reg(["00", "04"]) == protocol("reg_ok")
            assert await ws.reg(["0B", "0D"], ["005930", "000660"], grp="2") == protocol("reg_ok")
    run(go())
    eventually(lambda: sim.realtime.sessions() == [])  # the connection is gone once closed


def test_a_reg_before_the_login_answer_is_ignored_with_100013(sim_config):
    # A login check long enough that the REG sent right behind the LOGIN always lands while
    # it runs, however the machine schedules (the default 10 ms is not, under Wine, loaded);
    # Kiwoom's own ping interval, so no PING comes first.
    with Simulator(replace(sim_config, ws_login_delay=0.5, ws_ping_interval=10.0)) as sim:
        _reg_before_the_login_answer(sim)


def _reg_before_the_login_answer(sim) -> None:
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await ws.send(trnm="LOGIN", token=sim.issue_token())
            await ws.send(trnm="REG", grp_no="1", refresh="1", data=[{"item": [""], "type": ["00"]}])
            first, second = await ws.recv(), await ws.recv()
            assert first == protocol("before_login")  # TRNM=%s, as Kiwoom writes it
            assert second == protocol("login_ok")
            info = sim.realtime.sessions()[0]
            assert info["state"] == "live" and info["registrations"] == {}
            assert await ws.reg(["00"]) == protocol("reg_ok")

        async with RawWs(sim.ws_url) as ws:  # no LOGIN at all
            await ws.send(trnm="REMOVE", grp_no="1", data=[{"item": [""], "type": ["00"]}])
            assert await ws.recv() == {**protocol("before_login"), "trnm": "REMOVE"}
    run(go())


def test_a_bad_token_gets_805004_and_the_connection_is_closed(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await ws.send(trnm="LOGIN", token="not-a-token")
            return await ws.closed()
    assert run(go()) == [protocol("login_failed")]


def test_an_expired_token_is_refused_like_a_bad_one(sim):
    token = sim.issue_token()
    sim.tokens.expire(token)

    async def go():
        async with RawWs(sim.ws_url) as ws:
            await ws.send(trnm="LOGIN", token=token)
            return await ws.closed()
    assert run(go()) == [protocol("login_failed")]


def test_pings_come_every_interval_and_five_missed_echoes_close_with_r10002(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            assert (await ws.login(sim.issue_token()))["return_code"] == 0
            start = time.monotonic()
            frames = await ws.closed(timeout=3.0)
            return frames, time.monotonic() - start
    frames, took = run(go())
    assert frames[:5] == [protocol("ping")] * 5
    assert frames[5:] == [protocol("R10002")]
    assert took >= 5 * PING_INTERVAL


def test_echoed_pings_keep_the_session(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            with pytest.raises(TimeoutError):  # only PINGs came, all echoed
                await asyncio.wait_for(ws.recv(timeout=5.0), 12 * PING_INTERVAL)
            pings = [f for _, f in ws.frames if f == protocol("ping")]
            assert len(pings) >= 8
            assert sim.realtime.sessions()[0]["state"] == "live"
    run(go())


def test_echoing_a_system_frame_back_closes_the_connection(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.send(**protocol("R10001"))
            return await ws.closed()
    assert run(go()) == []


def test_a_second_login_with_the_same_app_key_kicks_the_first_with_r10001(sim):
    async def go():
        async with RawWs(sim.ws_url) as first, RawWs(sim.ws_url) as second, \
                RawWs(sim.ws_url) as other:
            for ws in (first, second, other):
                ws.echo_pings = True
            await first.login(sim.issue_token("app-1"))
            await other.login(sim.issue_token("app-2"))
            await second.login(sim.issue_token("app-1"))  # a new token, the same app key
            assert await first.closed() == [protocol("R10001")]
            await asyncio.sleep(3 * PING_INTERVAL)
            states = sorted((s["app_key"], s["state"]) for s in sim.realtime.sessions())
            assert states == [("app-1", "live"), ("app-2", "live")]
    run(go())


def test_remove_and_refresh_0_change_what_is_registered(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(["0B"], ["005930", "000660"], grp="1")
            await ws.reg(["00"], grp="2")
            regs = sim.realtime.sessions()[0]["registrations"]
            assert regs == {"1": [["0B", "000660"], ["0B", "005930"]], "2": [["00", ""]]}
            await ws.send(trnm="REMOVE", grp_no="1", data=[{"item": ["000660"], "type": ["0B"]}])
            assert await ws.until("REMOVE") == {**protocol("reg_ok"), "trnm": "REMOVE"}
            regs = sim.realtime.sessions()[0]["registrations"]
            assert regs == {"1": [["0B", "005930"]], "2": [["00", ""]]}
            assert (await ws.reg(["0D"], ["035720"], grp="3", refresh="0"))["return_code"] == 0
            assert sim.realtime.sessions()[0]["registrations"] == {"3": [["0D", "035720"]]}
    run(go())


def test_a_reg_the_exchange_cannot_serve_is_answered_with_return_code_1(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            unknown_type = await ws.reg(["0Z"], ["005930"])
            unknown_stock = await ws.reg(["0B"], ["999999"])
            await ws.send(trnm="REG", grp_no="1", refresh="1")
            no_data = await ws.until("REG")
            return unknown_type, unknown_stock, no_data
    for reply in run(go()):
        assert reply["trnm"] == "REG" and reply["return_code"] == 1 and reply["return_msg"]


def test_nxt_and_sor_items_are_the_same_book_named_as_registered(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(["0B"], ["005930_NX"])
            await asyncio.get_running_loop().run_in_executor(
                None, sim.market.set_price, "005930", 201_000)
            (e,) = await ws.entries("0B")
            assert e["item"] == "005930_NX" and e["values"]["9081"] == "NXT"
            assert e["values"]["10"] == "+201000"
    run(go())


def test_no_login_within_the_timeout_gets_r10004(make_sim):
    sim = make_sim(ws_login_timeout=0.1, ws_tick_interval=None)

    async def go():
        async with RawWs(sim.ws_url) as ws:
            return await ws.closed()
    frames = run(go())
    assert [f for f in frames if f["trnm"] == "SYSTEM"] == [
        {"trnm": "SYSTEM", "code": "R10004", "message": "접속허용요청(토큰)이 들어오지 않았습니다"}]
