"""The account's orders as the app knows them (the order *ledger*: not the market's order
book of 호가, which is domain/market_depth.py): one place, no Qt.

Every order request is kept by its local id and, once it has one, by (trading day, order
number): Kiwoom restarts numbering daily, so a number alone names nothing. The ledger
answers what the log, the duplicate checks, the Modify/Cancel prefill and the
confirmation colours ask: an order by number, its chain (원주문 → 정정 → 취소), its side,
what is still open, what was sent lately. It is fed by send results, polls and
reconciliation; the Qt table model only mirrors it.

A long journal is not read whole: the book holds a window of it, the newest rows (today's
at least) as *rows*, and every older order that is still open or unknown as *known* (found
by number and polled, not shown). Older rows come in front of the window on demand
(`prepend`), a page at a time, from a `HistorySource` the journal's layer provides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from .open_orders import is_open_order, may_still_move
from .orders import Action
from .records import OrderRecord

RECENT_WINDOW = timedelta(days=1)
MAX_CHAIN = 64  # links followed at most: a corrupt journal can't loop forever


class HistorySource(Protocol):
    """Where older rows of the log come from (the journal, read by the service layer)."""

    def page_before(self, start: int, rows: int) -> HistoryPage:
        """About `rows` rows older than position `start`, whole trading days (a chain never
        spans a page boundary), oldest first."""
        ...

    def rows_before(self, start: int) -> Iterator[OrderRecord]:
        """Every row older than position `start`, oldest first (an export's)."""
        ...


class HistoryPage(list[OrderRecord]):
    """Rows of the journal, oldest first, contiguous up to the newest (a list of
    OrderRecords), and what lies beyond them: `known`, older orders the book must know
    (open or unknown ones), and where the next older page starts (`start`, the position
    of the first row; None when nothing is older) in `source`."""

    def __init__(self, records: Iterable[OrderRecord] = (), *,
                 known: Iterable[OrderRecord] = (), start: int | None = None,
                 source: HistorySource | None = None) -> None:
        super().__init__(records)
        self.known = list(known)
        self.start = start if source is not None else None
        self.source = source

    @property
    def has_older(self) -> bool:
        return self.start is not None

    def older(self, rows: int) -> HistoryPage:
        """The page before this one (empty when nothing is older)."""
        if self.source is None or self.start is None:
            return HistoryPage()
        return self.source.page_before(self.start, rows)

    def rows_before(self) -> Iterator[OrderRecord]:
        if self.source is None or self.start is None:
            return iter(())
        return self.source.rows_before(self.start)


@dataclass
class Upserted:
    """What one `upsert` changed: rows updated in place, and the first new row."""

    updated: list[int] = field(default_factory=list)
    first_new: int | None = None
    new_count: int = 0


class OrderLedger:
    def __init__(self, records: Iterable[OrderRecord] = ()) -> None:
        self.trade_day: str | None = None  # the day orders are placed in now
        self.replace(records)

    # ---- filling ------------------------------------------------------------------------

    def replace(self, records: Iterable[OrderRecord], known: Iterable[OrderRecord] = ()) -> None:
        """Everything anew (the history of a newly opened environment): `records` are the
        rows, oldest first; `known` older orders that are looked up but not shown."""
        # Rows have stable positions (row = position - _first), so a page put in front
        # of them renumbers nothing.
        self._rows: list[OrderRecord] = list(records)
        self._first = 0
        self._pos = {r.local_id: i for i, r in enumerate(self._rows)}
        self._known: dict[str, OrderRecord] = {}  # off the rows: older, open or unknown
        self._all: dict[str, OrderRecord] = {}  # every record the book has, by local id
        self._by_number: dict[tuple[str, str], str] = {}  # (day, number) -> local id
        self._open: set[str] = set()
        for rec in known:
            if rec.local_id not in self._pos:
                self._known[rec.local_id] = rec
                self._index(rec)
        for rec in self._rows:
            self._index(rec)

    def upsert(self, records: Iterable[OrderRecord]) -> Upserted:
        """Update rows in place by local id; append new ones (the later state of one
        record twice in a batch wins). A known order off the rows is updated, not shown."""
        done = Upserted()
        fresh: dict[str, OrderRecord] = {}
        for rec in records:
            pos = self._pos.get(rec.local_id)
            if pos is not None:
                row = pos - self._first
                self._rows[row] = rec
                self._index(rec)
                done.updated.append(row)
            elif rec.local_id in self._known:
                self._known[rec.local_id] = rec
                self._index(rec)
            else:
                fresh[rec.local_id] = rec
        if fresh:
            done.first_new, done.new_count = len(self._rows), len(fresh)
            for rec in fresh.values():
                self._pos[rec.local_id] = self._first + len(self._rows)
                self._rows.append(rec)
                self._index(rec)
        return done

    def will_add(self, records: Iterable[OrderRecord]) -> int:
        """How many rows `upsert(records)` would add."""
        return len({r.local_id for r in records if not self.knows(r.local_id)})

    def prepend(self, records: Iterable[OrderRecord]) -> int:
        """Older rows (oldest first) in front of the rows; a known order among them takes
        its place as a row. Returns how many rows came in."""
        page = [r for r in records if r.local_id not in self._pos]
        if not page:
            return 0
        self._first -= len(page)
        for i, rec in enumerate(page):
            known = self._known.pop(rec.local_id, None)
            if known is not None:
                rec = page[i] = known  # its latest state (the book may be ahead of a read)
            self._pos[rec.local_id] = self._first + i
            self._index(rec)
        self._rows[0:0] = page
        return len(page)

    def _index(self, rec: OrderRecord) -> None:
        self._all[rec.local_id] = rec
        if rec.ord_no:
            self._by_number[(rec.trade_day, rec.ord_no)] = rec.local_id
        if may_still_move(rec):  # a superset of the open orders (open_orders.py)
            self._open.add(rec.local_id)
        else:
            self._open.discard(rec.local_id)

    # ---- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[OrderRecord]:
        """The rows, oldest first (the book's own list: read, don't change)."""
        return self._rows

    def record(self, row: int) -> OrderRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[OrderRecord]:
        return list(self._rows)

    def row_of(self, local_id: str) -> int | None:
        pos = self._pos.get(local_id)
        return None if pos is None else pos - self._first

    def knows(self, local_id: str) -> bool:
        """A row, or an older order known off the rows."""
        return local_id in self._all

    def get(self, local_id: str) -> OrderRecord | None:
        return self._all.get(local_id)

    def by_ord_no(self, ord_no: str | None, trade_day: str | None = None) -> OrderRecord | None:
        """The order `ord_no` of `trade_day` (default: the day orders are placed in now,
        or, before that is known, the newest row's day)."""
        day = trade_day or self.trade_day
        if day is None and self._rows:
            day = self._rows[-1].trade_day
        local_id = self._by_number.get((day or "", ord_no or ""))
        return None if local_id is None else self._all.get(local_id)

    def is_earlier_day(self, rec: OrderRecord) -> bool:
        """From a trading day already over: final, never modified or cancelled."""
        return self.trade_day is not None and rec.trade_day != self.trade_day

    def is_open(self, rec: OrderRecord) -> bool:
        """An order of today the exchange still holds (domain.open_orders, the one
        definition every view uses)."""
        return is_open_order(rec, self.trade_day)

    def open_today(self) -> list[OrderRecord]:
        """Today's open orders, oldest first: read from the orders that may still move
        (kept as the book is written), however old their row."""
        found = [self._all[i] for i in self._open if is_open_order(self._all[i], self.trade_day)]
        found.sort(key=lambda r: r.created_at)
        return found

    def has_open(self) -> bool:
        """Anything the exchange may still move on. O(1)."""
        return bool(self._open)

    def recent(self, window: timedelta = RECENT_WINDOW,
               now: datetime | None = None) -> list[OrderRecord]:
        """What the duplicate checks need, without copying a long history on every send:
        rows created within `window` (walking back from the newest), plus every order
        still open or unknown, however old."""
        cutoff = (now or datetime.now(UTC)) - window
        recent: list[OrderRecord] = []
        for rec in reversed(self._rows):
            if rec.created_at < cutoff:
                break
            recent.append(rec)
        seen = {r.local_id for r in recent}
        older_open = sorted((self._all[i] for i in self._open if i not in seen),
                            key=lambda r: r.created_at)
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
