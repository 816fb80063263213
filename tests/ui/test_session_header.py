"""The ticket's session header and the trade-type combo's greying follow the session
clock (domain/session_clock.py) on the app's settable clock (domain/clock.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiwoom_ticket.domain.clock import wall_clock
from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.trade_types import TRADE_TYPES
from kiwoom_ticket.ui.i18n import language

MONDAY = datetime(2026, 12, 7, tzinfo=KST)


def settle(form) -> None:
    """The header works out what it asked for on the event loop's next turn."""
    form.session_header.refresh_now()


@pytest.fixture
def clock_at():
    def start(when: datetime) -> None:
        wall_clock.start_at(when)

    yield start
    wall_clock.reset()


@pytest.fixture
def ticket_at(make_window, clock_at):
    """The Buy tab of a window (not connected) on Kiwoom's mock environment, whose hours
    are the exchange's, at `when` (KST)."""

    def make(when: datetime):
        clock_at(when)
        window = make_window(connect=False)
        form = window.buy_form
        form.session_header.environment = lambda: Environment.MOCK  # as if connected there
        window.apply_env_look(Environment.MOCK)
        settle(form)
        return form

    return make


def test_the_opening_auction_greys_the_continuous_only_types_with_when_they_open(ticket_at):
    form = ticket_at(MONDAY.replace(hour=8, minute=45))
    header, combo = form.session_header, form.trade_type
    assert header.isVisible()
    assert header.text().startswith("KRX 장 시작 동시호가 · 정규장까지 0:1")
    for code in ("0", "3", "5"):
        assert combo.is_value_enabled(code), code
    for code in ("6", "10", "29"):
        assert not combo.is_value_enabled(code), code
        assert combo.item_tooltip(code) == (
            "KRX 장 시작 동시호가에는 받지 않는 주문 유형입니다 · 09:00부터 주문할 수 있습니다")
    assert "15:40부터" in combo.item_tooltip("81")
    language.set("en")
    settle(form)
    assert header.text().startswith("KRX opening auction · regular session in 0:1")
    assert combo.item_tooltip("6") == "not taken during the KRX opening auction · opens 09:00"


def test_at_nine_the_header_moves_on_and_the_types_open(ticket_at, qtbot):
    form = ticket_at(MONDAY.replace(hour=8, minute=59, second=59))
    assert not form.trade_type.is_value_enabled("29")
    qtbot.waitUntil(lambda: form.session_header.text().startswith("KRX 정규장 · "),
                    timeout=5_000)
    assert form.trade_type.is_value_enabled("29")
    assert "장 마감 동시호가까지 6:1" in form.session_header.text()


def test_the_closing_auction_and_the_chosen_venue(ticket_at):
    form = ticket_at(MONDAY.replace(hour=15, minute=20, second=1))
    assert form.session_header.text().startswith("KRX 장 마감 동시호가 · 종료까지 0:09:5")
    assert not form.trade_type.is_value_enabled("29")
    form.session_header.environment = lambda: Environment.REAL  # real routes to NXT
    form.on_env_changed(Environment.REAL)
    form.exchange.select(Exchange.NXT.value)
    settle(form)
    assert form.session_header.text().startswith("NXT 쉬는 시간 · 애프터마켓까지 0:09:5")
    assert not form.trade_type.is_value_enabled("0")
    assert "15:30부터" in form.trade_type.item_tooltip("0")


@pytest.mark.parametrize(
    ("day", "ko", "en"),
    [
        (datetime(2026, 12, 5, 10, tzinfo=KST), "KRX 휴장 (주말)", "KRX closed (weekend)"),
        (datetime(2026, 12, 31, 10, tzinfo=KST), "KRX 휴장 (연말휴장일)",
         "KRX closed (End of Year Holiday)"),
        (datetime(2026, 12, 25, 10, tzinfo=KST), "KRX 휴장 (기독탄신일)",
         "KRX closed (Christmas Day)"),
    ],
)
def test_closed_days_grey_every_type_and_say_why(ticket_at, day, ko, en):
    form = ticket_at(day)
    assert form.session_header.text().startswith(ko + " · 다음: 장 시작 동시호가 ")
    assert not any(form.trade_type.is_value_enabled(t.code) for t in TRADE_TYPES)
    assert form.trade_type.item_tooltip("0").startswith("오늘은 휴장일입니다 (")
    language.set("en")
    settle(form)
    assert form.session_header.text().startswith(en + " · next: opening auction ")
    assert form.trade_type.item_tooltip("0").startswith("market closed today (")


def test_the_practice_exchange_greys_nothing_for_the_hour(make_window, clock_at, qtbot):
    clock_at(datetime(2026, 12, 5, 3, tzinfo=KST))  # Saturday, 3 a.m.
    form = make_window(connect=False).buy_form
    qtbot.waitUntil(lambda: form.session_header.text() != "", timeout=5_000)  # by itself
    assert all(form.trade_type.is_value_enabled(t.code) for t in TRADE_TYPES)
    assert form.session_header.text().startswith("KRX 휴장 (주말)")
    assert "연습 거래소는 시간과 관계없이" in form.session_header.toolTip()


def test_the_environment_bar_knows_krx_holidays():
    from kiwoom_ticket.ui.env_bar import market_text

    christmas = datetime(2026, 12, 25, 10, tzinfo=KST)
    assert market_text(Environment.MOCK, christmas) == "KST 10:00 · 휴장일 (기독탄신일)"
    language.set("en")
    assert market_text(Environment.REAL, christmas) == (
        "KST 10:00 · market holiday (Christmas Day)")
    assert "KRX 정규장" not in market_text(Environment.MOCK, christmas)
