"""The ticket tab's parts, each on its own: the form is one class that owns its
collaborators (no mixins), the validation view shows a report next to the fields, and
the quote lookup says a failure next to the stock field only while the field still holds
that code (its work runs on the task runner)."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QFrame, QLineEdit

from kiwoom_ticket.domain.text import Text
from kiwoom_ticket.domain.ticket_report import Issue, Severity
from kiwoom_ticket.domain.validation import Field, Report
from kiwoom_ticket.service import ApiError, Quote
from kiwoom_ticket.service.status import StatusChannel
from kiwoom_ticket.ui.amend_forms import AmendForm
from kiwoom_ticket.ui.fields import FieldBox
from kiwoom_ticket.ui.i18n import tr
from kiwoom_ticket.ui.new_order_form import NewOrderForm
from kiwoom_ticket.ui.quote_line import QuoteLine
from kiwoom_ticket.ui.quote_lookup import QuoteLookup
from kiwoom_ticket.ui.tasks import TaskRunner
from kiwoom_ticket.ui.ticket_form import TicketForm
from kiwoom_ticket.ui.validation_view import ValidationView

QUOTE = Quote("005930", "삼성전자", 70_000, 70_000, 91_000, 49_000)


def test_the_form_is_one_class_that_owns_its_parts():
    assert TicketForm.__bases__ == (QFrame,)
    assert NewOrderForm.__bases__ == (TicketForm,) and AmendForm.__bases__ == (TicketForm,)


def test_the_validation_view_shows_each_issue_next_to_its_field_and_only_it(qtbot):
    view = ValidationView()
    for field in (Field.QUANTITY, Field.PRICE):
        box = FieldBox(QLineEdit())
        qtbot.addWidget(box)
        view.add(field, box)
    issue = Issue(Field.PRICE, Severity.ERROR, "price.tick",
                  Text("호가단위에 맞지 않습니다", "Not on the tick grid"))
    view.show_report(Report((issue,)))
    price, quantity = view.boxes[Field.PRICE], view.boxes[Field.QUANTITY]
    assert price.issues == (issue,) and not price.message.isHidden()
    assert "호가단위" in price.message.text()
    assert quantity.issues == () and quantity.message.isHidden()
    view.show_report(Report())  # a later report that names nothing empties it
    assert price.issues == () and price.message.isHidden()


class _Owner:
    """A form as the lookup sees it (QuoteOwner)."""

    def __init__(self) -> None:
        self.code = "005930"
        self.changed: list[Quote | None] = []
        self.not_found = 0

    def stock_code(self) -> str:
        return self.code

    def quote_changed(self, quote: Quote | None) -> None:
        self.changed.append(quote)

    def quote_arrived(self, quote: Quote) -> None:
        pass

    def stock_not_found(self) -> None:
        self.not_found += 1

    def no_quote_text(self) -> str:
        return ""

    def quote_painted(self) -> None:
        pass


class _Session:
    """The session's quote call, answering when told to."""

    connected = True

    def __init__(self) -> None:
        self.answer: asyncio.Future = asyncio.get_event_loop().create_future()

    async def quote(self, code: str) -> Quote:
        return await self.answer

    def quoted_at(self, code: str):
        return None


def _lookup(qtbot) -> tuple[QuoteLookup, _Owner, _Session, StatusChannel]:
    line = QuoteLine(clickable=False)
    qtbot.addWidget(line)
    owner, session, status = _Owner(), _Session(), StatusChannel()
    return QuoteLookup(owner, session, TaskRunner(status), line), owner, session, status


def test_an_unknown_stock_is_said_next_to_the_field_that_still_holds_it(qtbot):
    lookup, owner, session, _status = _lookup(qtbot)
    lookup.lookup()
    session.answer.set_exception(ApiError("없는 종목", code="1901"))
    qtbot.waitUntil(lookup.lookup_task.done, timeout=5_000)
    assert owner.not_found == 1 and lookup.issues().errors
    assert lookup.current() is None


def test_a_failed_lookup_of_a_code_typed_over_says_nothing(qtbot):
    lookup, owner, session, _status = _lookup(qtbot)
    lookup.lookup()
    owner.code = "000660"  # typed on before the answer came
    session.answer.set_exception(ApiError("없는 종목", code="1901"))
    qtbot.waitUntil(lookup.lookup_task.done, timeout=5_000)
    assert owner.not_found == 0 and not lookup.issues().errors
    assert lookup.note == (tr("quote.looking_up"), None)  # no failure shown for it


def test_a_quote_is_shown_once_it_arrives_and_followed_by_live_trades(qtbot):
    lookup, owner, session, _status = _lookup(qtbot)
    lookup.lookup()
    session.answer.set_result(QUOTE)
    qtbot.waitUntil(lookup.lookup_task.done, timeout=5_000)
    assert lookup.current() == QUOTE and owner.changed[-1] == QUOTE
    lookup.live_trade(70_100, 5)
    assert lookup.current().current == 70_100 and owner.changed[-1].current == 70_100
