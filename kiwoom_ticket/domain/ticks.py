"""KRX tick sizes (호가가격단위, in force since 2023-01-25) and daily price limits.

Prices are whole won (int). The tick table is unified for KOSPI, KOSDAQ and KONEX.
"""

from __future__ import annotations

# (exclusive upper bound, tick). The last row has no bound.
TICK_TABLE: tuple[tuple[int | None, int], ...] = (
    (2_000, 1),
    (5_000, 5),
    (20_000, 10),
    (50_000, 50),
    (200_000, 100),
    (500_000, 500),
    (None, 1_000),
)

DAILY_LIMIT_PERCENT = 30


def tick_size(price: int) -> int:
    """The tick that applies at `price`."""
    if price < 0:
        raise ValueError("price must not be negative")
    for bound, tick in TICK_TABLE:
        if bound is None or price < bound:
            return tick
    raise AssertionError("unreachable")


def is_on_tick(price: int) -> bool:
    return price > 0 and price % tick_size(price) == 0


def round_down_to_tick(price: int) -> int:
    return price - price % tick_size(price)


def round_up_to_tick(price: int) -> int:
    down = round_down_to_tick(price)
    if down == price:
        return price
    # The next grid point above `down` uses the tick at `down`; if that crosses a band
    # boundary it lands exactly on the boundary, which is on both grids.
    return down + tick_size(down)


def round_to_tick(price: int) -> int:
    """Nearest price on the grid; a tie goes up, as HTS price fields do."""
    down, up = round_down_to_tick(price), round_up_to_tick(price)
    return down if price - down < up - price else up


def step_ticks(price: int, n: int) -> int:
    """Move `n` ticks up (n > 0) or down (n < 0) from `price`, snapping first.

    Each step uses the tick of the band it moves through, so 2,000 - 1 tick is 1,999
    and 1,999 + 1 tick is 2,000. Never goes below the smallest tick.
    """
    if n > 0:
        p = round_up_to_tick(price) if not is_on_tick(price) else price
        if p != price:
            n -= 1
        for _ in range(n):
            p += tick_size(p)
        return p
    p = round_down_to_tick(price) if price > 0 and not is_on_tick(price) else price
    if p != price:
        n += 1
    for _ in range(-n):
        if p <= 1:
            return 1
        p -= tick_size(p - 1)
    return max(p, 1)


def ticks_between(a: int, b: int) -> int:
    """How many ticks lie between two on-grid prices (signed, b relative to a).

    The steps a walk of `p += tick_size(p)` from the lower to the higher price takes,
    counted a band at a time (it runs on every check of a typed price: a price 29% off a
    1,000-won stock is ~290 ticks, and a walk of them took ~20 µs)."""
    if a == b:
        return 0
    sign = 1 if b > a else -1
    lo, hi = (a, b) if a < b else (b, a)
    if lo < 0:
        raise ValueError("price must not be negative")
    count, p = 0, lo
    while p < hi:
        bound, tick = next((b, t) for b, t in TICK_TABLE if b is None or p < b)
        end = hi if bound is None else min(hi, bound)
        steps = -(-(end - p) // tick)  # ceil: the walk's steps while in this band
        count += steps
        p += steps * tick
    return sign * count


def price_limits(base_price: int, percent: int = DAILY_LIMIT_PERCENT) -> tuple[int, int]:
    """(lower, upper) daily limit from the base price (기준가, usually yesterday's close).

    KRX: the width is base x 30% truncated to the base price's tick; the upper limit is
    base + width truncated to its own tick; the lower limit is base - width.
    Base 135,300 gives (94,800, 175,800).
    """
    if base_price <= 0:
        raise ValueError("base price must be positive")
    tick = tick_size(base_price)
    width = base_price * percent // 100 // tick * tick
    upper = round_down_to_tick(base_price + width)
    lower = max(round_up_to_tick(base_price - width), 1)
    return lower, upper
