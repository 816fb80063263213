"""00 주문체결 and 04 잔고 from the practice exchange: one entry for every state of every
order, the spec's field ids in the spec's order, values formatted as Kiwoom's."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest

from kiwoom_ticket.simulator import SimConfig

from .kiwoom import Kiwoom
from .ws import RawWs, field_ids, run

ACCOUNT = "8100000011"
SIGNED = re.compile(r"[+-]?\d+")


@pytest.fixture
def sim_config() -> SimConfig:
    # 1,000,000 won per price step: five shares of 005930 (200,000) fill per step.
    return SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                     step_liquidity_krw=1_000_000)


def orders_stream(sim, work, count: int, types=("00",)):
    """Log in, register 00 (and `types`), run `work()` (blocking REST calls), and return
    the first `count` entries of `types[0]`."""
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(list(types))
            work()
            return await ws.entries(types[0], count)
    return [e["values"] for e in run(go())]


def check_form(v: dict) -> None:
    assert list(v) == field_ids("00")
    assert all(isinstance(x, str) for x in v.values())
    assert v["9201"] == ACCOUNT and v["912"] == "JJ" and re.fullmatch(r"\d{7}", v["9203"])
    assert re.fullmatch(r"\d{7}", v["904"]) and re.fullmatch(r"\d{6}", v["908"])
    for fid in ("10", "27", "28"):
        assert SIGNED.fullmatch(v[fid]), (fid, v[fid])
    assert (v["2134"], v["2135"], v["2136"]) == ("1", "KRX", "N")


def test_a_market_buy_is_accepted_then_filled(sim, kw: Kiwoom):
    accepted, filled = orders_stream(sim, lambda: kw.buy("005930", 1), 2)
    for v in (accepted, filled):
        check_form(v)
        assert (v["9203"], v["9001"], v["302"]) == ("0000001", "005930", "삼성전자")
        assert (v["904"], v["905"], v["906"], v["907"]) == ("0000000", "+매수", "시장가", "2")
        assert (v["900"], v["901"], v["919"], v["938"], v["939"]) == ("1", "0", "0", "0", "0")
    assert accepted["913"] == "접수" and accepted["902"] == "1" and accepted["903"] == "0"
    assert accepted["909"] == accepted["910"] == accepted["911"] == ""
    assert accepted["914"] == accepted["915"] == ""
    assert filled["913"] == "체결" and filled["902"] == "0"
    assert filled["910"] == filled["914"] == "200000" and filled["903"] == "200000"
    assert filled["911"] == filled["915"] == "1"
    assert filled["909"] == "0000001"  # kt00009's cntr_no of the same fill


def test_partial_fills_carry_the_running_and_the_unit_figures(sim, kw: Kiwoom):
    def work():
        assert kw.buy("005930", 12)["return_code"] == 0  # 5 now, the rest rests
        sim.market.set_price("005930", 200_500)  # 4 more at 200,500 (1,000,000 // 200,500)
        sim.market.set_price("005930", 201_000)  # the last 3 at 201,000

    accepted, *fills = orders_stream(sim, work, 4)
    assert accepted["913"] == "접수" and accepted["902"] == "12"
    rows = [(v["913"], v["911"], v["915"], v["914"], v["902"], v["903"], v["910"]) for v in fills]
    assert rows == [
        ("체결", "5", "5", "200000", "7", "1000000", "200000"),
        ("체결", "9", "4", "200500", "3", "1802000", "200222"),
        ("체결", "12", "3", "201000", "0", "2405000", "200416"),
    ]
    assert [v["909"] for v in fills] == ["0000001", "0000002", "0000003"]
    for v in fills:
        check_form(v)


def test_modify_and_cancel_get_their_own_numbers_accepted_then_confirmed(sim, kw: Kiwoom):
    def work():
        kw.buy("005930", 3, price="190000", trde_tp="0")  # rests below the market
        assert kw.modify("0000001", 0, price="191000")["ord_no"] == "0000002"
        assert kw.cancel("0000002", 0)["ord_no"] == "0000003"

    entries = orders_stream(sim, work, 5)
    for v in entries:
        check_form(v)
    rows = [(v["913"], v["9203"], v["904"], v["905"], v["900"], v["901"], v["902"])
            for v in entries]
    assert rows == [
        ("접수", "0000001", "0000000", "+매수", "3", "190000", "3"),
        ("접수", "0000002", "0000001", "+매수정정", "3", "191000", "3"),
        ("확인", "0000002", "0000001", "+매수정정", "3", "191000", "3"),
        ("접수", "0000003", "0000002", "매수취소", "3", "191000", "3"),
        ("확인", "0000003", "0000002", "매수취소", "3", "191000", "0"),
    ]
    assert all(v["906"] == "보통" for v in entries)


def test_a_sell_modify_is_signed_minus(sim, kw: Kiwoom):
    def work():
        kw.sell("005930", 2, price="210000", trde_tp="0")
        kw.modify("0000001", 1, price="209000")

    entries = orders_stream(sim, work, 3)
    assert [(v["905"], v["907"], v["900"]) for v in entries] == [
        ("-매도", "1", "2"), ("-매도정정", "1", "1"), ("-매도정정", "1", "1")]


def test_refused_requests_are_sent_as_rejected_with_the_reason(sim, kw: Kiwoom):
    def work():
        assert kw.buy("005930", 100_000)["return_msg"].startswith("[2000](RC4025")
        assert kw.cancel("0009999", 0)["return_msg"].startswith("[2000](RC4061")

    buy, cancel = orders_stream(sim, work, 2)
    for v in (buy, cancel):
        check_form(v)
        assert v["913"] == "거부" and v["9203"] == "0000000" and v["902"] == "0"
    assert (buy["919"], buy["905"], buy["900"], buy["904"]) == ("RC4025", "+매수", "100000", "0000000")
    assert (cancel["919"], cancel["905"], cancel["904"]) == ("RC4061", "매수취소", "0009999")


def test_the_unfilled_rest_of_an_ioc_order_is_cancelled_by_the_exchange(sim, kw: Kiwoom):
    accepted, cancelled = orders_stream(
        sim, lambda: kw.buy("005930", 2, price="190000", trde_tp="10"), 2)
    assert (accepted["913"], accepted["902"], accepted["906"]) == ("접수", "2", "보통(IOC)")
    assert (cancelled["913"], cancelled["9203"], cancelled["902"]) == ("취소", "0000001", "0")


def test_what_still_works_at_the_days_end_is_cancelled_by_the_exchange(sim, kw: Kiwoom):
    def work():
        kw.buy("005930", 2, price="190000", trde_tp="0")
        now = sim.clock.now()
        midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=5)
        sim.clock.advance((midnight - now).total_seconds())  # the next request rolls the day
        assert kw.open_orders() == []

    accepted, expired = orders_stream(sim, work, 2)
    assert (accepted["913"], expired["913"]) == ("접수", "취소")
    assert (expired["9203"], expired["900"], expired["902"]) == ("0000001", "2", "0")


def test_a_fill_sends_the_holding_as_04(sim, kw: Kiwoom):
    (balance,) = orders_stream(sim, lambda: kw.buy("005930", 1), 1, types=("04", "00"))
    assert list(balance) == field_ids("04")
    assert balance["9201"] == ACCOUNT and balance["9001"] == "005930"
    # 10 held at 190,000 (the default account) and one bought at 200,000.
    assert (balance["930"], balance["932"], balance["931"], balance["933"]) == (
        "11", "2100000", "190909", "11")
    assert (balance["945"], balance["946"], balance["917"], balance["307"]) == ("1", "2", "00", "200000")
    assert SIGNED.fullmatch(balance["10"]) and balance["8019"] == "0.00"


def test_a_sell_fill_reports_the_realised_profit(sim, kw: Kiwoom):
    (balance,) = orders_stream(sim, lambda: kw.sell("005930", 2), 1, types=("04", "00"))
    assert (balance["930"], balance["946"], balance["945"]) == ("8", "1", "-2")
    assert balance["950"] == balance["990"] == "20000"  # 2 × (200,000 − 190,000)
    assert balance["8019"] == balance["991"] == "+5.26"


def test_orders_are_sent_to_every_session_that_registered_00_only(sim, kw: Kiwoom):
    async def go():
        async with RawWs(sim.ws_url) as a, RawWs(sim.ws_url) as b:
            for ws, key in ((a, "one"), (b, "two")):
                ws.echo_pings = True
                await ws.login(sim.issue_token(key))
            await a.reg(["00"])
            await b.reg(["0B"], ["000660"])
            kw.buy("005930", 1)
            got = await a.entries("00", 2)
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(b.recv(), 0.3)
            return got
    assert [e["item"] for e in run(go())] == ["005930", "005930"]
