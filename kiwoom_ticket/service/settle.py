"""Settling what the app doesn't know from the exchange's own records.

One of OrderService's parts (beside the sender and the live-event applier), given the
client, the journal, the trading clock and the journal writer it shares with them.
Five jobs, all within one trading day, because order numbers restart daily:
- an UNKNOWN order (lost reply, rate limit, crash) is found in the day's lists and
  becomes accepted, or after `settle_after` with no trace, not received;
- a row already called not received or rejected that turns up anyway (a "ghost") is
  adopted, loudly: never quietly, because a resend may already be live beside it;
- open orders move on to partly filled, filled or cancelled;
- an open order placed outside the app (HTS, phone) is adopted, marked as such, once
  reconciliation had its chance to claim it for one of the app's own;
- at the first refresh of a new trading day, what is left of earlier days is closed;
and it holds the states live events set against the exchange's lists (unconfirmed.py),
and the originals a refused modify or cancel left in doubt (DoubtedOriginals).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain.adopt import OUTSIDE_MESSAGE, adopted_record
from ..domain.orders import Action
from ..domain.reconcile import ExchangeRow, find_match, parse_row
from ..domain.records import CORRECTED, LATE_FOUND, OrderRecord
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text
from ..journal import Journal
from ..kiwoom.errors import KiwoomError
from .journal_writer import JournalWriter, TradingClock
from .unconfirmed import UnconfirmedLiveStates

if TYPE_CHECKING:  # the client (requests) loads with the service, not with these names
    from ..domain.environment import Environment
    from ..kiwoom.client import KiwoomClient

log = logging.getLogger(__name__)

# What the journal keeps of the app's own messages: "한국어 / English" (journal_text),
# each language shown alone by the UI (Text.from_journal reads it back).
NOT_RECEIVED_MESSAGE = journal_text(Text("거래소 기록에 없음: 접수되지 않음",
                                         "Not in the exchange's records: not received"))
FOUND_MESSAGE = journal_text(Text("확인 결과 접수됨", "Confirmed accepted by reconciliation"))
REFUSED_MESSAGE = journal_text(Text("확인 결과 거래소가 거부함",
                                    "The exchange's records show it was refused"))
LATE_MESSAGE = journal_text(Text("⚠ 접수 안 됨으로 판정했던 주문이 뒤늦게 거래소에 나타났습니다",
                                 "⚠ An order judged not taken has appeared at the exchange"))
EXPIRED_MESSAGE = journal_text(Text("거래일 종료로 만료", "Expired at the end of its trading day"))
DAY_ENDED_UNKNOWN = journal_text(Text(
    "결과 미확인인 채로 거래일이 끝남: 계좌 주문내역을 확인하세요",
    "The day ended with the outcome unknown: check the account's order history"))
CORRECTED_MESSAGE = journal_text(Text("⚠ 실시간 알림과 달라 거래소 기록으로 정정됨",
                                      "⚠ Corrected: the exchange's records disagree with a live event"))
GHOST_STATUSES = (OrderStatus.NOT_RECEIVED, OrderStatus.REJECTED)
# A modify or cancel refused with one of these proves nothing about its original: "no such
# original" (RC4032) and "nothing left to modify or cancel" (RC4033; RC4061 on the older
# engine) come for an order that filled, was cancelled elsewhere, or that Kiwoom hasn't
# caught up with. The original keeps its state and is settled from the exchange's lists
# (ka10075, ka10076), read even while the live stream runs, until they say what it is.
ORIGINAL_IN_DOUBT = frozenset({"RC4032", "RC4033", "RC4061"})


class DoubtedOriginals:
    """Originals a refused modify or cancel put in doubt, by (trading day, number): the
    sender adds them, the reconciler settles them from the exchange's lists."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._keys: set[tuple[str, str]] = set()

    def doubt_original(self, request: OrderRecord, code: str | None) -> None:
        """`request` (a modify or cancel) was refused with `code`: if that proves nothing
        about its original, have the next refresh settle the original from the lists."""
        if code in ORIGINAL_IN_DOUBT and not request.action.is_new and request.orig_ord_no:
            self._keys.add((request.trade_day, request.orig_ord_no))
            log.info("%s of %s refused (%s): the original is settled from the lists",
                     request.action.name, request.orig_ord_no, code)

    def of_day(self, day: str) -> list[OrderRecord]:
        """Today's open originals in doubt (the rest are forgotten)."""
        doubted = []
        for key in list(self._keys):
            record = self._journal.by_ord_no(key[1], key[0]) if key[0] == day else None
            if record is None or not record.status.is_open:
                self._keys.discard(key)
            else:
                doubted.append(record)
        return doubted

    def settled(self, record: OrderRecord) -> None:
        """The exchange lists `record` as open: that settles the doubt."""
        self._keys.discard((record.trade_day, record.ord_no or ""))


