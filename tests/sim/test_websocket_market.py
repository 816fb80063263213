"""0B 주식체결 and 0D 주식호가잔량 come from the market the orders trade in: the book is
ka10004's (the user's resting orders in it), trades are the market's moves, its own
prints and the user's fills, several a second per subscribed stock."""

from __future__ import annotations

import asyncio
import re
import time

import pytest

from kiwoom_ticket.simulator import SimConfig

from .kiwoom import Kiwoom
from .ws import RawWs, field_ids, run

SIGNED = re.compile(r"[+-]?\d+")
PRICES_0D = [str(n) for n in range(41, 61)]
QTYS_0D = [str(n) for n in range(61, 81)]


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None)


def watch(sim, types, items, work, type_, count, where=lambda e: True):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(types, items)
            await asyncio.get_running_loop().run_in_executor(None, work)
            return await ws.entries(type_, count, where=where)
    return run(go())


def ka10004_levels(kw: Kiwoom, code: str) -> tuple[list[str], list[str]]:
    body = kw.call("ka10004", {"stk_cd": code})

    def name(side, n, what):
        return f"{side}_fpr_{what}" if n == 1 else f"{side}_{n}th_pre_{what}"
    asks = [(body[name("sel", n, "bid")], body[name("sel", n, "req")]) for n in range(1, 11)]
    bids = [(body[name("buy", n, "bid")], body[name("buy", n, "req")]) for n in range(1, 11)]
    return ([p for p, _ in asks] + [p for p, _ in bids], [q for _, q in asks] + [q for _, q in bids])


def test_the_book_is_ka10004s_with_the_users_resting_order_in_it(sim, kw: Kiwoom):
    before = ka10004_levels(kw, "005930")
    # A buy resting at 199,000: the tenth bid level (ticks of 100 under 200,000).
    work = lambda: kw.buy("005930", 7, price="199000", trde_tp="0")  # noqa: E731
    (book,) = watch(sim, ["0D"], ["005930"], work, "0D", 1,
                    where=lambda e: e["values"]["80"] != before[1][19])
    v = book["values"]
    assert list(v) == field_ids("0D")
    assert book["item"] == "005930" and book["name"] == "주식호가잔량"
    prices, qtys = ka10004_levels(kw, "005930")
    # 41-50 asks best first, 51-60 bids best first; 61-80 their quantities.
    assert [v[f] for f in PRICES_0D[:10]] == prices[:10]
    assert [v[f] for f in PRICES_0D[10:]] == prices[10:]
    assert [v[f] for f in QTYS_0D] == qtys
    assert v["60"] == "-199000" and int(v["80"]) == int(before[1][19]) + 7
    assert v["100"] == "+7"  # 매수호가직전대비10: seven more than the last snapshot
    assert v["121"] == str(sum(int(q) for q in qtys[:10]))
    assert v["125"] == str(sum(int(q) for q in qtys[10:]))
    assert v["128"] == f"+{int(v['125']) - int(v['121'])}" or v["128"].startswith("-")
    assert re.fullmatch(r"\d{6}", v["21"])


def test_a_price_move_is_a_trade_and_moves_the_book(sim, kw: Kiwoom):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(["0B", "0D"], ["005930"])
            await ws.entries("0D", 1)  # the book as it stands, sent on REG
            await asyncio.get_running_loop().run_in_executor(
                None, sim.market.set_price, "005930", 201_000)
            (trade,) = await ws.entries("0B", 1)
            (book,) = await ws.entries("0D", 1)
            return trade["values"], book["values"]
    trade, book = run(go())
    assert list(trade) == field_ids("0B")
    assert (trade["10"], trade["11"], trade["12"], trade["25"]) == ("+201000", "+1000", "+0.50", "2")
    assert (trade["27"], trade["28"], trade["290"], trade["9081"]) == ("+201500", "+200500", "2", "KRX")
    assert trade["15"].startswith("+")  # the price went up: a buy at the ask
    assert trade["13"] == str(sim.market.quote("005930").volume)
    assert re.fullmatch(r"\d{6}", trade["20"]) and SIGNED.fullmatch(trade["1313"])
    assert trade["1315"] == " 0" and trade["1316"] == trade["15"] == trade["1314"]
    assert (book["41"], book["51"]) == ("+201500", "+200500")


def test_the_users_fill_is_a_trade_too(sim, kw: Kiwoom):
    (trade,) = watch(sim, ["0B"], ["005930"], lambda: kw.sell("005930", 3), "0B", 1)
    v = trade["values"]
    assert (v["15"], v["10"], v["1315"], v["1316"]) == ("-3", "200000", "-3", " 0")
    assert v["13"] == "3" and v["1030"] == "3" and v["1071"] == "1"


def test_trades_tick_several_times_a_second_per_subscribed_stock(make_sim):
    sim = make_sim(profile="real", ws_tick_interval=0.05)

    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(["0B"], ["005930", "000660"])
            start = time.monotonic()
            got = await ws.entries("0B", 20, timeout=5.0)
            frames = [f for _, f in ws.frames if f.get("trnm") == "REAL"]
            return got, time.monotonic() - start, frames
    entries, took, frames = run(go())
    per_stock = {code: sum(e["item"] == code for e in entries) for code in ("005930", "000660")}
    assert min(per_stock.values()) >= 5, per_stock
    assert len(entries) / took >= 6  # several a second for each of the two
    assert any(len(f["data"]) >= 2 for f in frames)  # a REAL frame carries several entries
    volumes = [int(e["values"]["13"]) for e in entries if e["item"] == "005930"]
    assert volumes == sorted(volumes) and len(set(volumes)) == len(volumes)


def test_a_frozen_market_does_not_trade(make_sim):
    sim = make_sim(profile="real", ws_tick_interval=0.02)
    sim.market.freeze()

    async def go():
        async with RawWs(sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(sim.issue_token())
            await ws.reg(["0B"], ["005930"])
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(ws.entries("0B", 1, timeout=5.0), 0.4)
    run(go())
