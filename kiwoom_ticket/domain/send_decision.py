"""Whether a ticket goes out, and how to ask first: one function, no Qt.

validate -> precautions -> ask. The widgets only collect the ticket and show what comes
back; a resend of a request the exchange never took goes through the same function
with the request itself (never by refilling widgets), and always asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .exchange import Exchange
from .order_ledger import OrderLedger
from .orders import Action, CancelOrder, ModifyOrder, NewOrder, OrderRequest
from .precautions import DUPLICATE_CODE, UNSETTLED_CODE, Precautions, assess, combined
from .records import OrderRecord
from .validation import MarketContext, Report, TicketInput, check, finished_order_issue

MOUSE_ONLY_CODES = frozenset({UNSETTLED_CODE, DUPLICATE_CODE})


class Ask(Enum):
    NO = "no"  # send at once
    ENTER = "enter"  # a confirmation that Enter may answer (small orders)
    MOUSE = "mouse"  # only a mouse click says yes (real money, large orders, risks)


class Outcome(Enum):
    SEND = "send"  # `order` goes out, after `ask`
    BLOCKED = "blocked"  # the report says why, next to the fields
    NOT_CONNECTED = "not_connected"  # said before anything is asked


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    report: Report
    order: OrderRequest | None = None
    ask: Ask = Ask.NO
    side: Action | None = None  # buy or sell, through the chain for a modify or cancel
    original: object | None = None  # the order a modify/cancel changes, if the book has it

    @property
    def sends(self) -> bool:
        return self.outcome is Outcome.SEND


def decide(
    ticket: TicketInput | OrderRequest,
    market: MarketContext | None,
    exchanges: tuple[Exchange, ...],
    precautions: Precautions,
    book: OrderLedger,
    *,
    always_confirm: bool = False,
    connected: bool = True,
    extra: Report = Report(),  # noqa: B008 - immutable
    resend: bool = False,
    submitted: Sequence[OrderRecord] = (),
) -> Decision:
    """The decision for one ticket (or, for a resend, the very request again).
    `exchanges`: what the environment takes; `always_confirm`: real trading asks for
    every order, by mouse, whatever the precautions say; `submitted`: orders sent a
    moment ago whose reply is not in the book yet (they count for duplicates at once).
    A modify or a cancel always asks: it changes an order already resting, and the
    question names it (number, side, stock, old -> new)."""
    if isinstance(ticket, NewOrder | ModifyOrder | CancelOrder):
        ticket = TicketInput.of(ticket)
    checked = check(ticket, market, exchanges)
    report = checked.report + extra
    order = checked.order if report.ok else None
    original = book.by_ord_no(order.orig_ord_no) if order else None
    if order is not None and order.amends:
        finished = finished_order_issue(original)
        if finished is not None:
            report = report + Report((finished,))
            order = None
    require_mouse = False
    if isinstance(order, NewOrder | ModifyOrder):  # a cancel puts nothing at risk
        assessment = assess(order, precautions, market, [*submitted, *book.recent()])
        report = combined(report, assessment.report)
        # A twin whose outcome is unknown, or one sent seconds ago: only the mouse says
        # "yes, again" (a burst of Enter must not).
        require_mouse = assessment.require_mouse or any(
            i.code in MOUSE_ONLY_CODES for i in report.warnings)
        if not report.ok:
            order = None
    side = _side(order, original, book)
    if order is None:
        return Decision(Outcome.BLOCKED, report, side=side, original=original)
    if not connected:
        return Decision(Outcome.NOT_CONNECTED, report, side=side, original=original)
    asks = (bool(report.warnings) or precautions.confirm_every_order or always_confirm
            or resend or order.amends)
    if not asks:
        ask = Ask.NO
    elif require_mouse or always_confirm:
        ask = Ask.MOUSE  # a stray Enter must never confirm real money or a large order
    else:
        ask = Ask.ENTER
    return Decision(Outcome.SEND, report, order, ask, side, original)


def _side(
    order: OrderRequest | None, original: OrderRecord | None, book: OrderLedger
) -> Action | None:
    if order is None:
        return None
    if not order.amends:
        return order.action
    return book.side_of(original) if original is not None else None




class Confirm(Enum):
    """How a send asks, beyond what `decide` says of the ticket itself."""

    AS_DECIDED = "as_decided"
    # A modify dragged on the 호가창, an order cancelled by its ×: a gesture, not a form the
    # user filled in and checked, so it asks even where the ticket alone would not.
    ALWAYS = "always"
    # The 호가창's one-click mode (opted into per environment): a question Enter could
    # answer, with nothing to warn about, is not asked. A mouse question never goes
    # (real trading, large orders, an unsettled twin), nor does any warning.
    ONE_CLICK = "one_click"


def asked(decision: Decision, confirm: Confirm) -> Ask:
    """The question `decision` gets under `confirm`."""
    ask = decision.ask
    if confirm is Confirm.ALWAYS and ask is Ask.NO:
        return Ask.ENTER
    if confirm is Confirm.ONE_CLICK and ask is Ask.ENTER and not decision.report.warnings:
        return Ask.NO
    return ask
