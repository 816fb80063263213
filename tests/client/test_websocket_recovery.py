"""The realtime client when the line misbehaves: repeated and early frames, a connection
lost mid-stream, a token that expires while connected, a link that goes silent, TLS."""

from __future__ import annotations

import ssl
import time

import pytest
import trustme

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
from kiwoom_ticket.kiwoom.websocket import LIVE, RECONNECTING, RealtimeSession, StreamEvents
from kiwoom_ticket.simulator import SimConfig, Simulator

from .conftest import FAKE
from .ws_helpers import FAST_BACKOFF, FAST_TIMING, Recorder, Tokens, start_session


@pytest.fixture
def wsim():
    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=0.02,
                       ws_ping_interval=0.05)
    with Simulator(config) as sim:
        sim.market.freeze()  # no market prints unless a test thaws it
        yield sim




@pytest.fixture
def rest(wsim):
    client = KiwoomClient(wsim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=3.0))
    yield client
    client.close()


def buy(rest, qty=1):
    return rest.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", qty, "3"))


def test_repeated_frames_are_handed_over_once(wsim, sessions, rest):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    wsim.realtime.faults.duplicate(count=5)
    for _ in range(3):
        buy(rest)
    rec.wait(lambda r: len(r.of("00")) >= 6)
    time.sleep(0.2)
    keys = [e.key for e in rec.of("00")]
    assert len(keys) == len(set(keys)) == 6
    assert session.stats["duplicates"] >= 2


def test_a_fill_that_comes_before_the_order_reply_is_kept(wsim, sessions, rest):
    _session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    wsim.faults.inject("kt10000", "events_first")
    ack = buy(rest)
    replied = time.monotonic()
    with rec.cond:
        fills = [(t, e) for t, e in rec.entries if e.get("913") == "체결"]
    assert fills and fills[0][0] < replied  # the fill was in before the reply
    assert fills[0][1].get("9203") == ack.ord_no


def test_a_connection_lost_mid_stream_comes_back_logged_in_registered_and_with_a_gap(
        wsim, sessions):
    wsim.market.unfreeze()
    session, rec, tokens = start_session(
        wsim, sessions, subscriptions=[(["00"],), (["0B"], ["005930", "000660"], "2")])
    rec.wait(lambda r: len(r.of("0B")) >= 10)
    wsim.realtime.faults.drop(after=2)  # two more frames, then the line is cut
    rec.wait(lambda r: r.gaps)
    gap = rec.gaps[0]
    assert gap.lost_at <= gap.resumed_at and gap.reason
    assert rec.states[:4] == ["connecting", "live", "reconnecting", "live"]
    assert rec.statuses[2].since == gap.lost_at  # reconnecting since the loss
    assert session.stats["logins"] == 2 and tokens.calls == [False, False]
    live = [s for s in wsim.realtime.sessions() if s["state"] == "live"]
    assert [s["registrations"] for s in live] == [
        {"1": [["00", ""]], "2": [["0B", "000660"], ["0B", "005930"]]}]
    before = len(rec.of("0B"))
    rec.wait(lambda r: len(r.of("0B")) >= before + 10)  # and the stream flows again


def test_a_token_that_expires_while_connected_is_renewed_on_the_next_login(wsim, sessions,
                                                                            rest):
    session, rec, tokens = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    first = tokens.current
    wsim.tokens.expire(first)
    buy(rest)  # the session goes on: a token is checked at LOGIN
    rec.wait(lambda r: len(r.of("00")) >= 2)
    wsim.realtime.drop()
    rec.wait(lambda r: r.gaps and r.last.state == LIVE)
    assert tokens.calls == [False, False, True] and tokens.current != first
    assert any(s.code == "805004" for s in rec.statuses)
    assert len(rec.gaps) == 1 and session.stats["logins"] == 2
    buy(rest)
    rec.wait(lambda r: len(r.of("00")) >= 4)


def test_a_silent_link_is_given_up_and_made_again(wsim, sessions):
    _session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    wsim.realtime.faults.silence()
    rec.wait(lambda r: r.last.state == RECONNECTING)
    assert "nothing from the server" in rec.last.reason
    wsim.realtime.faults.silence(False)
    rec.wait(lambda r: r.last.state == LIVE and r.gaps, timeout=8.0)


def test_addresses_are_checked_and_tls_is_never_off():
    with pytest.raises(ValueError):
        RealtimeSession("ws://api.kiwoom.com:10000/api/dostk/websocket", str, StreamEvents())
    with pytest.raises(ValueError):
        RealtimeSession("wss://user:pw@api.kiwoom.com:10000/x", str, StreamEvents())
    with pytest.raises(ValueError):
        RealtimeSession("wss://api.kiwoom.com:10000/api/dostk/websocket", str, StreamEvents(),
                        verify=False)
    s = RealtimeSession("WSS://MockAPI.kiwoom.com:10000/api/dostk/websocket/", str,
                        StreamEvents())
    assert s.url == "wss://mockapi.kiwoom.com:10000/api/dostk/websocket"


def test_wss_with_a_trusted_ca_goes_live_and_an_unknown_certificate_does_not(tmp_path,
                                                                            sessions):
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                       ssl_context=server)
    with Simulator(config) as sim:
        assert sim.ws_url.startswith("wss://127.0.0.1:")
        trusted, untrusted = Recorder(), Recorder()
        for rec, verify in ((trusted, str(bundle)), (untrusted, True)):
            s = RealtimeSession(sim.ws_url, Tokens(sim, app_key=str(verify)), rec,
                                verify=verify, backoff=FAST_BACKOFF, timing=FAST_TIMING)
            sessions.append(s)
            s.start()
        trusted.wait(lambda r: LIVE in r.states)
        untrusted.wait(lambda r: r.last.state == RECONNECTING)
        assert "certificate" in untrusted.last.reason.lower()
        for s in sessions:
            s.stop()
