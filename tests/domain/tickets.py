"""Ticket builders and report assertions shared by the validation tests."""

from __future__ import annotations

import re

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.validation import Checked, Field, Severity, TicketInput

_HANGUL = re.compile(r"[가-힣]")


def buy(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "10", "trade_type": "0", "price": "70000"}
    values.update(fields)
    return TicketInput(Action.BUY, **values)


def sell(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "10", "trade_type": "0", "price": "70000"}
    values.update(fields)
    return TicketInput(Action.SELL, **values)


def modify(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "1", "price": "199700",
              "orig_ord_no": "0000139"}
    values.update(fields)
    return TicketInput(Action.MODIFY, **values)


def cancel(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "1", "orig_ord_no": "0000140"}
    values.update(fields)
    return TicketInput(Action.CANCEL, **values)


def assert_bilingual(issue) -> None:
    assert _HANGUL.search(issue.text.ko), issue
    assert issue.text.en.strip() and not _HANGUL.search(issue.text.en), issue


def assert_error(checked: Checked, field: Field, code: str) -> None:
    """Blocked: no order, and an error on `field` with `code` in both languages."""
    assert checked.order is None
    assert not checked.report.ok
    matches = [i for i in checked.report.for_field(field)
               if i.code == code and i.severity is Severity.ERROR]
    assert matches, checked.report.issues
    for issue in matches:
        assert_bilingual(issue)


def assert_clean(checked: Checked) -> None:
    assert checked.report.ok, checked.report.errors
    assert checked.order is not None


def warnings_of(checked: Checked, field: Field, code: str):
    found = [i for i in checked.report.warnings if i.field is field and i.code == code]
    for issue in found:
        assert_bilingual(issue)
    return found
