"""Driving the 호가창 as a trader's mouse does: through the window (the platform's path),
so the ladder gets Enter and Leave, and a double-click comes as press, release,
double-click, release. Book moves come from the practice market (the stream and the
poll carry them to the ladder) or as the live stream's 0D frame."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.ticks import step_ticks

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def _at(window, view, point: QPoint) -> QPoint:
    return view.mapTo(window, point)


def pointer_to(window, view, point: QPoint) -> None:
    QTest.mouseMove(window.windowHandle(), _at(window, view, point))


def pointer_away(window) -> None:
    """Onto the order log, away from the ladder."""
    log = window.lists
    QTest.mouseMove(window.windowHandle(), log.mapTo(window, log.rect().center()))


def click_at(window, view, point: QPoint) -> None:
    QTest.mouseClick(window.windowHandle(), LEFT, NONE, _at(window, view, point))


def press_at(window, view, point: QPoint) -> None:
    QTest.mousePress(window.windowHandle(), LEFT, NONE, _at(window, view, point))


def release_at(window, view, point: QPoint) -> None:
    QTest.mouseRelease(window.windowHandle(), LEFT, NONE, _at(window, view, point))


def double_click_at(window, view, point: QPoint) -> None:
    QTest.mouseDClick(window.windowHandle(), LEFT, NONE, _at(window, view, point))


def move_market(practice_sim, code: str, ticks: int) -> int:
    """The practice market's last price `ticks` ticks away; returns it."""
    price = step_ticks(practice_sim.market.price(code), ticks)
    practice_sim.market.set_price(code, price)
    return price


def painted_prices(view) -> list[int]:
    return [r.price for r in view.painted_rows]


def caught_up(view) -> bool:
    """What is painted is what the ladder holds (no paint pending)."""
    return list(view.painted_rows) == list(view.rows)


def depth_values(asks: list[tuple[int, int]], bids: list[tuple[int, int]]) -> dict:
    """A 0D 주식호가잔량 frame's values: asks 41.. (qty 61..), bids 51.. (qty 71..)."""
    values = {}
    for n, (price, qty) in enumerate(asks, start=1):
        values[str(40 + n)], values[str(60 + n)] = f"+{price}", str(qty)
    for n, (price, qty) in enumerate(bids, start=1):
        values[str(50 + n)], values[str(70 + n)] = f"+{price}", str(qty)
    values["121"] = str(sum(q for _p, q in asks))
    values["125"] = str(sum(q for _p, q in bids))
    return values


def book_around(price: int, shift: int = 0, qty: int = 100) -> dict:
    """A ten-level 0D book a tick either side of `price` moved `shift` ticks."""
    centre = step_ticks(price, shift)
    asks = [(step_ticks(centre, n), qty + n) for n in range(1, 11)]
    bids = [(step_ticks(centre, -n), qty + n) for n in range(1, 11)]
    return depth_values(asks, bids)
