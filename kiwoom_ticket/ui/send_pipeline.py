"""The send pipeline every ticket tab shares: validate -> precautions -> ask when needed
-> journal and send through the worker, once. A resend of a request the exchange never
took goes through exactly the same steps and always asks."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from ..domain.environment import Environment
from ..domain.orders import Action, OrderRequest
from ..domain.precautions import Precautions
from ..domain.records import OrderRecord
from ..domain.send_decision import Ask, Confirm, Decision, Outcome, asked, decide
from ..domain.status import OrderStatus
from ..domain.text import Text
from ..domain.validation import Report
from ..service.status import Severity
from . import theme
from .i18n import both, tr
from .i18n import text as catalogue_text
from .messages import error_detail, error_text, labelled, record_detail, record_text
from .order_text import confirm_text, order_summary

log = logging.getLogger(__name__)


class SendPipeline:
    """Mixed into TicketForm, which supplies the fields (`collect`, `load_order`,
    `boxes`), the quote (`market`, `lookup_task`), the session, the order book, the
    dialogs and the status channel and the `sent`/`busy_changed` signals. What to do with a ticket is
    decided by `domain.send_decision.decide`; this only asks and sends."""

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
        return self.submit(Confirm.AS_DECIDED)

    def submit(self, confirm: Confirm) -> asyncio.Task | None:
        """`request_submit`, asking as `confirm` says (the 호가창's drag, × and one-click)."""
        if self._busy:
            return None
        self._set_busy(True)  # before any await: the second click sees it
        self.last_task = asyncio.ensure_future(self._submit(confirm=confirm))
        return self.last_task

    def resend(self, order: OrderRequest, stock_name: str) -> asyncio.Task | None:
        """Send `order` (a request the exchange never took) again through the same
        decision as the form's tickets, with the request itself, always asking first.
        The tab shows it, so the user sees what is being asked about."""
        if self._busy:
            return None
        self.load_order(order)
        self._known_name = stock_name
        self._show_quote()
        self._set_busy(True)
        self.last_task = asyncio.ensure_future(self._submit(resend=order))
        return self.last_task

    def load_order(self, order: OrderRequest) -> None:
        """Fill the fields from `order` (subclasses)."""
        raise NotImplementedError

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        """Hook: what the order changes, for its confirmation (the Modify tab)."""
        return []

    async def _submit(self, resend: OrderRequest | None = None,
                      confirm: Confirm = Confirm.AS_DECIDED) -> list[OrderRecord] | None:
        try:
            # The stock's first lookup decides its limits, and whether it exists at all.
            await self._quote_settled()
            return await self._validate_confirm_send(resend=resend, confirm=confirm)
        except Exception as exc:  # never a traceback in the user's face
            log.warning("send failed: %s", error_detail(exc))
            self.status.post(labelled("status.worker_error", error_text(exc)),
                             error_detail(exc), Severity.WARNING)
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

    def decision(self, order: OrderRequest | None = None, resend: bool = False) -> Decision:
        """What `decide` (Qt-free) says of this tab's ticket, or of `order` (a resend)."""
        env = self.session.env
        return decide(
            order if order is not None else self.collect(), self.market(), env.exchanges,
            self.precautions(), self.book, connected=self.session.connected,
            extra=self.form_issues() if order is None else Report(),
            resend=resend, always_confirm=env.always_confirms,
        )

    def validate(self) -> tuple[Report, OrderRequest | None, bool]:
        """(report, order if clean, whether a yes needs the mouse)."""
        d = self.decision()
        return d.report, d.order, d.ask is Ask.MOUSE

    def show_report(self, report: Report) -> None:
        for f, box in self.boxes.items():
            box.show_issues(report.for_field(f))

    async def _validate_confirm_send(
        self, resend: OrderRequest | None = None, confirm: Confirm = Confirm.AS_DECIDED,
    ) -> list[OrderRecord] | None:
        d = self.decision(resend, resend=resend is not None)
        if resend is None and (ask := asked(d, confirm)) is not d.ask:
            d = replace(d, ask=ask)
        self.show_report(d.report)
        if d.outcome is Outcome.NOT_CONNECTED:  # said before any question: nothing could go
            self.status.post(both("status.not_connected"), severity=Severity.WARNING)
            return None
        if not d.sends or d.order is None:
            self.status.post(both("status.blocked"), severity=Severity.WARNING)
            return None
        order, name = d.order, self.stock_name()
        if d.ask is not Ask.NO and not await self._confirm(d, name, resend is not None):
            self.status.post(both("status.cancelled_by_user"))
            return None
        records = await self.session.place(order, name)
        if records:
            line, detail = result_line(order, name, records[0])
            refused = records[0].status in _EXPLAINED
            self.status.post(line, detail, Severity.WARNING if refused else Severity.INFO)
        self.after_sent(records)
        self.sent.emit(records)
        return records

    async def _confirm(self, d: Decision, name: str, resend: bool) -> bool:
        assert d.order is not None
        if resend:
            title = tr("resend.title")
        elif self.session.env is Environment.REAL:
            title = tr("real.confirm.title")
        else:
            title = tr("warn.title")
        text = confirm_text(d.order, name, d.report, resend=resend,
                            changes=self.change_lines(d.order, name))
        accent = {Action.BUY: theme.BUY, Action.SELL: theme.SELL}.get(d.side)
        return await self.dialogs.confirm(title, text, require_mouse=d.ask is Ask.MOUSE,
                                          accent=accent)


# The outcomes whose reason the status line gives in words; an accepted order gives its
# number instead of Kiwoom's "매수주문이 완료되었습니다".
_EXPLAINED = frozenset({OrderStatus.REJECTED, OrderStatus.UNKNOWN, OrderStatus.NOT_RECEIVED})


def result_line(order: OrderRequest, name: str, head: OrderRecord) -> tuple[Text, str]:
    """The status line after a send, in one language when shown, and its tooltip
    (Kiwoom's raw text and code)."""
    line = order_summary(order, name) + ": " + head.status.label
    if head.status in _EXPLAINED and head.message:
        line += " — " + record_text(head)
    elif head.ord_no:
        line += " (" + catalogue_text("status.order_no") + f" {head.ord_no})"
    return line, record_detail(head)
