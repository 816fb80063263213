"""The order question's last line: "그래도" (anyway) only when it warned about something."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.text import Text
from kiwoom_ticket.domain.ticket_report import Field, Issue, Report, Severity
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.order_text import confirm_text

BUY = NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "0", 70_000)
WARNED = Report((Issue(Field.PRICE, Severity.WARNING, "far",
                       Text("현재가와 10% 이상 차이", "10% or more off the last price")),))


@pytest.fixture
def korean():
    was = language.code
    language.set("ko")
    yield
    language.set(was)


def test_a_question_without_a_warning_asks_plainly(korean):
    text = confirm_text(BUY, "삼성전자", Report(), resend=False)
    assert text.endswith("주문하시겠습니까?") and "그래도" not in text


def test_a_question_after_a_warning_asks_to_send_anyway(korean):
    text = confirm_text(BUY, "삼성전자", WARNED, resend=False)
    assert "현재가와 10% 이상 차이" in text and text.endswith("그래도 주문하시겠습니까?")


def test_a_resend_asks_to_send_anyway(korean):
    text = confirm_text(BUY, "삼성전자", Report(), resend=True)
    assert text.endswith("그래도 주문하시겠습니까?")
