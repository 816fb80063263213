"""The order service: journal first, then the wire, then the journal again.

Blocking, and meant for the app's single worker thread. It never re-sends an order:
an unclear outcome becomes UNKNOWN and is settled by `reconcile()` from the exchange's
own lists, paged to the end.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..domain.numbers import kiwoom_int
from ..domain.orders import Action, OrderRequest, order_from_body
from ..domain.reconcile import ExchangeRow, find_match, parse_row
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..journal import Journal
from ..kiwoom.client import KiwoomClient
from ..kiwoom.environments import Environment
from ..kiwoom.errors import (
    ApiError,
    KiwoomError,
    NotSent,
    OrderRejected,
    OutcomeUnknown,
    RateLimited,
)
from ..kiwoom.token import Token

log = logging.getLogger(__name__)

RATE_LIMITED_CHECKING = "요청 한도 초과: 접수 여부 확인 중 / Rate limited: checking whether it was taken"
NOT_RECEIVED_MESSAGE = "거래소 기록에 없음: 접수되지 않음 / Not in the exchange's records: not received"
FOUND_MESSAGE = "확인 결과 접수됨 / Confirmed accepted by reconciliation"


@dataclass(frozen=True, slots=True)
class Quote:
    code: str
    name: str
    current: int
    base: int
    upper: int
    lower: int


def _takes_all(request: OrderRecord, target: OrderRecord, echoed_qty: int) -> bool:
    """Whether a modify/cancel moved all that remained of `target` (quantity 0 = all)."""
    remaining = target.quantity - target.filled_qty
    return request.quantity == 0 or max(echoed_qty, request.quantity) >= remaining


class OrderService:
    def __init__(
        self,
        env: Environment,
        client: KiwoomClient,
        journal: Journal,
        *,
        settle_after: timedelta = timedelta(seconds=30),
        gone_after: timedelta = timedelta(seconds=5),
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

    # ---- session ---------------------------------------------------------------------

    def login(self) -> Token:
        return self.client.issue_token()

    def logout(self) -> None:
        self.client.revoke_token()

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
        )

    def history(self) -> list[OrderRecord]:
        return self.journal.all()

    # ---- orders ----------------------------------------------------------------------

    def prepare(self, order: OrderRequest, stock_name: str = "") -> OrderRecord:
        """Journal the order as SENDING. Call before `send`, on the same thread."""
        record = OrderRecord.from_request(uuid.uuid4().hex, self.env.value, order, stock_name)
        if not order.action.is_new:
            target = self.journal.by_ord_no(record.orig_ord_no or "")
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
            return [self._save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                            error_code=exc.code))]
        except RateLimited as exc:
            # Treated as not taken, but Kiwoom has accepted some of these: check first.
            pending = self._save(record.moved(status=OrderStatus.UNKNOWN, error_code=exc.code
                                              or "1700", message=RATE_LIMITED_CHECKING))
            return self._settle_rate_limited(pending)
        except NotSent as exc:
            return [self._save(record.moved(status=OrderStatus.NOT_RECEIVED, message=str(exc)))]
        except OutcomeUnknown as exc:
            return [self._save(record.moved(status=OrderStatus.UNKNOWN, message=exc.message))]
        except ApiError as exc:  # refused before processing (auth, input): not an order
            return [self._save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                            error_code=exc.code))]
        except KiwoomError as exc:
            return [self._save(record.moved(status=OrderStatus.UNKNOWN, message=str(exc)))]
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
        target = self.journal.by_ord_no(record.orig_ord_no or "")
        if target is not None and _takes_all(record, target, qty):
            new_status = OrderStatus.MODIFIED if modify else OrderStatus.CANCELLED
            changed.append(self._save(target.moved(status=new_status)))
        # A partial modify/cancel leaves the rest of the original open; refresh() tracks it.
        return changed

    def _save(self, record: OrderRecord) -> OrderRecord:
        self.journal.update(record)
        log.info("order %s %s %s ord_no=%s %s", record.local_id[:8], record.action.name,
                 record.status.value, record.ord_no, record.message)
        return record

    # ---- finding out -----------------------------------------------------------------

    def _fetch(self) -> tuple[list[ExchangeRow], list[ExchangeRow]]:
        """Open orders (ka10075) and fills (ka10076), every page of each."""
        return ([parse_row(r) for r in self.client.open_orders()],
                [parse_row(r) for r in self.client.fills()])

    def _exchange_rows(self) -> list[ExchangeRow]:
        open_rows, fill_rows = self._fetch()
        return open_rows + fill_rows

    def _settle_rate_limited(self, record: OrderRecord) -> list[OrderRecord]:
        try:
            rows = self._exchange_rows()
        except KiwoomError as exc:
            log.warning("reconcile after rate limit failed: %s", exc)
            return [record]
        match = find_match(record, rows, self.journal.known_ord_nos())
        if match is not None:
            return self._accepted(record, match.ord_no, None, FOUND_MESSAGE)
        return [self._save(record.moved(
            status=OrderStatus.REJECTED,
            message="요청 한도 초과: 접수되지 않음 (다시 보내도 됩니다) / Rate limited: not taken (safe to resend)",
        ))]

    def reconcile(
        self, now: datetime | None = None, rows: list[ExchangeRow] | None = None
    ) -> list[OrderRecord]:
        """Settle UNKNOWN rows from the exchange's open orders and fills."""
        unknown = self.journal.with_status(OrderStatus.UNKNOWN)
        if not unknown:
            return []
        if rows is None:
            rows = self._exchange_rows()
        now = now or datetime.now(UTC)
        changed: list[OrderRecord] = []
        for record in unknown:
            match = find_match(record, rows, self.journal.known_ord_nos())
            if match is not None:
                changed += self._accepted(record, match.ord_no, None, FOUND_MESSAGE)
            elif now - record.updated_at >= self.settle_after:
                changed.append(self._save(record.moved(status=OrderStatus.NOT_RECEIVED,
                                                       message=NOT_RECEIVED_MESSAGE)))
        return changed

    def refresh(self) -> list[OrderRecord]:
        """Move open orders on to filled or cancelled, and settle unknown ones."""
        now = datetime.now(UTC)
        open_records = self.journal.with_status(OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED)
        if not open_records and not self.journal.with_status(OrderStatus.UNKNOWN):
            return []
        # One fetch of each list serves both the reconciliation and the fills: on Kiwoom
        # mock every extra page costs a second of pacing.
        open_list, fill_list = self._fetch()
        changed = self.reconcile(now, open_list + fill_list)
        open_rows = {r.ord_no: r for r in open_list}
        filled: dict[str, tuple[int, int]] = {}  # ord_no -> (filled qty, its fill price)
        for r in fill_list:
            if r.filled >= filled.get(r.ord_no, (0, 0))[0]:
                filled[r.ord_no] = (r.filled, r.fill_price)
        for record in open_records:
            if not record.action.is_new and record.action is not Action.MODIFY:
                continue
            row = open_rows.get(record.ord_no or "")
            qty_filled, fill_price = filled.get(record.ord_no or "", (0, 0))
            if row is not None:
                if row.filled > qty_filled:
                    qty_filled, fill_price = row.filled, row.fill_price
                status = OrderStatus.PARTLY_FILLED if qty_filled else OrderStatus.ACCEPTED
            elif qty_filled >= record.quantity:
                status = OrderStatus.FILLED
            elif now - record.updated_at < self.gone_after:
                continue
            else:
                # Gone from the open list without filling fully: the rest was cancelled
                # (IOC/FOK remainders, or the exchange's end of day).
                status = OrderStatus.CANCELLED
            if status is not record.status or qty_filled != record.filled_qty:
                changed.append(self._save(record.moved(
                    status=status, filled_qty=qty_filled, **_fill_facts(record, qty_filled,
                                                                        fill_price, now))))
        return changed


def _fill_facts(record: OrderRecord, qty_filled: int, fill_price: int,
                now: datetime) -> dict:
    """The fill price and the time a fill was first seen, when more of `record` filled."""
    if qty_filled <= record.filled_qty:
        return {}
    facts: dict = {"filled_at": now}
    if fill_price:
        facts["avg_fill_price"] = fill_price
    return facts