class Reconciler:
    """Settles the journal's orders from the exchange's own lists (see the module)."""

    def __init__(
        self,
        env: Environment,
        client: KiwoomClient,
        journal: Journal,
        clock: TradingClock,
        writer: JournalWriter,
        unconfirmed: UnconfirmedLiveStates,
        doubted: DoubtedOriginals,
        events_overdue: Callable[[], bool],
        *,
        settle_after: timedelta,
        gone_after: timedelta,
        ghost_watch: timedelta,
        discover_every: timedelta,
    ) -> None:
        self._env = env
        self._client = client
        self._journal = journal
        self._clock = clock
        self._writer = writer
        self._unconfirmed = unconfirmed  # states live events set, held against the lists
        self._doubted = doubted
        # Whether a live event has waited too long for an order nobody knows: the lists
        # are read for it even while the stream runs (the live-event applier says).
        self._events_overdue = events_overdue
        # An unknown order is declared "not received" only after this long with no trace,
        # because a slow exchange may still be processing it.
        self.settle_after = settle_after
        # An accepted order missing from the open list is called finished only after this
        # long, so a list fetched a moment before the order registered can't end it.
        self.gone_after = gone_after
        # A row called "not taken" is still looked for this long: Kiwoom has been seen to
        # register a rate-limited order seconds later (a ghost).
        self.ghost_watch = ghost_watch
        # With nothing of ours open, the open orders are still looked at this often, for
        # orders placed outside the app (HTS, phone).
        self.discover_every = discover_every
        self._looked_outside_at: float | None = None  # time.monotonic() of the last ka10075
        self._day: str | None = None  # the trading day the last refresh ran in
        # Since when the exchange's lists disagree with a state a live event set.
        self._disagree_since: dict[str, datetime] = {}

    def start_day(self, day: str) -> None:
        """`day` has begun with nothing of earlier days left open (a practice reset
        closed them): the next refresh need not close them again."""
        self._day = day

    # ---- the day's records -----------------------------------------------------------

    def _lists(self, history: bool) -> tuple[
        list[ExchangeRow], list[ExchangeRow], list[ExchangeRow] | None]:
        """Open orders (ka10075), fills (ka10076) and, when asked, the whole day's
        history (kt00007); every page of each. A history that can't be had is None."""
        open_rows = [row for _raw, row in self._fetch_open()]
        fill_rows = [parse_row(r) for r in self._client.fills()]
        day_rows: list[ExchangeRow] | None = None
        if history:
            try:
                day_rows = [parse_row(r) for r in self._client.order_history()]
            except KiwoomError as exc:
                log.info("kt00007 unavailable (%s): settling from open orders and fills", exc)
        return open_rows, fill_rows, day_rows

    def _fetch_open(self) -> list[tuple[dict[str, Any], ExchangeRow]]:
        """ka10075, every page: each row as sent and as parsed."""
        rows = [(raw, parse_row(raw)) for raw in self._client.open_orders()]
        self._looked_outside_at = time.monotonic()
        return rows

    # ---- unknown outcomes ------------------------------------------------------------

    def reconcile(
        self, now: datetime | None = None,
        rows: list[ExchangeRow] | None = None, complete: bool = True,
    ) -> list[OrderRecord]:
        """Settle today's UNKNOWN rows from the exchange's rows, and adopt ghosts.
        `complete`: the rows include the day's full history (kt00007), so an order absent
        from them was not taken. Without it, an absent modify or cancel stays unknown
        (only the history lists those), and so does a new order."""
        day = self._clock.today()
        unknown = [r for r in self._journal.with_status(OrderStatus.UNKNOWN) if r.trade_day == day]
        now = now or self._clock.now()
        watch = self._ghost_watch_rows(day, now)
        if not unknown and not watch:
            return []
        if rows is None:
            open_rows, fill_rows, day_rows = self._lists(history=True)
            complete = day_rows is not None
            rows = open_rows + fill_rows + (day_rows or [])
        changed: list[OrderRecord] = []
        for record in unknown:
            match = find_match(record, rows, self._journal.known_ord_nos(day))
            if match is not None:
                changed += self._found(record, match, FOUND_MESSAGE)
            elif complete and now - record.updated_at >= self.settle_after:
                changed.append(self._writer.save(record.moved(status=OrderStatus.NOT_RECEIVED,
                                                       message=NOT_RECEIVED_MESSAGE)))
        for record in watch:
            match = find_match(record, rows, self._journal.known_ord_nos(day))
            if match is not None and not match.refused:
                log.warning("late order: %s %s %s found as %s after it was called %s",
                            record.action.name, record.stock_code, record.quantity,
                            match.ord_no, record.status.value)
                changed += self._found(replace(record, error_code=LATE_FOUND), match,
                                       LATE_MESSAGE)
        return changed

    def _ghost_watch_rows(self, day: str, now: datetime) -> list[OrderRecord]:
        # Only what may have been taken after all: not received, or refused for the rate
        # limit (what a ghost is). An order the exchange refused on its merits (say, a
        # cancel of an order already cancelled in HTS) is final: watching it would take
        # an outside cancel of the same order for it.
        return [r for r in self._journal.with_status(*GHOST_STATUSES)
                if r.trade_day == day and r.ord_no is None and r.safe_to_resend
                and now - r.updated_at < self.ghost_watch]

    def _found(self, record: OrderRecord, row: ExchangeRow,
               message: str) -> list[OrderRecord]:
        if row.refused:
            return [self._writer.save(record.moved(status=OrderStatus.REJECTED, ord_no=row.ord_no,
                                            message=REFUSED_MESSAGE))]
        echoed = None
        if not record.action.is_new:
            # What it moved: kt00007's cnfm_qty, else the row's own quantity (an open
            # modify in ka10075): a modify of "all" (0) must not stay quantity 0, or a
            # later partial cancel of it reads as taking all of it.
            moved = row.confirmed or row.quantity
            echoed = str(moved) if moved else None
        return self._writer.accepted(record, row.ord_no, None, message, echoed)

    # ---- open orders -----------------------------------------------------------------

    def _outside_look_due(self) -> bool:
        """Time to look for orders placed outside the app although none of ours is open:
        capped (Kiwoom's mock server takes about one request a second per api-id)."""
        last = self._looked_outside_at
        return last is None or time.monotonic() - last >= self.discover_every.total_seconds()

    def look_outside_next(self) -> None:
        """The next refresh looks for outside orders whatever the cap (the user pressed
        F5). Only clears a time stamp: safe from any thread."""
        self._looked_outside_at = None

    def needs_refresh(self) -> bool:
        """Whether a poll has anything to do: open, unknown or watched rows today, a
        new trading day to begin, or a look for orders placed outside the app due."""
        day = self._clock.today()
        if day != self._day or self._outside_look_due():
            return True
        live = self._journal.with_status(OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
                                        OrderStatus.UNKNOWN)
        return any(r.trade_day == day for r in live) or bool(
            self._ghost_watch_rows(day, self._clock.now())) or bool(self._unconfirmed) or bool(
            self._doubted.of_day(day))

    def refresh(self, stream_live: bool = False, look_outside: bool = False) -> list[OrderRecord]:
        """Move open orders on to filled or cancelled, settle unknown ones, watch for
        ghosts, adopt orders placed outside the app, and close earlier days' orders at
        the first refresh of a new day. With nothing of ours open, the open orders are
        fetched (for outside orders) only every `discover_every`, or when `look_outside`
        (the user asked: F5). `stream_live`: the WebSocket moves open orders on and
        reports outside ones, so the lists are read only for what it can't settle
        (unknown and watched rows, events nobody claimed)."""
        changed: list[OrderRecord] = []
        day = self._clock.today()
        if day != self._day:
            changed += self.close_earlier_days()
            self._day = day
        now = self._clock.now()
        open_records = [r for r in self._journal.with_status(OrderStatus.ACCEPTED,
                                                            OrderStatus.PARTLY_FILLED)
                        if r.trade_day == day]
        unknown = [r for r in self._journal.with_status(OrderStatus.UNKNOWN) if r.trade_day == day]
        watch = self._ghost_watch_rows(day, now)
        overdue = self._events_overdue()
        live_set = self._live_records(day)
        doubted = self._doubted.of_day(day)
        if (stream_live and not unknown and not watch and not overdue and not look_outside
                and not live_set and not doubted):
            return changed
        if not open_records and not unknown and not watch and not overdue and not live_set:
            if look_outside or self._outside_look_due():
                changed += self._adopt_outside(day, self._fetch_open())
            return changed
        # One fetch of each list serves reconciliation and fills alike: on Kiwoom mock
        # every extra page costs a second of pacing. The day's history only when needed.
        open_pairs = self._fetch_open()
        open_list = [row for _raw, row in open_pairs]
        fill_list = [parse_row(r) for r in self._client.fills()]
        day_list: list[ExchangeRow] | None = None
        if unknown or watch:
            try:
                day_list = [parse_row(r) for r in self._client.order_history()]
            except KiwoomError as exc:
                log.info("kt00007 unavailable (%s): settling from open orders and fills", exc)
        changed += self.reconcile(now, open_list + fill_list + (day_list or []),
                                  complete=day_list is not None)
        # Only now, with the same rows: reconciliation claims what is the app's own first.
        changed += self._adopt_outside(day, open_pairs)
        changed += self._track_open(day, now, open_list, fill_list)
        listed = {row.ord_no for row in open_list}
        for record in doubted:  # the exchange lists it as open: that settles the doubt
            if record.ord_no in listed:
                self._doubted.settled(record)
        changed += self._check_live_set(day, now, open_list, fill_list)
        return changed

    # ---- states set by live events -----------------------------------------------------

    def _live_records(self, day: str) -> list[OrderRecord]:
        """Today's records whose state a live event set and REST hasn't confirmed yet."""
        records = []
        for local_id in self._unconfirmed.local_ids():
            record = self._journal.get(local_id)
            if record is None or record.trade_day != day:
                self._unconfirmed.drop(local_id)
                self._disagree_since.pop(local_id, None)
            else:
                records.append(record)
        self._unconfirmed.keep()
        return records

    def _check_live_set(self, day: str, now: datetime, open_list: list[ExchangeRow],
                        fill_list: list[ExchangeRow]) -> list[OrderRecord]:
        """A state a live event set, held against the exchange's lists: confirmed when
        they agree; when they still disagree after `settle_after`, the exchange's lists
        win, whichever way that goes (a fill the exchange never made is taken back, a
        cancelled order that is open is reopened), and the row says it was corrected.
        Between two REST readings a state only moves forward; a live event is not proof."""
        changed: list[OrderRecord] = []
        open_rows = {r.ord_no: r for r in open_list}
        fills_of: dict[str, list[ExchangeRow]] = {}
        for r in fill_list:
            fills_of.setdefault(r.ord_no, []).append(r)
        for record in self._live_records(day):
            if not record.ord_no or record.action not in (Action.BUY, Action.SELL,
                                                          Action.MODIFY):
                self._unconfirmed.drop(record.local_id)
                continue
            row = open_rows.get(record.ord_no)
            fills = fills_of.get(record.ord_no, [])
            if row is None and not fills:
                # Not in today's open orders nor fills: a cancelled or modified order;
                # unfilled, as the lists say, which is all they can tell.
                exchange_filled = 0
            else:
                exchange_filled = max([r.filled for r in fills] + [row.filled if row else 0])
            if row is not None:
                status = OrderStatus.PARTLY_FILLED if exchange_filled else OrderStatus.ACCEPTED
            elif exchange_filled and exchange_filled >= record.quantity - record.amended_qty:
                status = OrderStatus.FILLED
            else:
                status = (record.status if record.status in (OrderStatus.CANCELLED,
                                                             OrderStatus.MODIFIED)
                          else OrderStatus.CANCELLED)
            if status is record.status and exchange_filled == record.filled_qty:
                self._unconfirmed.drop(record.local_id)
                self._disagree_since.pop(record.local_id, None)
                continue
            if record.status.is_open and status.is_open and exchange_filled > record.filled_qty:
                self._unconfirmed.drop(record.local_id)  # behind, not wrong: tracking moves it
                continue
            since = self._disagree_since.setdefault(record.local_id, now)
            if now - since < self.settle_after:
                continue
            log.warning("order %s %s: live state %s %d/%d corrected to the exchange's %s "
                        "%d/%d", record.ord_no, record.stock_code, record.status.value,
                        record.filled_qty, record.quantity, status.value, exchange_filled,
                        record.quantity)
            fill_price = max((r.fill_price for r in fills), default=0) or (
                row.fill_price if row else 0)
            changed.append(self._writer.save(record.moved(
                status=status, filled_qty=exchange_filled, error_code=CORRECTED,
                message=CORRECTED_MESSAGE,
                avg_fill_price=(fill_price or None) if exchange_filled else None,
                filled_at=record.filled_at if exchange_filled else None)))
            self._unconfirmed.drop(record.local_id)
            self._disagree_since.pop(record.local_id, None)
        self._unconfirmed.keep()
        return changed

    # ---- orders placed outside the app -----------------------------------------------

    def _adopt_outside(self, day: str, open_pairs: list[tuple[dict[str, Any], ExchangeRow]],
                       ) -> list[OrderRecord]:
        """Today's open orders the journal doesn't know, placed elsewhere (HTS, phone),
        as records marked `outside`: shown, modified and cancelled like the app's own.
        A row that could still be one of the app's unsettled orders (same stock, side and
        quantity as an unknown or watched one) is left for reconciliation."""
        known = self._journal.known_ord_nos(day)
        fresh = sorted(((raw, row) for raw, row in open_pairs
                        if row.ord_no and row.ord_no not in known), key=lambda p: p[1].ord_no)
        if not fresh:
            return []
        pending = [r for r in self._journal.with_status(OrderStatus.UNKNOWN, OrderStatus.SENDING)
                   if r.trade_day == day] + self._ghost_watch_rows(day, self._clock.now())
        open_nos = {row.ord_no for _raw, row in open_pairs}
        changed: list[OrderRecord] = []
        for raw, row in fresh:
            if _could_be_ours(row, pending):
                log.info("open order %s (%s) left for reconciliation: like one of ours "
                         "still unsettled", row.ord_no, row.stock_code)
                continue
            record = adopted_record(raw, self._env.value, day, uuid.uuid4().hex, self._clock.now(),
                                    OUTSIDE_MESSAGE, outside=True)
            if record is None or record.ord_no in known:
                continue
            parent = (self._journal.by_ord_no(record.orig_ord_no, day)
                      if record.orig_ord_no else None)
            root = parent.lineage_root if parent is not None else record.orig_ord_no
            record = replace(record, root_ord_no=root or record.ord_no)
            self._journal.insert(record)
            known.add(record.ord_no or "")
            log.info("adopted order %s %s %s x%s placed outside the app", record.ord_no,
                     record.action.name, record.stock_code, record.quantity)
            changed.append(record)
            if parent is not None and parent.status.is_open and parent.ord_no not in open_nos:
                # Modified elsewhere, all of it: the original's remainder moved over.
                changed.append(self._writer.save(parent.moved(status=OrderStatus.MODIFIED)))
        return changed

    def _track_open(self, day: str, now: datetime, open_list: list[ExchangeRow],
                    fill_list: list[ExchangeRow]) -> list[OrderRecord]:
        open_rows = {r.ord_no: r for r in open_list}
        filled: dict[str, tuple[int, int]] = {}  # ord_no -> (filled qty, its fill price)
        for r in fill_list:
            if r.filled >= filled.get(r.ord_no, (0, 0))[0]:
                filled[r.ord_no] = (r.filled, r.fill_price)
        changed = []
        # Read again: reconciliation may just have opened or closed some.
        for record in self._journal.with_status(OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED):
            if record.trade_day != day:
                continue
            if not record.action.is_new and record.action is not Action.MODIFY:
                continue
            row = open_rows.get(record.ord_no or "")
            qty_filled, fill_price = filled.get(record.ord_no or "", (0, 0))
            # Fills only grow: a list that lags the live feed can't take one back.
            qty_filled = max(qty_filled, record.filled_qty)
            amended = record.amended_qty
            if row is not None:
                if row.filled > qty_filled:
                    qty_filled, fill_price = row.filled, row.fill_price
                if row.remaining is not None:
                    # The exchange's 미체결수량: what partial modifies and cancels (here
                    # or elsewhere) took off is what neither filled nor is open, by the
                    # row's own figures (a lagging row still adds up). Of the order's
                    # own quantity, whether ord_qty says the first one or what is left.
                    amended = max(0, record.quantity - row.filled - row.remaining)
                status = OrderStatus.PARTLY_FILLED if qty_filled else OrderStatus.ACCEPTED
            elif qty_filled and qty_filled >= record.quantity - amended:
                status = OrderStatus.FILLED
            elif now - record.updated_at < self.gone_after:
                continue
            else:
                # Gone from the open list without filling fully: the rest was cancelled
                # (IOC/FOK remainders, a cancel made elsewhere).
                status = OrderStatus.CANCELLED
            if (status is not record.status or qty_filled != record.filled_qty
                    or amended != record.amended_qty):
                changed.append(self._writer.save(record.moved(
                    status=status, filled_qty=qty_filled, amended_qty=amended,
                    **_fill_facts(record, qty_filled, fill_price, now))))
        return changed

    # ---- a journal started afresh ------------------------------------------------------

    def restore_today(self) -> list[OrderRecord]:
        """Take today's orders the journal doesn't know from the exchange's history
        (kt00007), oldest first, linking modifies and cancels to their originals."""
        day = self._clock.today()
        known = self._journal.known_ord_nos(day)
        rows = sorted(self._client.order_history(), key=lambda r: str(r.get("ord_no")))
        restored: list[OrderRecord] = []
        roots: dict[str, str] = {}
        for row in rows:
            record = adopted_record(row, self._env.value, day, uuid.uuid4().hex, self._clock.now())
            if record is None or record.ord_no in known:
                continue
            parent = record.orig_ord_no
            root = roots.get(parent, parent) if parent else record.ord_no
            record = replace(record, root_ord_no=root)
            roots[record.ord_no or ""] = root or ""
            self._journal.insert(record)
            known.add(record.ord_no or "")
            restored.append(record)
        log.info("restored %d orders of %s from kt00007", len(restored), day)
        return restored

    # ---- the end of a day ------------------------------------------------------------

    def close_earlier_days(self) -> list[OrderRecord]:
        """Orders of earlier trading days are final. Whatever was still open expired with
        its day; a row still unknown is looked up in that day's history (kt00007 ord_dt)
        and, if that can't settle it, closed as unknown for good: never offered for resend."""
        day = self._clock.today()
        stale = [r for r in self._journal.with_status(
            OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED, OrderStatus.UNKNOWN,
            OrderStatus.SENDING) if r.trade_day != day]
        changed: list[OrderRecord] = []
        histories: dict[str, list[ExchangeRow] | None] = {}
        for record in stale:
            if record.status.is_open:
                changed.append(self._writer.save(record.moved(status=OrderStatus.EXPIRED,
                                                       message=EXPIRED_MESSAGE)))
                continue
            if record.trade_day not in histories:
                histories[record.trade_day] = self._history_of(record.trade_day)
            rows = histories[record.trade_day]
            match = None
            if rows is not None:
                match = find_match(record, rows, self._journal.known_ord_nos(record.trade_day))
            if match is not None and not match.refused:
                changed.append(self._writer.save(record.moved(
                    status=OrderStatus.EXPIRED, ord_no=match.ord_no,
                    filled_qty=match.filled, message=FOUND_MESSAGE + " · " + EXPIRED_MESSAGE)))
            elif rows is not None:
                changed.append(self._writer.save(record.moved(status=OrderStatus.NOT_RECEIVED,
                                                       message=NOT_RECEIVED_MESSAGE)))
            else:
                changed.append(self._writer.save(record.moved(status=OrderStatus.EXPIRED,
                                                       message=DAY_ENDED_UNKNOWN)))
        return changed

    def _history_of(self, trade_day: str) -> list[ExchangeRow] | None:
        """kt00007 for an earlier day; None if it can't be had (or the day was a practice
        numbering epoch that the exchange no longer keeps)."""
        if "." in trade_day:
            return None
        try:
            return [parse_row(r) for r in self._client.order_history(trade_day)]
        except KiwoomError as exc:
            log.info("kt00007 for %s unavailable: %s", trade_day, exc)
            return None


def _could_be_ours(row: ExchangeRow, pending: list[OrderRecord]) -> bool:
    """Whether an unknown row of ours might be `row`: a new order of the same stock, side
    and quantity, or any modify of the same stock (a modify's rows are matched by its
    original, which an outside row can share)."""
    for rec in pending:
        if rec.stock_code != row.stock_code:
            continue
        if rec.action.is_new and row.action is rec.action and row.quantity == rec.quantity:
            return True
        if not rec.action.is_new and not row.action.is_new:
            return True
    return False


def _fill_facts(record: OrderRecord, qty_filled: int, fill_price: int,
                now: datetime) -> dict[str, Any]:
    """The fill price and the time a fill was first seen, when more of `record` filled."""
    if qty_filled <= record.filled_qty:
        return {}
    facts: dict[str, Any] = {"filled_at": now}
    if fill_price:
        facts["avg_fill_price"] = fill_price
    return facts
