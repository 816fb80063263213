"""The session clock: each venue's session at its edges, the time to the next change,
the KRX calendar (holidays, weekends, the year-end closure) and which order types a
venue takes now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.session_clock import (
    WINDOWS,
    KrxCalendar,
    Phase,
    krx_calendar,
    opens_at,
    phases_at,
    takes,
    type_closed,
    venue_session,
)
from kiwoom_ticket.domain.sessions import KST, open_sessions
from kiwoom_ticket.domain.trade_types import BY_CODE, TRADE_TYPES

MONDAY = date(2026, 12, 7)
KRX, NXT, SOR = Exchange.KRX, Exchange.NXT, Exchange.SOR


def at(hh: int, mm: int = 0, ss: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hh, mm, ss), KST)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(8, 29, 59), ()),
        (at(8, 30), (Phase.KRX_PRE_CLOSE, Phase.KRX_OPENING_AUCTION)),
        (at(8, 40), (Phase.KRX_OPENING_AUCTION,)),
        (at(8, 59, 59), (Phase.KRX_OPENING_AUCTION,)),
        (at(9, 0), (Phase.KRX_REGULAR,)),
        (at(15, 19, 59), (Phase.KRX_REGULAR,)),
        (at(15, 20), (Phase.KRX_CLOSING_AUCTION,)),
        (at(15, 29, 59), (Phase.KRX_CLOSING_AUCTION,)),
        (at(15, 30), ()),
        (at(15, 40), (Phase.KRX_POST_CLOSE,)),
        (at(16, 0), (Phase.KRX_SINGLE_PRICE,)),
        (at(17, 59, 59), (Phase.KRX_SINGLE_PRICE,)),
        (at(18, 0), ()),
    ],
)
def test_krx_phases_at_their_edges(when, expected):
    assert phases_at(KRX, when) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(7, 59, 59), ()),
        (at(8, 0), (Phase.NXT_PRE,)),
        (at(8, 50), ()),
        (at(9, 0, 29), ()),
        (at(9, 0, 30), (Phase.NXT_MAIN,)),
        (at(15, 20), ()),
        (at(15, 30), (Phase.NXT_AFTER,)),
        (at(19, 59, 59), (Phase.NXT_AFTER,)),
        (at(20, 0), ()),
    ],
)
def test_nxt_phases_at_their_edges(when, expected):
    assert phases_at(NXT, when) == expected


def test_the_phases_agree_with_the_order_acceptance_sessions_every_minute():
    # sessions.open_sessions (what trade_types and the env bar use) and the finer phases
    # are two tables: they must say the same thing at every minute of a trading day.
    for minute in range(24 * 60):
        when = at(minute // 60, minute % 60)
        for venue in (KRX, NXT, SOR):
            assert {p.session for p in phases_at(venue, when)} == open_sessions(
                venue, when.time()), (venue, when)
    assert {phase for _v, phase, _s, _e in WINDOWS} == set(Phase)


def test_the_time_to_the_next_change_at_the_open():
    before = venue_session(KRX, at(8, 59, 59))
    assert before.next_change == at(9, 0) and before.seconds_to_change == 1
    assert before.text().ko == "KRX 장 시작 동시호가 · 정규장까지 0:00:01"
    assert before.text().en == "KRX opening auction · regular session in 0:00:01"
    now = venue_session(KRX, at(9, 0))
    assert now.phases == (Phase.KRX_REGULAR,) and now.next_change == at(15, 20)
    assert now.text().ko == "KRX 정규장 · 장 마감 동시호가까지 6:20:00"


def test_the_time_to_the_next_change_at_the_closing_auction():
    assert venue_session(KRX, at(15, 19, 59)).next_phases == (Phase.KRX_CLOSING_AUCTION,)
    auction = venue_session(KRX, at(15, 20))
    assert auction.text().ko == "KRX 장 마감 동시호가 · 종료까지 0:10:00"
    assert auction.text().en == "KRX closing auction · ends in 0:10:00"
    assert venue_session(NXT, at(15, 20)).text().ko == "NXT 쉬는 시간 · 애프터마켓까지 0:10:00"


def test_after_the_last_session_the_next_change_is_the_next_trading_day():
    friday_night = venue_session(KRX, at(20, 0, day=date(2026, 12, 4)))
    assert friday_night.next_change == at(8, 30)  # Monday
    assert friday_night.text().ko == "KRX 장 마감 · 다음: 장 시작 동시호가 12-07(월) 08:30"
    assert friday_night.text().en == (
        "KRX closed for the day · next: opening auction Mon 12-07 08:30")


def test_saturday_is_closed_on_both_venues():
    saturday = date(2026, 12, 5)
    for venue in (KRX, NXT, SOR):
        state = venue_session(venue, at(10, 0, day=saturday))
        assert not state.is_open and state.closed is not None
        assert state.label().ko == f"{venue.value} 휴장 (주말)"
        assert not any(takes(tt, venue, at(10, 0, day=saturday)) for tt in TRADE_TYPES)
    assert venue_session(NXT, at(10, 0, day=saturday)).next_change == at(8, 0)


def test_a_krx_holiday_from_the_library_closes_both_venues():
    christmas = date(2026, 12, 25)  # a Friday
    assert krx_calendar.closure(christmas) is not None
    state = venue_session(KRX, at(10, 0, day=christmas))
    assert state.phases == () and state.next_change == at(8, 30, day=date(2026, 12, 28))
    assert "휴장" in state.label().ko and "closed" in state.label().en
    assert phases_at(NXT, at(10, 0, day=christmas)) == ()


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (date(2026, 12, 31), True),  # a Thursday: the year-end closure
        (date(2026, 12, 30), False),
        (date(2022, 12, 30), True),  # 12-31 a Saturday: the Friday before closes
        (date(2023, 12, 29), True),  # 12-31 a Sunday
        (date(2023, 12, 28), False),
    ],
)
def test_the_year_end_closure(day, closed):
    assert (krx_calendar.closure(day) is not None) is closed
    assert (KrxCalendar().closure(day) is not None) is closed


def test_the_year_end_closure_is_the_exchanges_own_rule_not_only_the_librarys():
    from kiwoom_ticket.domain import session_clock

    assert session_clock._year_end_closure(2022) == date(2022, 12, 30)
    assert session_clock._year_end_closure(2026) == date(2026, 12, 31)


def test_a_year_end_day_opens_the_next_year_on_its_first_trading_day():
    state = venue_session(KRX, at(10, 0, day=date(2026, 12, 31)))
    assert state.next_change == at(8, 30, day=date(2027, 1, 4))  # 01-01 holiday, 02-03 weekend


def test_continuous_only_types_are_refused_in_the_auctions_with_the_reason_and_when():
    market, mid, best = BY_CODE["3"], BY_CODE["29"], BY_CODE["6"]
    assert takes(market, KRX, at(8, 45)) and not takes(mid, KRX, at(8, 45))
    closed = type_closed(best, KRX, at(8, 45))
    assert closed is not None and closed.opens == at(9, 0)
    assert closed.text(at(8, 45)).ko == (
        "KRX 장 시작 동시호가에는 받지 않는 주문 유형입니다 · 09:00부터 주문할 수 있습니다")
    assert closed.text(at(8, 45)).en == "not taken during the KRX opening auction · opens 09:00"
    assert type_closed(mid, KRX, at(15, 20)) is not None
    assert type_closed(mid, KRX, at(15, 19, 59)) is None


def test_after_hours_types_open_in_their_own_windows():
    pre, post, single = BY_CODE["61"], BY_CODE["81"], BY_CODE["62"]
    assert opens_at(pre, KRX, at(8, 0)) == at(8, 30)
    assert opens_at(pre, KRX, at(8, 40)) == at(8, 30, day=MONDAY + timedelta(days=1))
    assert opens_at(post, KRX, at(10, 0)) == at(15, 40)
    assert takes(single, KRX, at(16, 0)) and not takes(single, KRX, at(18, 0))
    assert opens_at(pre, NXT, at(8, 0)) is None  # KRX-only: never on NXT


def test_nxt_takes_only_limit_orders_outside_its_main_market():
    limit, market = BY_CODE["0"], BY_CODE["3"]
    assert takes(limit, NXT, at(8, 10)) and not takes(market, NXT, at(8, 10))
    closed = type_closed(market, NXT, at(19, 0))
    assert closed is not None and closed.opens == at(9, 0, 30, day=MONDAY + timedelta(days=1))
    assert "NXT 애프터마켓" in closed.reason.ko
    assert closed.text(at(19, 0)).en.endswith("opens Tue 12-08 09:00")


def test_sor_takes_what_either_venue_takes():
    limit, market = BY_CODE["0"], BY_CODE["3"]
    assert takes(limit, SOR, at(19, 0)) and not takes(market, SOR, at(19, 0))
    assert takes(market, SOR, at(10, 0))


def test_a_holiday_says_so_and_when_orders_open():
    closed = type_closed(BY_CODE["0"], KRX, at(10, 0, day=date(2026, 12, 25)))
    assert closed is not None
    assert closed.text(at(10, 0, day=date(2026, 12, 25))).ko.startswith("오늘은 휴장일입니다 (")
    assert closed.text(at(10, 0, day=date(2026, 12, 25))).en.endswith("opens Mon 12-28 08:30")


def test_extra_closures_close_a_day():
    from kiwoom_ticket.domain.text import Text

    calendar = KrxCalendar({MONDAY: Text("임시 휴장", "ad-hoc closure")})
    assert phases_at(KRX, at(10, 0), calendar) == ()
    assert venue_session(KRX, at(10, 0), calendar).label().en == "KRX closed (ad-hoc closure)"


def test_an_instant_in_another_zone_is_read_in_kst():
    from datetime import UTC

    utc = at(15, 20).astimezone(UTC)  # 06:20 UTC
    assert venue_session(NXT, utc).label().ko == "NXT 쉬는 시간"
    assert venue_session(KRX, utc).phases == (Phase.KRX_CLOSING_AUCTION,)


def test_knows_answers_at_once_while_a_year_loads_on_another_thread(monkeypatch):
    """The window loads the calendar on a thread of its own (issue 26); the GUI thread asks
    `knows` meanwhile and must not wait ~0.2 s for the load to finish."""
    import threading

    from kiwoom_ticket.domain import session_clock

    started, release = threading.Event(), threading.Event()
    real = session_clock._load_year

    def slow_load(year: int):
        started.set()
        assert release.wait(10)
        return real(year)

    monkeypatch.setattr(session_clock, "_load_year", slow_load)
    calendar = KrxCalendar()
    loader = threading.Thread(target=calendar.closure, args=(date(2026, 1, 1),))
    loader.start()
    try:
        assert started.wait(10)
        answered = threading.Event()
        asker = threading.Thread(target=lambda: (calendar.knows(2026), answered.set()))
        asker.start()
        assert answered.wait(5)  # while the load is still held
        assert not calendar.knows(2026)
    finally:
        release.set()
        loader.join(10)
    assert calendar.knows(2026)
    assert calendar.closure(date(2026, 1, 1)) is not None  # 신정, from the one load
