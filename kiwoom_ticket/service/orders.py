"""The order service: journal first, then the wire, then the journal again.

Blocking, and meant for the app's single worker thread. It never re-sends an order:
an unclear outcome becomes UNKNOWN and is settled by `reconcile()` from the exchange's
own lists, paged to the end.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.clock import wall_clock
from ..domain.environment import Environment
from ..domain.fills import Fill
from ..domain.market_depth import Depth
from ..domain.numbers import kiwoom_int
from ..domain.orders import Action, OrderRequest, order_from_body
from ..domain.records import OrderRecord, trading_day
from ..domain.status import OrderStatus
from ..domain.text import TEXT_LIMIT, Text, clip, journal_text, with_text
from ..journal import Journal
from ..kiwoom.errors import (
    ApiError,
    KiwoomError,
    NotSent,
    OrderRejected,
    OutcomeUnknown,
    RateLimited,
)
from ..kiwoom.token import Token
from .live_orders import LiveOrders
from .settle import Settlement

if TYPE_CHECKING:  # the client (requests) loads with the service, not with these names
    from ..kiwoom.client import KiwoomClient

log = logging.getLogger(__name__)

# Journaled as "한국어 / English" (journal_text); the UI shows one language.
RATE_LIMITED_CHECKING = journal_text(Text("요청 한도 초과: 접수 여부 확인 중",
                                          "Rate limited: checking whether it was taken"))
RESET_MESSAGE = journal_text(Text("연습 계좌 초기화로 종료", "Closed by the practice account reset"))
UNEXPECTED_MESSAGE = journal_text(Text("전송 중 예기치 못한 오류: 결과 확인 필요",
                                       "Unexpected error while sending: outcome unknown"))


@dataclass(frozen=True, slots=True)
class Quote:
    code: str
    name: str
    current: int
    base: int
    upper: int
    lower: int
    volume: int = 0  # 거래량 today (ka10001 trde_qty; 0B 13 while live)


def _takes_all(request: OrderRecord, target: OrderRecord, echoed_qty: int) -> bool:
    """Whether a modify/cancel moved all that remained of `target` (quantity 0 = all)."""
    return request.quantity == 0 or max(echoed_qty, request.quantity) >= target.open_qty


class OrderService(Settlement, LiveOrders):
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
        self._looked_outside_at: float | None = None
        self.now = now
        self._day: str | None = None  # the trading day the last refresh ran in
        self._early = OrderedDict()  # live events waiting for their order
        self._unknown_taken = Counter()  # events for unknown numbers, by day
        self._live_set: dict[str, datetime] = {}  # states set by live events, unconfirmed
        self._live_set_kept: set[str] = set()
        self._load_live_set()  # ... kept in the journal across restarts
        self._disagree_since: dict[str, datetime] = {}  # ... and the exchange disagreeing
        self.stream_counts = Counter()  # events refused or dropped, by why
        self._refusals: list[str] = []  # refused events not yet reported
        self._early_asked_at = float("-inf")  # REST last asked about waiting events
        self._in_doubt = set()  # originals a refused modify/cancel left to the lists
        self._stream_given: str | None = None  # the token the WebSocket's LOGIN last had
        self._reset_exchange = reset_exchange  # the practice exchange's reset, if ours
        self.stream_url = stream_url  # Kiwoom's WebSocket for this environment, if any

    def today(self) -> str:
        """The trading day orders placed now belong to (KST date, practice resets)."""
        return trading_day(self.now(), self.journal.epoch())

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

    # ---- orders ----------------------------------------------------------------------

    def prepare(self, order: OrderRequest, stock_name: str = "") -> OrderRecord:
        """Journal the order as SENDING. Call before `send`, on the same thread."""
        now = self.now()
        record = replace(
            OrderRecord.from_request(uuid.uuid4().hex, self.env.value, order, stock_name,
                                     trade_day=trading_day(now, self.journal.epoch())),
            created_at=now, updated_at=now)
        if not order.action.is_new:
            target = self.journal.by_ord_no(record.orig_ord_no or "", record.trade_day)
            if target is not None:
                record = record.moved(
                    root_ord_no=target.lineage_root,
                    stock_name=stock_name or target.stock_name,
                    trade_type=target.trade_type,
                )
        self.journal.insert(record)
        return record

    def send(self, record: OrderRecord) -> list[OrderRecord]:
        """POST the journaled order once. Returns every record that changed, this one first."""
        order = order_from_body(record.action.api_id, record.body)
        try:
            ack = self.client.send_order(order)
        except OrderRejected as exc:
            self.doubt_original(record, exc.code)
            return [self._save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                            error_code=exc.code))]
        except RateLimited as exc:
            # Kiwoom has registered some of these seconds later: outcome unknown, settled
            # over the same window as any unknown order.
            return [self._save(record.moved(status=OrderStatus.UNKNOWN, error_code=exc.code
                                            or "1700", message=RATE_LIMITED_CHECKING))]
        except NotSent as exc:
            return [self._save(record.moved(status=OrderStatus.NOT_RECEIVED, message=str(exc)))]
        except OutcomeUnknown as exc:
            return [self._save(record.moved(status=OrderStatus.UNKNOWN, message=exc.message))]
        except ApiError as exc:  # refused before processing (auth, input): not an order
            return [self._save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                            error_code=exc.code))]
        except KiwoomError as exc:
            return [self._save(record.moved(status=OrderStatus.UNKNOWN, message=exc.message))]
        except Exception:
            # Whatever went wrong, the request may have left: never leave it "sending".
            log.exception("%s: unexpected failure while sending", record.action.api_id)
            return [self._save(record.moved(status=OrderStatus.UNKNOWN,
                                            message=UNEXPECTED_MESSAGE))]
        return self._accepted(record, ack.ord_no, ack.base_orig_ord_no, ack.message,
                              ack.quantity)

    def _accepted(
        self, record: OrderRecord, ord_no: str, base: str | None, message: str,
        echoed_qty: str | None = None,
    ) -> list[OrderRecord]:
        if record.action.is_new:
            done = record.moved(status=OrderStatus.ACCEPTED, ord_no=ord_no,
                                root_ord_no=record.root_ord_no or ord_no, message=message)
            return [self._save(done)]
        qty = kiwoom_int(echoed_qty) if echoed_qty else record.quantity
        modify = record.action is Action.MODIFY
        # A modify is a live order of its own; a cancel is done once it is taken.
        done = record.moved(status=OrderStatus.ACCEPTED if modify else OrderStatus.CANCELLED,
                            ord_no=ord_no, root_ord_no=base or record.root_ord_no
                            or record.orig_ord_no, message=message,
                            quantity=qty or record.quantity)
        changed = [self._save(done)]
        target = self.journal.by_ord_no(record.orig_ord_no or "", record.trade_day)
        if target is not None and _takes_all(record, target, qty):
            new_status = OrderStatus.MODIFIED if modify else OrderStatus.CANCELLED
            changed.append(self._save(target.moved(status=new_status)))
        elif target is not None and target.status.is_open and qty:
            # A partial modify/cancel: the original keeps its number and the rest, and
            # its open quantity (Kiwoom's oso_qty) goes down by what moved; refresh()
            # then holds it to the exchange's own figure.
            changed.append(self._save(target.moved(
                amended_qty=min(target.quantity - target.filled_qty,
                                target.amended_qty + qty))))
        return changed

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
            self._save(r.moved(status=OrderStatus.EXPIRED, message=RESET_MESSAGE))
            for r in self.journal.with_status(OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
                                              OrderStatus.UNKNOWN, OrderStatus.SENDING)
            if r.trade_day == day
        ]
        self._day = self.today()
        return changed

    def _save(self, record: OrderRecord) -> OrderRecord:
        record = replace(record, updated_at=self.now())
        if len(record.message) > TEXT_LIMIT:
            record = replace(record, message=clip(record.message))
        self.journal.update(record)
        log.info("order %s %s %s ord_no=%s %s", record.local_id[:8], record.action.name,
                 record.status.value, record.ord_no, record.message)
        return record

