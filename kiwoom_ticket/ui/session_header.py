"""The ticket's session header: the chosen venue's session now and the time to its next
change ("KRX 정규장 · 장 마감 동시호가까지 1:02:03"), and the order types the venue won't
take now greyed in the trade-type combo with the reason and when they open.

The rules are the domain's (domain/session_clock.py); this only shows them. The built-in
practice exchange takes orders at any hour, so there the header shows the real session
for reference and greys nothing for the time of day.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.clock import wall_clock
from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.session_clock import (
    VenueSession,
    as_kst,
    krx_calendar,
    type_closed,
    venue_session,
)
from ..domain.text import Text
from ..domain.trade_types import TRADE_TYPES
from ..domain.trade_types import exchange_unavailable_reason as type_unavailable
from .fields import ItemCombo
from .i18n import pick

# Before the window's first paint the calendar waits for it (loading it takes ~0.2-0.3 s:
# issue 26's cold start); a header that never paints (a hidden tab's) works it out anyway
# after this long (a first paint under Wine came after 0.5 s: the load went first).
FIRST_PAINT_WAIT_MS = 3000

PRACTICE_NOTE = Text("연습 거래소는 시간과 관계없이 주문을 받습니다 (실제 장 시간 참고용)",
                     "The practice exchange takes orders at any hour (real hours shown "
                     "for reference)")


class _CalendarLoader(QObject):
    """Loads a year of the holiday calendar on a thread of its own (~0.2 s of imports and
    work that would otherwise stall the GUI thread right after the first paint) and says
    so on the GUI thread (`loaded`, a queued signal). One thread per year, ever."""

    loaded = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._asked: set[int] = set()
        self._lock = threading.Lock()

    def request(self, year: int) -> None:
        with self._lock:
            if year in self._asked:
                return
            self._asked.add(year)
        threading.Thread(target=self._load, args=(year,), name="holiday-calendar",
                         daemon=True).start()

    def _load(self, year: int) -> None:
        krx_calendar.load(year)
        self.loaded.emit(year)


_loader: _CalendarLoader | None = None


def calendar_loader() -> _CalendarLoader:
    """The process's one loader (made on the GUI thread, so its signal lands there)."""
    global _loader
    if _loader is None:
        _loader = _CalendarLoader()
    return _loader


class _Line(QLabel):
    """The header's text, at the header's exact size: a label whose size is fixed tells
    no parent when its text changes, so the second's countdown repaints this line only.
    (A QLabel in the form relaid the form out on every setText, and QTabWidget answers a
    relayout by repainting the whole form: once a second, all day, most of the idle
    window's CPU; issue 26, figure 13b.)"""


# The width the header asks of the form moves in steps of this many pixels, so a
# countdown's digits (proportional) do not relay the form out each second.
WIDTH_STEP = 32


class SessionHeader(QWidget):
    """One line over the ticket's fields; a second's tick moves the countdown, and at
    the session's next change the combo's greying is worked out again."""

    def __init__(
        self,
        trade_types: ItemCombo,
        exchange: Callable[[], Exchange],
        environment: Callable[[], Environment],
        now: Callable[[], datetime] = wall_clock.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionHeader")
        self._line = _Line(self)
        self._line.setFixedSize(0, 0)  # until the header has a size of its own
        self._width = 0  # the width last asked of the form (a multiple of WIDTH_STEP)
        self._types = trade_types
        self._exchange = exchange
        self.environment = environment  # where orders go now: practice lifts the hours
        self._now = now
        self._state: VenueSession | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        # refresh() is asked several times in a row (venue, environment, language) and the
        # first one needs the holiday calendar (~0.3 s to load): it loads on a thread of its
        # own after the first paint (_load_calendar), never inside the window's construction
        # or on the GUI thread; until it arrives the header is empty and only the venue's
        # own refusals grey the types.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._load_calendar)
        self._painted = False
        # The calendar arrives from its thread: the header is worked out then (a bound
        # method: Qt drops the link when the header goes).
        calendar_loader().loaded.connect(self._calendar_loaded)

    @property
    def state(self) -> VenueSession | None:
        """What the header shows (the chosen venue's session when last worked out)."""
        return self._state

    def refresh(self) -> None:
        """Work the header and the greying out again (the venue or the environment
        changed, or the language): now, once the calendar is loaded; before that the
        venue's own refusals now and the hours on the event loop's next turn."""
        now = as_kst(self._now())
        if krx_calendar.knows(now.year):
            self.refresh_now()
            return
        venue = self._exchange()
        for tt in TRADE_TYPES:
            reason = type_unavailable(tt, venue)
            self._types.set_enabled_value(tt.code, pick(reason) if reason else None)
        self._pending.start(0 if self._painted else FIRST_PAINT_WAIT_MS)

    def _load_calendar(self) -> None:
        """The first paint is done (or never comes): the year's calendar loads on its own
        thread, and the header is worked out when it is there."""
        year = as_kst(self._now()).year
        if krx_calendar.knows(year):
            self.refresh_now()
        else:
            calendar_loader().request(year)

    def _calendar_loaded(self, year: int) -> None:
        if year == as_kst(self._now()).year:
            self.refresh_now()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._pending.isActive():  # the calendar: the turn after the first paint
                self._pending.start(0)

    def refresh_now(self) -> None:
        """Work out the venue's session and every type's greying again."""
        self._pending.stop()
        now = self._now()
        venue = self._exchange()
        self._state = venue_session(venue, now)
        practice = self.environment() is Environment.PRACTICE
        for tt in TRADE_TYPES:
            reason = type_unavailable(tt, venue)
            if reason is None and not practice:
                closed = type_closed(tt, venue, now)
                reason = closed.text(now) if closed is not None else None
            self._types.set_enabled_value(tt.code, pick(reason) if reason else None)
        self.setToolTip(self._tooltip(now, practice))
        self._show()

    def _tooltip(self, now: datetime, practice: bool) -> str:
        lines = [pick(venue_session(v, now).text()) for v in (Exchange.KRX, Exchange.NXT)]
        if practice:
            lines.append(pick(PRACTICE_NOTE))
        return "\n".join(lines)

    def _show(self) -> None:
        if self._state is None:
            return
        now = as_kst(self._now())
        state = self._state
        moved = VenueSession(state.venue, now, state.phases, state.closed,
                             state.next_change, state.next_phases)
        self.setText(pick(moved.text()))

    # ---- the line ----------------------------------------------------------------------

    def text(self) -> str:
        return self._line.text()

    def setText(self, text: str) -> None:
        if text == self._line.text():
            return
        self._line.setText(text)
        needed = self._line.sizeHint().width()
        width = -(-needed // WIDTH_STEP) * WIDTH_STEP
        if width != self._width:
            self._width = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._width, self._line.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._line.setFixedSize(self.size())

    def _on_tick(self) -> None:
        now = self._now()
        # The session moved on, or the clock was set back (KIWOOM_TICKET_CLOCK, a test).
        if self._state is None:
            self.refresh()  # the calendar has not arrived yet: nothing to count down
        elif not self._state.at <= now < self._state.next_change:
            self.refresh_now()
        else:
            self._show()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()  # the clock ran on while it was hidden
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)
