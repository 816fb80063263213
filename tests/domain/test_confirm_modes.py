"""How the 호가창's gestures ask: a drag or × always asks; one-click skips only a
question Enter could answer with nothing to warn about. Real money, large orders, an
unsettled twin and every precaution warning still ask."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.order_ledger import OrderLedger
from kiwoom_ticket.domain.precautions import Precautions
from kiwoom_ticket.domain.send_decision import Ask, Confirm, asked, decide

from .test_send_decision import ALL, EVERY, MARKET, QUIET, UNKNOWN_TWIN, buy


def decision(ticket, precautions: Precautions = QUIET, book: OrderLedger | None = None, **kw):
    return decide(ticket, MARKET, ALL, precautions, book or OrderLedger(), **kw)


@pytest.mark.parametrize(("case", "ticket", "kw", "as_decided", "always", "one_click"), [
    ("a small clean buy", buy(), {}, Ask.NO, Ask.ENTER, Ask.NO),
    ("confirm every order", buy(), {"precautions": EVERY}, Ask.ENTER, Ask.ENTER, Ask.NO),
    ("real money", buy(), {"always_confirm": True}, Ask.MOUSE, Ask.MOUSE, Ask.MOUSE),
    ("a large order (30,000,000 won)", buy(qty="430"), {"precautions": EVERY},
     Ask.MOUSE, Ask.MOUSE, Ask.MOUSE),
    ("a precaution warning (far from the price)", buy(price="60000"), {},
     Ask.ENTER, Ask.ENTER, Ask.ENTER),
    ("an identical order still unknown", buy(), {"book": UNKNOWN_TWIN},
     Ask.MOUSE, Ask.MOUSE, Ask.MOUSE),
], ids=lambda v: v if isinstance(v, str) else None)
def test_each_gesture_asks_at_least_what_the_rules_ask(case, ticket, kw, as_decided, always,
                                                        one_click):
    d = decision(ticket, **kw)
    assert d.sends and d.ask is as_decided
    assert asked(d, Confirm.AS_DECIDED) is as_decided
    assert asked(d, Confirm.ALWAYS) is always
    assert asked(d, Confirm.ONE_CLICK) is one_click


def test_one_click_never_lowers_a_mouse_question():
    for ticket in (buy(), buy(qty="430"), buy(price="60000")):
        for kw in ({"always_confirm": True}, {"precautions": EVERY, "always_confirm": True}):
            assert asked(decision(ticket, **kw), Confirm.ONE_CLICK) is Ask.MOUSE
