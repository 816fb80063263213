"""The account's orders as the app knows them: one place, no Qt.

Every order request is kept by its local id and, once it has one, by (trading day, order
number): Kiwoom restarts numbering daily, so a number alone names nothing. The book
answers what the log, the duplicate checks, the Modify/Cancel prefill and the
confirmation colours ask: an order by number, its chain (원주문 → 정정 → 취소), its side,
what is still open, what was sent lately. It is fed by send results, polls and
reconciliation; the Qt table model only mirrors it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .orders import Action
from .records import OrderRecord
from .status import OrderStatus

RECENT_WINDOW = timedelta(days=1)
MAX_CHAIN = 64  # links followed at most: a corrupt journal can't loop forever


def worth_polling(rec: OrderRecord) -> bool:
    """The exchange may still move it on (or its outcome is still unknown)."""
    return rec.status.is_open or rec.status is OrderStatus.UNKNOWN


@dataclass
class Upserted:
    """What one `upsert` changed: rows updated in place, and the first new row."""

    updated: list[int] = field(default_factory=list)
    first_new: int | None = None
    new_count: int = 0


class OrderBook:
    def __init__(self, records: Iterable[OrderRecord] = ()) -> None:
        self.trade_day: str | None = None  # the day orders are placed in now
        self.replace(records)

    # ---- filling ------------------------------------------------------------------------

    def replace(self, records: Iterable[OrderRecord]) -> None:
        """Everything anew (the history of a newly opened environment)."""
        self._rows: list[OrderRecord] = list(records)
        self._row_of = {r.local_id: i for i, r in enumerate(self._rows)}
        self._by_number = {(r.trade_day, r.ord_no): i for i, r in enumerate(self._rows)
                           if r.ord_no}
        self._open = {r.local_id for r in self._rows if worth_polling(r)}

    def upsert(self, records: Iterable[OrderRecord]) -> Upserted:
        """Update rows in place by local id; append new ones (the later state of one
        record twice in a batch wins)."""
        done = Upserted()
        fresh: dict[str, OrderRecord] = {}
        for rec in records:
            row = self._row_of.get(rec.local_id)
            if row is None:
                fresh[rec.local_id] = rec
                continue
            self._rows[row] = rec
            self._index(rec, row)
            done.updated.append(row)
        if fresh:
            done.first_new, done.new_count = len(self._rows), len(fresh)
            for rec in fresh.values():
                self._rows.append(rec)
                self._row_of[rec.local_id] = len(self._rows) - 1
                self._index(rec, len(self._rows) - 1)
        return done

    def _index(self, rec: OrderRecord, row: int) -> None:
        if rec.ord_no:
            self._by_number[(rec.trade_day, rec.ord_no)] = row
        if worth_polling(rec):
            self._open.add(rec.local_id)
        else:
            self._open.discard(rec.local_id)

    # ---- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def record(self, row: int) -> OrderRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[OrderRecord]:
        return list(self._rows)

    def row_of(self, local_id: str) -> int | None:
        return self._row_of.get(local_id)

    def get(self, local_id: str) -> OrderRecord | None:
        row = self._row_of.get(local_id)
        return None if row is None else self._rows[row]

    def by_ord_no(self, ord_no: str | None, trade_day: str | None = None) -> OrderRecord | None:
        """The order `ord_no` of `trade_day` (default: the day orders are placed in now,
        or, before that is known, the newest row's day)."""
        day = trade_day or self.trade_day
        if day is None and self._rows:
            day = self._rows[-1].trade_day
        row = self._by_number.get((day or "", ord_no or ""))
        return None if row is None else self._rows[row]

    def is_earlier_day(self, rec: OrderRecord) -> bool:
        """From a trading day already over: final, never modified or cancelled."""
        return self.trade_day is not None and rec.trade_day != self.trade_day

    def has_open(self) -> bool:
        """Anything the exchange may still move on. O(1)."""
        return bool(self._open)

    def recent(self, window: timedelta = RECENT_WINDOW,
               now: datetime | None = None) -> list[OrderRecord]:
        """What the duplicate checks need, without copying a long history on every send:
        rows created within `window` (walking back from the newest), plus every row still
        open or unknown, however old."""
        cutoff = (now or datetime.now(UTC)) - window
        recent: list[OrderRecord] = []
        for rec in reversed(self._rows):
            if rec.created_at < cutoff:
                break
            recent.append(rec)
        seen = {r.local_id for r in recent}
        older_open = [self._rows[self._row_of[i]] for i in self._open if i not in seen]
        return older_open + recent[::-1]

    # ---- chains (원주문 -> 정정 -> 취소) ---------------------------------------------------

    def original_of(self, rec: OrderRecord) -> OrderRecord | None:
        """The order `rec` modifies or cancels, within its own trading day."""
        if not rec.orig_ord_no:
            return None
        parent = self.by_ord_no(rec.orig_ord_no, rec.trade_day)
        return None if parent is rec else parent

    def chain_root(self, rec: OrderRecord) -> str | None:
        """Names `rec`'s chain: its trading day and first order number, following the
        links the book knows within that day, then the root the exchange reported."""
        current = rec
        for _ in range(MAX_CHAIN):
            parent = self.original_of(current)
            if parent is None:
                break
            current = parent
        root = current.root_ord_no or current.orig_ord_no or current.ord_no or rec.lineage_root
        return f"{rec.trade_day}:{root}" if root else None

    def chain_rows(self, root: str) -> list[int]:
        return [i for i, r in enumerate(self._rows) if self.chain_root(r) == root]

    def side_of(self, rec: OrderRecord) -> Action | None:
        """Buy or sell: a modify or cancel takes the side of the order it changes."""
        current = rec
        for _ in range(MAX_CHAIN):
            if current.action.is_new:
                return current.action
            parent = self.original_of(current)
            if parent is None:
                return None
            current = parent
        return None
