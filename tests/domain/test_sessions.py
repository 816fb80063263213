"""MarketPhase windows of KRX and NXT at their edges (start inclusive, end exclusive)."""

from __future__ import annotations

from datetime import time

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.sessions import MarketPhase, open_sessions
from kiwoom_ticket.domain.trade_types import BY_CODE

S = MarketPhase


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (time(8, 29, 59), set()),
        (time(8, 30), {S.KRX_PRE_CLOSE, S.REGULAR}),  # pre-open close + opening auction
        (time(8, 40), {S.REGULAR}),
        (time(15, 29, 59), {S.REGULAR}),
        (time(15, 30), set()),
        (time(15, 40), {S.KRX_POST_CLOSE}),
        (time(16, 0), {S.KRX_SINGLE_PRICE}),
        (time(17, 59, 59), {S.KRX_SINGLE_PRICE}),
        (time(18, 0), set()),
    ],
)
def test_krx_sessions(at, expected):
    assert open_sessions(Exchange.KRX, at) == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (time(7, 59, 59), set()),
        (time(8, 0), {S.NXT_PRE}),
        (time(8, 50), set()),
        (time(9, 0, 29), set()),
        (time(9, 0, 30), {S.REGULAR}),
        (time(15, 20), set()),
        (time(15, 30), {S.NXT_AFTER}),
        (time(19, 59, 59), {S.NXT_AFTER}),
        (time(20, 0), set()),
    ],
)
def test_nxt_sessions(at, expected):
    assert open_sessions(Exchange.NXT, at) == expected


@pytest.mark.parametrize("at", [time(8, 0), time(8, 35), time(12, 0), time(15, 35), time(16, 30)])
def test_sor_is_open_when_either_venue_is(at):
    assert open_sessions(Exchange.SOR, at) == (
        open_sessions(Exchange.KRX, at) | open_sessions(Exchange.NXT, at)
    )


def test_only_limit_orders_trade_in_nxt_pre_and_after_market():
    for session in (S.NXT_PRE, S.NXT_AFTER):
        assert [t.code for t in BY_CODE.values() if session in t.sessions] == ["0"]


@pytest.mark.parametrize(
    ("code", "session"),
    [("61", S.KRX_PRE_CLOSE), ("81", S.KRX_POST_CLOSE), ("62", S.KRX_SINGLE_PRICE)],
)
def test_after_hours_types_trade_only_in_their_session(code, session):
    assert BY_CODE[code].sessions == {session}
