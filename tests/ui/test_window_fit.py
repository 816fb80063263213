"""Issue 24, geometry with the real window: a state saved on a 1920x1080 display opens
on a 1280x720 laptop at the laptop's size with every pane in proportion (it opened at
748x480 with the account panel squashed to a sliver), and the other way round."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.ui.window_geometry import WindowGeometry

BIG = QRect(0, 0, 1920, 1040)
LAPTOP = QRect(0, 0, 1280, 680)


def settle(qtbot, window) -> None:
    placement = window.placement
    qtbot.waitUntil(lambda: placement.fitted and placement.saved_box is None, timeout=2_000)
    for _ in range(3):
        QApplication.processEvents()


def on_screen(monkeypatch, area: QRect) -> None:
    monkeypatch.setattr(WindowGeometry, "available_area", lambda self: QRect(area))


def inside(window, area: QRect) -> bool:
    return area.contains(window.frameGeometry())


@pytest.mark.parametrize(("first", "second"), [(BIG, LAPTOP), (LAPTOP, BIG)])
def test_a_saved_state_from_another_screen_fits_in_proportion(make_window, qtbot, monkeypatch,
                                                             first, second):
    on_screen(monkeypatch, first)
    window = make_window(connect=False)
    settle(qtbot, window)
    window.setGeometry(first.adjusted(40, 40, -40, -40))  # nearly the whole screen
    QApplication.processEvents()
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([int(total * 0.35), int(total * 0.2), total - int(total * 0.55)])
    left = sum(window.left_splitter.sizes())
    window.left_splitter.setSizes([int(left * 0.7), left - int(left * 0.7)])
    shares = [s / sum(window.splitter.sizes()) for s in window.splitter.sizes()]
    account_share = window.left_splitter.sizes()[1] / sum(window.left_splitter.sizes())
    window.shutdown()

    on_screen(monkeypatch, second)
    again = make_window(connect=False)
    settle(qtbot, again)
    assert inside(again, second)  # title bar and status bar on the screen
    assert again.width() >= min(1024, second.width()) and again.height() >= 680 - 40
    if second.width() > first.width():
        assert again.width() <= second.width() - 80  # kept, not blown up
    now = [s / sum(again.splitter.sizes()) for s in again.splitter.sizes()]
    for was, is_ in zip(shares, now, strict=True):
        assert abs(was - is_) < 0.08, (shares, now)
    account = again.left_splitter.sizes()[1] / sum(again.left_splitter.sizes())
    assert abs(account - account_share) < 0.08 and again.account_panel.height() > 100


def test_the_default_window_fits_a_laptop_with_its_status_bar(make_window, qtbot, monkeypatch):
    on_screen(monkeypatch, LAPTOP)
    window = make_window(connect=False)
    settle(qtbot, window)
    assert inside(window, LAPTOP)
    status_bottom = window.statusBar().mapTo(window, window.statusBar().rect().bottomLeft())
    assert window.mapToGlobal(status_bottom).y() <= LAPTOP.bottom()
    assert window.minimumWidth() == 1024 and 660 <= window.minimumHeight() <= 680
