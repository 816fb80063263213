"""The kill switch in the window: the shortcut engages it at once, the title and each
ticket say so, an order is refused before anything leaves, and only a mouse click on
its question releases it; it is still engaged after the window is built again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.ticks import step_ticks

from .helpers import answer_dialog
from .test_order_flow import wait_for_quote, wait_sent

STOCK = "005930"


@pytest.mark.expect_log("send failed")
def test_shortcut_engages_refuses_orders_and_a_mouse_click_releases(make_window, qtbot,
                                                                    practice_sim):
    window = make_window()
    kill = window.kill_switch
    assert kill.isVisible() and not kill.engaged
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+K"))
    assert kill.engaged
    assert "긴급 정지" in window.windowTitle()
    buy = window.buy_form
    label = kill.refusals[0]
    assert label.isVisible() and "긴급 정지" in label.text()

    qtbot.keyClicks(buy.stock, STOCK)
    current = wait_for_quote(qtbot, buy)
    qtbot.keyClicks(buy.quantity, "1")
    buy.price.clear()
    qtbot.keyClicks(buy.price, str(step_ticks(current, -10)))
    before = practice_sim.received("kt10000")
    qtbot.mouseClick(buy.submit_button, Qt.MouseButton.LeftButton)
    assert wait_sent(qtbot, buy) is None
    assert practice_sim.received("kt10000") == before
    assert "긴급 정지" in window.status_line.text()
    assert window.model.rowCount() == 0  # never journaled

    # The shortcut again does not release; a click asks, and only the mouse says yes.
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+K"))
    assert kill.engaged
    qtbot.mouseClick(kill.button, Qt.MouseButton.LeftButton)
    text = answer_dialog(qtbot, window, yes=False)
    assert "해제" in text and kill.engaged
    window.shutdown()
    window.close()

    again = make_window()  # a restart: the journal's file kept it
    qtbot.waitUntil(lambda: "긴급 정지" in again.windowTitle(), timeout=5_000)
    assert again.kill_switch.engaged and again.kill_switch.refusals[0].isVisible()
    qtbot.mouseClick(again.kill_switch.button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, again, yes=True)
    qtbot.waitUntil(lambda: not again.kill_switch.engaged, timeout=5_000)
    assert "긴급 정지" not in again.windowTitle()
    assert not again.kill_switch.refusals[0].isVisible()


def test_daily_limits_are_set_in_their_dialog_and_kept_per_environment(make_window, qtbot):
    window = make_window()
    kill = window.kill_switch
    qtbot.waitUntil(lambda: window.session.core.protection.store is not None, timeout=5_000)
    qtbot.mouseClick(kill.limits_button, Qt.MouseButton.LeftButton)
    dialog = kill.limits_dialog
    assert dialog is not None and "연습" in dialog.windowTitle()
    warn, block = dialog.boxes["orders"]
    warn.setValue(0)  # off
    block.setValue(7)
    dialog.accept()
    protection = window.session.core.protection
    qtbot.waitUntil(lambda: protection.limits.orders.block == 7, timeout=5_000)
    assert protection.limits.orders.warn is None
    window.shutdown()
    window.close()
    again = make_window()
    kept = again.session.core.protection
    qtbot.waitUntil(lambda: kept.store is not None, timeout=5_000)
    assert kept.limits.orders.block == 7
