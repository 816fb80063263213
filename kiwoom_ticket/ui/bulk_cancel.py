"""Cancelling several open orders with one confirmation (선택 취소, 일괄취소).

The orders are the ones listed when asked (a snapshot: an order that arrives while the
question is open is not among them). Each is checked by the same decision as the Cancel
tab's (`decide`: a finished order or an earlier day's is refused), the one confirmation
lists every order it will cancel (by mouse in real trading, as every real order is),
then each cancel goes through the journal-first path (`session.place`) in turn. A cancel
that fails is reported, never retried.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from ..domain.orders import CancelOrder
from ..domain.records import OrderRecord
from ..domain.send_decision import Ask, Decision, Outcome, decide
from ..domain.status import OrderStatus
from ..domain.text import Text
from ..domain.validation import MarketContext
from ..service.status import Severity, StatusChannel
from . import lists_texts  # noqa: F401  (registers the texts)
from .dialogs import DialogService
from .i18n import both, pick, tr
from .lang_texts import orders_en
from .messages import record_text
from .open_orders_model import open_qty
from .precaution_store import PrecautionSource, saved_precautions


@dataclass
class CancelResult:
    asked: list[OrderRecord] = field(default_factory=list)  # listed in the confirmation
    cancelled: list[OrderRecord] = field(default_factory=list)  # the originals, cancelled
    failed: list[tuple[OrderRecord, str]] = field(default_factory=list)  # and why
    confirmed: bool = False


def cancel_order(rec: OrderRecord) -> CancelOrder:
    """All that remains of `rec` (quantity 0), on its own exchange."""
    return CancelOrder(rec.exchange, rec.ord_no or "", rec.stock_code, 0)


class BulkCancel:
    def __init__(self, session, dialogs: DialogService, book, status: StatusChannel,
                 precautions: PrecautionSource = saved_precautions) -> None:
        self.session, self.dialogs, self.book, self.status = session, dialogs, book, status
        self._precautions = precautions
        self.busy = False

    def _decide(self, rec: OrderRecord) -> Decision:
        env = self.session.env
        return decide(cancel_order(rec), MarketContext(), env.exchanges,
                      self._precautions(env), self.book, always_confirm=env.always_confirms,
                      connected=self.session.connected)

    def _refusal(self, rec: OrderRecord, d: Decision | None = None) -> str | None:
        """Why `rec` can't be cancelled now, or None."""
        if self.book.is_earlier_day(rec):
            return tr("lists.earlier_day")
        d = d or self._decide(rec)
        if d.sends:
            return None
        if d.outcome is Outcome.NOT_CONNECTED:
            return tr("status.not_connected")
        issues = [i.text for i in d.report.errors] or [Text("취소할 수 없음", "Can't cancel")]
        return pick(issues[0])

    async def run(self, records: list[OrderRecord], *, title: str | None = None,
                  accent: QColor | None = None) -> CancelResult:
        """Ask once about `records` (those that can be cancelled) and cancel each.
        `title` heads the question; `accent` is the side's colour when all are of one
        side (the 호가창's 매수/매도 일괄취소)."""
        result = CancelResult()
        if self.busy:
            return result
        self.busy = True
        try:
            return await self._run(list(records), result, title, accent)
        finally:
            self.busy = False

    async def _run(self, records: list[OrderRecord], result: CancelResult,
                   title: str | None = None, accent: QColor | None = None) -> CancelResult:
        if not self.session.connected:
            self.status.post(both("status.not_connected"), severity=Severity.WARNING)
            return result
        decisions = {r.local_id: self._decide(r) for r in records}
        left_out = [(r, why) for r in records
                    if (why := self._refusal(r, decisions[r.local_id])) is not None]
        asked = [r for r in records if r.local_id not in {x.local_id for x, _ in left_out}]
        if not asked:
            self.status.post(both("lists.nothing_to_cancel"), severity=Severity.WARNING)
            return result
        result.asked = asked
        mouse = self.session.env.always_confirms or any(
            decisions[r.local_id].ask is Ask.MOUSE for r in asked)
        if not await self.dialogs.confirm(title or tr("lists.cancel_title"),
                                          self.confirm_text(asked, left_out),
                                          require_mouse=mouse, accent=accent):
            self.status.post(both("status.cancelled_by_user"))
            return result
        result.confirmed = True
        for rec in asked:
            current = self.book.get(rec.local_id) or rec  # what it is now, not when listed
            why = self._refusal(current)
            if why is not None:
                result.failed.append((current, why))
                continue
            records = await self.session.place(cancel_order(current), current.stock_name)
            head = records[0] if records else None
            if head is not None and head.status is OrderStatus.CANCELLED:
                result.cancelled.append(current)
            else:
                reason = (pick(record_text(head)) if head is not None and head.message
                          else pick(head.status.label) if head is not None else "")
                result.failed.append((current, reason))
        self._report(result)
        return result

    def confirm_text(self, asked: list[OrderRecord],
                     left_out: list[tuple[OrderRecord, str]]) -> str:
        lines = [tr("lists.cancel_head", n=len(asked), orders=orders_en(len(asked))), ""]
        lines += ["  " + self.line(r) for r in asked]
        if left_out:
            lines += ["", tr("lists.cancel_left_out")]
            lines += [f"  {r.ord_no} {r.stock_code}: {why}" for r, why in left_out]
        lines += ["", tr("lists.cancel_proceed")]
        return "\n".join(lines)

    def line(self, rec: OrderRecord) -> str:
        side = self.book.side_of(rec) or (rec.action if rec.action.is_new else None)
        return tr("lists.cancel_line", no=rec.ord_no, side=pick(side.label) if side else "",
                  stock=f"{rec.stock_code} {rec.stock_name}".strip(),
                  qty=f"{open_qty(rec):,}", price=f"{rec.price:,}" if rec.price else "-")

    def _report(self, result: CancelResult) -> None:
        ok, failed = len(result.cancelled), len(result.failed)
        if not failed:
            self.status.post(both("lists.cancel_all_done", ok=ok))
            return
        detail = "\n".join(f"{r.ord_no} {r.stock_code}: {why}" for r, why in result.failed)
        first = result.failed[0]
        self.status.post(both("lists.cancel_summary", ok=ok, failed=failed)
                         + f" — {first[0].ord_no}: {first[1]}", detail, Severity.WARNING)
