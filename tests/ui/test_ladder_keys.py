"""The keyboard's way to the 호가창: F6 (shown in its hint) and Tab reach it, Up/Down
move the level and the ticket's price follows, and no key sends an order from it. Keys
go through the window, as a keyboard's do (shortcuts included)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .test_ladder import ladder_for


def key(window, k: Qt.Key) -> None:
    QTest.keyClick(window.windowHandle(), k)


def test_f6_gives_the_ladder_the_keys_and_no_key_there_sends(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    buy.quantity.setText("1")
    buy.quantity.setFocus()
    qtbot.waitUntil(buy.quantity.hasFocus)
    hint = window.ladder.panel.hint
    assert "F6" in hint.text()  # the way in is on screen
    sent = practice_sim.received("kt10000")
    key(window, Qt.Key.Key_F6)
    qtbot.waitUntil(view.hasFocus)
    assert "↑↓" in hint.text() and "Enter: 주문창에 가격" in hint.text()
    key(window, Qt.Key.Key_Down)  # from the best bid
    price = view.focused_price()
    assert price in (view.depth.bids[0].price, view.depth.bids[1].price)
    assert buy.price.text() == str(price)  # the ticket follows
    key(window, Qt.Key.Key_Down)
    assert view.focused_price() != price and buy.price.text() == str(view.focused_price())
    key(window, Qt.Key.Key_Up)
    key(window, Qt.Key.Key_Up)
    key(window, Qt.Key.Key_Up)
    assert buy.price.text() == str(view.focused_price())
    assert view.focused_price() > view.depth.bids[0].price  # up into the asks
    for _ in range(5):  # a burst of Enter: the price again, never an order
        key(window, Qt.Key.Key_Return)
    for _ in range(5):  # held down: the keyboard's auto-repeat
        QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                               Qt.KeyboardModifier.NoModifier, "\r", True))
    assert buy.last_task is None and window.dialogs.current is None
    assert practice_sim.received("kt10000") == sent
    assert view.hasFocus()
    key(window, Qt.Key.Key_F6)  # and back to the ticket
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert QApplication.focusWidget() is buy.price


def test_tab_reaches_the_ladder_from_the_ticket(window, qtbot):
    view = ladder_for(qtbot, window)
    window.buy_form.quantity.setFocus()
    qtbot.waitUntil(window.buy_form.quantity.hasFocus)
    for _ in range(36):
        key(window, Qt.Key.Key_Tab)
        if view.hasFocus():
            break
    assert view.hasFocus(), type(QApplication.focusWidget()).__name__
