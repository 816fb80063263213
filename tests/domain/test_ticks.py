"""KRX tick grid and daily limits at every band boundary, with hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiwoom_ticket.domain.ticks import (
    is_on_tick,
    price_limits,
    round_down_to_tick,
    round_to_tick,
    round_up_to_tick,
    step_ticks,
    tick_size,
    ticks_between,
)

# (last grid price below the boundary, the boundary, first grid price above it,
#  tick below, tick from the boundary on). Table: kiwoom-rest-notes.md 7.1.
BOUNDARIES = [
    (1_999, 2_000, 2_005, 1, 5),
    (4_995, 5_000, 5_010, 5, 10),
    (19_990, 20_000, 20_050, 10, 50),
    (49_950, 50_000, 50_100, 50, 100),
    (199_900, 200_000, 200_500, 100, 500),
    (499_500, 500_000, 501_000, 500, 1_000),
]
IDS = [f"{b:,}" for _, b, *_ in BOUNDARIES]


@pytest.mark.parametrize(("below", "boundary", "above", "low", "high"), BOUNDARIES, ids=IDS)
def test_tick_size_changes_exactly_at_the_boundary(below, boundary, above, low, high):
    assert tick_size(below) == low
    assert tick_size(boundary - 1) == low
    assert tick_size(boundary) == high
    assert tick_size(above) == high


@pytest.mark.parametrize(("below", "boundary", "above", "low", "high"), BOUNDARIES, ids=IDS)
def test_grid_points_either_side_are_on_tick(below, boundary, above, low, high):
    assert is_on_tick(below)
    assert is_on_tick(boundary)
    assert is_on_tick(above)


@pytest.mark.parametrize(
    "price",
    [2_001, 2_004, 4_996, 4_999, 5_001, 5_005, 19_995, 20_010, 49_960, 50_050,
     199_950, 200_100, 499_600, 500_500],
)
def test_prices_between_grid_points_are_off_tick(price):
    assert not is_on_tick(price)


@pytest.mark.parametrize("price", [0, -5])
def test_zero_and_negative_are_never_on_tick(price):
    assert not is_on_tick(price)


def test_tick_size_refuses_negative_prices():
    with pytest.raises(ValueError):
        tick_size(-1)


@pytest.mark.parametrize(("below", "boundary", "above", "low", "high"), BOUNDARIES, ids=IDS)
def test_step_ticks_up_and_down_across_the_boundary(below, boundary, above, low, high):
    assert step_ticks(below, 1) == boundary
    assert step_ticks(below, 2) == above
    assert step_ticks(boundary, 1) == above
    assert step_ticks(boundary, -1) == below
    assert step_ticks(above, -1) == boundary
    assert step_ticks(above, -2) == below
    assert step_ticks(below, -1) == below - low
    assert step_ticks(boundary, 0) == boundary


@pytest.mark.parametrize(("below", "boundary", "above", "low", "high"), BOUNDARIES, ids=IDS)
def test_ticks_between_counts_across_the_boundary(below, boundary, above, low, high):
    assert ticks_between(below, boundary) == 1
    assert ticks_between(below, above) == 2
    assert ticks_between(above, below) == -2
    assert ticks_between(boundary, boundary) == 0


@pytest.mark.parametrize(
    ("price", "down", "up"),
    [
        (4_996, 4_995, 5_000),
        (5_001, 5_000, 5_010),
        (19_991, 19_990, 20_000),
        (20_001, 20_000, 20_050),
        (499_501, 499_500, 500_000),
        (500_001, 500_000, 501_000),
        (2_000, 2_000, 2_000),
    ],
)
def test_round_down_and_up_near_boundaries(price, down, up):
    assert round_down_to_tick(price) == down
    assert round_up_to_tick(price) == up


@pytest.mark.parametrize(
    ("price", "nearest"),
    [
        (1_999, 1_999),
        (2_001, 2_000),
        (2_003, 2_005),
        (4_997, 4_995),
        (4_998, 5_000),
        (5_004, 5_000),
        (5_005, 5_010),  # a tie goes up
        (19_994, 19_990),
        (19_995, 20_000),  # tie
        (20_024, 20_000),
        (20_025, 20_050),  # tie
        (49_974, 49_950),
        (49_975, 50_000),  # tie
        (50_049, 50_000),
        (50_050, 50_100),  # tie
        (199_949, 199_900),
        (199_950, 200_000),  # tie
        (200_249, 200_000),
        (200_250, 200_500),  # tie
        (499_749, 499_500),
        (499_750, 500_000),  # tie
        (500_499, 500_000),
        (500_500, 501_000),  # tie
    ],
)
def test_round_to_tick_picks_the_nearest_grid_price(price, nearest):
    assert round_to_tick(price) == nearest


def test_step_ticks_snaps_an_off_grid_price_as_its_first_step():
    assert step_ticks(4_997, 1) == 5_000
    assert step_ticks(4_997, -1) == 4_995
    assert step_ticks(5_003, 2) == 5_020


def test_step_ticks_never_goes_below_one_won():
    assert step_ticks(3, -5) == 1
    assert step_ticks(1, -1) == 1


@pytest.mark.parametrize(
    ("base", "limits"),
    [
        # The spec's own example (ka10007): width 40,590 truncated to the 100 tick = 40,500.
        (135_300, (94_800, 175_800)),
        # Tick 10: width 3,000 exactly.
        (10_000, (7_000, 13_000)),
        # Tick 1: width 300.
        (1_000, (700, 1_300)),
        # Tick 5: 30% is 1,498.5 -> 1,498 -> truncated to the 5 tick = 1,495;
        # upper 6,490 is already on the 10 grid; lower 3,500.
        (4_995, (3_500, 6_490)),
        # Tick 10: width 5,061 -> 5,060; upper 21,930 is in the 50 band -> 21,900;
        # lower 11,810.
        (16_870, (11_810, 21_900)),
        # Tick 100: width 15,000; lower 35,000 sits in the 50 band and stays as is.
        (50_000, (35_000, 65_000)),
        # Tick 500: width 135,150 -> 135,000; upper 585,500 is in the 1,000 band -> 585,000;
        # lower 315,500.
        (450_500, (315_500, 585_000)),
    ],
)
def test_price_limits_hand_computed(base, limits):
    assert price_limits(base) == limits


def test_price_limits_take_another_percentage():
    # KONEX is +-15%: width 1,500 on a 10-won tick.
    assert price_limits(10_000, percent=15) == (8_500, 11_500)


@pytest.mark.parametrize("base", [0, -100])
def test_price_limits_refuse_a_non_positive_base(base):
    with pytest.raises(ValueError):
        price_limits(base)


def _walked(a: int, b: int) -> int:
    """ticks_between's definition: the steps of a walk up the grid, one tick at a time."""
    lo, hi = min(a, b), max(a, b)
    count, p = 0, lo
    while p < hi:
        p += tick_size(p)
        count += 1
    return count if b >= a else -count


@given(a=st.integers(0, 1_200_000), b=st.integers(0, 1_200_000))
def test_ticks_between_counts_as_the_one_tick_walk_does(a, b):
    # Counted a band at a time (issue 26: it runs on every check of a typed price), it
    # must still be the walk's count, on the grid or off it, across every band.
    assert ticks_between(a, b) == _walked(a, b)
