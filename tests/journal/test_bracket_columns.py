"""The brackets table of a journal file from before brackets on entry: it gets the stop's
price column when opened, its brackets keep their stop in ticks under the fill."""

from __future__ import annotations

import sqlite3

from kiwoom_ticket.domain.brackets import Bracket
from kiwoom_ticket.journal.protection_store import ProtectionStore


def test_a_file_from_before_gets_the_stop_price_column(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as db:  # the brackets table as it was first made
        db.execute("""CREATE TABLE brackets (bracket_id TEXT PRIMARY KEY, env TEXT NOT NULL,
            stock_code TEXT NOT NULL, buy_local_id TEXT NOT NULL,
            target_price INTEGER NOT NULL, stop_ticks INTEGER NOT NULL,
            exchange TEXT NOT NULL DEFAULT 'KRX', stock_name TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL, covered INTEGER NOT NULL DEFAULT 0,
            target_ids TEXT NOT NULL DEFAULT '', stop_watch_id TEXT,
            message TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL)""")
        db.execute("INSERT INTO brackets (bracket_id, env, stock_code, buy_local_id, "
                   "target_price, stop_ticks, state, updated_at) VALUES "
                   "('old', 'practice', '005930', 'buy', 60000, 3, 'active', '')")
    store = ProtectionStore(path)
    try:
        [old] = store.brackets()
        assert old.stop_ticks == 3 and old.stop_price == 0  # ticks under the fill, as before
        store.save_bracket(Bracket("new", "practice", "005930", "buy2", 61_000, 0,
                                   stop_price=58_000))
        assert [b.stop_price for b in store.brackets()] == [0, 58_000]
    finally:
        store.close()
