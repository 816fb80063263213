"""The book over a window of a long journal: rows at stable positions, older rows put in
front, older open orders known (found, polled, checked for duplicates) but not rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_ledger import HistoryPage, OrderLedger
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def rec(i: int, status=OrderStatus.FILLED, day: str = "20261201", age_h: float = 0):
    order = NewOrder(Action.BUY, Exchange.KRX, "005930", 1 + i, "0", 70_000)
    base = OrderRecord.from_request(f"id{i:03d}", "practice", order)
    return replace(base, ord_no=f"{i:07d}", status=status, trade_day=day,
                   created_at=NOW - timedelta(hours=age_h))


def test_rows_put_in_front_keep_every_lookup_right():
    book = OrderLedger([rec(i) for i in range(10, 20)])
    assert book.row_of("id015") == 5
    assert book.prepend([rec(i) for i in range(5, 10)]) == 5
    assert len(book) == 15
    assert book.row_of("id015") == 10 and book.row_of("id005") == 0
    assert book.record(0).local_id == "id005"
    assert book.by_ord_no("0000007").local_id == "id007"
    done = book.upsert([rec(12, OrderStatus.CANCELLED), rec(30)])
    assert done.updated == [7] and done.first_new == 15 and book.row_of("id030") == 15
    assert book.prepend([rec(5)]) == 0  # already a row: nothing comes in twice


def test_an_older_open_order_is_known_but_not_a_row_until_its_page_comes():
    old = rec(3, OrderStatus.UNKNOWN, day="20261101", age_h=24 * 30)
    book = OrderLedger()
    book.replace([rec(i) for i in range(10, 13)], known=[old])
    assert len(book) == 3 and book.row_of(old.local_id) is None
    assert book.knows(old.local_id) and book.get(old.local_id) is old
    assert book.by_ord_no(old.ord_no, "20261101") is old
    assert book.has_open()
    assert book.recent(now=NOW)[0].local_id == old.local_id
    assert book.will_add([old, rec(40)]) == 1
    settled = old.moved(status=OrderStatus.NOT_RECEIVED)
    done = book.upsert([settled])
    assert done.updated == [] and done.new_count == 0 and len(book) == 3
    assert not book.has_open()
    book.prepend([rec(i) for i in range(0, 10)])  # holds the stored (older) state of id003
    assert book.row_of(old.local_id) == 3
    assert book.record(3).status is OrderStatus.NOT_RECEIVED  # the book's latest state wins


def test_a_history_page_is_a_list_that_knows_what_lies_beyond():
    class Source:
        def page_before(self, start, rows):
            return HistoryPage([rec(1)], start=None, source=self)

        def rows_before(self, start):
            return iter([rec(0), rec(1)])

    page = HistoryPage([rec(2)], known=[rec(9, OrderStatus.ACCEPTED)], start=7, source=Source())
    assert [r.local_id for r in page] == ["id002"] and page.has_older and len(page.known) == 1
    older = page.older(100)
    assert [r.local_id for r in older] == ["id001"] and not older.has_older
    assert [r.local_id for r in page.rows_before()] == ["id000", "id001"]
    assert HistoryPage() == [] and not HistoryPage().has_older
    assert not HistoryPage([rec(1)], start=3).has_older  # no source: nothing to read from
