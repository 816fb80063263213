"""Watches and the kill switch, kept in the order journal's own file (new tables).

A second connection to the journal's SQLite file (WAL: readers and writers of the two
connections don't block each other for long), with the journal's durability: every write
is on disk when the call returns. A watch's move to "firing" is a compare-and-set on the
row, so a watch fires once even if two copies of the app share the file.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.brackets import Bracket, BracketState
from ..domain.exchange import Exchange
from ..domain.text import Text, journal_text
from ..domain.watches import TriggerUnit, Watch, WatchKind, WatchState

SCHEMA = """
CREATE TABLE IF NOT EXISTS watches (
    watch_id       TEXT PRIMARY KEY,
    env            TEXT NOT NULL,
    stock_code     TEXT NOT NULL,
    kind           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    amount         REAL NOT NULL,
    reference      INTEGER NOT NULL,
    quantity       INTEGER NOT NULL,
    trade_day      TEXT NOT NULL,
    base_price     INTEGER NOT NULL,
    exchange       TEXT NOT NULL DEFAULT 'KRX',
    stock_name     TEXT NOT NULL DEFAULT '',
    limit_offset   INTEGER,
    state          TEXT NOT NULL,
    high           INTEGER NOT NULL DEFAULT 0,
    last_price     INTEGER,
    last_seen      TEXT NOT NULL DEFAULT '',
    order_local_id TEXT,
    message        TEXT NOT NULL DEFAULT '',
    fired_at       TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watches_state ON watches(state);
CREATE TABLE IF NOT EXISTS protection (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS brackets (
    bracket_id    TEXT PRIMARY KEY,
    env           TEXT NOT NULL,
    stock_code    TEXT NOT NULL,
    buy_local_id  TEXT NOT NULL,
    target_price  INTEGER NOT NULL,
    stop_ticks    INTEGER NOT NULL,
    exchange      TEXT NOT NULL DEFAULT 'KRX',
    stock_name    TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,
    covered       INTEGER NOT NULL DEFAULT 0,
    target_ids    TEXT NOT NULL DEFAULT '',
    stop_watch_id TEXT,
    message       TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    stop_price    INTEGER NOT NULL DEFAULT 0
);
"""
# Columns added to `watches` after its first version, with their SQL type: an older file
# gets them when opened (as the orders table's _ADDED_COLUMNS in store.py).
_ADDED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("fired_at", "TEXT NOT NULL DEFAULT ''"),
)
# Likewise for `brackets`: the stop's price of a bracket set on entry.
_ADDED_BRACKET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("stop_price", "INTEGER NOT NULL DEFAULT 0"),
)
_COLUMNS = ("watch_id", "env", "stock_code", "kind", "unit", "amount", "reference", "quantity",
            "trade_day", "base_price", "exchange", "stock_name", "limit_offset", "state",
            "high", "last_price", "last_seen", "order_local_id", "message", "fired_at",
            "created_at")
INTERRUPTED_FIRING = journal_text(Text(
    "앱이 발동 중 종료됨: 주문 결과는 체결/미체결에서 확인 (다시 발동하지 않음)",
    "App stopped while firing: check the order's outcome (it never fires again)"))

_BRACKET_COLUMNS = ("bracket_id", "env", "stock_code", "buy_local_id", "target_price",
                    "stop_ticks", "exchange", "stock_name", "state", "covered", "target_ids",
                    "stop_watch_id", "message", "stop_price")
_BRACKET_STATES = {s.value: s for s in BracketState}
_KINDS = {k.value: k for k in WatchKind}
_UNITS = {u.value: u for u in TriggerUnit}
_STATES = {s.value: s for s in WatchState}
_EXCHANGES = {e.value: e for e in Exchange}
# States move forward only (save): what could fire, then firing, fired, done, cancelled.
_RANK = {WatchState.ARMED: 0, WatchState.PAUSED: 0, WatchState.ASKING: 0,
         WatchState.FIRING: 1, WatchState.FIRED: 2, WatchState.DONE: 3,
         WatchState.CANCELLED: 4}


def _row(w: Watch) -> tuple[object, ...]:
    created = (w.created_at or datetime.now().astimezone()).isoformat()
    return (w.watch_id, w.env, w.stock_code, w.kind.value, w.unit.value, w.amount, w.reference,
            w.quantity, w.trade_day, w.base_price, w.exchange.value, w.stock_name,
            w.limit_offset, w.state.value, w.high, w.last_price, w.last_seen,
            w.order_local_id, w.message, w.fired_at, created)


def _watch(row: tuple[Any, ...]) -> Watch:  # sqlite's row: each column's own type
    (watch_id, env, code, kind, unit, amount, reference, quantity, day, base, exchange, name,
     offset, state, high, last_price, last_seen, local_id, message, fired_at, created) = row
    return Watch(str(watch_id), str(env), str(code), _KINDS[str(kind)], _UNITS[str(unit)],
                 float(amount), int(reference), int(quantity), str(day),
                 int(base), _EXCHANGES.get(str(exchange), Exchange.KRX),
                 str(name), None if offset is None else int(offset),
                 _STATES[str(state)], int(high),
                 None if last_price is None else int(last_price),
                 str(last_seen), None if local_id is None else str(local_id), str(message),
                 str(fired_at), datetime.fromisoformat(str(created)))


class ProtectionStore:
    """Thread-safe; used from the app's one worker thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        memory = str(path) == ":memory:"
        self._db = sqlite3.connect(":memory:" if memory else str(self.path), isolation_level=None,
                                   check_same_thread=False, timeout=10.0)
        try:
            if not memory:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
            _migrate(self._db)
        except BaseException:
            self._db.close()
            raise
        # Watches a killed run left firing: their order may have left. Never again.
        self.interrupted = self._settle_interrupted()

    def _settle_interrupted(self) -> list[Watch]:
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM watches WHERE state=?",
                                    (WatchState.FIRING.value,)).fetchall()
            self._db.execute("UPDATE watches SET state=?, message=?, updated_at=? WHERE state=?",
                             (WatchState.FIRED.value, INTERRUPTED_FIRING, _now(),
                              WatchState.FIRING.value))
        return [_watch(r).moved(state=WatchState.FIRED, message=INTERRUPTED_FIRING)
                for r in rows]

    # ---- watches -----------------------------------------------------------------------

    def save(self, w: Watch) -> bool:
        """Insert or update `w`, moving only forward: a watch once firing never goes back
        to a state that can fire (a stale copy can't re-arm what fired). False: refused."""
        marks = ",".join("?" * len(_COLUMNS))
        sets = ",".join(f"{c}=?" for c in _COLUMNS[1:])
        with self._lock:
            row = self._db.execute("SELECT state FROM watches WHERE watch_id=?",
                                   (w.watch_id,)).fetchone()
            if row is None:
                self._db.execute(
                    f"INSERT INTO watches ({','.join(_COLUMNS)}, updated_at) VALUES ({marks}, ?)",
                    (*_row(w), _now()))
                return True
            if _RANK[w.state] < _RANK[_STATES[str(row[0])]]:
                return False
            values = _row(w)
            self._db.execute(f"UPDATE watches SET {sets}, updated_at=? WHERE watch_id=?",
                             (*values[1:], _now(), w.watch_id))
            return True

    def abort_firing(self, watch_id: str, message: str) -> bool:
        """firing -> paused, for an order proven not to have left (the gate refused it
        before it was journaled): the trader may arm it again."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE watches SET state=?, message=?, updated_at=? WHERE watch_id=? AND state=?",
                (WatchState.PAUSED.value, message, _now(), watch_id, WatchState.FIRING.value))
            return cur.rowcount == 1

    def begin_firing(self, watch_id: str, fired_at: str) -> bool:
        """armed -> firing, durably, if it is still armed: True means this caller, and
        only this one, may send its order."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE watches SET state=?, fired_at=?, updated_at=? WHERE watch_id=? AND state=?",
                (WatchState.FIRING.value, fired_at, _now(), watch_id, WatchState.ARMED.value))
            return cur.rowcount == 1

    def get(self, watch_id: str) -> Watch | None:
        with self._lock:
            row = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM watches WHERE watch_id=?",
                                   (watch_id,)).fetchone()
        return _watch(row) if row else None

    def shown(self, limit: int = 500) -> list[Watch]:
        """Every watch but the cancelled ones, oldest first (the newest `limit`)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {','.join(_COLUMNS)} FROM (SELECT rowid AS r, * FROM watches "
                "WHERE state<>? ORDER BY r DESC LIMIT ?) ORDER BY r",
                (WatchState.CANCELLED.value, limit)).fetchall()
        return [_watch(r) for r in rows]

    # ---- brackets ----------------------------------------------------------------------

    def save_bracket(self, b: Bracket) -> bool:
        """Insert or update `b`; what its target covers never shrinks (write-ahead: a
        stale copy can't make a target sell be placed twice)."""
        with self._lock:
            row = self._db.execute("SELECT covered FROM brackets WHERE bracket_id=?",
                                   (b.bracket_id,)).fetchone()
            if row is not None and int(row[0]) > b.covered:
                return False
            self._db.execute(
                f"INSERT OR REPLACE INTO brackets ({','.join(_BRACKET_COLUMNS)}, updated_at) "
                f"VALUES ({','.join('?' * len(_BRACKET_COLUMNS))}, ?)",
                (b.bracket_id, b.env, b.stock_code, b.buy_local_id, b.target_price,
                 b.stop_ticks, b.exchange.value, b.stock_name, b.state.value, b.covered,
                 ",".join(b.target_ids), b.stop_watch_id, b.message, b.stop_price, _now()))
            return True

    def brackets(self) -> list[Bracket]:
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_BRACKET_COLUMNS)} FROM brackets "
                                    "ORDER BY rowid").fetchall()
        return [Bracket(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5]),
                        _EXCHANGES.get(str(r[6]), Exchange.KRX), str(r[7]),
                        _BRACKET_STATES[str(r[8])], int(r[9]),
                        tuple(x for x in str(r[10]).split(",") if x),
                        None if r[11] is None else str(r[11]), str(r[12]), int(r[13]))
                for r in rows]

    # ---- the kill switch and the limits (per environment: the file is) ---------------

    def value(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM protection WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_value(self, key: str, value: str | None) -> None:
        with self._lock:
            if value is None:
                self._db.execute("DELETE FROM protection WHERE key=?", (key,))
            else:
                self._db.execute("INSERT OR REPLACE INTO protection (key, value) VALUES (?, ?)",
                                 (key, value))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _now() -> str:
    return datetime.now().astimezone().isoformat()


def _migrate(db: sqlite3.Connection) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(watches)")}
    for name, sql_type in _ADDED_COLUMNS:
        if name not in columns:
            db.execute(f"ALTER TABLE watches ADD COLUMN {name} {sql_type}")
    columns = {row[1] for row in db.execute("PRAGMA table_info(brackets)")}
    for name, sql_type in _ADDED_BRACKET_COLUMNS:
        if name not in columns:
            db.execute(f"ALTER TABLE brackets ADD COLUMN {name} {sql_type}")
