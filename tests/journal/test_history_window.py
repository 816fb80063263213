"""The log's window over a long journal: the newest rows and every older open or unknown
order at start, older rows a page at a time (whole trading days), everything for export."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import OrderRecord, trading_day
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.service.factory import JournalHistory, read_history
from kiwoom_ticket.service.paths import journal_path

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 12:00 KST
PER_DAY = 50
DAYS = 30


def record(i: int, when: datetime, status=OrderStatus.FILLED) -> OrderRecord:
    order = NewOrder(Action.BUY if i % 2 else Action.SELL, Exchange.KRX, "005930", 1 + i % 9,
                     "0", 70_000)
    rec = OrderRecord.from_request(f"id-{i:06d}", "practice", order, "삼성전자")
    return replace(rec, created_at=when, updated_at=when, status=status,
                   ord_no=f"{i % PER_DAY + 1:07d}", trade_day=trading_day(when))


def build(path, days: int = DAYS, per_day: int = PER_DAY, unsettled=()) -> list[OrderRecord]:
    """`days` trading days of `per_day` orders each, the last one today; the orders
    numbered in `unsettled` are left unknown (or accepted, every other one)."""
    journal = Journal(path)
    made = []
    try:
        journal._db.execute("BEGIN")
        for d in range(days):
            day = NOW - timedelta(days=days - 1 - d)
            for k in range(per_day):
                i = d * per_day + k
                status = OrderStatus.FILLED
                if i in unsettled:
                    status = OrderStatus.UNKNOWN if i % 2 else OrderStatus.ACCEPTED
                rec = record(i, day - timedelta(hours=2) + timedelta(seconds=k * 30), status)
                journal.insert(rec)
                made.append(rec)
        journal._db.execute("COMMIT")
    finally:
        journal.close()
    return made


@pytest.fixture
def journal_file(tmp_path):
    return journal_path("practice", tmp_path)


def ids(records) -> list[str]:
    return [r.local_id for r in records]


def test_the_head_is_the_newest_whole_days_and_every_older_unsettled_order(journal_file):
    made = build(journal_file, unsettled={7, 130, 901})
    head = JournalHistory(journal_file).head(rows=120, now=NOW)
    # 120 rows reach into the third-newest day: that day whole, so no chain is cut.
    assert ids(head) == ids(made[-3 * PER_DAY:])
    assert ids(head.known) == ["id-000007", "id-000130", "id-000901"]
    assert head.has_older
    # Fewer rows asked: still yesterday and today whole (the duplicate checks' window).
    small = JournalHistory(journal_file).head(rows=5, now=NOW)
    assert ids(small) == ids(made[-2 * PER_DAY:])


def test_older_pages_are_whole_days_and_meet_exactly(journal_file):
    made = build(journal_file)
    page = JournalHistory(journal_file).head(rows=10, now=NOW)
    pages = [list(page)]
    while page.has_older:
        page = page.older(70)  # 70 rows: two days each
        assert len(page) % PER_DAY == 0
        pages.insert(0, list(page))
    assert ids(r for p in pages for r in p) == ids(made)
    assert page.older(70) == []


def test_export_reads_every_row_before_the_window(journal_file):
    made = build(journal_file, days=4)
    head = JournalHistory(journal_file).head(rows=10, now=NOW)
    assert ids(head.rows_before()) == ids(made[:2 * PER_DAY])


def test_no_journal_reads_as_empty_and_read_history_is_the_head(tmp_path):
    head = read_history_for(tmp_path)
    assert head == [] and not head.has_older and head.known == []
    build(journal_path("practice", tmp_path), days=3)
    head = read_history_for(tmp_path)
    assert len(head) == 3 * PER_DAY and not head.has_older  # fewer than 200: all of them


def read_history_for(data_dir):
    from kiwoom_ticket.domain.environment import Environment

    return read_history(Environment.PRACTICE, data_dir)
