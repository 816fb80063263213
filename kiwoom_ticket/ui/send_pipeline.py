"""The send pipeline every ticket tab shares: validate -> precautions -> ask when needed
-> journal and send through the worker, once. A resend of a request the exchange never
took goes through exactly the same steps and always asks."""

from __future__ import annotations

import asyncio
import logging

from ..domain.environment import Environment
from ..domain.orders import Action, ModifyOrder, NewOrder, OrderRequest
from ..domain.precautions import Precautions, assess, combined
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.validation import Report, check
from . import theme
from .i18n import both, tr
from .i18n import text as catalogue_text
from .messages import error_detail, error_text, labelled, record_detail, record_text, said_once
from .order_text import confirm_text, names_unsettled_risk, order_summary

log = logging.getLogger(__name__)


class SendPipeline:
    """Mixed into TicketForm, which supplies the fields (`collect`, `load_order`,
    `boxes`), the quote (`market`, `lookup_task`), the session, the dialogs and the
    `message`/`sent`/`busy_changed` signals."""

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit_button.setEnabled(not busy)
        self.retranslate_submit()
        self.busy_changed.emit(busy)

    def retranslate_submit(self) -> None:
        self.submit_button.setText(tr("submit.sending") if self._busy else tr(self.submit_key))

    def request_submit(self) -> asyncio.Task | None:
        """Send what the form holds. A second request while one is in flight is ignored
        (a double click sends once)."""
        if self._busy:
            return None
        self._set_busy(True)  # before any await: the second click sees it
        self.last_task = asyncio.ensure_future(self._submit())
        return self.last_task

    def resend(self, order: OrderRequest, stock_name: str) -> asyncio.Task | None:
        """Put `order` (a request the exchange never took) into this tab and send it
        through the same validate -> precautions -> confirm path, always asking first."""
        if self._busy:
            return None
        self.load_order(order)
        self._known_name = stock_name
        self._show_quote()
        self._set_busy(True)
        self.last_task = asyncio.ensure_future(self._submit(resend=True))
        return self.last_task

    def load_order(self, order: OrderRequest) -> None:
        """Fill the fields from `order` (subclasses)."""
        raise NotImplementedError

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        """Hook: what the order changes, for its confirmation (the Modify tab)."""
        return []

    async def _submit(self, resend: bool = False) -> list[OrderRecord] | None:
        try:
            # The stock's first lookup decides its limits, and whether it exists at all.
            await self._quote_settled()
            return await self._validate_confirm_send(resend=resend)
        except Exception as exc:  # never a traceback in the user's face
            log.warning("send failed: %s", error_detail(exc))
            self.message.emit(labelled("status.worker_error", error_text(exc)),
                              error_detail(exc))
            return None
        finally:
            self._set_busy(False)

    async def _quote_settled(self, timeout: float = 10.0) -> None:
        """Wait for the lookup a filled-in stock code started: price limits and the
        distance checks need the quote."""
        task = self.lookup_task
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=timeout)

    def precautions(self) -> Precautions:
        return self._precautions(self.session.env)

    def validate(self) -> tuple[Report, OrderRequest | None, bool]:
        """(report, order if clean, whether a yes needs the mouse: a large order, or one
        whose twin's outcome is still unknown)."""
        market = self.market()
        checked = check(self.collect(), market, self.session.env.exchanges)
        report = checked.report + self.form_issues()
        order = checked.order if report.ok else None
        require_mouse = False
        if isinstance(order, NewOrder | ModifyOrder):
            assessment = assess(order, self.precautions(), market, self._recent())
            report = combined(report, assessment.report)
            require_mouse = assessment.require_mouse or names_unsettled_risk(report)
            if not report.ok:
                order = None
        return report, order, require_mouse

    def show_report(self, report: Report) -> None:
        for f, box in self.boxes.items():
            box.show_issues(report.for_field(f))

    async def _validate_confirm_send(self, resend: bool = False) -> list[OrderRecord] | None:
        report, order, require_mouse = self.validate()
        self.show_report(report)
        if not self.session.connected:  # said before any question: nothing could go
            self.message.emit(both("status.not_connected"), "")
            return None
        if order is None:
            self.message.emit(both("status.blocked"), "")
            return None
        name = self.stock_name()
        confirm_all = self.precautions().confirm_every_order or self.session.env.always_confirms
        asks = bool(report.warnings) or confirm_all or resend
        if asks and not await self._confirm(order, name, report, require_mouse, resend):
            self.message.emit(both("status.cancelled_by_user"), "")
            return None
        records = await self.session.place(order, name)
        if records:
            self.message.emit(*result_line(order, name, records[0]))
        self.after_sent(records)
        self.sent.emit(records)
        return records

    async def _confirm(
        self, order: OrderRequest, name: str, report: Report, require_mouse: bool,
        resend: bool = False,
    ) -> bool:
        real = self.session.env is Environment.REAL
        if resend:
            title = tr("resend.title")
        else:
            title = tr("real.confirm.title") if real else tr("warn.title")
        text = confirm_text(order, name, report, resend=resend,
                            changes=self.change_lines(order, name))
        # Real money and large orders: a stray Enter must never confirm, so the yes takes
        # the mouse. Below the large-order line Enter says yes, as the README promises.
        return await self.dialogs.confirm(title, text, require_mouse=require_mouse or real,
                                          accent=self._side_colour(order))

    def _side_colour(self, order: OrderRequest):
        """Buy red, sell blue; a modify or cancel takes its original's side if known."""
        side = order.action if order.action.is_new else None
        original = None if side else self.logged_order(getattr(order, "orig_ord_no", ""))
        if original is not None:
            side = self._side_of(original) if self._side_of else (
                original.action if original.action.is_new else None)
        return {Action.BUY: theme.BUY, Action.SELL: theme.SELL}.get(side)


# The outcomes whose reason the status line gives in words; an accepted order gives its
# number instead of Kiwoom's "매수주문이 완료되었습니다".
_EXPLAINED = frozenset({OrderStatus.REJECTED, OrderStatus.UNKNOWN, OrderStatus.NOT_RECEIVED})


def result_line(order: OrderRequest, name: str, head: OrderRecord) -> tuple[str, str]:
    """The status line after a send, and its tooltip (Kiwoom's raw text and code)."""
    line = f"{order_summary(order, name)}: {head.status.label}"
    if head.status in _EXPLAINED and head.message:
        line += f" — {said_once(record_text(head))}"
    elif head.ord_no:
        number = catalogue_text("status.order_no")
        line += f" ({number.ko}/{number.en} {head.ord_no})"
    return line, record_detail(head)
