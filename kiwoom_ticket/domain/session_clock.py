"""The session clock: which session each venue is in at a KST instant, when that changes
next, and which order types (`trde_tp`) a venue takes now.

Times (KST), from /work/shared/reference/kiwoom-rest-notes.md section 7.3 (KRX, HIGH) and
7.4 (NXT, MED), and order-ticket-anchors.md (NXT main 09:00:30-15:20):

    NXT  pre-market 08:00-08:50 (limit only), main 09:00:30-15:20, after-market 15:30-20:00
         (limit only); breaks 08:50-09:00:30 and 15:20-15:30.
    KRX  장전 시간외 종가 08:30-08:40 (61), opening auction 08:30-09:00, regular 09:00-15:20,
         closing auction 15:20-15:30, 장후 시간외 종가 15:40-16:00 (81),
         시간외 단일가 16:00-18:00 (62).

Which session takes which type is trade_types.TradeType.sessions (sessions.py); on top of
that the continuous-only types are refused in the two KRX auctions: 중간가 (29/30/31: "only
continuous regular session", notes 7.3) and, inferred from KRX's rules rather than the
notes, 최유리/최우선 (6, 7) and the IOC/FOK conditions (10-26), which single-price matching
does not know.

A day is a trading day unless it is a weekend, a KRX holiday (the `holidays` package's
Korea Exchange calendar, loaded on first use: it is ~100 ms of imports) or one of the
exchange's own closing days (the year-end closure: 12-31, or the last weekday before it).
NXT keeps KRX's calendar.

No Qt, no I/O: callers pass the instant (domain/clock.wall_clock.now() in the app and the
practice exchange, a fixed time in tests).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from .exchange import Exchange
from .sessions import KST, MarketPhase
from .text import Text
from .trade_types import TradeType


class Phase(Enum):
    """One venue's session, finer than sessions.MarketPhase: the KRX auctions are apart."""

    NXT_PRE = "nxt_pre"
    NXT_MAIN = "nxt_main"
    NXT_AFTER = "nxt_after"
    KRX_PRE_CLOSE = "krx_pre_close"
    KRX_OPENING_AUCTION = "krx_opening_auction"
    KRX_REGULAR = "krx_regular"
    KRX_CLOSING_AUCTION = "krx_closing_auction"
    KRX_POST_CLOSE = "krx_post_close"
    KRX_SINGLE_PRICE = "krx_single_price"

    @property
    def label(self) -> Text:
        return _PHASE_LABELS[self]

    @property
    def session(self) -> MarketPhase:
        """The order-acceptance session (sessions.MarketPhase) this phase belongs to."""
        return _PHASE_SESSION[self]

    @property
    def is_auction(self) -> bool:
        return self in (Phase.KRX_OPENING_AUCTION, Phase.KRX_CLOSING_AUCTION)


_PHASE_LABELS = {
    Phase.NXT_PRE: Text("NXT 프리마켓", "NXT pre-market"),
    Phase.NXT_MAIN: Text("NXT 메인마켓", "NXT main market"),
    Phase.NXT_AFTER: Text("NXT 애프터마켓", "NXT after-market"),
    Phase.KRX_PRE_CLOSE: Text("KRX 장전 시간외 종가", "KRX pre-open closing price"),
    Phase.KRX_OPENING_AUCTION: Text("KRX 장 시작 동시호가", "KRX opening auction"),
    Phase.KRX_REGULAR: Text("KRX 정규장", "KRX regular session"),
    Phase.KRX_CLOSING_AUCTION: Text("KRX 장 마감 동시호가", "KRX closing auction"),
    Phase.KRX_POST_CLOSE: Text("KRX 장후 시간외 종가", "KRX after-hours closing price"),
    Phase.KRX_SINGLE_PRICE: Text("KRX 시간외 단일가", "KRX after-hours single price"),
}

_PHASE_SESSION = {
    Phase.NXT_PRE: MarketPhase.NXT_PRE,
    Phase.NXT_MAIN: MarketPhase.REGULAR,
    Phase.NXT_AFTER: MarketPhase.NXT_AFTER,
    Phase.KRX_PRE_CLOSE: MarketPhase.KRX_PRE_CLOSE,
    Phase.KRX_OPENING_AUCTION: MarketPhase.REGULAR,
    Phase.KRX_REGULAR: MarketPhase.REGULAR,
    Phase.KRX_CLOSING_AUCTION: MarketPhase.REGULAR,
    Phase.KRX_POST_CLOSE: MarketPhase.KRX_POST_CLOSE,
    Phase.KRX_SINGLE_PRICE: MarketPhase.KRX_SINGLE_PRICE,
}

