"""Candles for the charts (ka10080 minutes, ka10081 days) that agree with the trading.

Today's day candle is the live quote (open, high, low, last, volume). Today's minute
candles are recorded from the live walk as it moves (the Tape). The past is generated,
deterministic for a seed: a chain of day candles backwards from yesterday's close (the
base price), weekdays only, each inside its ±30% limits; a past day's minute candles are
drawn inside that day's candle (first open, high, low and last close exactly as the day).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from kiwoom_ticket.domain.ticks import (
    price_limits,
    round_down_to_tick,
    round_to_tick,
    round_up_to_tick,
)

from .stocks import Stock

PAST_DAYS = 400  # trading days generated before today
SESSION_MINUTES = 380  # 09:00–15:20 continuous trading, then the 15:30 closing auction
MAX_TAPE = 5_000  # live minute candles kept per stock


@dataclass
class Bar:
    at: datetime  # the minute the candle ends (09:01 covers 09:00:00–09:00:59), or the day
    open: int
    high: int
    low: int
    close: int
    volume: int
    base: int  # the day's base price (yesterday's close), for signs and changes


class Tape:
    """Minute candles of the live walk, by stock, in time order."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self.bars: dict[str, list[Bar]] = {}
        self._minute: tuple[datetime | None, datetime | None] = (None, None)  # (now, its bar)

    def record(self, code: str, price: int, qty: int, base: int,
               now: datetime | None = None) -> None:
        """`now`: the caller's clock reading, when it records many trades at one time."""
        now = now or self._now()
        seen, t = self._minute
        if t is None or now != seen:
            t = (now.replace(second=0, microsecond=0) + timedelta(minutes=1)).replace(tzinfo=None)
            self._minute = (now, t)
        bars = self.bars.setdefault(code, [])
        if bars and bars[-1].at == t:
            b = bars[-1]
            b.high, b.low, b.close = max(b.high, price), min(b.low, price), price
            b.volume += qty
            return
        bars.append(Bar(t, price, price, price, price, qty, base))
        if len(bars) > MAX_TAPE:
            del bars[: len(bars) - MAX_TAPE]


def trading_days_before(day: date, n: int) -> list[date]:
    """The `n` weekdays before `day`, newest first."""
    out: list[date] = []
    d = day
    while len(out) < n:
        d -= timedelta(days=1)
        if d.weekday() < 5:
            out.append(d)
    return out


@lru_cache(maxsize=256)
def past_days(stock: Stock, seed: int, today: date) -> tuple[Bar, ...]:
    """Generated day candles before `today`, newest first; the newest closes at the base."""
    rng = random.Random(f"{seed}:{stock.code}:days")
    out: list[Bar] = []
    close = stock.base_price
    for day in trading_days_before(today, PAST_DAYS):
        change = max(-0.2, min(0.2, rng.gauss(0, 0.018)))
        prev = max(round_to_tick(int(close / (1 + change))), 1)
        lower, upper = price_limits(prev)
        close = min(max(close, lower), upper)
        opened = min(max(round_to_tick(int(prev * (1 + rng.gauss(0, 0.008)))), lower), upper)
        top, bottom = max(opened, close), min(opened, close)
        high = min(round_up_to_tick(int(top * (1 + abs(rng.gauss(0, 0.008))))), upper)
        low = max(round_down_to_tick(int(bottom * (1 - abs(rng.gauss(0, 0.008))))), lower)
        volume = int(stock.listed_shares * rng.uniform(0.0005, 0.004))
        out.append(Bar(datetime.combine(day, datetime.min.time()), opened, high, low, close,
                       volume, prev))
        close = prev
    return tuple(out)


@lru_cache(maxsize=64)
def past_minutes(stock: Stock, seed: int, today: date, index: int) -> tuple[Bar, ...]:
    """Minute candles, oldest first, of past day `index` (0: yesterday), inside its candle."""
    d = past_days(stock, seed, today)[index]
    rng = random.Random(f"{seed}:{stock.code}:{d.at:%Y%m%d}:minutes")
    n = SESSION_MINUTES + 1
    marks = {0: d.open, n - 1: d.close}
    i_high, i_low = rng.sample(range(1, n - 1), 2)
    marks[i_high], marks[i_low] = d.high, d.low
    anchors = sorted(marks.items())
    path = [d.open] * n
    for (i0, p0), (i1, p1) in itertools.pairwise(anchors):
        wander = 0.0
        for i in range(i0, i1 + 1):
            t = (i - i0) / (i1 - i0)
            wander += rng.gauss(0, (d.high - d.low) * 0.05)
            raw = p0 + (p1 - p0) * t + wander * (1 - t) * t * 4 if 0 < t < 1 else p0 + (p1 - p0) * t
            path[i] = min(max(round_to_tick(max(int(raw), 1)), d.low), d.high)
    weights = [rng.random() + 0.2 for _ in range(n)]
    total = sum(weights)
    start = datetime.combine(d.at.date(), datetime.min.time()).replace(hour=9)
    bars = []
    for i in range(n):
        opened = path[i - 1] if i else d.open
        at = start + timedelta(minutes=i + 1) if i < n - 1 else start.replace(hour=15, minute=30)
        bars.append(Bar(at, opened, max(opened, path[i]), min(opened, path[i]), path[i],
                        int(d.volume * weights[i] / total), d.base))
    return tuple(bars)


def day_bars(stock: Stock, seed: int, today: date, live: tuple[int, int, int, int, int]) -> list[Bar]:
    """Today's candle from the live (open, high, low, last, volume), then the past, newest first."""
    at = datetime.combine(today, datetime.min.time())
    return [Bar(at, *live, stock.base_price), *past_days(stock, seed, today)]


def extremes(bars: list[Bar]) -> tuple[Bar, Bar]:
    """(the candle with the highest high, the one with the lowest low); the newer on a tie."""
    return max(bars, key=lambda b: (b.high, b.at)), min(bars, key=lambda b: (b.low, -b.at.toordinal()))


def bucket(bars: list[Bar] | tuple[Bar, ...], minutes: int) -> list[Bar]:
    """Group minute candles (oldest first) into `minutes`-long ones, labelled by their end."""
    if minutes == 1:
        return list(bars)
    out: list[Bar] = []
    for b in bars:
        m = b.at.hour * 60 + b.at.minute
        end = -(-m // minutes) * minutes
        at = b.at.replace(hour=0, minute=0) + timedelta(minutes=end)
        if out and out[-1].at == at:
            o = out[-1]
            o.high, o.low, o.close = max(o.high, b.high), min(o.low, b.low), b.close
            o.volume += b.volume
        else:
            out.append(Bar(at, b.open, b.high, b.low, b.close, b.volume, b.base))
    return out
