"""What the practice exchange streams, and to whom: the REAL entries of its WebSocket.

- 00 주문체결 and 04 현물잔고: from the matching engine's observer, for every order change
  (04 after each fill), to every session that registered them.
- 0B 주식체결: a trade print on every price move and every fill of the stock, and one
  every `ws_tick_interval` by the rest of the market (not while the market is frozen).
  Market prints count in the market's volume, as the user's fills do.
- 0D 주식호가잔량: ka10004's book (api_market.book, resting orders included) after every
  move and every order change of the stock, coalesced to one snapshot per turn of the loop.
Entries are encoded once, when the change is made (under the simulator lock, on whatever
thread made it), and handed to the sessions on the exchange's loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from .core import Core
from .events import Kind, OrderEvent
from .ws_values import (
    NAMES,
    BookShot,
    Tally,
    balance_values,
    book_values,
    market_trade,
    order_values,
    print_trade,
    trade_entry,
)

if TYPE_CHECKING:
    from .ws_session import ClientConnection

log = logging.getLogger(__name__)
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
Out = list[tuple["ClientConnection", str, bool]]  # (session, encoded entry, market data?)


def entry(type_: str, item: str, values: dict[str, str]) -> str:
    """One entry of a REAL frame's data list, as Kiwoom orders its keys."""
    return f'{{"values":{_encode(values)},"type":"{type_}","name":"{NAMES[type_]}","item":"{item}"}}'


