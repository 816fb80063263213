"""Issue 24, geometry: the pure fitting rules (two saved states, two screen sizes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiwoom_ticket.ui.screen_fit import Box, Frame, fit_window, proportional_sizes

TITLE = Frame(left=1, top=30, right=1, bottom=1)
BIG = Box(0, 0, 1920, 1040)  # 1920x1080 minus a taskbar
LAPTOP = Box(0, 0, 1280, 680)  # 1280x720 minus a taskbar


def frame_inside(box: Box, area: Box, frame: Frame) -> bool:
    return (box.x - frame.left >= area.x and box.y - frame.top >= area.y
            and box.x + box.width + frame.right <= area.x + area.width
            and box.y + box.height + frame.bottom <= area.y + area.height)


def test_the_default_fits_with_its_title_bar_and_is_centred():
    box = fit_window(LAPTOP, TITLE)
    assert frame_inside(box, LAPTOP, TITLE)
    assert box.height == 680 - 31  # the status bar is on the screen, not below its edge
    assert box.width == 1278
    big = fit_window(BIG, TITLE)
    assert (big.width, big.height) == (1320, 760) and frame_inside(big, BIG, TITLE)


def test_a_state_saved_on_a_big_screen_is_scaled_not_squashed():
    saved = Box(100, 60, 1800, 960)  # nearly all of the 1920x1080 display
    box = fit_window(LAPTOP, TITLE, saved, saved_area=(1920, 1040))
    assert frame_inside(box, LAPTOP, TITLE)
    assert box.width >= 1024 and box.height >= 680 - 31  # never 748x480
    small_saved = Box(50, 50, 1100, 720)  # a modest window on the big screen
    box = fit_window(LAPTOP, TITLE, small_saved, saved_area=(1920, 1040))
    assert box.width >= 1024 and frame_inside(box, LAPTOP, TITLE)


def test_a_state_saved_on_the_same_screen_is_kept():
    saved = Box(200, 100, 1200, 800)
    assert fit_window(BIG, TITLE, saved, saved_area=(1920, 1040)) == saved
    off = Box(1800, 900, 1200, 800)  # was on a second monitor to the right
    box = fit_window(BIG, TITLE, off, saved_area=(1920, 1040))
    assert frame_inside(box, BIG, TITLE) and (box.width, box.height) == (1200, 800)


def test_the_minimum_is_honoured_unless_the_screen_is_smaller():
    tiny = Box(10, 10, 500, 300)
    box = fit_window(BIG, TITLE, tiny, saved_area=(1920, 1040))
    assert (box.width, box.height) == (1024, 700)
    small_screen = Box(0, 0, 800, 600)
    assert frame_inside(fit_window(small_screen, TITLE, tiny), small_screen, TITLE)


@given(st.integers(300, 4000), st.integers(300, 2500), st.integers(-3000, 3000),
       st.integers(-3000, 3000), st.integers(100, 5000), st.integers(100, 3000))
def test_any_saved_state_ends_inside_the_screen(aw, ah, x, y, w, h):
    area = Box(0, 0, aw, ah)
    box = fit_window(area, TITLE, Box(x, y, w, h), saved_area=(3840, 2160))
    assert frame_inside(box, area, TITLE)
    assert box.width >= min(1024, aw - 2) and box.height >= min(700, ah - 31)


def test_splitter_sizes_keep_their_shares_and_minimums():
    assert proportional_sizes([0.3, 0.2, 0.5], 1000, [0, 0, 0]) == [300, 200, 500]
    sizes = proportional_sizes([0.45, 0.15, 0.40], 1000, [420, 200, 300])
    assert sum(sizes) == 1000 and sizes[0] >= 420 and sizes[1] >= 200 and sizes[2] >= 300


def test_a_default_window_stays_where_the_window_system_put_it_if_it_fits():
    box = fit_window(BIG, TITLE, placed=(100, 80))
    assert (box.x, box.y) == (100, 80) and frame_inside(box, BIG, TITLE)
    box = fit_window(LAPTOP, TITLE, placed=(600, 300))  # too far right and down: moved in
    assert frame_inside(box, LAPTOP, TITLE)
