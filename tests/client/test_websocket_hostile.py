"""The realtime client against frames no exchange should send: a number where text
belongs, a list for a volume, brackets nested 100,000 deep, a 4,000-digit price, 10 MB
in one message. None of them may end the stream: a bad frame or entry is dropped and
counted, the stream stays live and what follows is read; a message too big reconnects and
says so in words; a failure of the session's own code starts it over, saying it crashed."""

from __future__ import annotations

import json
import time

import pytest

from kiwoom_ticket.kiwoom.websocket import DOWN, LIVE, RECONNECTING
from kiwoom_ticket.simulator import SimConfig, Simulator

from .ws_helpers import start_session


@pytest.fixture
def wsim():
    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                       ws_ping_interval=0.05)
    with Simulator(config) as sim:
        sim.market.freeze()
        yield sim


def real(type_: str, values: dict, item: str = "005930") -> str:
    return json.dumps({"trnm": "REAL", "data": [{"type": type_, "name": "x", "item": item,
                                                 "values": values}]}, ensure_ascii=False)


ORDER = {"9201": "1234567890", "9203": "0000009", "9001": "005930", "913": "접수",
         "900": "1", "901": "200000", "902": "1", "904": "0000000", "907": "2"}
TRADE = {"20": "100000", "10": "+200500", "11": "+500", "13": "123", "15": "+1"}

BAD_FRAMES = {
    "ord_no as a number": real("00", {**ORDER, "9203": 9}),
    "volume as a list": real("0B", {**TRADE, "13": [1, 2]}),
    "100,000 nested brackets": "[" * 100_000 + "]" * 100_000,
    "100,000 nested objects": '{"trnm":"REAL","data":' + '{"a":' * 100_000 + "0"
                              + "}" * 100_001,
    "a 4,000-digit price": real("0B", {**TRADE, "10": "+" + "9" * 4_000}),
    "a price past any stock's": real("0B", {**TRADE, "10": "+99999999999"}),
    "a quantity as text": real("00", {**ORDER, "900": "lots"}),
    "values as a list": json.dumps({"trnm": "REAL", "data": [{"type": "0B", "values": []}]}),
    "data as text": json.dumps({"trnm": "REAL", "data": "everything"}),
    "NaN": '{"trnm":"REAL","data":[{"type":"0B","item":"005930","values":{"10":NaN}}]}',
    "not JSON": "{'trnm': 'REAL'",
    "trnm as a number": '{"trnm": 7}',
    "a 300-character value": real("00", {**ORDER, "302": "가" * 300}),
}


@pytest.mark.allow_log("bad frame dropped")
@pytest.mark.parametrize("bad", list(BAD_FRAMES.values()), ids=list(BAD_FRAMES))
def test_a_bad_frame_is_dropped_and_counted_and_the_stream_goes_on(wsim, sessions, bad):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],),
                                                                   (["0B"], ["005930"], "2")])
    rec.wait(lambda r: LIVE in r.states)
    wsim.realtime.send_raw(bad)
    wsim.realtime.send_raw(real("0B", TRADE))  # what follows is read
    rec.wait(lambda r: r.of("0B"))
    assert [e.values for e in rec.of("0B")] == [TRADE] and rec.of("00") == []
    assert session.stats["bad_frames"] + session.stats["bad_entries"] == 1
    assert rec.states == ["connecting", LIVE] and session.stats["connects"] == 1
    assert session.stats["crashes"] == 0


@pytest.mark.expect_log("bad frame dropped (bad_entry")
def test_a_bad_frame_is_logged_once_cut_short(wsim, sessions, fail_on_logged_warnings):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["0B"], ["005930"])])
    rec.wait(lambda r: LIVE in r.states)
    for n in range(5):
        wsim.realtime.send_raw(real("0B", {**TRADE, "10": "+" + "9" * (4_000 + n)}))
    wsim.realtime.send_raw(real("0B", TRADE))
    rec.wait(lambda r: r.of("0B"))
    assert session.stats["bad_entries"] == 5
    [logged] = [r.getMessage() for r in fail_on_logged_warnings.records]
    assert len(logged) < 400 and "4151 characters" in logged  # the first only


@pytest.mark.allow_log("bad frame dropped")
def test_one_bad_entry_leaves_the_good_ones_of_its_frame(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["0B"], ["005930"])])
    rec.wait(lambda r: LIVE in r.states)
    good = {"type": "0B", "name": "주식체결", "item": "005930", "values": TRADE}
    frame = {"trnm": "REAL", "data": [good, {**good, "values": {**TRADE, "15": 1.5}}, good]}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(session._repeats, "fresh", lambda entries: entries)  # keep both goods
        wsim.realtime.send_raw(json.dumps(frame))
        rec.wait(lambda r: len(r.of("0B")) == 2)
    assert session.stats["bad_entries"] == 1


@pytest.mark.allow_log("bad frame dropped")
def test_a_10_mb_message_reconnects_and_says_it_was_too_big(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["0B"], ["005930"])])
    rec.wait(lambda r: LIVE in r.states)
    wsim.realtime.send_raw(real("0B", {**TRADE, "302": "x" * (10 * 1024 * 1024)}))
    rec.wait(lambda r: r.last.state == LIVE and r.gaps)
    lost = next(s for s in rec.statuses if s.state == RECONNECTING)
    assert lost.cause == "too_big" and lost.detail == "10 MB"
    assert "message too big (10 MB)" in lost.reason and "unknown" not in lost.reason
    assert session.stats["connects"] == 2


@pytest.mark.expect_log("the connection's reader failed; starting over")
def test_a_reader_that_fails_starts_over_with_backoff_and_says_it_crashed(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["0B"], ["005930"])])
    rec.wait(lambda r: LIVE in r.states)
    failures = []

    def broken(entries):  # a bug in our own code, found by some frame
        failures.append(entries)
        raise TypeError("unhashable type: 'list'")

    session._repeats.fresh = broken
    wsim.realtime.send_raw(real("0B", TRADE))
    rec.wait(lambda r: r.last.state == RECONNECTING)
    assert rec.last.cause == "crashed" and "crashed" in rec.last.reason
    assert rec.last.state != DOWN and session.stats["crashes"] == 1
    del session._repeats.fresh  # the bug is gone: the next connection reads again
    rec.wait(lambda r: r.last.state == LIVE and r.gaps)
    wsim.realtime.send_raw(real("0B", TRADE))
    rec.wait(lambda r: r.of("0B"))
    time.sleep(0.1)
    assert session.stats["connects"] == 2


@pytest.mark.allow_log("bad frame dropped")
def test_a_huge_system_text_is_cut_and_a_huge_ping_is_not_sent_back(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["0B"], ["005930"])])
    rec.wait(lambda r: LIVE in r.states)
    pings = session.stats["pings"]
    wsim.realtime.send_raw(json.dumps({"trnm": "PING", "pad": "x" * 100_000}))
    wsim.realtime.send_raw(json.dumps({"trnm": "SYSTEM", "code": "0" * 50,
                                       "message": "공지 " * 100_000}))
    rec.wait(lambda r: r.notices)
    [notice] = rec.notices
    assert len(notice.message) <= 301 and len(notice.code) <= 17
    assert session.stats["bad_frames"] == 1 and session.stats["pings"] >= pings
    wsim.realtime.send_raw(real("0B", TRADE))
    rec.wait(lambda r: r.of("0B"))
    assert rec.states == ["connecting", LIVE]
