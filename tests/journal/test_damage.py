"""A damaged journal is moved aside and a fresh one started; never written into."""

from __future__ import annotations

import sqlite3

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.journal import Journal, JournalDamaged

PAGE = 4096


def record(i: int) -> OrderRecord:
    order = NewOrder(Action.BUY, Exchange.KRX, "005930", i + 1, "0", 70_000)
    return OrderRecord.from_request(f"id-{i:05d}", "practice", order, "삼성전자" * 60)


@pytest.fixture
def journal_file(tmp_path):
    path = tmp_path / "journal-practice.sqlite3"
    j = Journal(path)
    for i in range(120):
        j.insert(record(i))
    j.close()  # checkpoints the WAL into the file
    assert path.stat().st_size > 20 * PAGE
    return path


def garbage_head(path):
    with open(path, "r+b") as f:
        f.write(b"this is not a database" * 5)


def truncated(path):
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2 + 123)


def damaged_page(path):
    with open(path, "r+b") as f:
        f.seek(PAGE * 5)
        f.write(bytes((i * 37) % 251 for i in range(PAGE)))


@pytest.mark.parametrize("damage", [garbage_head, truncated, damaged_page])
def test_a_damaged_journal_is_set_aside_and_a_fresh_one_used(journal_file, damage):
    damage(journal_file)
    broken = journal_file.read_bytes()
    j = Journal(journal_file)
    try:
        assert j.damaged_path is not None and j.damaged_path.exists()
        assert "damaged" in j.damaged_path.name
        assert j.damaged_path.read_bytes() == broken  # kept as it was, for inspection
        assert j.count() == 0
        j.insert(record(999))  # new orders go to the fresh file
        assert j.count() == 1
    finally:
        j.close()
    assert sqlite3.connect(journal_file).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_zero_byte_file_is_simply_a_new_journal(tmp_path):
    path = tmp_path / "journal-practice.sqlite3"
    path.write_bytes(b"")
    j = Journal(path)
    assert j.damaged_path is None and j.count() == 0
    j.insert(record(1))
    j.close()
    assert not list(tmp_path.glob("*damaged*"))


def test_a_reader_never_moves_or_settles_anything(journal_file):
    garbage_head(journal_file)
    with pytest.raises(JournalDamaged):
        Journal(journal_file, read_only=True)
    assert journal_file.exists() and not list(journal_file.parent.glob("*damaged*"))


def test_a_reader_leaves_sending_rows_alone(tmp_path):
    path = tmp_path / "j.sqlite3"
    writer = Journal(path)
    writer.insert(record(1))  # SENDING: the writer is mid-request
    reader = Journal(path, read_only=True)
    assert [r.status.value for r in reader.all()] == ["sending"]
    reader.close()
    assert writer.get("id-00001").status.value == "sending"
    writer.close()


def test_an_old_journal_gains_trading_days(tmp_path):
    path = tmp_path / "old.sqlite3"
    j = Journal(path)
    j.insert(record(1))
    j.close()
    db = sqlite3.connect(path)
    db.execute("DROP INDEX IF EXISTS orders_day_ord_no")
    db.execute("ALTER TABLE orders DROP COLUMN trade_day")
    db.commit()
    db.close()
    old = Journal(path, read_only=True)
    [legacy] = old.all()
    assert legacy.trade_day  # worked out from created_at
    old.close()
    migrated = Journal(path)
    assert migrated.get("id-00001").trade_day == legacy.trade_day
    migrated.close()
