"""The environment bar says which KRX/NXT sessions are open (KST); practice never closes."""

from datetime import datetime, timedelta, timezone

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.ui.env_bar import market_text
from kiwoom_ticket.ui.i18n import language

KST = timezone(timedelta(hours=9))
WEDNESDAY = datetime(2026, 11, 25, tzinfo=KST)


@pytest.fixture(autouse=True)
def korean():
    language.set("ko")
    yield
    language.set("ko")


def at(hour: int, minute: int = 0, day: datetime = WEDNESDAY) -> datetime:
    return day.replace(hour=hour, minute=minute)


def test_regular_session_on_both_exchanges():
    text = market_text(Environment.MOCK, at(10))
    assert "KST 10:00" in text and "KRX 정규장" in text and "NXT 정규장" in text


def test_after_hours_names_the_single_price_session_and_nxt_after_market():
    text = market_text(Environment.REAL, at(17))
    assert "시간외 단일가" in text and "NXT 애프터마켓" in text and "정규장" not in text


def test_night_weekend_and_practice():
    assert "장 마감" in market_text(Environment.REAL, at(3))
    assert "주말" in market_text(Environment.REAL, at(10, day=WEDNESDAY + timedelta(days=3)))
    assert "언제나" in market_text(Environment.PRACTICE, at(3))


def test_the_bar_shows_it(window):
    assert "언제나" in window.env_bar.market.text()  # the window starts on practice
