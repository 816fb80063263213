"""The practice exchange's `--clock krx` keeps the app's KRX calendar: closed on KRX
holidays and the year-end closure, and it refuses continuous-only types in the auctions,
as the session clock the ticket greys its order types by (domain/session_clock.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiwoom_ticket.simulator.clock import KST

from .kiwoom import Kiwoom

CLOSED = "[2000](RC4058:모의투자 장종료)"


@pytest.fixture
def krx(make_sim):
    """A practice exchange on KRX hours whose clock reads `when`; its token is issued
    then (a token from another day would have expired)."""

    def at(when: datetime) -> Kiwoom:
        sim = make_sim(clock="krx")
        sim.clock.set(when.replace(tzinfo=KST))
        sim.market.set_price("005930", 200_000)
        return Kiwoom(sim)

    return at


@pytest.mark.parametrize("day", [datetime(2026, 12, 25, 10), datetime(2026, 12, 31, 10),
                                 datetime(2027, 1, 1, 10), datetime(2026, 12, 5, 10)])
def test_closed_days_refuse_orders(krx, day: datetime):
    # Christmas, the year-end closure, New Year's Day, a Saturday
    assert krx(day).buy()["return_msg"] == CLOSED


def test_the_trading_day_between_is_open(krx):
    assert krx(datetime(2026, 12, 30, 10)).buy()["return_code"] == 0


def test_the_opening_auction_takes_a_market_order_but_not_a_mid_price_one(krx):
    kw = krx(datetime(2026, 12, 7, 8, 45))
    assert kw.buy()["return_code"] == 0  # market: into the auction
    assert kw.buy(trde_tp="29")["return_msg"] == "[2000](RC4057:모의투자 장시작전)"
    kw.sim.clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=KST))
    assert kw.buy(trde_tp="29")["return_code"] == 0
