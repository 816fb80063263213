"""The send decision, Qt-free: validate -> precautions -> whether and how to ask.
One table of cases; the widgets only collect the ticket and show the answer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_ledger import OrderLedger
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.precautions import Precautions, Tier
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.send_decision import Ask, Outcome, decide
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.validation import Field, MarketContext, TicketInput

MARKET = MarketContext(base_price=70_000, current_price=70_000, upper_limit=91_000,
                       lower_limit=49_000, sellable=100, orderable_cash=100_000_000)
ALL = tuple(Exchange)
KRX_ONLY = (Exchange.KRX,)
QUIET = Precautions()
EVERY = Precautions(confirm_every_order=True)


def buy(qty="10", price="70000", exchange="KRX", action=Action.BUY) -> TicketInput:
    return TicketInput(action=action, exchange=exchange, stock_code="005930",
                       quantity=qty, trade_type="0", price=price)


def logged(order, ord_no, status=OrderStatus.ACCEPTED, local_id=None) -> OrderRecord:
    rec = OrderRecord.from_request(local_id or f"id-{ord_no}", "practice", order, "삼성전자")
    return replace(rec, ord_no=ord_no, status=status)


SELL_1 = logged(NewOrder(Action.SELL, Exchange.KRX, "005930", 5, "0", 71_000), "0000001")
FILLED_2 = logged(NewOrder(Action.BUY, Exchange.KRX, "005930", 5, "0", 69_000), "0000002",
                  OrderStatus.FILLED)
BOOK = OrderLedger([SELL_1, FILLED_2])
UNKNOWN_TWIN = OrderLedger([replace(
    OrderRecord.from_request("twin", "practice",
                             NewOrder(Action.BUY, Exchange.KRX, "005930", 10, "0", 70_000)),
    status=OrderStatus.UNKNOWN)])


@pytest.mark.parametrize(("case", "ticket", "kw", "outcome", "ask"), [
    ("a small clean buy goes at once", buy(), {}, Outcome.SEND, Ask.NO),
    ("confirm every order: Enter may say yes", buy(), {"precautions": EVERY},
     Outcome.SEND, Ask.ENTER),
    ("real money always asks, by mouse", buy(), {"always_confirm": True},
     Outcome.SEND, Ask.MOUSE),
    ("a resend always asks", buy(), {"resend": True}, Outcome.SEND, Ask.ENTER),
    ("quantity 0 is blocked", buy(qty="0"), {}, Outcome.BLOCKED, Ask.NO),
    ("a price off the tick grid is blocked", buy(price="70001"), {}, Outcome.BLOCKED, Ask.NO),
    ("mock takes KRX only", buy(exchange="NXT"), {"exchanges": KRX_ONLY},
     Outcome.BLOCKED, Ask.NO),
    ("disconnected: said before anything is asked", buy(), {"connected": False,
                                                           "always_confirm": True},
     Outcome.NOT_CONNECTED, Ask.NO),
    ("a large order asks by mouse", buy(qty="400"),
     {"precautions": Precautions(large_order_value=20_000_000,
                                 max_value=Tier(warn=25_000_000))},
     Outcome.SEND, Ask.MOUSE),
    ("over the block tier is blocked", buy(qty="200_000".replace("_", "")), {},
     Outcome.BLOCKED, Ask.NO),
    ("a twin whose outcome is unknown asks by mouse", buy(), {"book": UNKNOWN_TWIN},
     Outcome.SEND, Ask.MOUSE),
    ("modifying a finished order is blocked",
     TicketInput(Action.MODIFY, "KRX", "005930", "0", "0", "69100", "", "0000002"), {},
     Outcome.BLOCKED, Ask.NO),
    ("modifying a live order goes", TicketInput(Action.MODIFY, "KRX", "005930", "0", "0",
                                                "70900", "", "0000001"), {},
     Outcome.SEND, Ask.ENTER),  # a modify always asks (issue 21); Enter may answer
    ("a cancel with no number says so", TicketInput(Action.CANCEL, "KRX", "005930", "0"), {},
     Outcome.BLOCKED, Ask.NO),
])
def test_the_decision_table(case, ticket, kw, outcome, ask):
    args = {"exchanges": ALL, "precautions": QUIET, "book": BOOK} | kw
    d = decide(ticket, MARKET, args.pop("exchanges"), args.pop("precautions"),
               args.pop("book"), **args)
    assert (d.outcome, d.ask) == (outcome, ask), case
    assert (d.order is not None) == (outcome is Outcome.SEND), case  # nothing else sends
    if outcome is Outcome.BLOCKED:
        assert d.report.errors, case  # the reason, next to a field


def test_a_blocked_ticket_names_the_field():
    d = decide(buy(qty="0"), MARKET, ALL, QUIET, BOOK)
    assert d.report.for_field(Field.QUANTITY)


def test_a_modify_takes_its_originals_side_through_the_book():
    d = decide(TicketInput(Action.MODIFY, "KRX", "005930", "0", "0", "70900", "", "0000001"),
               MARKET, ALL, QUIET, BOOK)
    assert d.side is Action.SELL and d.original is SELL_1


def test_a_resend_is_the_request_itself_through_the_same_checks():
    again = NewOrder(Action.BUY, Exchange.KRX, "005930", 10, "0", 70_000)
    d = decide(again, MARKET, ALL, QUIET, BOOK, resend=True)
    assert d.order == again and d.ask is Ask.ENTER
    stale = CancelOrder(Exchange.KRX, "0000002", "005930", 0)  # its original is filled
    assert decide(stale, MARKET, ALL, QUIET, BOOK, resend=True).outcome is Outcome.BLOCKED
    modify = ModifyOrder(Exchange.KRX, "0000001", "005930", 0, 70_900)
    assert decide(modify, MARKET, ALL, QUIET, BOOK, resend=True).side is Action.SELL


def test_an_order_just_submitted_counts_at_once_and_asks_by_mouse():
    """Before: the duplicate check saw an order only once its reply was in the book, and
    a duplicate asked a question Enter could answer (a burst of Enter said yes)."""
    sent = NewOrder(Action.BUY, Exchange.KRX, "005930", 10, "0", 70_000)
    in_flight = OrderRecord.from_request("submitted", "practice", sent, "삼성전자")
    d = decide(buy(), MARKET, ALL, QUIET, OrderLedger(), submitted=(in_flight,))
    assert d.sends and d.ask is Ask.MOUSE
    assert [i.code for i in d.report.warnings] == ["precaution.unsettled"]
    accepted = OrderLedger([logged(sent, "0000009")])
    d = decide(buy(), MARKET, ALL, QUIET, accepted)
    assert [i.code for i in d.report.warnings] == ["precaution.duplicate"]
    assert d.ask is Ask.MOUSE
    other = decide(buy(qty="11"), MARKET, ALL, QUIET, OrderLedger(), submitted=(in_flight,))
    assert other.ask is Ask.NO  # another order is not a duplicate


def test_a_modify_and_a_cancel_always_ask_enter_only_where_nothing_warns():
    modify = TicketInput(Action.MODIFY, "KRX", "005930", "0", "0", "70900", "", "0000001")
    cancel = CancelOrder(Exchange.KRX, "0000001", "005930", 0)
    assert decide(modify, MARKET, ALL, QUIET, BOOK).ask is Ask.ENTER
    assert decide(cancel, MARKET, ALL, QUIET, BOOK).ask is Ask.ENTER
    assert decide(cancel, MARKET, ALL, QUIET, BOOK, always_confirm=True).ask is Ask.MOUSE
    assert decide(modify, MARKET, ALL, QUIET, BOOK, always_confirm=True).ask is Ask.MOUSE