class Feed:
    def __init__(self, core: Core) -> None:
        self.core = core
        self._rng = random.Random(core.config.seed)  # its own: the price walk stays as seeded
        self._tallies: dict[str, Tally] = {}
        self._books: dict[str, BookShot] = {}
        self._last_price: dict[str, int] = {}
        self._stamp: tuple[datetime | None, str] = (None, "")  # a clock reading as HHmmss
        # Who wants what, rebuilt whole on every change (readers on other threads see
        # either the old index or the new one): account types by session, and by stock
        # code and type the sessions with the items they registered it under.
        self._account: list[tuple[ClientConnection, frozenset[str]]] = []
        self._market: dict[str, dict[str, list[tuple[ClientConnection, tuple[str, ...]]]]] = {}
        self._dirty: set[str] = set()
        self._dirty_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None
        core.engine.observe(self._on_order)
        core.market.on_move(self._on_move)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver on `loop` (call on its thread)."""
        self._loop, self._thread = loop, threading.get_ident()

    def index(self, sessions: list[ClientConnection]) -> None:
        account: list[tuple[ClientConnection, frozenset[str]]] = []
        market: dict[str, dict[str, list[tuple[ClientConnection, tuple[str, ...]]]]] = {}
        for s in sessions:
            if not s.live:
                continue
            wants = s.wants()
            types = frozenset(t for t, _ in wants if t in ("00", "04"))
            if types:
                account.append((s, types))
            by_code: dict[tuple[str, str], list[str]] = {}
            for t, item in sorted(wants):
                if t not in ("00", "04"):
                    by_code.setdefault((item.removesuffix("_NX").removesuffix("_AL"), t),
                                       []).append(item)
            for (code, t), items in by_code.items():
                market.setdefault(code, {}).setdefault(t, []).append((s, tuple(items)))
        for code in market:  # a trade's sign follows the move from here
            self._last_price.setdefault(code, self.core.market.quote(code).price)
        self._account, self._market = account, market

    def inject(self, type_: str, item: str, values: dict[str, str]) -> int:
        """Send an entry the exchange never made (tests and benches: a lying, early or
        flooding feed) to every session registered for its account type; how many."""
        text = entry(type_, item, values)
        out: Out = [(s, text, False) for s, types in self._account if type_ in types]
        self._post(out)
        return len(out)

    def flood_trades(self, code: str, count: int) -> int:
        """`count` market trades of `code` at once to its 0B subscribers (benches: a
        stock trading hard); how many entries went out."""
        subs = self._market.get(code, {}).get("0B")
        if not subs:
            return 0
        out: Out = []
        with self.core.lock:
            for _ in range(count):
                self._market_print(code, subs, 0, out)
        self._post(out)
        return len(out)

    def subscribed(self, type_: str) -> list[str]:
        return [code for code, types in self._market.items() if type_ in types]

    # --- changes (under the simulator lock, any thread) ----------------------------

    def _on_order(self, e: OrderEvent) -> None:
        account, code = self._account, e.order.stk_cd
        market = self._market.get(code)
        if not account and not market:
            return
        now = self._hhmmss()
        out: Out = []
        if account:
            order = entry("00", code, order_values(self.core, e, now))
            balance = None
            if e.kind == Kind.FILLED and any("04" in types for _, types in account):
                balance = entry("04", code, balance_values(self.core, e.order))
            for s, types in account:
                if "00" in types:
                    out.append((s, order, False))
                if balance and "04" in types:
                    out.append((s, balance, False))
        if market:
            if e.kind == Kind.FILLED and "0B" in market:
                # The user's fill is a trade of the market too (already in its volume).
                self._print(code, market["0B"], e.price, e.qty, e.order.side == "buy", now, out)
            if e.kind != Kind.REJECTED and "0D" in market:
                self._mark_dirty(code)
        self._post(out)

    def _on_move(self, code: str) -> None:
        market = self._market.get(code)
        if not market:
            return
        q = self.core.market.quote(code)
        moved = q.price - self._last_price.get(code, q.price)
        self._last_price[code] = q.price
        out: Out = []
        if "0B" in market:
            self._market_print(code, market["0B"], moved, out)
        if "0D" in market:
            self._mark_dirty(code)
        self._post(out)

    def _market_print(self, code: str, subs: list, moved: int, out: Out,
                      now: datetime | None = None) -> None:
        market = self.core.market
        q = market.quote(code)
        qty, buy = market_trade(q, self._rng, self.core.config.step_liquidity_krw, moved)
        now = now or self.core.clock.now()
        market.record_volume(code, qty, now)
        if self._stamp[0] != now:
            self._stamp = (now, now.strftime("%H%M%S"))
        self._print(code, subs, q.price, qty, buy, self._stamp[1], out)

    def _print(self, code: str, subs: list, price: int, qty: int, buy: bool, now: str,
               out: Out) -> None:
        q = self.core.market.quote(code)
        tally = self._tallies.setdefault(code, Tally())
        print_trade(q, tally, price, qty, buy)
        encoded: dict[str, str] = {}
        for s, items in subs:
            for item in items:
                if item not in encoded:
                    venue = "NXT" if item.endswith("_NX") else "KRX"
                    encoded[item] = trade_entry(item, q, tally, price, qty, buy, now, venue)
                out.append((s, encoded[item], True))

    def _mark_dirty(self, code: str) -> None:
        with self._dirty_lock:
            first = not self._dirty
            self._dirty.add(code)
        loop = self._loop
        if first and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._flush_books)  # later: one snapshot per turn

    def _flush_books(self) -> None:
        with self._dirty_lock:
            codes, self._dirty = self._dirty, set()
        out: Out = []
        with self.core.lock:
            now = self._hhmmss()
            for code in sorted(codes):
                subs = self._market.get(code, {}).get("0D")
                if not subs:
                    continue
                values, self._books[code] = book_values(self.core, code, self._books.get(code),
                                                        now)
                encoded: dict[str, str] = {}
                for s, items in subs:
                    for item in items:
                        if item not in encoded:
                            encoded[item] = entry("0D", item, values)
                        out.append((s, encoded[item], True))
        self._deliver(out)

    # --- the market's own trades (on the loop) -------------------------------------

    async def run(self) -> None:
        interval = self.core.config.ws_tick_interval
        if interval is None:
            return
        while True:
            codes = self.subscribed("0B")
            if not codes or self.core.market.frozen:
                await asyncio.sleep(max(interval, 0.05))
                continue
            await asyncio.sleep(interval)
            out: Out = []
            try:
                with self.core.lock:
                    now = self.core.clock.now()
                    for code in codes:
                        subs = self._market.get(code, {}).get("0B")
                        if subs:
                            self._market_print(code, subs, 0, out, now)
            except Exception:  # the feed goes on; the next round may do better
                log.exception("practice exchange: a round of trade prints failed")
            self._deliver(out)
            if interval == 0:
                for s in {s for s, _, _ in out}:
                    await s.room()

    def now_books(self) -> None:
        """Send a 0D of every subscribed stock (a new subscriber sees the book at once)."""
        for code in self.subscribed("0D"):
            self._mark_dirty(code)

    # --- delivery ------------------------------------------------------------------

    def _post(self, out: Out) -> None:
        if out:
            self._call(self._deliver, out)

    def _call(self, fn: Callable, *args: object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._thread:
            fn(*args)
        else:
            loop.call_soon_threadsafe(fn, *args)

    @staticmethod
    def _deliver(out: Out) -> None:
        for s, text, market_data in out:
            s.push(text, market_data)

    def _hhmmss(self) -> str:
        return self.core.clock.now().strftime("%H%M%S")
