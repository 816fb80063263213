"""A Cancel tab whose quantity field was emptied, on an open order: the field says what is
missing and nothing leaves. (Found by mypy: the open-quantity check compared None with an
int, so the click ended in "send failed: TypeError" instead of the field's message.)"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field

from .test_order_flow import STOCK, click_row, wait_for_quote, wait_sent


def test_cancel_with_an_empty_quantity_names_the_field_and_sends_nothing(
        window, qtbot, practice_sim):
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    qtbot.keyClicks(buy.stock, STOCK)
    current = wait_for_quote(qtbot, buy)
    qtbot.keyClicks(buy.quantity, "3")
    buy.price.clear()
    qtbot.keyClicks(buy.price, str(step_ticks(current, -10)))  # rests below the market
    qtbot.mouseClick(buy.submit_button, Qt.MouseButton.LeftButton)
    bought = wait_sent(qtbot, buy)[0]
    click_row(qtbot, window, window.model.row_of(bought.local_id))
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    assert cancel.orig_ord_no.text() == bought.ord_no
    cancel.quantity.clear()

    qtbot.mouseClick(cancel.submit_button, Qt.MouseButton.LeftButton)

    box = cancel.boxes[Field.QUANTITY]
    qtbot.waitUntil(lambda: bool(box.message.text()), timeout=5_000)
    assert "수량" in box.message.text()
    assert window.dialogs.current is None  # no question: nothing about to leave
    assert [o["ord_no"] for o in practice_sim.orders()] == [bought.ord_no]
