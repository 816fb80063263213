"""Where the window goes and how big it is, as plain arithmetic (no Qt, tested directly):
a saved or default size is brought inside the screen's free area with its title bar and
frame; one saved on a bigger screen is scaled to the same share of the smaller one (a
window that filled a 1920x1080 display fills a 1280x720 one), never squashed below the
smallest size the panels are laid out for (1024x700), unless the screen itself is smaller."""

from __future__ import annotations

from typing import NamedTuple


class Box(NamedTuple):
    x: int
    y: int
    width: int
    height: int


class Frame(NamedTuple):
    """The window decoration around the client area: borders and title bar."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0


MINIMUM = (1024, 700)
DEFAULT = (1320, 760)


NO_FRAME = Frame()


def fit_window(area: Box, frame: Frame = NO_FRAME, saved: Box | None = None,
               saved_area: tuple[int, int] | None = None,
               minimum: tuple[int, int] = MINIMUM,
               default: tuple[int, int] = DEFAULT,
               placed: tuple[int, int] | None = None) -> Box:
    """The client rectangle for a window on a screen whose free area is `area`.

    `saved`: the client rectangle from the last run, `saved_area`: the free area's size
    then. None of either: the default size, where the window system `placed` it (moved
    only as far as it must to fit), or centred when that is unknown."""
    room_w = max(1, area.width - frame.left - frame.right)
    room_h = max(1, area.height - frame.top - frame.bottom)
    if saved is None:
        width, height = default
    else:
        width, height = saved.width, saved.height
        if saved_area is not None and (saved_area[0] > area.width or saved_area[1] > area.height):
            # The same share of the smaller screen, each way.
            width = round(width * min(1.0, area.width / max(1, saved_area[0])))
            height = round(height * min(1.0, area.height / max(1, saved_area[1])))
    # Never below the panels' own minimum, unless the screen is smaller still.
    width = min(max(width, min(minimum[0], room_w)), room_w)
    height = min(max(height, min(minimum[1], room_h)), room_h)
    if saved is None and placed is not None:
        x, y = placed
    elif saved is None:
        x = area.x + frame.left + (room_w - width) // 2
        y = area.y + frame.top + (room_h - height) // 2
    else:
        x, y = saved.x, saved.y
    # The whole frame inside the free area: title bar at the top, status bar at the bottom.
    x = min(max(x, area.x + frame.left), area.x + area.width - frame.right - width)
    y = min(max(y, area.y + frame.top), area.y + area.height - frame.bottom - height)
    return Box(x, y, width, height)


def proportional_sizes(fractions: list[float], total: int, minimums: list[int]) -> list[int]:
    """Splitter sizes that keep each pane's share of `total`, each at least its minimum
    (taken from the largest panes when the shares fall short), summing to `total`."""
    if not fractions or total <= 0:
        return []
    share = sum(fractions) or 1.0
    sizes = [max(0, round(total * f / share)) for f in fractions]
    for i, least in enumerate(minimums):
        if sizes[i] < least:
            sizes[i] = least
    excess = sum(sizes) - total
    while excess > 0:
        # Take from whichever pane is furthest above its minimum.
        room = [s - m for s, m in zip(sizes, minimums, strict=True)]
        i = max(range(len(sizes)), key=lambda k: room[k])
        if room[i] <= 0:
            break
        cut = min(excess, room[i])
        sizes[i] -= cut
        excess -= cut
    if excess < 0:
        sizes[-1] -= excess
    return sizes
