"""The write-ahead order journal: one SQLite file per environment.

Every order is written here before it is sent and updated when its outcome is known,
so a crash can lose nothing the exchange might have received. WAL mode with
synchronous=FULL makes each write durable when the call returns.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import datetime
from pathlib import Path

from ..domain.exchange import Exchange
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    local_id     TEXT NOT NULL UNIQUE,
    env          TEXT NOT NULL,
    action       TEXT NOT NULL,
    exchange     TEXT NOT NULL,
    stock_code   TEXT NOT NULL,
    stock_name   TEXT NOT NULL DEFAULT '',
    trade_type   TEXT,
    quantity     INTEGER NOT NULL,
    price        INTEGER,
    stop_price   INTEGER,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    ord_no       TEXT,
    orig_ord_no  TEXT,
    root_ord_no  TEXT,
    filled_qty   INTEGER NOT NULL DEFAULT 0,
    message      TEXT NOT NULL DEFAULT '',
    error_code   TEXT,
    avg_fill_price INTEGER,
    filled_at    TEXT
);
CREATE INDEX IF NOT EXISTS orders_ord_no ON orders(ord_no);
CREATE INDEX IF NOT EXISTS orders_status ON orders(status);
"""

_COLUMNS = (
    "local_id", "env", "action", "exchange", "stock_code", "stock_name", "trade_type",
    "quantity", "price", "stop_price", "body", "status", "created_at", "updated_at",
    "ord_no", "orig_ord_no", "root_ord_no", "filled_qty", "message", "error_code",
    "avg_fill_price", "filled_at",
)
# Columns added after the first release, with their SQL type: a journal written by an
# older version gets them (ALTER TABLE ... ADD COLUMN) when it is opened.
_ADDED_COLUMNS = (("avg_fill_price", "INTEGER"), ("filled_at", "TEXT"))

INTERRUPTED_MESSAGE = (
    "앱이 전송 중 종료됨: 결과 확인 필요 / App stopped while sending: outcome unknown"
)


def _row(r: OrderRecord) -> tuple:
    return (
        r.local_id, r.env, r.action.value, r.exchange.value, r.stock_code, r.stock_name,
        r.trade_type, r.quantity, r.price, r.stop_price,
        r.body_json, r.status.value,
        r.created_at.isoformat(), r.updated_at.isoformat(), r.ord_no, r.orig_ord_no,
        r.root_ord_no, r.filled_qty, r.message, r.error_code,
        r.avg_fill_price, r.filled_at.isoformat() if r.filled_at else None,
    )


_ACTIONS = {a.value: a for a in Action}
_EXCHANGES = {e.value: e for e in Exchange}
_STATUSES = {st.value: st for st in OrderStatus}
_parse_time = datetime.fromisoformat
_SELECT = f"SELECT {','.join(_COLUMNS)} FROM orders"


_intern = sys.intern


def _record(row: tuple) -> OrderRecord:
    # Positional access and lookup tables: the log panel loads 100,000 of these at start.
    # Texts that repeat across orders (names, messages) are interned so the
    # history costs memory once per distinct text, not once per order.
    (local_id, env, action, exchange, stock_code, stock_name, trade_type, quantity, price,
     stop_price, body, status, created_at, updated_at, ord_no, orig_ord_no, root_ord_no,
     filled_qty, message, error_code, avg_fill_price, filled_at) = row
    return OrderRecord(
        local_id, _intern(env), _ACTIONS[action], _EXCHANGES[exchange], _intern(stock_code),
        quantity, body, _STATUSES[status],
        _intern(stock_name), trade_type and _intern(trade_type), price, stop_price,
        _parse_time(created_at), _parse_time(updated_at), ord_no, orig_ord_no, root_ord_no,
        filled_qty, _intern(message), error_code,
        avg_fill_price, _parse_time(filled_at) if filled_at else None,
    )


class Journal:
    """Thread-safe; normally used from the one worker thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        self._add_missing_columns()
        self.interrupted = self._mark_interrupted()

    def _add_missing_columns(self) -> None:
        """Bring a journal written by an older version up to the current columns."""
        with self._lock:
            have = {row[1] for row in self._db.execute("PRAGMA table_info(orders)")}
            for name, sql_type in _ADDED_COLUMNS:
                if name not in have:
                    self._db.execute(f"ALTER TABLE orders ADD COLUMN {name} {sql_type}")

    def _mark_interrupted(self) -> int:
        """Rows still 'sending' belong to a run that died mid-request: outcome unknown."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE orders SET status=?, message=?, updated_at=? WHERE status=?",
                (OrderStatus.UNKNOWN.value, INTERRUPTED_MESSAGE,
                 datetime.now().astimezone().isoformat(), OrderStatus.SENDING.value),
            )
            return cur.rowcount

    def insert(self, record: OrderRecord) -> None:
        placeholders = ",".join("?" * len(_COLUMNS))
        with self._lock:
            self._db.execute(
                f"INSERT INTO orders ({','.join(_COLUMNS)}) VALUES ({placeholders})",
                _row(record),
            )

    def update(self, record: OrderRecord) -> None:
        sets = ",".join(f"{c}=?" for c in _COLUMNS[1:])
        values = _row(record)
        with self._lock:
            cur = self._db.execute(
                f"UPDATE orders SET {sets} WHERE local_id=?", (*values[1:], values[0])
            )
            if cur.rowcount != 1:
                raise KeyError(f"no journal row {record.local_id}")

    def get(self, local_id: str) -> OrderRecord | None:
        return self._one(f"{_SELECT} WHERE local_id=?", (local_id,))

    def by_ord_no(self, ord_no: str) -> OrderRecord | None:
        return self._one(f"{_SELECT} WHERE ord_no=? ORDER BY seq DESC LIMIT 1",
                         (ord_no,))

    def all(self) -> list[OrderRecord]:
        return self._many(f"{_SELECT} ORDER BY seq", ())

    def recent(self, limit: int) -> list[OrderRecord]:
        """The newest `limit` rows, oldest first."""
        return self._many(
            f"SELECT {','.join(_COLUMNS)} FROM (SELECT seq, {','.join(_COLUMNS)} FROM orders "
            "ORDER BY seq DESC LIMIT ?) ORDER BY seq",
            (limit,))

    def with_status(self, *statuses: OrderStatus) -> list[OrderRecord]:
        marks = ",".join("?" * len(statuses))
        return self._many(f"{_SELECT} WHERE status IN ({marks}) ORDER BY seq",
                          tuple(s.value for s in statuses))

    def known_ord_nos(self) -> set[str]:
        with self._lock:
            rows = self._db.execute("SELECT ord_no FROM orders WHERE ord_no IS NOT NULL")
            return {r[0] for r in rows}

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM orders").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, args: tuple) -> OrderRecord | None:
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        return _record(row) if row else None

    def _many(self, sql: str, args: tuple) -> list[OrderRecord]:
        # Row by row, not fetchall(): at 100,000 orders the raw rows would double the peak.
        with self._lock:
            return [_record(r) for r in self._db.execute(sql, args)]
