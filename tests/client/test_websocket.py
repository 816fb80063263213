"""The realtime client (kiwoom/websocket) against the practice exchange on loopback: LOGIN
before REG, PINGs, tokens refused and renewed, R10001, R10002, reconnects with a gap, and
the order and market entries it hands over."""

from __future__ import annotations

import time

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.kiwoom import KiwoomClient, OrderRejected, Timeouts
from kiwoom_ticket.kiwoom.websocket import DOWN, LIVE, RECONNECTING
from kiwoom_ticket.simulator import SimConfig, Simulator

from .conftest import FAKE
from .ws_helpers import Tokens, start_session


@pytest.fixture
def wsim():
    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                       ws_ping_interval=0.05, ws_login_delay=0.2,
                       step_liquidity_krw=1_000_000)
    with Simulator(config) as sim:
        yield sim




@pytest.fixture
def rest(wsim):
    client = KiwoomClient(wsim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=3.0))
    yield client
    client.close()


def registrations(sim) -> list[dict]:
    return [s["registrations"] for s in sim.realtime.sessions() if s["state"] == "live"]


def test_login_is_answered_before_anything_is_registered(wsim, sessions):
    # The exchange takes 0.2 s over a LOGIN: a REG sent sooner would get 100013.
    session, rec, tokens = start_session(wsim, sessions, subscriptions=[(["00", "04"],),
                                                                        (["0B"], ["005930"], "2")])
    rec.wait(lambda r: LIVE in r.states)
    assert rec.states == ["connecting", "live"] and rec.notices == [] and rec.gaps == []
    assert tokens.calls == [False]
    assert registrations(wsim) == [{"1": [["00", ""], ["04", ""]], "2": [["0B", "005930"]]}]
    assert session.stats["logins"] == 1


def test_pings_are_echoed_and_the_session_stays(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    time.sleep(0.6)
    assert session.stats["pings"] >= 6
    assert rec.states == ["connecting", "live"]
    assert wsim.realtime.sessions()[0]["misses"] == 0


def test_a_refused_token_is_replaced_by_a_fresh_one(wsim, sessions):
    tokens = Tokens(wsim, first="an-expired-token")
    _session, rec, _ = start_session(wsim, sessions, token=tokens, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    assert tokens.calls == [False, True]
    refused = [s for s in rec.statuses if s.code == "805004"]
    assert refused and "8005" in refused[0].reason and refused[0].state == RECONNECTING


def test_a_fresh_token_refused_too_ends_the_session_as_taken_not_a_storm(wsim, sessions):
    # Kiwoom keeps one token per app key: a token refused right after it was issued means
    # another program issued one since. Renewing again would take it back and forth.
    calls: list[bool] = []

    def token(fresh: bool) -> str:
        calls.append(fresh)
        return "never-valid"

    session, rec, _ = start_session(wsim, sessions, token=token)
    rec.wait(lambda r: DOWN in r.states)
    assert calls == [False, True] and session.stats["connects"] == 2
    assert rec.last.cause == "token_taken" and "another program" in rec.last.reason
    assert session.stats["logins"] == 0
    time.sleep(0.3)
    assert session.stats["connects"] == 2  # and it stays down


def test_another_login_with_the_app_key_ends_the_session_for_good(wsim, sessions):
    first, rec1, _ = start_session(wsim, sessions, token=Tokens(wsim, "key-1"), name="first")
    rec1.wait(lambda r: LIVE in r.states)
    _second, rec2, _ = start_session(wsim, sessions, token=Tokens(wsim, "key-1"), name="second")
    rec1.wait(lambda r: r.last.state == DOWN)
    assert rec1.last.code == "R10001" and "동일한 App key" in rec1.last.reason
    assert "first" in rec1.last.reason  # which session lost
    rec2.wait(lambda r: LIVE in r.states)
    time.sleep(0.4)  # the first does not come back to fight for it
    assert first.stats["connects"] == 1 and rec2.last.state == LIVE
    assert [s["app_key"] for s in wsim.realtime.sessions()] == ["key-1"]


def test_missed_echoes_close_with_r10002_and_the_session_comes_back(wsim, sessions):
    _session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    wsim.realtime.faults.deaf()  # the echoes go missing on the way
    rec.wait(lambda r: any(s.code == "R10002" for s in r.statuses))
    wsim.realtime.faults.deaf(False)
    rec.wait(lambda r: r.last.state == LIVE and r.gaps)
    lost = next(s for s in rec.statuses if s.code == "R10002")
    assert lost.state == RECONNECTING and "Heartbeat" in lost.reason
    assert rec.notices[0].code == "R10002"  # the SYSTEM frame, told as it came
    assert registrations(wsim) == [{"1": [["00", ""]]}]


def test_order_events_arrive_parsed_for_every_state(wsim, sessions, rest):
    _session, rec, _ = start_session(wsim, sessions, subscriptions=[(["00", "04"],)])
    rec.wait(lambda r: LIVE in r.states)
    buy = rest.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 7, "3"))  # 5 + 2
    wsim.market.set_price("005930", 200_500)
    resting = rest.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 2, "0", 190_000))
    moved = rest.send_order(ModifyOrder(Exchange.KRX, resting.ord_no, "005930", 0, 191_000))
    rest.send_order(CancelOrder(Exchange.KRX, moved.ord_no, "005930", 0))
    with pytest.raises(OrderRejected):
        rest.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 100_000, "3"))
    rec.wait(lambda r: len(r.of("00")) >= 9)
    rows = [(e.get("9203"), e.get("913"), e.number("911"), e.number("902")) for e in rec.of("00")]
    assert rows == [
        (buy.ord_no, "접수", 0, 7), (buy.ord_no, "체결", 5, 2), (buy.ord_no, "체결", 7, 0),
        (resting.ord_no, "접수", 0, 2),
        (moved.ord_no, "접수", 0, 2), (moved.ord_no, "확인", 0, 2),
        ("0000004", "접수", 0, 2), ("0000004", "확인", 0, 0),
        ("0000000", "거부", 0, 0),
    ]
    fill = rec.of("00", "체결")[-1]
    assert (fill.type, fill.item, fill.name) == ("00", "005930", "주문체결")
    assert fill.price("914") == 200_500 and fill.number("915") == 2 and fill.price("10") == 200_500
    assert rec.of("00", "거부")[0].get("919") == "RC4025"
    assert [e.number("930") for e in rec.of("04")] == [15, 17]  # 10 held, 5 then 2 bought


