"""Prices of the practice market: a seeded random walk on the KRX tick grid.

Every price stays inside the day's ±30% limits of its base price. Each move is
announced to listeners (the matching engine), which check resting orders. Tests
drive it by hand: `set_price`, `step`, and `freeze` (the timer stops moving prices).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from kiwoom_ticket.domain.sessions import KST
from kiwoom_ticket.domain.ticks import is_on_tick, price_limits, step_ticks

from .candles import Tape
from .stocks import Stock

# Tick moves per step and how often each is drawn.
_MOVES = (-2, -1, -1, 0, 0, 0, 1, 1, 2)


@dataclass
class Quote:
    """Today's trading in one stock."""

    stock: Stock
    lower: int
    upper: int
    price: int
    open: int
    high: int
    low: int
    volume: int = 0

    def move_to(self, price: int) -> None:
        self.price = price
        self.high = max(self.high, price)
        self.low = min(self.low, price)

    @property
    def bid(self) -> int:
        """Best bid: one tick under the last price (the practice book is one tick wide)."""
        return max(step_ticks(self.price, -1), self.lower)

    @property
    def ask(self) -> int:
        return min(step_ticks(self.price, 1), self.upper)

    @property
    def mid(self) -> int:
        """중간가: the midpoint of best bid and ask, in whole won (rounded down)."""
        return (self.bid + self.ask) // 2


class Market:
    def __init__(
        self, stocks: dict[str, Stock], seed: int | None, lock: threading.RLock,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._lock = lock
        self.seed = seed if seed is not None else 0  # the generated past needs one
        self._rng = random.Random(seed)
        self.tape = Tape(now or (lambda: datetime.now(KST)))
        self._quotes: dict[str, Quote] = {}
        for code, stock in stocks.items():
            lower, upper = price_limits(stock.base_price)
            p = stock.base_price
            self._quotes[code] = Quote(stock, lower, upper, p, p, p, p)
        self._listeners: list[Callable[[str], None]] = []
        self.frozen = False

    # --- reading -------------------------------------------------------------------

    def codes(self) -> list[str]:
        return list(self._quotes)

    def stock(self, code: str) -> Stock | None:
        q = self._quotes.get(code)
        return q.stock if q else None

    def quote(self, code: str) -> Quote:
        """The live quote (read it under the simulator lock)."""
        return self._quotes[code]

    def price(self, code: str) -> int:
        with self._lock:
            return self._quotes[code].price

    def find(self, text: str) -> Stock | None:
        """A stock by code, or by exact name."""
        if text in self._quotes:
            return self._quotes[text].stock
        return next((q.stock for q in self._quotes.values() if q.stock.name == text), None)

    # --- moving --------------------------------------------------------------------

    def on_move(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def set_price(self, code: str, price: int) -> None:
        """Put the last price at `price` (on the tick grid, inside the day's limits)."""
        with self._lock:
            q = self._quotes.get(code)
            if q is None:
                raise KeyError(code)
            if not is_on_tick(price) or not q.lower <= price <= q.upper:
                raise ValueError(
                    f"{code}: {price} must be on the tick grid within {q.lower}..{q.upper}"
                )
            q.move_to(price)
            self.tape.record(code, price, 0, q.stock.base_price)
            self._announce((code,))

    def set_base(self, code: str, base_price: int) -> None:
        """A new day's base price (권리락, 액면분할, a limit reset): the day's limits follow
        it and trading starts again at it, as on the first trade of a day."""
        with self._lock:
            q = self._quotes.get(code)
            if q is None:
                raise KeyError(code)
            if not is_on_tick(base_price):
                raise ValueError(f"{code}: base price {base_price} is off the tick grid")
            stock = replace(q.stock, base_price=base_price)
            lower, upper = price_limits(base_price)
            self._quotes[code] = Quote(stock, lower, upper, base_price, base_price, base_price,
                                       base_price)
            self.tape.record(code, base_price, 0, base_price)
            self._announce((code,))

    def step(self, codes: Iterable[str] | None = None) -> None:
        """One random-walk step for `codes` (all stocks by default), then match."""
        with self._lock:
            chosen = list(codes) if codes is not None else list(self._quotes)
            for code in chosen:
                q = self._quotes[code]
                moved = step_ticks(q.price, self._rng.choice(_MOVES))
                q.move_to(min(max(moved, q.lower), q.upper))
                self.tape.record(code, q.price, 0, q.stock.base_price)
            self._announce(chosen)

    def walk(self) -> None:
        """The timer's step: does nothing while frozen."""
        if not self.frozen:
            self.step()

    def freeze(self) -> None:
        self.frozen = True

    def unfreeze(self) -> None:
        self.frozen = False

    def record_volume(self, code: str, qty: int, now: datetime | None = None) -> None:
        q = self._quotes[code]
        q.volume += qty
        self.tape.record(code, q.price, qty, q.stock.base_price, now)

    def _announce(self, codes: Iterable[str]) -> None:
        # Even an unchanged price is a new step: resting orders get another share of liquidity.
        for code in codes:
            for listener in self._listeners:
                listener(code)

    # --- persistence ---------------------------------------------------------------

    def to_dict(self) -> dict:
        with self._lock:
            return {
                code: {"price": q.price, "open": q.open, "high": q.high, "low": q.low,
                       "volume": q.volume}
                for code, q in self._quotes.items()
            }

    def restore(self, data: dict) -> None:
        with self._lock:
            for code, row in data.items():
                q = self._quotes.get(code)
                if q is None or not q.lower <= int(row["price"]) <= q.upper:
                    continue  # the stock list or its base price changed: start fresh
                q.price, q.open = int(row["price"]), int(row["open"])
                q.high, q.low, q.volume = int(row["high"]), int(row["low"]), int(row["volume"])
