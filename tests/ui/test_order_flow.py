"""Buy -> modify -> cancel, driven through the widgets against the practice exchange."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.order_log_model import Column
from kiwoom_ticket.ui.theme import LINEAGE_TINT

from .helpers import confirmed

STOCK = "005930"


def click_row(qtbot, window, row: int) -> None:
    table = window.log_view.table
    rect = table.visualRect(window.model.index(row, int(Column.STOCK)))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def wait_for_quote(qtbot, form) -> int:
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return form.current_price()


def wait_sent(qtbot, form) -> list:
    qtbot.waitUntil(lambda: form.last_task is not None and form.last_task.done(),
                    timeout=15_000)
    return form.last_task.result()


def test_buy_modify_cancel_through_the_widgets(window, qtbot, practice_sim):
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    qtbot.keyClicks(buy.stock, STOCK)
    current = wait_for_quote(qtbot, buy)
    assert "삼성전자" in buy.stock_info.text()
    qtbot.keyClicks(buy.quantity, "3")
    buy.price.clear()
    qtbot.keyClicks(buy.price, str(step_ticks(current, -10)))  # rests below the market
    qtbot.mouseClick(buy.submit_button, Qt.MouseButton.LeftButton)
    bought = wait_sent(qtbot, buy)[0]
    assert bought.status is OrderStatus.ACCEPTED and bought.ord_no
    row = window.model.row_of(bought.local_id)
    assert window.model.index(row, int(Column.ORD_NO)).data() == bought.ord_no
    assert window.model.index(row, int(Column.STATUS)).data() == "접수"

    # Selecting the row fills the modify and cancel tabs.
    click_row(qtbot, window, row)
    modify = window.modify_form
    assert modify.orig_ord_no.text() == bought.ord_no
    assert modify.stock.text() == STOCK
    assert modify.exchange.value() == "KRX"
    assert modify.price.text() == str(bought.price)
    window.tabs.setCurrentWidget(modify)
    new_price = step_ticks(current, -12)
    modify.price.clear()
    qtbot.keyClicks(modify.price, str(new_price))
    qtbot.mouseClick(modify.submit_button, Qt.MouseButton.LeftButton)
    modified = confirmed(qtbot, window, modify.last_task)[0]
    assert modified.status is OrderStatus.ACCEPTED
    assert modified.ord_no and modified.ord_no != bought.ord_no
    assert modified.orig_ord_no == bought.ord_no
    assert modified.root_ord_no == bought.ord_no
    mrow = window.model.row_of(modified.local_id)
    assert mrow == row + 1  # a new row; the original is updated in place
    assert window.model.index(mrow, int(Column.ORIG_ORD_NO)).data() == bought.ord_no
    assert window.model.index(mrow, int(Column.ROOT_ORD_NO)).data() == bought.ord_no
    assert window.model.index(row, int(Column.STATUS)).data() == "정정됨"

    click_row(qtbot, window, mrow)
    cancel = window.cancel_form
    assert cancel.orig_ord_no.text() == modified.ord_no
    window.tabs.setCurrentWidget(cancel)
    cancel.quantity.clear()
    qtbot.keyClicks(cancel.quantity, "0")
    qtbot.mouseClick(cancel.submit_button, Qt.MouseButton.LeftButton)
    # The cancel asks, naming the order, and says 취소; a click on its 예 sends it.
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=10_000)
    box = window.dialogs.current
    assert modified.ord_no in box.text() and "이 주문을 취소하시겠습니까?" in box.text()
    yes = next(b for b in box.buttons() if box.buttonRole(b).name == "YesRole")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    cancelled = wait_sent(qtbot, cancel)[0]
    assert cancelled.action is Action.CANCEL
    assert cancelled.status is OrderStatus.CANCELLED
    crow = window.model.row_of(cancelled.local_id)
    assert window.model.index(crow, int(Column.STATUS)).data() == "취소됨"
    assert window.model.index(mrow, int(Column.STATUS)).data() == "취소됨"

    # The whole chain is tinted when one of its rows is selected.
    click_row(qtbot, window, crow)
    for r in (row, mrow, crow):
        assert window.model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole).color() == LINEAGE_TINT
    # The exchange saw exactly one of each, with the remainder cancelled.
    orders = {o["ord_no"]: o for o in practice_sim.orders()}
    assert bought.ord_no in orders and modified.ord_no in orders


def test_enter_sends_and_escape_clears(window, qtbot):
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    qtbot.keyClicks(buy.stock, STOCK)
    current = wait_for_quote(qtbot, buy)
    buy.price.setText(str(step_ticks(current, -20)))
    qtbot.keyClicks(buy.quantity, "1")
    QTest.keyClick(buy.quantity, Qt.Key.Key_Return)
    records = wait_sent(qtbot, buy)
    assert records[0].status is OrderStatus.ACCEPTED
    QTest.keyClick(buy.quantity, Qt.Key.Key_Escape)
    assert buy.quantity.text() == buy.price.text() == buy.stock.text() == ""


def test_history_is_shown_after_reconnecting(window, qtbot, make_window):
    buy = window.buy_form
    buy.stock.setText(STOCK)
    current = wait_for_quote(qtbot, buy)
    buy.quantity.setText("1")
    buy.price.setText(str(step_ticks(current, -20)))
    sent = run_submit(qtbot, buy)
    window.shutdown()
    again = make_window()
    qtbot.waitUntil(lambda: again.model.row_of(sent[0].local_id) is not None)
    assert again.model.record(again.model.row_of(sent[0].local_id)).ord_no == sent[0].ord_no


def run_submit(qtbot, form):
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def test_enter_from_a_combo_sends_but_enter_on_clear_only_clears(window, qtbot, practice_sim):
    buy = window.buy_form
    buy.stock.setText(STOCK)
    current = wait_for_quote(qtbot, buy)
    buy.quantity.setText("1")
    buy.price.setText(str(step_ticks(current, -20)))
    received = practice_sim.received("kt10000")
    buy.clear_button.setFocus()
    qtbot.waitUntil(buy.clear_button.hasFocus)
    QTest.keyClick(buy.clear_button, Qt.Key.Key_Return)
    assert buy.quantity.text() == "" and buy.last_task is None
    buy.stock.setText(STOCK)
    wait_for_quote(qtbot, buy)
    buy.quantity.setText("1")
    buy.price.setText(str(step_ticks(current, -20)))
    buy.trade_type.setFocus()
    QTest.keyClick(buy.trade_type, Qt.Key.Key_Return)
    assert wait_sent(qtbot, buy)[0].status is OrderStatus.ACCEPTED
    assert practice_sim.received("kt10000") == received + 1
