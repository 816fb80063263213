"""Live order events (WebSocket 00) applied to the journal.

Part of OrderService (a base class of it, like Settlement), run on the worker thread,
so an event is applied after any order reply the worker is handling: the REST reply
that names an order lands first almost always. When it hasn't (an event that beat its
reply, an order placed outside the app, a reply that was lost), the event waits here,
keyed by its order number and trading day, and is applied once a record carries that
number; if none does within EARLY_WAIT, the owner is told to catch up from REST, which
settles unknown orders and adopts outside ones. An event never creates or re-sends an
order by itself.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..domain.order_events import EventKind, OrderEvent, apply_event
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus

if TYPE_CHECKING:
    from ..journal import Journal

log = logging.getLogger(__name__)

EARLY_WAIT = 2.0  # seconds an event may wait for its order before REST is asked
EARLY_LIMIT = 2_000  # order numbers kept waiting at most (a flood can't grow memory)
EARLY_TTL = 600.0  # an event nobody claimed in ten minutes is dropped (REST has it)


class LiveOrders:
    # What OrderService provides (it sets _early to an empty OrderedDict).
    _early: OrderedDict[tuple[str, str], _Waiting]
    journal: Journal
    now: Callable[[], datetime]

    def today(self) -> str:
        raise NotImplementedError

    def _save(self, record: OrderRecord) -> OrderRecord:
        raise NotImplementedError

    def _early_events(self) -> OrderedDict[tuple[str, str], _Waiting]:
        return self._early

    def apply_realtime(self, events: Iterable[OrderEvent]) -> Applied:
        """Apply live order events: the records that changed, whether the exchange's
        lists should be read now (an event for an order nobody knows, a refusal while
        an order's outcome is unknown), and whether events still wait for an order."""
        day = self.today()
        changed: list[OrderRecord] = []
        catch_up = False
        now = self.now()
        for event in events:
            if not event.ord_no:  # a refusal carries no number: REST says whose it was
                catch_up = catch_up or (event.kind is EventKind.REJECTED and bool(
                    self.journal.with_status(OrderStatus.UNKNOWN, OrderStatus.SENDING)))
                continue
            record = self.journal.by_ord_no(event.ord_no, day)
            if record is None:
                self._wait(day, event)
                continue
            moved = apply_event(record, event, now)
            if moved is not None:
                changed.append(self._save(moved))
        changed += self.claim_early()
        return Applied(changed, catch_up or self.early_overdue(), bool(self._early_events()))

    def _wait(self, day: str, event: OrderEvent) -> None:
        early = self._early_events()
        key = (day, event.ord_no)
        waiting = early.get(key)
        if waiting is None:
            waiting = early[key] = _Waiting(time.monotonic())
        waiting.events.append(event)
        early.move_to_end(key)
        while len(early) > EARLY_LIMIT:
            early.popitem(last=False)

    def claim_early(self) -> list[OrderRecord]:
        """Apply waiting events whose order is now known (a reply, a reconciliation or
        an adoption gave a record its number); drop the ones waiting too long."""
        early = self._early_events()
        if not early:
            return []
        changed: list[OrderRecord] = []
        now, clock = self.now(), time.monotonic()
        for key in list(early):
            day, ord_no = key
            record = self.journal.by_ord_no(ord_no, day)
            if record is None:
                if clock - early[key].since > EARLY_TTL or day != self.today():
                    del early[key]
                continue
            for event in early.pop(key).events:
                moved = apply_event(record, event, now)
                if moved is not None:
                    record = self._save(moved)
                    changed.append(record)
        return changed

    def early_overdue(self) -> bool:
        """Whether an event has waited longer than EARLY_WAIT for its order and REST has
        not been asked about it yet (asked once: an order that filled at once outside
        the app is in no open list, and must not make every poll read every list)."""
        clock, due = time.monotonic(), False
        for waiting in self._early_events().values():
            if not waiting.asked and clock - waiting.since >= EARLY_WAIT:
                waiting.asked = due = True
        return due


class Applied(NamedTuple):
    changed: list[OrderRecord]
    catch_up: bool  # read the exchange's lists now
    waiting: bool  # events still wait for their order: look again after EARLY_WAIT


class _Waiting:
    __slots__ = ("asked", "events", "since")

    def __init__(self, since: float) -> None:
        self.since = since
        self.events: list[OrderEvent] = []
        self.asked = False
