"""What the order service's parts share: the clock that says which trading day it is,
and the one writer of order outcomes into the journal.

The sender (order_sender.py), the reconciler (settle.py) and the live-event applier
(live_orders.py) each get these two passed in; none keeps a clock or writes a record
of its own, so an order's state is stamped, clipped and logged the same way whoever
moved it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ..domain.numbers import kiwoom_int
from ..domain.orders import Action
from ..domain.records import OrderRecord, trading_day
from ..domain.status import OrderStatus
from ..domain.text import TEXT_LIMIT, clip
from ..journal import Journal

log = logging.getLogger(__name__)


class TradingClock:
    """The time now, and the trading day orders placed now belong to: the KST date, and
    the journal's numbering epoch (a practice reset starts a new one)."""

    def __init__(self, now: Callable[[], datetime], journal: Journal) -> None:
        self.now = now
        self._journal = journal

    def today(self) -> str:
        return trading_day(self.now(), self._journal.epoch())


class JournalWriter:
    """Writes an order's new state into the journal, stamped with the time."""

    def __init__(self, journal: Journal, clock: TradingClock) -> None:
        self._journal = journal
        self._clock = clock

    def save(self, record: OrderRecord) -> OrderRecord:
        """`record` journaled as it now is (its message clipped: a server's text can be
        megabytes long)."""
        record = replace(record, updated_at=self._clock.now())
        if len(record.message) > TEXT_LIMIT:
            record = replace(record, message=clip(record.message))
        self._journal.update(record)
        log.info("order %s %s %s ord_no=%s %s", record.local_id[:8], record.action.name,
                 record.status.value, record.ord_no, record.message)
        return record

    def accepted(
        self, record: OrderRecord, ord_no: str, base: str | None, message: str,
        echoed_qty: str | None = None,
    ) -> list[OrderRecord]:
        """The exchange took `record` as `ord_no` (its reply said so, or its lists did):
        the record, and for a modify or cancel its original, moved on. Every record that
        changed, this one first. `base`: the root number the reply named, if any;
        `echoed_qty`: the quantity the exchange says a modify or cancel moved."""
        if record.action.is_new:
            done = record.moved(status=OrderStatus.ACCEPTED, ord_no=ord_no,
                                root_ord_no=record.root_ord_no or ord_no, message=message)
            return [self.save(done)]
        qty = kiwoom_int(echoed_qty) if echoed_qty else record.quantity
        modify = record.action is Action.MODIFY
        # A modify is a live order of its own; a cancel is done once it is taken.
        done = record.moved(status=OrderStatus.ACCEPTED if modify else OrderStatus.CANCELLED,
                            ord_no=ord_no, root_ord_no=base or record.root_ord_no
                            or record.orig_ord_no, message=message,
                            quantity=qty or record.quantity)
        changed = [self.save(done)]
        target = self._journal.by_ord_no(record.orig_ord_no or "", record.trade_day)
        if target is not None and _takes_all(record, target, qty):
            new_status = OrderStatus.MODIFIED if modify else OrderStatus.CANCELLED
            changed.append(self.save(target.moved(status=new_status)))
        elif target is not None and target.status.is_open and qty:
            # A partial modify/cancel: the original keeps its number and the rest, and
            # its open quantity (Kiwoom's oso_qty) goes down by what moved; refresh()
            # then holds it to the exchange's own figure.
            changed.append(self.save(target.moved(
                amended_qty=min(target.quantity - target.filled_qty,
                                target.amended_qty + qty))))
        return changed


def _takes_all(request: OrderRecord, target: OrderRecord, echoed_qty: int) -> bool:
    """Whether a modify/cancel moved all that remained of `target` (quantity 0 = all)."""
    return request.quantity == 0 or max(echoed_qty, request.quantity) >= target.open_qty
