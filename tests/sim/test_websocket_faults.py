"""Faults of the practice exchange's WebSocket (ws_faults.py), and the REST fault that
sends an order's 00 frames before its reply."""

from __future__ import annotations

import asyncio
import time

import pytest

from kiwoom_ticket.simulator import SimConfig

from .kiwoom import Kiwoom
from .ws import RawWs, eventually, protocol, run

PING_INTERVAL = 0.05


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                     ws_ping_interval=PING_INTERVAL)


async def logged_in(sim, ws: RawWs, types=("00",), items=("",)) -> None:
    ws.echo_pings = True
    await ws.login(sim.issue_token())
    await ws.reg(list(types), list(items))


def in_thread(fn, *args):
    return asyncio.get_running_loop().run_in_executor(None, fn, *args)


def test_a_duplicated_frame_arrives_twice(sim, kw: Kiwoom):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws)
            sim.realtime.faults.duplicate()
            await in_thread(kw.buy, "005930", 1)
            await ws.entries("00", 4)
            return [f for _, f in ws.frames if f["trnm"] == "REAL"]
    frames = run(go())
    assert frames[0] == frames[1]
    assert sim.realtime.faults.fired == {"duplicate": 1}


def test_a_delayed_frame_holds_back_what_follows(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws, ["0B"], ["005930"])
            sim.realtime.faults.delay(0.4)
            start = time.monotonic()
            await in_thread(sim.market.set_price, "005930", 200_500)
            await in_thread(sim.market.set_price, "005930", 201_000)
            first, second = await ws.entries("0B", 2)
            return time.monotonic() - start, first["values"]["10"], second["values"]["10"]
    took, first, second = run(go())
    assert took >= 0.4 and (first, second) == ("+200500", "+201000")


def test_a_dropped_connection_ends_without_a_close_frame(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws, ["0B"], ["005930"])
            sim.realtime.faults.drop(after=1)
            await in_thread(sim.market.set_price, "005930", 200_500)
            # The first frame goes (waited for: two moves in one turn of the exchange's
            # loop would share a frame), the next cuts the line.
            [first] = await ws.entries("0B")
            await in_thread(sim.market.set_price, "005930", 201_000)
            got = await ws.closed()
            later = [e["values"]["10"] for f in got if f["trnm"] == "REAL" for e in f["data"]]
            return first["values"]["10"], later
    assert run(go()) == ("+200500", [])
    eventually(lambda: sim.realtime.sessions() == [])


def test_drop_cuts_every_connection_at_once(sim):
    async def go():
        async with RawWs(sim.ws_url) as a, RawWs(sim.ws_url) as b:
            await logged_in(sim, a)
            b.echo_pings = True
            await b.login(sim.issue_token("another"))
            sim.realtime.drop()
            assert await a.closed() == [] and await b.closed() == []
    run(go())


def test_a_silent_exchange_sends_nothing_and_answers_nothing(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws)
            sim.realtime.faults.silence()
            seen = len(ws.frames)
            await ws.send(trnm="REG", grp_no="2", refresh="1", data=[{"item": [""], "type": ["04"]}])
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(ws.recv(timeout=5.0), 10 * PING_INTERVAL)
            # Not an answer, and no PING but the one the exchange's own thread may already
            # have been writing as the test silenced it (a silence that fails would send
            # one every interval: ten here).
            late = [frame for _, frame in ws.frames[seen:]]
            assert late in ([], [{"trnm": "PING"}]), late
            assert sim.realtime.sessions()[0]["state"] == "live"  # and the line stays up
            sim.realtime.faults.silence(False)
            await ws.send(trnm="REG", grp_no="2", refresh="1", data=[{"item": [""], "type": ["04"]}])
            assert await ws.until("REG") == protocol("reg_ok")
    run(go())


def test_events_first_sends_the_fill_before_the_rest_reply(sim, kw: Kiwoom):
    sim.faults.inject("kt10000", "events_first")

    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws)
            reply = asyncio.ensure_future(in_thread(kw.buy, "005930", 1))
            _accepted, filled = await ws.entries("00", 2)
            assert not reply.done()
            assert (await reply)["ord_no"] == filled["values"]["9203"] == "0000001"
            return filled["values"]["913"]
    assert run(go()) == "체결"
    assert sim.faults.fired == {"events_first": 1}


def test_a_deaf_exchange_misses_the_echoes_and_closes_with_r10002(sim):
    async def go():
        async with RawWs(sim.ws_url) as ws:
            await logged_in(sim, ws)
            sim.realtime.faults.deaf()
            frames = await ws.closed()
            return [f for f in frames if f["trnm"] != "PING"]
    assert run(go()) == [protocol("R10002")]


def test_a_client_gone_during_the_handshake_is_no_server_error(sim):
    """A client that stops while its upgrade is answered (the app closing as it
    connects): the exchange logs no error (the conftest fails on one)."""
    import base64
    import os
    import socket
    import struct

    port = int(sim.base_url.rsplit(":", 1)[1])
    for _ in range(30):
        s = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET /api/dostk/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()  # reset at once

    async def go():
        async with RawWs(sim.ws_url) as ws:  # served after them, and as ever
            await logged_in(sim, ws)

    run(go())
    eventually(lambda: not sim.realtime.sessions())
