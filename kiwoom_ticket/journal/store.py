"""The write-ahead order journal: one SQLite file per environment.

Every order is written here before it is sent and updated when its outcome is known,
so a crash can lose nothing the exchange might have received. WAL mode with
synchronous=FULL makes each write durable when the call returns.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.exchange import Exchange
from ..domain.orders import Action
from ..domain.records import OrderRecord, trading_day
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text

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
    trade_day    TEXT NOT NULL DEFAULT '',
    avg_fill_price INTEGER,
    filled_at    TEXT,
    outside      INTEGER NOT NULL DEFAULT 0,
    amended_qty  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS orders_status ON orders(status);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Created after the migration: an older journal has no trade_day column yet.
INDEXES = """
DROP INDEX IF EXISTS orders_ord_no;
CREATE INDEX IF NOT EXISTS orders_day_ord_no ON orders(trade_day, ord_no);
"""

_COLUMNS = (
    "local_id", "env", "action", "exchange", "stock_code", "stock_name", "trade_type",
    "quantity", "price", "stop_price", "body", "status", "created_at", "updated_at",
    "ord_no", "orig_ord_no", "root_ord_no", "filled_qty", "message", "error_code",
    "trade_day", "avg_fill_price", "filled_at", "outside", "amended_qty",
)
# Columns added after the first release, with their SQL type: a journal written by an
# older version gets them (ALTER TABLE ... ADD COLUMN) when it is opened.
_ADDED_COLUMNS = (("trade_day", "TEXT NOT NULL DEFAULT ''"), ("avg_fill_price", "INTEGER"),
                  ("filled_at", "TEXT"), ("outside", "INTEGER NOT NULL DEFAULT 0"),
                  ("amended_qty", "INTEGER NOT NULL DEFAULT 0"))

INTERRUPTED_MESSAGE = journal_text(Text("앱이 전송 중 종료됨: 결과 확인 필요",
                                        "App stopped while sending: outcome unknown"))


def _row(r: OrderRecord) -> tuple[Any, ...]:
    return (
        r.local_id, r.env, r.action.value, r.exchange.value, r.stock_code, r.stock_name,
        r.trade_type, r.quantity, r.price, r.stop_price,
        r.body_json, r.status.value,
        r.created_at.isoformat(), r.updated_at.isoformat(), r.ord_no, r.orig_ord_no,
        r.root_ord_no, r.filled_qty, r.message, r.error_code, r.trade_day,
        r.avg_fill_price, r.filled_at.isoformat() if r.filled_at else None, int(r.outside),
        r.amended_qty,
    )


_ACTIONS = {a.value: a for a in Action}
_EXCHANGES = {e.value: e for e in Exchange}
_STATUSES = {st.value: st for st in OrderStatus}
_parse_time = datetime.fromisoformat
_SELECT = f"SELECT {','.join(_COLUMNS)} FROM orders"


def _select_list(have: set[str]) -> str:
    """The columns to read from a journal an older version wrote, read without migrating
    it (a reader never writes): missing ones read as empty. An empty trading day is
    worked out from created_at by OrderRecord itself."""
    missing = {"trade_day": "''", "outside": "0", "amended_qty": "0"}
    return ",".join(c if c in have else f"{missing.get(c, 'NULL')} AS {c}" for c in _COLUMNS)


_intern = sys.intern


def _record(row: tuple[Any, ...]) -> OrderRecord:
    # Positional access and lookup tables: the log panel loads 100,000 of these at start.
    # Texts that repeat across orders (names, messages) are interned so the
    # history costs memory once per distinct text, not once per order.
    (local_id, env, action, exchange, stock_code, stock_name, trade_type, quantity, price,
     stop_price, body, status, created_at, updated_at, ord_no, orig_ord_no, root_ord_no,
     filled_qty, message, error_code, trade_day, avg_fill_price, filled_at, outside,
     amended_qty) = row
    return OrderRecord(
        local_id, _intern(env), _ACTIONS[action], _EXCHANGES[exchange], _intern(stock_code),
        quantity, body, _STATUSES[status],
        _intern(stock_name), trade_type and _intern(trade_type), price, stop_price,
        _parse_time(created_at), _parse_time(updated_at), ord_no, orig_ord_no, root_ord_no,
        filled_qty, _intern(message), error_code, _intern(trade_day),
        avg_fill_price, _parse_time(filled_at) if filled_at else None, bool(outside),
        amended_qty,
    )


class JournalDamaged(Exception):
    """The file is not a sound SQLite journal (read-only opens only: a writable open
    moves a damaged file aside and starts afresh)."""


class Journal:
    """Thread-safe; normally used from the one worker thread.

    A writable open checks the file first. A damaged journal is never written into: it is
    renamed aside (`damaged_path` says where) and a fresh one is started, so the user
    keeps the old file for inspection and the app keeps a sound record from now on.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.damaged_path: Path | None = None
        memory = str(path) == ":memory:"
        if not memory and not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()  # re-entered by a batch's statements
        self._depth = 0  # batches open on this connection (nested ones join the outer)
        try:
            self._db = self._open(memory)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise  # locked, unreadable folder ...: not the file's fault, leave it be
            if read_only or memory:
                raise JournalDamaged(f"{self.path}: {exc}") from None
            self.damaged_path = set_aside(self.path)
            self._db = self._open(memory)
        self.interrupted = 0 if read_only else self._mark_interrupted()
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(orders)")}
        self._columns = _select_list(columns)
        self._empty = not columns  # a read-only open of a file with no table yet

    def _open(self, memory: bool) -> sqlite3.Connection:
        if self.read_only:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        try:
            # The writer checks (~0.1 s for 100,000 orders, on the worker thread); a reader
            # doesn't repeat it: what it can't read, it reports as damage below.
            if not memory and not self.read_only:
                verdict = db.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise _FailedCheck(f"integrity check: {verdict}")
            db.execute("PRAGMA schema_version")  # reads the header: garbage fails here
            if not self.read_only:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
                db.executescript(SCHEMA)
                _migrate(db)
                db.executescript(INDEXES)
        except BaseException:
            db.close()
            raise
        return db

    def _mark_interrupted(self) -> int:
        """Rows still 'sending' belong to a run that died mid-request: outcome unknown."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE orders SET status=?, message=?, updated_at=? WHERE status=?",
                (OrderStatus.UNKNOWN.value, INTERRUPTED_MESSAGE,
                 datetime.now().astimezone().isoformat(), OrderStatus.SENDING.value),
            )
            return cur.rowcount

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Every write inside is one transaction (one sync to disk, not one per row):
        a burst of live events is journaled at once. Other threads wait for the end."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._db.execute("BEGIN")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._db.execute("COMMIT")

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

    def by_ord_no(self, ord_no: str, trade_day: str) -> OrderRecord | None:
        """The order `ord_no` of `trade_day`: numbers restart daily, so never across days."""
        return self._one(f"{_SELECT} WHERE trade_day=? AND ord_no=? ORDER BY seq DESC LIMIT 1",
                         (trade_day, ord_no))

    def all(self) -> list[OrderRecord]:
        if self._empty:
            return []
        return self._many(f"SELECT {self._columns} FROM orders ORDER BY seq", ())

    def recent(self, limit: int) -> list[OrderRecord]:
        """The newest `limit` rows, oldest first."""
        if self._empty:
            return []
        return self._many(
            f"SELECT {','.join(_COLUMNS)} FROM (SELECT seq, {self._columns} FROM orders "
            "ORDER BY seq DESC LIMIT ?) ORDER BY seq",
            (limit,))

    # ---- windows over a long journal: the log reads these, not all() -----------------
    # A position is a row's seq: the order rows were written in, oldest first.

    def page_start(self, before: int | None, rows: int, since_day: str = "") -> int | None:
        """Where a page of at least `rows` rows before position `before` (None: up to the
        newest) starts: at the first row of its oldest row's trading day, so no chain of
        orders (always within one day) is cut in two, and no later than the first row of
        trading day `since_day` or after. None when there is no row before `before`."""
        if self._empty:
            return None
        end = (1 << 62) if before is None else before
        with self._lock:
            db = self._db
            row = db.execute("SELECT seq, trade_day FROM orders WHERE seq<? ORDER BY seq DESC "
                             "LIMIT 1 OFFSET ?", (end, max(0, rows - 1))).fetchone()
            if row is None:  # fewer than `rows`: all of them
                least: int | None = db.execute("SELECT MIN(seq) FROM orders WHERE seq<?",
                                               (end,)).fetchone()[0]
                return least
            # `+seq`: look rows up by trading day (its index), not by walking the seqs.
            start: int = db.execute("SELECT MIN(seq) FROM orders WHERE trade_day=? AND +seq<?",
                                    (row[1], end)).fetchone()[0]
            if since_day:
                # Per day, then the least: a plain MIN(seq) would walk the seqs from the
                # oldest row until it met one of those days.
                firsts = db.execute("SELECT MIN(seq) FROM orders WHERE trade_day>=? AND +seq<? "
                                    "GROUP BY trade_day", (since_day, end)).fetchall()
                start = min([start, *(f[0] for f in firsts)])
            return start

    def has_rows_before(self, position: int) -> bool:
        if self._empty:
            return False
        with self._lock:
            return self._db.execute("SELECT 1 FROM orders WHERE seq<? LIMIT 1",
                                    (position,)).fetchone() is not None

    def rows_between(self, start: int, end: int | None = None) -> list[OrderRecord]:
        """Rows from position `start` up to (not including) `end`, oldest first."""
        if self._empty:
            return []
        if end is None:
            return self._many(f"SELECT {self._columns} FROM orders WHERE seq>=? ORDER BY seq",
                              (start,))
        return self._many(f"SELECT {self._columns} FROM orders WHERE seq>=? AND seq<? "
                          "ORDER BY seq", (start, end))

    def unsettled_before(self, end: int) -> list[OrderRecord]:
        """Rows before position `end` the exchange may still move on, or whose outcome is
        unknown (sending, accepted, partly filled, unknown), oldest first."""
        if self._empty:
            return []
        live = (OrderStatus.SENDING, OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
                OrderStatus.UNKNOWN)
        return self._many(f"SELECT {self._columns} FROM orders WHERE status IN (?,?,?,?) "
                          "AND seq<? ORDER BY seq", (*(s.value for s in live), end))

    def with_status(self, *statuses: OrderStatus) -> list[OrderRecord]:
        marks = ",".join("?" * len(statuses))
        return self._many(f"{_SELECT} WHERE status IN ({marks}) ORDER BY seq",
                          tuple(s.value for s in statuses))

    def of_day(self, trade_day: str) -> list[OrderRecord]:
        return self._many(f"{_SELECT} WHERE trade_day=? ORDER BY seq", (trade_day,))

    def known_ord_nos(self, trade_day: str) -> set[str]:
        """Numbers of `trade_day` that already belong to a journal row."""
        with self._lock:
            rows = self._db.execute(
                "SELECT ord_no FROM orders WHERE trade_day=? AND ord_no IS NOT NULL",
                (trade_day,))
            return {r[0] for r in rows}

    def count(self) -> int:
        with self._lock:
            rows: int = self._db.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
            return rows

    # ---- the numbering epoch (the practice account's resets) -------------------------

    def epoch(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='epoch'").fetchone()
        return int(row[0]) if row else 0

    def next_epoch(self) -> int:
        """Start a new numbering "day": the exchange restarted its order numbers."""
        epoch = self.epoch() + 1
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('epoch', ?)",
                             (str(epoch),))
        return epoch

    def note(self, key: str) -> str | None:
        """A value the service keeps beside the orders (`set_note`), or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?",
                                   ("note:" + key,)).fetchone()
        return row[0] if row else None

    def set_note(self, key: str, value: str | None) -> None:
        with self._lock:
            if value is None:
                self._db.execute("DELETE FROM meta WHERE key=?", ("note:" + key,))
            else:
                self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                 ("note:" + key, value))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, args: tuple[Any, ...]) -> OrderRecord | None:
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        return _record(row) if row else None

    def _many(self, sql: str, args: tuple[Any, ...]) -> list[OrderRecord]:
        # Row by row, not fetchall(): at 100,000 orders the raw rows would double the peak.
        with self._lock:
            return [_record(r) for r in self._db.execute(sql, args)]


class _FailedCheck(sqlite3.DatabaseError):
    pass


# SQLite's primary result codes for a file that is not a sound database.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, _FailedCheck) or (
        code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB))


def _migrate(db: sqlite3.Connection) -> None:
    """Bring an older journal up to the current columns. Idempotent."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(orders)")}
    for name, sql_type in _ADDED_COLUMNS:
        if name not in columns:
            db.execute(f"ALTER TABLE orders ADD COLUMN {name} {sql_type}")
    todo = db.execute("SELECT seq, created_at FROM orders WHERE trade_day=''").fetchall()
    if todo:
        db.execute("BEGIN")
        db.executemany("UPDATE orders SET trade_day=? WHERE seq=?",
                       [(trading_day(_parse_time(created)), seq) for seq, created in todo])
        db.execute("COMMIT")


def set_aside(path: Path) -> Path:
    """Rename a damaged journal (and its WAL and shared-memory files) out of the way."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.replace(Path(str(target) + suffix))
    path.replace(target)
    return target
