"""The order service: what the app's worker thread asks of the exchange and the journal.

Blocking, and meant for the app's single worker thread. It is a facade over three parts
that share one journal, one trading clock, one journal writer and one client, built here
and passed to each:
- OrderSender (order_sender.py): journal first, then the wire, then the journal again;
  it never re-sends an order;
- Reconciler (settle.py): settles what the app doesn't know (an unknown outcome, an
  order placed outside the app, a new trading day) from the exchange's own lists, paged
  to the end;
- LiveEventApplier (live_orders.py): live order events applied to their records.
Session calls (token, quote, depth, fills) go to the client directly.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.clock import wall_clock
from ..domain.environment import Environment
from ..domain.fills import Fill
from ..domain.market_depth import Depth
from ..domain.numbers import kiwoom_int
from ..domain.order_events import OrderEvent
from ..domain.orders import OrderRequest
from ..domain.reconcile import ExchangeRow
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text, with_text
from ..journal import Journal
from ..kiwoom.token import Token
from .journal_writer import JournalWriter, TradingClock
from .live_orders import Applied, LiveEventApplier
from .order_sender import OrderSender
from .settle import DoubtedOriginals, Reconciler
from .unconfirmed import UnconfirmedLiveStates

if TYPE_CHECKING:  # the client (requests) loads with the service, not with these names
    from ..kiwoom.client import KiwoomClient

log = logging.getLogger(__name__)

# Journaled as "한국어 / English" (journal_text); the UI shows one language.
RESET_MESSAGE = journal_text(Text("연습 계좌 초기화로 종료", "Closed by the practice account reset"))


@dataclass(frozen=True, slots=True)
class Quote:
    code: str
    name: str
    current: int
    base: int
    upper: int
    lower: int
    volume: int = 0  # 거래량 today (ka10001 trde_qty; 0B 13 while live)


class OrderService:
    def __init__(
        self,
        env: Environment,
        client: KiwoomClient,
        journal: Journal,
        *,
        settle_after: timedelta = timedelta(seconds=30),
        gone_after: timedelta = timedelta(seconds=5),
        ghost_watch: timedelta = timedelta(minutes=10),
        discover_every: timedelta = timedelta(seconds=15),
        now: Callable[[], datetime] = wall_clock.now,
        reset_exchange: Callable[[], None] | None = None,
        stream_url: str | None = None,
    ) -> None:
        self.env = env
        self.client = client
        self.journal = journal
        self.now = now
        self.clock = TradingClock(now, journal)
        self.writer = JournalWriter(journal, self.clock)
        # States live events set, unconfirmed (kept in the journal across restarts).
        self.unconfirmed = UnconfirmedLiveStates(journal, now)
        doubted = DoubtedOriginals(journal)
        self.sender = OrderSender(env, client, journal, self.clock, self.writer, doubted)
        self.live = LiveEventApplier(journal, self.clock, self.writer, self.unconfirmed)
        self.reconciler = Reconciler(
            env, client, journal, self.clock, self.writer, self.unconfirmed, doubted,
            self.live.early_overdue, settle_after=settle_after, gone_after=gone_after,
            ghost_watch=ghost_watch, discover_every=discover_every)
        self._stream_given: str | None = None  # the token the WebSocket's LOGIN last had
        self._reset_exchange = reset_exchange  # the practice exchange's reset, if ours
        self.stream_url = stream_url  # Kiwoom's WebSocket for this environment, if any

    def today(self) -> str:
        """The trading day orders placed now belong to (KST date, practice resets)."""
        return self.clock.today()

    # ---- session ---------------------------------------------------------------------

    def login(self) -> Token:
        return self.client.issue_token()

    def logout(self) -> None:
        self.client.revoke_token()

    def stream_token(self, fresh: bool) -> str:
        """The token for the WebSocket's LOGIN: a new one when Kiwoom refused the last
        (unless a REST call renewed it meanwhile: one refusal, one renewal)."""
        token = (self.client.renew_token(self._stream_given) if fresh
                 else self.client.ensure_token())
        self._stream_given = token.value
        return token.value

    def close(self) -> None:
        try:
            self.logout()
        finally:
            self.client.close()
            self.journal.close()

    @property
    def token(self) -> Token | None:
        return self.client.token

    def quote(self, stock_code: str) -> Quote:
        b = self.client.stock_info(stock_code)
        return Quote(
            code=stock_code,
            name=str(b.get("stk_nm") or "").strip(),
            current=kiwoom_int(b.get("cur_prc")),
            base=kiwoom_int(b.get("base_pric")),
            upper=kiwoom_int(b.get("upl_pric")),
            lower=kiwoom_int(b.get("lst_pric")),
            volume=kiwoom_int(b.get("trde_qty")),
        )

    def depth(self, stock_code: str) -> Depth:
        """The ten-level book (ka10004)."""
        return Depth.from_ka10004(self.client.order_book(stock_code), stock_code)

    def history(self) -> list[OrderRecord]:
        return self.journal.all()

    def fills_today(self) -> list[Fill]:
        """Today's fills from kt00009, every page, in the exchange's order; rows that
        aren't a fill are left out."""
        fills = (Fill.from_kt00009(row) for row in self.client.order_status())
        return [f for f in fills if f is not None]

    # ---- orders: the sender ----------------------------------------------------------

    def prepare(self, order: OrderRequest, stock_name: str = "") -> OrderRecord:
        """Journal the order as SENDING. Call before `send`, on the same thread."""
        return self.sender.prepare(order, stock_name)

    def send(self, record: OrderRecord) -> list[OrderRecord]:
        """POST the journaled order once. Returns every record that changed, this one first."""
        return self.sender.send(record)

    def not_sent(self, record: OrderRecord, message: str) -> OrderRecord:
        """Close a journaled order that was never sent (what had to be written with it
        failed): NOT_RECEIVED, so nothing settles it as taken."""
        return self.sender.not_sent(record, message)

    def reset_practice(self) -> list[OrderRecord]:
        """The practice account back to its start. The exchange numbers from 0000001
        again, so the journal starts a new numbering day; what was open or unknown today
        is closed (the exchange no longer has it)."""
        if self._reset_exchange is None:
            raise with_text(RuntimeError, Text("초기화는 연습 거래소에서만 됩니다",
                                               "Only the practice exchange resets"))
        day = self.today()
        self._reset_exchange()
        self.journal.next_epoch()
        changed = [
            self.writer.save(r.moved(status=OrderStatus.EXPIRED, message=RESET_MESSAGE))
            for r in self.journal.with_status(OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
                                              OrderStatus.UNKNOWN, OrderStatus.SENDING)
            if r.trade_day == day
        ]
        self.reconciler.start_day(self.today())
        return changed

    # ---- the exchange's lists: the reconciler -----------------------------------------

    def reconcile(
        self, now: datetime | None = None,
        rows: list[ExchangeRow] | None = None, complete: bool = True,
    ) -> list[OrderRecord]:
        """Settle today's UNKNOWN rows from the exchange's rows, and adopt ghosts."""
        return self.reconciler.reconcile(now, rows, complete)

    def needs_refresh(self) -> bool:
        """Whether a poll has anything to do."""
        return self.reconciler.needs_refresh()

    def refresh(self, stream_live: bool = False, look_outside: bool = False) -> list[OrderRecord]:
        """Open orders moved on, unknown ones settled, outside ones adopted (settle.py)."""
        return self.reconciler.refresh(stream_live, look_outside)

    def look_outside_next(self) -> None:
        """The next refresh looks for outside orders whatever the cap (safe from any thread)."""
        self.reconciler.look_outside_next()

    def restore_today(self) -> list[OrderRecord]:
        """Today's orders the journal doesn't know, from the exchange's history."""
        return self.reconciler.restore_today()

    def close_earlier_days(self) -> list[OrderRecord]:
        """Orders of earlier trading days closed for good."""
        return self.reconciler.close_earlier_days()

    # The reconciler's timing, set by tests and the screenshot tool.

    @property
    def settle_after(self) -> timedelta:
        return self.reconciler.settle_after

    @settle_after.setter
    def settle_after(self, value: timedelta) -> None:
        self.reconciler.settle_after = value

    @property
    def gone_after(self) -> timedelta:
        return self.reconciler.gone_after

    @gone_after.setter
    def gone_after(self, value: timedelta) -> None:
        self.reconciler.gone_after = value

    @property
    def ghost_watch(self) -> timedelta:
        return self.reconciler.ghost_watch

    @ghost_watch.setter
    def ghost_watch(self, value: timedelta) -> None:
        self.reconciler.ghost_watch = value

    @property
    def discover_every(self) -> timedelta:
        return self.reconciler.discover_every

    @discover_every.setter
    def discover_every(self, value: timedelta) -> None:
        self.reconciler.discover_every = value

    # ---- live order events: the applier ----------------------------------------------

    def apply_realtime(self, events: Iterable[OrderEvent]) -> Applied:
        """Apply live order events, in one journal transaction (live_orders.py)."""
        return self.live.apply_realtime(events)

    def take_refusals(self) -> list[str]:
        """Events refused since the last call, described (for the status line)."""
        return self.live.take_refusals()

    def claim_early(self) -> list[OrderRecord]:
        """Apply waiting events whose order is now known."""
        return self.live.claim_early()

    def early_overdue(self) -> bool:
        """Whether an event waited too long for its order and REST wasn't asked yet."""
        return self.live.early_overdue()

    def early_unasked(self) -> bool:
        """Whether an event still waits that REST has not been asked about."""
        return self.live.early_unasked()

    @property
    def stream_counts(self) -> Counter[str]:
        """Live events refused or dropped, by why (for the UI)."""
        return self.live.stream_counts
