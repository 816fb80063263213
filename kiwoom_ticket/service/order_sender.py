"""Sending an order: journal first, then the wire, then the journal again.

One of OrderService's parts (beside the reconciler and the live-event applier). It sends
each journaled order once and never again: an unclear outcome becomes UNKNOWN, for the
reconciler (settle.py) to settle from the exchange's own lists.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.environment import Environment
from ..domain.orders import OrderRequest, order_from_body
from ..domain.records import OrderRecord, trading_day
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text
from ..journal import Journal
from ..kiwoom.errors import (
    ApiError,
    KiwoomError,
    NotSent,
    OrderRejected,
    OutcomeUnknown,
    RateLimited,
)
from .journal_writer import JournalWriter, TradingClock
from .settle import DoubtedOriginals

if TYPE_CHECKING:  # the client (requests) loads with the service, not with these names
    from ..kiwoom.client import KiwoomClient

log = logging.getLogger(__name__)

# Journaled as "한국어 / English" (journal_text); the UI shows one language.
RATE_LIMITED_CHECKING = journal_text(Text("요청 한도 초과: 접수 여부 확인 중",
                                          "Rate limited: checking whether it was taken"))
UNEXPECTED_MESSAGE = journal_text(Text("전송 중 예기치 못한 오류: 결과 확인 필요",
                                       "Unexpected error while sending: outcome unknown"))


class OrderSender:
    def __init__(self, env: Environment, client: KiwoomClient, journal: Journal,
                 clock: TradingClock, writer: JournalWriter,
                 doubted: DoubtedOriginals) -> None:
        self._env = env
        self._client = client
        self._journal = journal
        self._clock = clock
        self._writer = writer
        self._doubted = doubted  # originals a refused modify or cancel leaves in doubt

    def prepare(self, order: OrderRequest, stock_name: str = "") -> OrderRecord:
        """Journal the order as SENDING. Call before `send`, on the same thread."""
        now = self._clock.now()
        record = replace(
            OrderRecord.from_request(uuid.uuid4().hex, self._env.value, order, stock_name,
                                     trade_day=trading_day(now, self._journal.epoch())),
            created_at=now, updated_at=now)
        if not order.action.is_new:
            target = self._journal.by_ord_no(record.orig_ord_no or "", record.trade_day)
            if target is not None:
                record = record.moved(
                    root_ord_no=target.lineage_root,
                    stock_name=stock_name or target.stock_name,
                    trade_type=target.trade_type,
                )
        self._journal.insert(record)
        return record

    def not_sent(self, record: OrderRecord, message: str) -> OrderRecord:
        """`record` was journaled but will not be sent: said so in the journal."""
        return self._writer.save(record.moved(status=OrderStatus.NOT_RECEIVED, message=message))

    def send(self, record: OrderRecord) -> list[OrderRecord]:
        """POST the journaled order once. Returns every record that changed, this one first."""
        save = self._writer.save
        order = order_from_body(record.action.api_id, record.body)
        try:
            ack = self._client.send_order(order)
        except OrderRejected as exc:
            self._doubted.doubt_original(record, exc.code)
            return [save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                      error_code=exc.code))]
        except RateLimited as exc:
            # Kiwoom has registered some of these seconds later: outcome unknown, settled
            # over the same window as any unknown order.
            return [save(record.moved(status=OrderStatus.UNKNOWN, error_code=exc.code
                                      or "1700", message=RATE_LIMITED_CHECKING))]
        except NotSent as exc:
            return [save(record.moved(status=OrderStatus.NOT_RECEIVED, message=str(exc)))]
        except OutcomeUnknown as exc:
            return [save(record.moved(status=OrderStatus.UNKNOWN, message=exc.message))]
        except ApiError as exc:  # refused before processing (auth, input): not an order
            return [save(record.moved(status=OrderStatus.REJECTED, message=exc.message,
                                      error_code=exc.code))]
        except KiwoomError as exc:
            return [save(record.moved(status=OrderStatus.UNKNOWN, message=exc.message))]
        except Exception:
            # Whatever went wrong, the request may have left: never leave it "sending".
            log.exception("%s: unexpected failure while sending", record.action.api_id)
            return [save(record.moved(status=OrderStatus.UNKNOWN,
                                      message=UNEXPECTED_MESSAGE))]
        return self._writer.accepted(record, ack.ord_no, ack.base_orig_ord_no, ack.message,
                                     ack.quantity)