# (venue, phase, start inclusive, end exclusive), KST, on a trading day.
WINDOWS: tuple[tuple[Exchange, Phase, time, time], ...] = (
    (Exchange.NXT, Phase.NXT_PRE, time(8, 0), time(8, 50)),
    (Exchange.NXT, Phase.NXT_MAIN, time(9, 0, 30), time(15, 20)),
    (Exchange.NXT, Phase.NXT_AFTER, time(15, 30), time(20, 0)),
    (Exchange.KRX, Phase.KRX_PRE_CLOSE, time(8, 30), time(8, 40)),
    (Exchange.KRX, Phase.KRX_OPENING_AUCTION, time(8, 30), time(9, 0)),
    (Exchange.KRX, Phase.KRX_REGULAR, time(9, 0), time(15, 20)),
    (Exchange.KRX, Phase.KRX_CLOSING_AUCTION, time(15, 20), time(15, 30)),
    (Exchange.KRX, Phase.KRX_POST_CLOSE, time(15, 40), time(16, 0)),
    (Exchange.KRX, Phase.KRX_SINGLE_PRICE, time(16, 0), time(18, 0)),
)

# Types that single-price matching (the KRX auctions) does not take.
CONTINUOUS_ONLY = frozenset({"6", "7", "10", "13", "16", "20", "23", "26", "29", "30", "31"})

WEEKDAYS = Text("월화수목금토일", "MonTueWedThuFriSatSun")


def venues_of(venue: Exchange) -> tuple[Exchange, ...]:
    """SOR routes to KRX and NXT: it is open where either is."""
    return (Exchange.KRX, Exchange.NXT) if venue is Exchange.SOR else (venue,)


# ---- the calendar ---------------------------------------------------------------------------


class KrxCalendar:
    """KRX's trading days: weekdays that are neither a KRX holiday (the `holidays`
    package's XKRX calendar, in Korean and English) nor the year-end closure. Thread-safe:
    the practice exchange asks from its server threads."""

    YEAR_END = Text("연말 휴장일", "year-end closure")

    def __init__(self, extra_closures: Mapping[date, Text] | None = None) -> None:
        self._extra = dict(extra_closures or {})
        self._years: dict[int, dict[date, Text]] = {}
        self._lock = threading.Lock()  # the dict of loaded years
        # One load at a time, held apart from `_lock` so that `knows` answers at once while
        # a year loads (the window loads it on a thread of its own and asks meanwhile).
        self._loading = threading.Lock()

    def closure(self, day: date) -> Text | None:
        """Why KRX is closed on `day`, or None on a trading day."""
        if day.weekday() >= 5:
            return Text("주말", "weekend")
        if day in self._extra:
            return self._extra[day]
        return self._holidays(day.year).get(day)

    def knows(self, year: int) -> bool:
        """Whether `year`'s holidays are loaded (asking about it then costs nothing)."""
        with self._lock:
            return year in self._years

    def is_trading_day(self, day: date) -> bool:
        return self.closure(day) is None

    def next_trading_day(self, after: date) -> date:
        day = after + timedelta(days=1)
        while not self.is_trading_day(day):
            day += timedelta(days=1)
        return day

    def load(self, year: int) -> None:
        """Load `year`'s holidays now (~0.2 s the first time: the `holidays` package)."""
        self._holidays(year)

    def _holidays(self, year: int) -> dict[date, Text]:
        with self._lock:
            known = self._years.get(year)
        if known is None:
            with self._loading:
                with self._lock:
                    known = self._years.get(year)
                if known is None:
                    known = _load_year(year)
                    with self._lock:
                        self._years[year] = known
        return known


def _load_year(year: int) -> dict[date, Text]:
    # Imported here: the package loads every country's module (~100 ms), and the window
    # should paint before it needs a holiday.
    from holidays import financial_holidays

    korean = financial_holidays("XKRX", years=year, language="ko")
    english = financial_holidays("XKRX", years=year, language="en_US")
    days = {day: Text(name, english.get(day) or name) for day, name in korean.items()}
    closing = _year_end_closure(year)
    days.setdefault(closing, KrxCalendar.YEAR_END)
    return days


def _year_end_closure(year: int) -> date:
    """KRX closes the last weekday of the year (12-31, or the Friday before it) for
    year-end settlement: the exchange's own rule, kept here even though the library lists
    it too. (No public holiday falls on 12-29 or 12-30, so weekends are all it steps over.)"""
    day = date(year, 12, 31)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


krx_calendar = KrxCalendar()


