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
from ..domain.validation import Report, TicketInput
from ..service.status import Severity
from . import (
    confirm_texts,  # noqa: F401  (registers the texts)
    theme,
)
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

    last_task: asyncio.Task | None

    @property
    def busy(self) -> bool:
        """A ticket of this tab is waiting, being asked about or on its way."""
        return bool(self._waiting or self._asking or self._sending)

    def _show_state(self) -> None:
        self.submit_button.setEnabled(not self.busy)
        self.retranslate_submit()
        self.busy_changed.emit(self.busy)

    def retranslate_submit(self) -> None:
        # 전송 중… only once an order is on its way: never while its question is open.
        if self._sending:
            text = tr("submit.sending")
            behind = self._sending + self._waiting - 1  # queued behind the first (one worker)
            if behind:
                text += " " + tr("submit.queued", n=behind)
        elif self._asking:
            text = tr("submit.asking")
        else:
            text = tr(self.submit_key)
        self.submit_button.setText(text)

    def request_submit(self) -> asyncio.Task | None:
        """Send what the form holds now. Each request is one deliberate action: a second
        one while the first is asked about waits for that answer, and one while the first
        is on its way sees it as an identical order whose outcome is unknown (a question
        only the mouse answers), so a burst of Enter sends once and asks about the rest."""
        return self.submit(Confirm.AS_DECIDED)

    def submit(self, confirm: Confirm) -> asyncio.Task | None:
        """`request_submit`, asking as `confirm` says (the 호가창's drag, × and one-click).
        The ticket is read now, at the key or click: a later click can't change it."""
        ticket = self.collect()
        if confirm is Confirm.AS_DECIDED and ticket in self._undecided:
            # The very same ticket by key or button, again before the first was even
            # asked about or sent (more Enters of one burst, reaching the tab before its
            # question opened): one action, and its question is about to show. A 호가창
            # gesture is never folded in: it goes on and meets the duplicate check.
            return None
        if confirm is Confirm.ONE_CLICK and self.busy:
            self.status.post(both("submit.one_click_queued"), severity=Severity.WARNING)
        self._waiting += 1  # before any await: the button says so at once
        self._show_state()
        self.last_task = asyncio.ensure_future(self._submit(ticket=ticket, confirm=confirm))
        return self.last_task

    def resend(self, order: OrderRequest, stock_name: str) -> asyncio.Task | None:
        """Send `order` (a request the exchange never took) again through the same
        decision as the form's tickets, with the request itself, always asking first.
        The tab shows it, so the user sees what is being asked about."""
        if self.busy:  # said, not dropped without a word
            self.status.post(both("submit.form_busy"), severity=Severity.WARNING)
            return None
        self.load_order(order)
        self._known_name = stock_name
        self._show_quote()
        self._waiting += 1
        self._show_state()
        self.last_task = asyncio.ensure_future(self._submit(resend=order))
        return self.last_task

    def load_order(self, order: OrderRequest) -> None:
        """Fill the fields from `order` (subclasses)."""
        raise NotImplementedError

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        """Hook: what the order changes, for its confirmation (the Modify tab)."""
        return []

    async def _submit(self, resend: OrderRequest | None = None,
                      confirm: Confirm = Confirm.AS_DECIDED,
                      ticket: TicketInput | None = None) -> list[OrderRecord] | None:
        waiting = True
        if ticket is not None:
            self._undecided.append(ticket)
        try:
            # One question at a time: a second ticket is decided once the first is
            # answered, and then sees it (as submitted) in its duplicate check.
            async with self._deciding:
                self._waiting -= 1
                waiting = False
                self._show_state()
                # The stock's first lookup decides its limits, and whether it exists at all.
                await self._quote_settled()
                decided = await self._decide_and_ask(resend=resend, confirm=confirm,
                                                     ticket=ticket)
                if decided is None:
                    return None
                order, name = decided
                self._forget(ticket)
                # Seen by the next duplicate check from this moment, not from its reply.
                submitted = OrderRecord.from_request("submitted", self.session.env.value,
                                                     order, name)
                self._submitted.append(submitted)
                self._sending += 1
                self._show_state()
            try:
                return await self._send(order, name)
            finally:
                self._submitted.remove(submitted)
                self._sending -= 1
        except Exception as exc:  # never a traceback in the user's face
            log.warning("send failed: %s", error_detail(exc))
            self.status.post(labelled("status.worker_error", error_text(exc)),
                             error_detail(exc), Severity.WARNING)
            return None
        finally:
            self._forget(ticket)
            if waiting:
                self._waiting -= 1
            self._show_state()

    def _forget(self, ticket: TicketInput | None) -> None:
        if ticket is not None and ticket in self._undecided:
            self._undecided.remove(ticket)

    async def _quote_settled(self, timeout: float = 10.0) -> None:
        """Wait for the lookup a filled-in stock code started: price limits and the
        distance checks need the quote."""
        task = self.lookup_task
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=timeout)

    def precautions(self) -> Precautions:
        return self._precautions(self.session.env)

    def decision(self, order: OrderRequest | None = None, resend: bool = False,
                 ticket: TicketInput | None = None) -> Decision:
        """What `decide` (Qt-free) says of this tab's ticket (as read at the key or click,
        or now), or of `order` (a resend). Orders this tab submitted and has no reply to
        yet count as sent."""
        env = self.session.env
        if order is None and ticket is None:
            ticket = self.collect()
        subject = order if order is not None else ticket
        assert subject is not None  # collected just above
        return decide(
            subject, self.market(), env.exchanges,
            self.precautions(), self.book, connected=self.session.connected,
            extra=self.form_issues() if order is None else Report(),
            resend=resend, always_confirm=env.always_confirms,
            submitted=tuple(self._submitted),
        )

    def validate(self) -> tuple[Report, OrderRequest | None, bool]:
        """(report, order if clean, whether a yes needs the mouse)."""
        d = self.decision()
        return d.report, d.order, d.ask is Ask.MOUSE

    def show_report(self, report: Report) -> None:
        for f, box in self.boxes.items():
            box.show_issues(report.for_field(f))

    async def _decide_and_ask(
        self, resend: OrderRequest | None = None, confirm: Confirm = Confirm.AS_DECIDED,
        ticket: TicketInput | None = None,
    ) -> tuple[OrderRequest, str] | None:
        """The order to send and its stock's name, once decided and (if need be) agreed
        to; None when it does not go (the reason is shown)."""
        d = self.decision(resend, resend=resend is not None, ticket=ticket)
        if resend is None and (ask := asked(d, confirm)) is not d.ask:
            d = replace(d, ask=ask)
        self.show_report(d.report)
        if d.outcome is Outcome.NOT_CONNECTED:  # said before any question: nothing could go
            self.status.post(both("status.not_connected"), severity=Severity.WARNING)
            return None
        if not d.sends or d.order is None:
            self.status.post(both("status.blocked"), severity=Severity.WARNING)
            return None
        name = self.stock_name()
        if d.ask is not Ask.NO:
            self._asking = True
            self._show_state()
            try:
                yes = await self._confirm(d, name, resend is not None)
            finally:
                self._asking = False
            if not yes:
                self.status.post(both("status.cancelled_by_user"))
                return None
        return d.order, name

    async def _send(self, order: OrderRequest, name: str) -> list[OrderRecord]:
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
        action = d.order.action
        if resend:
            title = tr("resend.title")
        elif self.session.env is Environment.REAL:
            title = tr("real.confirm.title")
        else:
            title = tr(_TITLES.get(action, "warn.title"))
        text = confirm_text(d.order, name, d.report, resend=resend,
                            changes=self.change_lines(d.order, name),
                            proceed=_PROCEED.get(action, "warn.proceed"))
        accent = ({Action.BUY: theme.BUY, Action.SELL: theme.SELL}.get(d.side)
                  if d.side is not None else None)
        return await self.dialogs.confirm(title, text, require_mouse=d.ask is Ask.MOUSE,
                                          accent=accent)


# A modify and a cancel say what they do (the cancel question must not read "order").
_TITLES = {Action.MODIFY: "modify.title", Action.CANCEL: "cancel.title"}
_PROCEED = {Action.MODIFY: "modify.proceed", Action.CANCEL: "cancel.proceed"}

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
