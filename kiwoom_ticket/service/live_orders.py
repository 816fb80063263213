"""Live order events (WebSocket 00) applied to the journal.

One of OrderService's parts (beside the sender and the reconciler), run on the worker
thread, so an event is applied after any order reply the worker is handling: the REST reply
that names an order lands first almost always. When it hasn't (an event that beat its
reply, an order placed outside the app, a reply that was lost), the event waits here,
keyed by its own trading day (from its 908 time, not the day it arrived) and its order
number, and is applied once a record of that day carries that number; if none does
within EARLY_WAIT, the owner is told to catch up from REST, which settles unknown orders
and adopts outside ones. Waiting events die with their day. An event never creates or
re-sends an order by itself.

An event is applied only to the order it can be about (domain/order_events.mismatch:
stock, side, quantity, price, a fill within the order, not from before the order was
placed): one that can't is refused, logged with its text, counted, and the order is
settled from REST instead. A state a live event set is remembered until REST confirms
it (unconfirmed.py); if the exchange's lists still disagree after the settle window,
they win, loudly (settle.py).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from ..domain.order_events import EventKind, OrderEvent, apply_event, event_day, mismatch
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..journal import Journal
from .journal_writer import JournalWriter, TradingClock
from .unconfirmed import UnconfirmedLiveStates

log = logging.getLogger(__name__)

EARLY_WAIT = 2.0  # seconds an event may wait for its order before REST is asked
EARLY_LIMIT = 2_000  # order numbers kept waiting at most (a flood can't grow memory)
EARLY_TTL = 600.0  # an event nobody claimed in ten minutes is dropped (REST has it)
EVENTS_PER_NUMBER = 32  # events kept waiting for one number (more: a repeat or a flood)
UNKNOWN_PER_DAY = 20_000  # events for unknown numbers taken in one trading day, at most


class LiveEventApplier:
    """Applies live order events to their records, holds the ones that came before their
    order, and counts what it refused or dropped."""

    def __init__(self, journal: Journal, clock: TradingClock, writer: JournalWriter,
                 unconfirmed: UnconfirmedLiveStates) -> None:
        self._journal = journal
        self._clock = clock
        self._writer = writer
        self._unconfirmed = unconfirmed  # states set here, until REST confirms them
        self._early: OrderedDict[tuple[str, str], _Waiting] = OrderedDict()  # by (day, no)
        self._unknown_taken: Counter[str] = Counter()  # events for unknown numbers, by day
        self.stream_counts: Counter[str] = Counter()  # refused, dropped_unknown, dropped_stale
        self._refusals: list[str] = []  # refusals not yet reported (take_refusals)
        self._early_asked_at = float("-inf")  # time.monotonic() REST last asked about them

    def waiting_numbers(self) -> list[tuple[str, str]]:
        """(trading day, order number) of the events waiting for their order."""
        return list(self._early)

    def apply_realtime(self, events: Iterable[OrderEvent]) -> Applied:
        """Apply live order events, in one journal transaction: the records that changed,
        whether the exchange's lists should be read now (an event for an order nobody
        knows, a refusal while an order's outcome is unknown, an event refused as not
        its order's), whether events still wait for an order, and what was refused."""
        today = self._clock.today()
        epoch = self._journal.epoch()
        changed: list[OrderRecord] = []
        catch_up = False
        now = self._clock.now()
        with self._journal.batch():
            for event in events:
                if not event.ord_no:  # a refusal carries no number: REST says whose it was
                    catch_up = catch_up or (event.kind is EventKind.REJECTED and bool(
                        self._journal.with_status(OrderStatus.UNKNOWN, OrderStatus.SENDING)))
                    continue
                received = event.received or now
                day = event_day(event, received, epoch)
                record = self._journal.by_ord_no(event.ord_no, day)
                if record is None:
                    if day == today:
                        self._wait(day, event)
                    else:  # an earlier day's number this journal never had: REST had it
                        self.stream_counts["dropped_stale"] += 1
                    continue
                moved = self._apply_one(record, event, received)
                if moved is not None:
                    changed.append(moved)
            changed += self._claim(today)
        refused = self.take_refusals()
        return Applied(changed, catch_up or bool(refused) or self.early_overdue(),
                       bool(self._early), tuple(refused))

    def take_refusals(self) -> list[str]:
        """Events refused since the last call, described (for the status line)."""
        refused, self._refusals = self._refusals, []
        return refused

    def _apply_one(self, record: OrderRecord, event: OrderEvent,
                   received: datetime) -> OrderRecord | None:
        """`record` moved by `event`; None when nothing is new or the event is refused."""
        why = mismatch(record, event, received)
        if why is not None:
            self.stream_counts["refused"] += 1
            # "<number> (<day>) ...": the status line says each order's once.
            text = f"{event.ord_no} ({record.trade_day}) {event.kind.value}: {why}"
            log.warning("live event refused: %s; settling from REST. %s", text, event.raw)
            self._refusals.append(text)
            return None
        moved = apply_event(record, event, self._clock.now())
        if moved is None:
            return None
        saved = self._writer.save(moved)
        self._unconfirmed.add(saved.local_id)
        self._unconfirmed.keep()  # in the same transaction as the state
        return saved

    def _wait(self, day: str, event: OrderEvent) -> None:
        early = self._early
        key = (day, event.ord_no)
        waiting = early.get(key)
        if waiting is None:
            if self._unknown_taken[day] >= UNKNOWN_PER_DAY:
                self.stream_counts["dropped_unknown"] += 1
                return
            waiting = early[key] = _Waiting(time.monotonic())
        if len(waiting.events) >= EVENTS_PER_NUMBER:
            self.stream_counts["dropped_unknown"] += 1
            return
        self._unknown_taken[day] += 1
        waiting.events.append(event)
        early.move_to_end(key)
        while len(early) > EARLY_LIMIT:
            early.popitem(last=False)
            self.stream_counts["dropped_unknown"] += 1

    def claim_early(self) -> list[OrderRecord]:
        """Apply waiting events whose order is now known (a reply, a reconciliation or
        an adoption gave a record its number); drop the ones waiting too long, and the
        ones of a day that is over."""
        with self._journal.batch():
            return self._claim(self._clock.today())

    def _claim(self, today: str) -> list[OrderRecord]:
        early = self._early
        if not early:
            return []
        changed: list[OrderRecord] = []
        clock = time.monotonic()
        known: dict[str, set[str]] = {}  # one query per day, not one per waiting number
        for key in list(early):
            day, ord_no = key
            if day != today:  # events die with their day
                del early[key]
                continue
            if day not in known:
                known[day] = self._journal.known_ord_nos(day)
            if ord_no not in known[day]:
                if clock - early[key].since > EARLY_TTL:
                    del early[key]
                continue
            record = self._journal.by_ord_no(ord_no, day)
            if record is None:
                continue
            for event in early.pop(key).events:
                moved = self._apply_one(record, event, event.received or self._clock.now())
                if moved is not None:
                    record = moved
                    changed.append(record)
        for day in [d for d in self._unknown_taken if d != today]:
            del self._unknown_taken[day]
        return changed

    def early_overdue(self) -> bool:
        """Whether an event has waited longer than EARLY_WAIT for its order and REST has
        not been asked about it yet (asked once: an order that filled at once outside
        the app is in no open list, and must not make every poll read every list).
        REST is asked at most once per EARLY_WAIT: a flood of made-up numbers must not
        keep the worker reading lists."""
        clock, due = time.monotonic(), False
        if clock - self._early_asked_at < EARLY_WAIT:
            return False
        for waiting in self._early.values():
            if not waiting.asked and clock - waiting.since >= EARLY_WAIT:
                waiting.asked = due = True
        if due:
            self._early_asked_at = clock
        return due

    def early_unasked(self) -> bool:
        """Whether an event still waits that REST has not been asked about."""
        return any(not waiting.asked for waiting in self._early.values())


class Applied(NamedTuple):
    changed: list[OrderRecord]
    catch_up: bool  # read the exchange's lists now
    waiting: bool  # events still wait for their order: look again after EARLY_WAIT
    refused: tuple[str, ...] = ()  # events refused as not their order's (status line)


class _Waiting:
    __slots__ = ("asked", "events", "since")

    def __init__(self, since: float) -> None:
        self.since = since
        self.events: list[OrderEvent] = []
        self.asked = False