def trading_days_between(earlier: str, later: str,
                         calendar: KrxCalendar = krx_calendar) -> bool:
    """Whether a KRX trading day lies strictly between two trading days given as the
    journal writes them ("20261204", or "20261204.1" after a practice reset: the same
    date). Friday → Monday: none; Monday → Wednesday: Tuesday."""
    try:
        first = datetime.strptime(earlier.split(".")[0], "%Y%m%d").date()
        last = datetime.strptime(later.split(".")[0], "%Y%m%d").date()
    except ValueError:
        return earlier != later  # a day it can't read: assume the worst
    return first < last and calendar.next_trading_day(first) < last


# ---- where a venue is -----------------------------------------------------------------------


def as_kst(when: datetime) -> datetime:
    return when.replace(tzinfo=KST) if when.tzinfo is None else when.astimezone(KST)


def phases_at(venue: Exchange, when: datetime, calendar: KrxCalendar = krx_calendar
              ) -> tuple[Phase, ...]:
    """The phases `venue` is in at `when`, in table order; none on a closed day."""
    kst = as_kst(when)
    if not calendar.is_trading_day(kst.date()):
        return ()
    at = kst.time()
    wanted = venues_of(venue)
    return tuple(p for v, p, start, end in WINDOWS if v in wanted and start <= at < end)


def _edges(venue: Exchange) -> list[time]:
    wanted = venues_of(venue)
    return sorted({t for v, _p, start, end in WINDOWS if v in wanted for t in (start, end)})


def _edges_from(venue: Exchange, when: datetime, calendar: KrxCalendar,
                days: int = 40) -> Iterator[datetime]:
    """Every instant after `when` at which `venue`'s phases may change, in order: the
    window edges of today (if a trading day) and of the trading days after it."""
    kst = as_kst(when)
    edges = _edges(venue)
    day = kst.date()
    if calendar.is_trading_day(day):
        for t in edges:
            moment = datetime.combine(day, t, KST)
            if moment > kst:
                yield moment
    for _ in range(days):
        day = calendar.next_trading_day(day)
        for t in edges:
            yield datetime.combine(day, t, KST)


@dataclass(frozen=True, slots=True)
class VenueSession:
    """Where `venue` is at `at`, and when and into what that changes next."""

    venue: Exchange
    at: datetime
    phases: tuple[Phase, ...]
    closed: Text | None  # why the day is closed (a holiday, the weekend), if it is
    next_change: datetime
    next_phases: tuple[Phase, ...]

    @property
    def is_open(self) -> bool:
        return bool(self.phases)

    @property
    def seconds_to_change(self) -> float:
        return (self.next_change - self.at).total_seconds()

    def label(self) -> Text:
        """What the venue is in now: "KRX 정규장", "NXT 휴장 (성탄절)", "KRX 장 마감"."""
        if self.phases:
            names = _join(" · ", [self._name(p) for p in self.phases])
            return names if self.venue is Exchange.SOR else Text(
                f"{self.venue.value} {names.ko}", f"{self.venue.value} {names.en}")
        name = Text(self.venue.value, self.venue.value)
        if self.closed is not None:
            return name + Text(" 휴장", " closed") + Text(
                f" ({self.closed.ko})", f" ({self.closed.en})")
        if as_kst(self.at).date() == as_kst(self.next_change).date():
            return name + (Text(" 장 시작 전", " before the open") if self._before_first()
                           else Text(" 쉬는 시간", " break"))
        return name + Text(" 장 마감", " closed for the day")

    def next_label(self) -> Text:
        """What comes next and when: "정규장까지 0:12:34", "다음: 프리마켓 12-07(월) 08:00",
        "장전 시간외 종가 종료까지 0:05:00". Of phases starting together the last named
        is the one that matters (08:30: the opening auction, not the pre-open close)."""
        when = until(self.at, self.next_change)
        new = [p for p in self.next_phases if p not in self.phases]
        if new:
            what = self._name(new[-1])
            if self._soon():
                return Text(f"{what.ko}까지 {when.ko}", f"{what.en} in {when.en}")
            return Text(f"다음: {what.ko} {when.ko}", f"next: {what.en} {when.en}")
        ending = [p for p in self.phases if p not in self.next_phases]
        if len(ending) == len(self.phases):  # all of it ends: the label names it already
            return Text(f"종료까지 {when.ko}", f"ends in {when.en}")
        what = self._name(ending[0])
        return Text(f"{what.ko} 종료까지 {when.ko}", f"{what.en} ends in {when.en}")

    def _name(self, phase: Phase) -> Text:
        """A phase's label; without its venue prefix ("정규장") where the venue is one."""
        if self.venue is Exchange.SOR:
            return phase.label
        label = phase.label
        return Text(label.ko.split(" ", 1)[1], label.en.split(" ", 1)[1])

    def text(self) -> Text:
        return self.label() + " · " + self.next_label()

    def _soon(self) -> bool:
        return self.seconds_to_change < 24 * 3600

    def _before_first(self) -> bool:
        return as_kst(self.at).time() < _edges(self.venue)[0]


