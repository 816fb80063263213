"""The send pipeline of one ticket tab: validate -> precautions -> ask when needed ->
journal and send through the worker, once. A resend of a request the exchange never
took goes through exactly the same steps and always asks.

A collaborator the form owns. What to do with a ticket is decided by
`domain.send_decision.decide` (Qt-free); this reads the ticket from its form
(`TicketSource`), asks through the dialogs, sends through the session, and tells the
form what it is doing (`show_busy`) and what went out (`order_sent`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import replace
from typing import Protocol

from ..domain.bracket_entry import BracketPlan, BracketPrices, describe, estimate, resolve
from ..domain.environment import Environment
from ..domain.kill_switch import OrdersHalted
from ..domain.order_ledger import OrderLedger
from ..domain.orders import Action, NewOrder, OrderRequest
from ..domain.precautions import Precautions
from ..domain.records import OrderRecord
from ..domain.send_decision import Ask, Confirm, Decision, Outcome, asked, decide
from ..domain.status import OrderStatus
from ..domain.text import Text
from ..domain.validation import MarketContext, Report, TicketInput
from ..service.status import Severity, StatusChannel
from . import (
    confirm_texts,  # noqa: F401  (registers the texts)
    theme,
)
from .dialogs import DialogService
from .i18n import both, pick, tr
from .i18n import text as catalogue_text
from .messages import record_detail, record_text
from .order_text import confirm_text, order_summary
from .precaution_store import PrecautionSource
from .session_bridge import SessionBridge
from .tasks import TaskRunner


class TicketSource(Protocol):
    """What the pipeline asks of the form that owns it."""

    submit_key: str  # the catalogue key of the idle submit button ("submit.buy")

    def collect(self) -> TicketInput:
        """The ticket as typed, read now."""
        ...

    def market(self) -> MarketContext | None: ...

    def form_issues(self) -> Report:
        """What the form knows is wrong beyond the fields (an unknown stock, a finished
        original): errors block the send."""
        ...

    def stock_name(self) -> str: ...

    def bracket_plan(self) -> BracketPlan | None:
        """The bracket the order leaves with (the Buy tab's section, when open)."""
        ...

    def quote_settled(self) -> Awaitable[None]:
        """Wait for the stock's first lookup (it decides the limits, and whether the
        stock exists at all)."""
        ...

    def show_order(self, order: OrderRequest, stock_name: str) -> None:
        """Fill the fields from `order` (a resend: the trader sees what is asked about)."""
        ...

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        """What the order changes, for its question (a modify, a cancel); else []."""
        ...

    def show_report(self, report: Report) -> None:
        """Each issue next to its field."""
        ...

    def show_busy(self, busy: bool) -> None:
        """The pipeline's state changed: the submit button follows it."""
        ...

    def order_sent(self, records: list[OrderRecord]) -> None:
        """An order went out (its records: accepted, refused or unknown)."""
        ...


class SendPipeline:
    def __init__(self, form: TicketSource, session: SessionBridge, dialogs: DialogService,
                 book: OrderLedger, status: StatusChannel, tasks: TaskRunner,
                 precautions: PrecautionSource) -> None:
        self.form = form
        self.session = session
        self.dialogs = dialogs
        self.book = book  # the account's orders (Qt-free): duplicates, originals, sides
        self.status = status
        self.tasks = tasks
        self._precautions = precautions
        # Tickets waiting for the question before them, a question open, orders on their
        # way (and what they are, for duplicate checks).
        self._waiting = 0
        self._asking = False
        self._sending = 0
        self._submitted: list[OrderRecord] = []
        self._undecided: list[TicketInput] = []  # read at a key or click, not yet asked/sent
        self._deciding = asyncio.Lock()
        self.last_task: asyncio.Task[list[OrderRecord] | None] | None = None

    last_task: asyncio.Task | None

    @property
    def busy(self) -> bool:
        """A ticket of this tab is waiting, being asked about or on its way."""
        return bool(self._waiting or self._asking or self._sending)

    def button_text(self) -> str:
        """The submit button's text for the state the pipeline is in."""
        # 전송 중… only once an order is on its way: never while its question is open.
        if self._sending:
            text = tr("submit.sending")
            behind = self._sending + self._waiting - 1  # queued behind the first (one worker)
            if behind:
                text += " " + tr("submit.queued", n=behind)
            return text
        if self._asking:
            return tr("submit.asking")
        return tr(self.form.submit_key)

    def _show_state(self) -> None:
        self.form.show_busy(self.busy)

    # ---- what starts a send -------------------------------------------------------------

    def submit(self, confirm: Confirm) -> asyncio.Task[list[OrderRecord] | None] | None:
        """Send what the form holds now, asking as `confirm` says (the 호가창's drag, ×
        and one-click). The ticket is read now, at the key or click: a later click can't
        change it. Each request is one deliberate action: a second one while the first is
        asked about waits for that answer, and one while the first is on its way sees it
        as an identical order whose outcome is unknown (a question only the mouse
        answers), so a burst of Enter sends once and asks about the rest."""
        ticket = self.form.collect()
        plan = self.form.bracket_plan()  # read with the ticket, at the key or click
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
        self.last_task = self.tasks.run(self._submit(ticket=ticket, confirm=confirm, plan=plan),
                                        what="send")
        return self.last_task

    def resend(self, order: OrderRequest,
               stock_name: str) -> asyncio.Task[list[OrderRecord] | None] | None:
        """Send `order` (a request the exchange never took) again through the same
        decision as the form's tickets, with the request itself, always asking first.
        The tab shows it, so the user sees what is being asked about."""
        if self.busy:  # said, not dropped without a word
            self.status.post(both("submit.form_busy"), severity=Severity.WARNING)
            return None
        self.form.show_order(order, stock_name)
        self._waiting += 1
        self._show_state()
        self.last_task = self.tasks.run(self._submit(resend=order), what="resend")
        return self.last_task

    # ---- the decision --------------------------------------------------------------------

    def precautions(self) -> Precautions:
        return self._precautions(self.session.env)

    def decision(self, order: OrderRequest | None = None, resend: bool = False,
                 ticket: TicketInput | None = None) -> Decision:
        """What `decide` (Qt-free) says of the form's ticket (as read at the key or click,
        or now), or of `order` (a resend). Orders this tab submitted and has no reply to
        yet count as sent."""
        env = self.session.env
        now = order is None and ticket is None  # the form as it is now (a recheck)
        if now:
            ticket = self.form.collect()
        subject = order if order is not None else ticket
        assert subject is not None
        d = decide(
            subject, self.form.market(), env.exchanges,
            self.precautions(), self.book, connected=self.session.connected,
            extra=self.form.form_issues() if order is None else Report(),
            resend=resend, always_confirm=env.always_confirms,
            submitted=tuple(self._submitted),
        )
        plan = self.form.bracket_plan() if now else None
        if plan is not None:  # its bracket too, as shown now (a send checks the one clicked)
            _prices, checked = resolve(plan, self._bracket_base(d.order, ticket), self._limits())
            d = replace(d, report=d.report + checked)
        return d

    # ---- one ticket, start to end ------------------------------------------------------

    async def _submit(self, resend: OrderRequest | None = None,
                      confirm: Confirm = Confirm.AS_DECIDED,
                      ticket: TicketInput | None = None,
                      plan: BracketPlan | None = None) -> list[OrderRecord] | None:
        """One ticket through the pipeline. A failure (the worker, the journal, the
        dialog) is the task runner's to log and say on the status line, never a
        traceback in the user's face; the counters below unwind either way."""
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
                await self.form.quote_settled()
                decided = await self._decide_and_ask(resend=resend, confirm=confirm,
                                                     ticket=ticket, plan=plan)
                if decided is None:
                    return None
                order, name, bracket = decided
                self._forget(ticket)
                # Seen by the next duplicate check from this moment, not from its reply.
                submitted = OrderRecord.from_request("submitted", self.session.env.value,
                                                     order, name)
                self._submitted.append(submitted)
                self._sending += 1
                self._show_state()
            try:
                return await self._send(order, name, bracket)
            finally:
                self._submitted.remove(submitted)
                self._sending -= 1
        finally:
            self._forget(ticket)
            if waiting:
                self._waiting -= 1
            self._show_state()

    def _forget(self, ticket: TicketInput | None) -> None:
        if ticket is not None and ticket in self._undecided:
            self._undecided.remove(ticket)

    async def _decide_and_ask(
        self, resend: OrderRequest | None = None, confirm: Confirm = Confirm.AS_DECIDED,
        ticket: TicketInput | None = None, plan: BracketPlan | None = None,
    ) -> tuple[OrderRequest, str, BracketPrices | None] | None:
        """The order to send, its stock's name and its bracket's prices (a bracket on
        entry), once decided and (if need be) agreed to; None when it does not go (the
        reason is shown next to the fields)."""
        d = self.decision(resend, resend=resend is not None, ticket=ticket)
        if resend is None and (ask := asked(d, confirm)) is not d.ask:
            d = replace(d, ask=ask)
        bracket: BracketPrices | None = None
        report = d.report
        if plan is not None and resend is None:
            bracket, checked = resolve(plan, self._bracket_base(d.order, ticket),
                                       self._limits())
            report = report + checked
            # A buy that leaves with a bracket places more orders later (its target, its
            # stop's sell): the trader sees them in the question first.
            if bracket is not None and d.ask is Ask.NO and confirm is Confirm.AS_DECIDED:
                d = replace(d, ask=Ask.ENTER)
        self.form.show_report(report)
        if d.outcome is Outcome.NOT_CONNECTED:  # said before any question: nothing could go
            self.status.post(both("status.not_connected"), severity=Severity.WARNING)
            return None
        if not d.sends or d.order is None or (plan is not None and resend is None
                                              and bracket is None):
            self.status.post(both("status.blocked"), severity=Severity.WARNING)
            return None
        if (refusal := self.session.refusal(d.order)) is not None:
            # The kill switch: said at once, never asked about (a yes could not send it).
            self.status.post(refusal, severity=Severity.WARNING)
            return None
        name = self.form.stock_name()
        if d.ask is not Ask.NO:
            self._asking = True
            self._show_state()
            try:
                yes = await self._confirm(d, name, resend is not None, bracket)
            finally:
                self._asking = False
            if not yes:
                self.status.post(both("status.cancelled_by_user"))
                return None
        return d.order, name, bracket

    def _bracket_base(self, order: OrderRequest | None, ticket: TicketInput | None) -> int | None:
        """The price a bracket counts from: the buy's limit price, else the current price
        (a market buy; the fill may differ and the question says so)."""
        if order is not None and order.price:
            return order.price
        typed = (ticket.price if ticket is not None else "").replace(",", "").strip()
        if order is None and typed.isdigit():
            return int(typed)
        market = self.form.market()
        return market.current_price if market is not None else None

    def _limits(self) -> tuple[int, int] | None:
        market = self.form.market()
        return market.limits() if market is not None else None

    async def _send(self, order: OrderRequest, name: str,
                    bracket: BracketPrices | None = None) -> list[OrderRecord] | None:
        try:
            if bracket is not None and isinstance(order, NewOrder):
                records: list[OrderRecord] = await self.session.buy_with_bracket(
                    order, name, bracket.target, bracket.stop)
            else:
                records = await self.session.place(order, name)
        except OrdersHalted as exc:  # engaged while this one was asked about: not sent
            self.status.post(exc.text, severity=Severity.WARNING)
            return None
        if records:
            line, detail = result_line(order, name, records[0])
            refused = records[0].status in _EXPLAINED
            self.status.post(line, detail, Severity.WARNING if refused else Severity.INFO)
        self.form.order_sent(records)
        return records

    async def _confirm(self, d: Decision, name: str, resend: bool,
                       bracket: BracketPrices | None = None) -> bool:
        assert d.order is not None
        action = d.order.action
        if resend:
            title = tr("resend.title")
        elif self.session.env is Environment.REAL:
            title = tr("real.confirm.title")
        else:
            title = tr(_TITLES.get(action, "warn.title"))
        changes = self.form.change_lines(d.order, name)
        if bracket is not None:  # what the buy leaves with, and what each side makes
            base = self._bracket_base(d.order, None) or 0
            lines = [pick(describe(bracket))]
            if base:
                line = pick(estimate(bracket, base, d.order.quantity))
                lines.append(line if d.order.price else "≈ " + line)
            changes = [*changes, *lines]
        text = confirm_text(d.order, name, d.report, resend=resend, changes=changes,
                            proceed=_PROCEED.get(action, "warn.proceed"))
        accent = _ACCENTS.get(d.side) if d.side is not None else None
        yes: bool = await self.dialogs.confirm(title, text, require_mouse=d.ask is Ask.MOUSE,
                                               accent=accent)
        return yes


# A modify and a cancel say what they do (the cancel question must not read "order").
_TITLES = {Action.MODIFY: "modify.title", Action.CANCEL: "cancel.title"}
_PROCEED = {Action.MODIFY: "modify.proceed", Action.CANCEL: "cancel.proceed"}
# The question's colour: the side of the order it sends (a modify's or cancel's original).
_ACCENTS = {Action.BUY: theme.BUY, Action.SELL: theme.SELL}

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
