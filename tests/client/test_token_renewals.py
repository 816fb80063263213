"""One token per app key (Kiwoom, as reported): the practice exchange emulates it, and
two programs with one app key must not take the token from each other back and forth.
A refused token is renewed at most once in a window, never while another issue for the
app key is in flight in any process; a fresh token refused again stops the renewals and
says another program is using the app key, until the trader takes it back."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kiwoom_ticket.kiwoom import KiwoomClient, NotSent, Timeouts
from kiwoom_ticket.kiwoom.errors import TokenTaken
from kiwoom_ticket.kiwoom.token_renewals import TokenRenewals
from kiwoom_ticket.kiwoom.websocket import DOWN, LIVE
from kiwoom_ticket.simulator import SimConfig, Simulator

from .conftest import FAKE
from .ws_helpers import start_session

TAKEN = "another program is using this app key"


@pytest.fixture
def wsim():
    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=None,
                       ws_ping_interval=0.05, one_token_per_key=True)
    with Simulator(config) as sim:
        yield sim


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def program(wsim, tmp_path, clock):
    """A program using FAKE's app key on this machine (its own client, the shared folder)."""
    made: list[KiwoomClient] = []

    def make(**kwargs) -> KiwoomClient:
        renewals = TokenRenewals(tmp_path / "data", wsim.base_url, FAKE.appkey, clock=clock,
                                 **kwargs)
        made.append(KiwoomClient(wsim.base_url, FAKE, renewals=renewals,
                                 timeouts=Timeouts(connect=1.0, read=3.0)))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.mark.expect_log("token not renewed")
def test_two_programs_with_one_app_key_do_not_take_the_token_back_and_forth(wsim, program):
    a, b = program(), program()
    a.issue_token()
    assert a.stock_info("005930")["stk_nm"]
    b.issue_token()  # the other program connects: Kiwoom invalidates a's token
    issued = wsim.received("au10001")
    with pytest.raises(TokenTaken) as err:
        a.stock_info("005930")  # 8005: renewing now would take it from b
    assert TAKEN in str(err.value).lower() and "connect again" in str(err.value).lower()
    assert wsim.received("au10001") == issued  # a did not take it
    assert b.stock_info("005930")["stk_nm"]  # b keeps working
    with pytest.raises(TokenTaken):
        a.stock_info("005930")  # and a asks no more, however many calls it makes
    assert wsim.received("au10001") == issued
    revoked = wsim.received("au10002")
    a.revoke_token()  # logging out: a's token is b's now; nothing of a's to revoke
    assert wsim.received("au10002") == revoked
    a.issue_token()  # the trader takes it back by connecting again
    assert a.stock_info("005930")["stk_nm"]


@pytest.mark.expect_log("token not renewed")
def test_a_fresh_token_refused_again_is_not_renewed_twice_in_the_window(wsim, program, clock):
    a = program()
    a.issue_token()
    wsim.tokens.expire(a.token.value)  # refused: renewed once, as before
    assert a.stock_info("005930")["stk_nm"]
    issued = wsim.received("au10001")
    clock.now += 5
    wsim.tokens.expire(a.token.value)  # the fresh one refused as well, 5 s later
    with pytest.raises(TokenTaken) as err:
        a.stock_info("005930")
    assert "refused too" in str(err.value)
    assert wsim.received("au10001") == issued


def test_after_the_window_a_refused_token_is_renewed_again(wsim, program, clock):
    a = program()
    a.issue_token()
    for _ in range(3):  # hours apart: each refusal is renewed
        wsim.tokens.expire(a.token.value)
        assert a.stock_info("005930")["stk_nm"]
        clock.now += 3600


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiwoom_ticket.kiwoom.token_renewals import FileLock
    with FileLock(Path(sys.argv[1])):
        print("locked", flush=True)
        sys.stdin.read()
""")


def test_no_issue_while_another_process_is_issuing_for_the_app_key(wsim, program, tmp_path):
    a = program(lock_wait=0.3)
    a.issue_token()
    wsim.tokens.expire(a.token.value)
    [lock] = (tmp_path / "data").glob("token-*.lock")
    assert FAKE.appkey not in lock.name  # a hash of it, never the key
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        issued = wsim.received("au10001")
        with pytest.raises(NotSent):
            a.stock_info("005930")  # refused (8005), and no new token may be had now
        assert wsim.received("au10001") == issued
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert a.stock_info("005930")["stk_nm"]  # the other process is done: issued now


@pytest.mark.expect_log("token not renewed")
def test_the_stream_stops_rather_than_take_the_app_key_from_another_program(wsim, program,
                                                                           sessions):
    a, b = program(), program()
    a.issue_token()

    def token(fresh: bool) -> str:
        return (a.renew_token() if fresh else a.ensure_token()).value

    _session, rec, _ = start_session(wsim, sessions, token=token,
                                     subscriptions=[(["00"],)])
    rec.wait(lambda r: LIVE in r.states)
    b.issue_token()  # another program with the app key connects
    wsim.realtime.drop()
    rec.wait(lambda r: r.last.state == DOWN)
    assert rec.last.cause == "token_taken" and TAKEN in rec.last.reason.lower()
    assert b.stock_info("005930")["stk_nm"]  # the other program keeps its token


def test_one_refusal_seen_by_rest_and_the_stream_is_one_renewal(wsim, program):
    a = program()
    old = a.issue_token().value
    wsim.tokens.expire(old)
    assert a.stock_info("005930")["stk_nm"]  # REST saw the 8005 first and renewed
    issued = wsim.received("au10001")
    assert a.renew_token(refused=old).value == a.token.value  # the stream's LOGIN, late
    assert wsim.received("au10001") == issued  # no second renewal to trip the window