def test_book_and_trades_are_entries_with_numbers(wsim, sessions):
    session, rec, _ = start_session(wsim, sessions)
    rec.wait(lambda r: LIVE in r.states)
    session.subscribe(["0B", "0D"], ["005930"], grp_no="5")
    rec.wait(lambda r: r.of("0D"))  # the book as it stands
    wsim.market.set_price("005930", 201_000)
    rec.wait(lambda r: r.of("0B") and len(r.of("0D")) >= 2)
    trade, book = rec.of("0B")[0], rec.of("0D")[-1]
    assert trade.get("10") == "+201000" and trade.price("10") == 201_000
    assert abs(trade.number("15")) >= 1 and trade.number("13") >= 1
    assert book.price("41") == 201_500 and book.price("51") == 200_500
    assert book.number("121") == sum(book.number(str(61 + n)) for n in range(10))
    session.unsubscribe(["0B", "0D"], ["005930"], grp_no="5")
    deadline = time.monotonic() + 2
    while registrations(wsim) != [{}] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert registrations(wsim) == [{}]


def test_a_token_source_that_fails_is_asked_again_later_not_the_end(wsim, sessions):
    # No token now (keyring locked, network down, keys refused): the stream tries again
    # after the backoff, instead of its thread dying with the light saying "stopped".
    tokens = Tokens(wsim)
    failures = [RuntimeError("keyring locked"), KeyError("x")]

    def token(fresh: bool) -> str:
        if failures:
            raise failures.pop(0)
        return tokens(fresh)

    session, rec, _ = start_session(wsim, sessions, token=token, subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    waits = [s for s in rec.statuses if s.state == RECONNECTING]
    assert len(waits) == 2 and "no token: RuntimeError: keyring locked" in waits[0].reason
    assert DOWN not in rec.states and session.stats["connects"] == 3