def _join(sep: str, parts: list[Text]) -> Text:
    return Text(sep.join(p.ko for p in parts), sep.join(p.en for p in parts))


def until(now: datetime, then: datetime) -> Text:
    """A countdown ("0:12:34", "1:02:03") within a day, else the day and time
    ("12-08(월) 08:00", "Mon 12-08 08:00")."""
    seconds = int((then - now).total_seconds())
    if 0 <= seconds < 24 * 3600:
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        count = f"{h}:{m:02d}:{s:02d}"
        return Text(count, count)
    return at_text(then)


def at_text(then: datetime) -> Text:
    kst = as_kst(then)
    w = kst.weekday()
    ko_day, en_day = WEEKDAYS.ko[w], WEEKDAYS.en[w * 3:w * 3 + 3]
    stamp, clock = kst.strftime("%m-%d"), kst.strftime("%H:%M")
    return Text(f"{stamp}({ko_day}) {clock}", f"{en_day} {stamp} {clock}")


def venue_session(venue: Exchange, when: datetime, calendar: KrxCalendar = krx_calendar
                  ) -> VenueSession:
    kst = as_kst(when)
    phases = phases_at(venue, kst, calendar)
    for edge in _edges_from(venue, kst, calendar):
        after = phases_at(venue, edge, calendar)
        if after != phases:
            return VenueSession(venue, kst, phases, calendar.closure(kst.date()), edge, after)
    raise AssertionError("no trading day within 40 days")  # the calendar has none so long


# ---- which order types a venue takes now ----------------------------------------------------


def takes(tt: TradeType, venue: Exchange, when: datetime,
          calendar: KrxCalendar = krx_calendar) -> bool:
    """Whether `venue` takes `tt` at `when`: its session is open there and, in a KRX
    auction, it is not a continuous-only type. SOR takes what KRX or NXT takes."""
    if not tt.allows(venue):
        return False
    for one in venues_of(venue):
        for phase in phases_at(one, when, calendar):
            if phase.session in tt.sessions and not (
                    phase.is_auction and tt.code in CONTINUOUS_ONLY):
                return True
    return False


def opens_at(tt: TradeType, venue: Exchange, when: datetime,
             calendar: KrxCalendar = krx_calendar) -> datetime | None:
    """The next instant after `when` at which `venue` takes `tt`; None if it never does."""
    if not tt.allows(venue):
        return None
    for edge in _edges_from(venue, when, calendar, days=10):
        if takes(tt, venue, edge, calendar):
            return edge
    return None


@dataclass(frozen=True, slots=True)
class TypeClosed:
    """Why a venue won't take an order type now, and when it will."""

    reason: Text
    opens: datetime | None

    def text(self, now: datetime) -> Text:
        if self.opens is None:
            return self.reason
        when = at_text(self.opens) if self.opens.date() != as_kst(now).date() else Text(
            as_kst(self.opens).strftime("%H:%M"), as_kst(self.opens).strftime("%H:%M"))
        return self.reason + Text(f" · {when.ko}부터 주문할 수 있습니다",
                                  f" · opens {when.en}")


def type_closed(tt: TradeType, venue: Exchange, when: datetime,
                calendar: KrxCalendar = krx_calendar) -> TypeClosed | None:
    """None when `venue` takes `tt` at `when`; otherwise why not, and when it opens."""
    if takes(tt, venue, when, calendar):
        return None
    kst = as_kst(when)
    closed = calendar.closure(kst.date())
    if closed is not None:
        reason = Text(f"오늘은 휴장일입니다 ({closed.ko})", f"market closed today ({closed.en})")
    else:
        now = [p for one in venues_of(venue) for p in phases_at(one, kst, calendar)]
        if now:
            during = _join(" · ", [p.label for p in now])
            reason = Text(f"{during.ko}에는 받지 않는 주문 유형입니다",
                          f"not taken during the {during.en}")
        else:
            reason = Text(f"{venue.value} 주문 시간이 아닙니다",
                          f"{venue.value} takes no orders now")
    return TypeClosed(reason, opens_at(tt, venue, kst, calendar))
