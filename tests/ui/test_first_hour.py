"""Issue 11, "the first hour with the ticket": what a trader tripped over, driven through
the real widgets against the practice exchange. Nothing the app already knows is wrong
is sent; the quote stays true and the form stays put; confirmations and messages say
what happened, once, in plain words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS, Tier
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.service import Quote
from kiwoom_ticket.service import app_session as session_module
from kiwoom_ticket.ui import theme
from kiwoom_ticket.ui.order_log_model import Column
from kiwoom_ticket.ui.precaution_store import save_precautions
from kiwoom_ticket.ui.quote_line import change_text
from kiwoom_ticket.ui.settings_store import open_settings

from .helpers import answer_dialog, confirmed

STOCK = "005930"  # 삼성전자
OTHER = "055550"  # 신한지주
NO_SUCH_STOCK = "000001"


def quoted(qtbot, form, code: str = STOCK) -> int:
    form.stock.setText(code)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return form.current_price()


def finish(qtbot, task, timeout: int = 15_000):
    assert task is not None
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def enter(qtbot, form, widget=None):
    """Press Enter in a field of `form`, as a trader does; returns the send's result."""
    widget = widget or form.quantity
    QTest.keyClick(widget, Qt.Key.Key_Return)
    return finish(qtbot, form.last_task)


def enter_twice(qtbot, window, form, widget):
    """Enter to send a modify or cancel, and Enter again to answer its question once it
    is armed (no precaution fires: Enter may answer)."""
    QTest.keyClick(widget, Qt.Key.Key_Return)
    task = form.last_task
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=10_000)
    QTest.keyClick(window.dialogs.current, Qt.Key.Key_Return)
    return finish(qtbot, task)


def buy_resting(qtbot, window, qty: int = 3):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText(str(qty))
    form.price.setText(str(step_ticks(current, -10)))
    [bought] = finish(qtbot, form.request_submit())[:1]
    assert bought.status is OrderStatus.ACCEPTED and bought.ord_no
    return bought


def select(qtbot, window, rec) -> None:
    table = window.log_view.table
    rect = table.visualRect(window.model.index(window.model.row_of(rec.local_id),
                                               int(Column.STOCK)))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def set_precautions(**changes) -> None:
    save_precautions(open_settings(), Environment.PRACTICE, replace(PRACTICE_DEFAULTS, **changes))


def account_loaded(qtbot, window) -> int:
    qtbot.waitUntil(lambda: window.buy_form.orderable_cash() is not None, timeout=10_000)
    return window.buy_form.orderable_cash()


# ---- sending what the app already knows is wrong ---------------------------------------


def test_after_a_modify_the_tabs_and_the_log_move_to_the_live_order(window, qtbot,
                                                                     practice_sim):
    bought = buy_resting(qtbot, window)
    select(qtbot, window, bought)
    modify = window.modify_form
    window.tabs.setCurrentWidget(modify)
    qtbot.waitUntil(lambda: modify.current_price() is not None, timeout=10_000)
    modify.price.setText(str(step_ticks(bought.price, -1)))
    first = enter_twice(qtbot, window, modify, modify.price)[0]
    assert first.status is OrderStatus.ACCEPTED and first.orig_ord_no == bought.ord_no
    assert modify.orig_ord_no.text() == first.ord_no
    assert window.cancel_form.orig_ord_no.text() == first.ord_no
    assert window.log_view.selected_record().local_id == first.local_id
    assert modify.price.text() == str(first.price)

    # Enter again: the second modify goes to the live order, not the finished original.
    modify.price.setText(str(step_ticks(bought.price, -2)))
    second = enter_twice(qtbot, window, modify, modify.price)[0]
    assert second.status is OrderStatus.ACCEPTED, second.message
    assert second.orig_ord_no == first.ord_no and second.root_ord_no == bought.ord_no
    assert modify.orig_ord_no.text() == second.ord_no
    assert "RC4061" not in window.status_line.toolTip()


def test_a_finished_original_is_refused_by_the_tabs_too(window, qtbot, practice_sim):
    bought = buy_resting(qtbot, window)
    select(qtbot, window, bought)
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    cancelled = confirmed(qtbot, window, cancel.request_submit())[0]
    assert cancelled.status is OrderStatus.CANCELLED
    row = window.model.row_of(bought.local_id)
    assert window.model.record(row).status is OrderStatus.CANCELLED

    cancels, modifies = practice_sim.received("kt10003"), practice_sim.received("kt10002")
    # The cancel tab still names the cancelled order: a second Enter sends nothing.
    assert cancel.orig_ord_no.text() == bought.ord_no
    assert enter(qtbot, cancel, cancel.quantity) is None
    box = cancel.boxes[Field.ORIG_ORD_NO]
    assert not box.message.isHidden() and "이미 끝난 주문" in box.message.text()
    assert "취소됨" in box.message.text() and "already" not in box.message.toolTip()
    # So does the modify tab, which the row selection filled.
    modify = window.modify_form
    window.tabs.setCurrentWidget(modify)
    assert modify.orig_ord_no.text() == bought.ord_no
    modify.price.setText(str(bought.price))
    assert enter(qtbot, modify, modify.price) is None
    assert "이미 끝난 주문" in modify.boxes[Field.ORIG_ORD_NO].message.text()
    assert "입력 오류" in window.status_line.text()
    assert practice_sim.received("kt10003") == cancels
    assert practice_sim.received("kt10002") == modifies


def test_an_unknown_stock_is_refused_next_to_the_field(window, qtbot, practice_sim):
    form = window.buy_form
    received = practice_sim.received("kt10000")
    form.stock.setText(NO_SUCH_STOCK)
    box = form.boxes[Field.STOCK_CODE]
    qtbot.waitUntil(lambda: not box.message.isHidden(), timeout=10_000)
    assert "찾을 수 없습니다" in box.message.text() and "no stock" not in box.message.toolTip()
    info = form.quote_line.info
    assert "없는 종목" in info.text()  # Kiwoom's 1902 in plain words
    for raw in ("api-id", "HTTP", "return_code", "1902", "[", "|"):
        assert raw not in info.text()
    assert "1902" in info.toolTip()  # the raw reply is kept for whoever looks
    form.quantity.setText("1")
    form.price.setText("10000")
    assert enter(qtbot, form) is None
    assert "찾을 수 없습니다" in box.message.text()
    assert practice_sim.received("kt10000") == received
    # A real code clears it.
    quoted(qtbot, form)
    assert box.message.isHidden()


def test_a_buy_over_the_orderable_cash_warns_or_blocks(window, qtbot, practice_sim):
    set_precautions(max_value=Tier(None, None), max_quantity=Tier(None, None))
    cash = account_loaded(qtbot, window)
    form = window.buy_form
    current = quoted(qtbot, form)
    form.price.setText(str(current))
    form.quantity.setText(str(cash // current + 1))
    received = practice_sim.received("kt10000")
    task = form.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    assert "주문가능금액" in text and f"{cash:,}" in text
    assert finish(qtbot, task) is None

    set_precautions(max_value=Tier(None, None), max_quantity=Tier(None, None),
                    over_cash_block=True)
    assert finish(qtbot, form.request_submit()) is None
    assert window.dialogs.current is None  # refused, not asked
    box = form.boxes[Field.QUANTITY]
    assert "주문가능금액" in box.message.text() and "orderable cash" not in box.message.toolTip()
    assert practice_sim.received("kt10000") == received


def test_not_connected_is_said_before_any_question(make_window, qtbot):
    window = make_window(connect=False)
    set_precautions(confirm_every_order=True)  # would ask before every order
    form = window.buy_form
    form.stock.setText(STOCK)
    form.quantity.setText("1")
    form.price.setText("200000")
    asked = []
    window.dialogs.confirm = lambda *a, **k: asked.append(a)  # must never be reached
    assert finish(qtbot, form.request_submit()) is None
    assert not asked
    status = window.status_line.text()
    assert "연결되지 않아" in status and "Not connected" not in status
    assert window.model.rowCount() == 0


def test_another_stock_starts_clean(window, qtbot):
    form = window.buy_form
    current = quoted(qtbot, form)
    upper = form.quote_line.buttons["upper"].text()
    form.quantity.setText("1")
    form.price.setText(str(current + 7))  # off the grid: a message under the price
    assert finish(qtbot, form.request_submit()) is None
    assert form.boxes[Field.PRICE].issues
    form.stock.setText(OTHER)
    # At once: no old price, no old limits, no old warnings.
    assert form.price.text() == ""
    assert not any(box.issues for box in form.boxes.values())
    assert not form.quote_line.buttons["upper"].isVisible()
    qtbot.waitUntil(lambda: form.current_price() is not None and form.price.text() != "",
                    timeout=10_000)
    # The new stock's own price. The practice market walks: on a slow machine (the suite
    # under Wine) a tick can land between the fill and this line, so allow a few ticks.
    filled = int(form.price.text())
    assert filled != current and abs(filled - form.current_price()) <= filled // 100
    assert form.quote_line.buttons["upper"].text() != upper
    assert "신한지주" in form.quote_line.info.text()


# ---- a quote that stays true -----------------------------------------------------------


def test_the_quote_is_fetched_again_on_each_poll_and_tab_change(window, qtbot, practice_sim,
                                                                 monkeypatch):
    monkeypatch.setattr(session_module, "QUOTE_TTL", 0.0)
    window.poll_timer.stop()  # polls run by hand here
    form = window.buy_form
    window.tabs.setCurrentWidget(form)
    quoted(qtbot, form)
    assert form.quote_line.time.text().startswith("시세 ")
    assert form.quote_line.time.isVisible()
    lookups = practice_sim.received("ka10001")
    window.refresher.poll()
    qtbot.waitUntil(lambda: practice_sim.received("ka10001") > lookups, timeout=5_000)
    qtbot.waitUntil(lambda: form.refresh_task is not None and form.refresh_task.done())
    lookups = practice_sim.received("ka10001")
    window.tabs.setCurrentWidget(window.sell_form)
    window.tabs.setCurrentWidget(form)
    qtbot.waitUntil(lambda: practice_sim.received("ka10001") > lookups, timeout=5_000)
    qtbot.waitUntil(lambda: form.refresh_task.done())
    assert form.quote_line.quote is not None  # the line never went blank meanwhile


def test_the_change_against_the_base_price_is_red_up_and_blue_down():
    up = Quote("005930", "삼성전자", 203_000, 200_000, 260_000, 140_000)
    down = replace(up, current=197_000)
    assert change_text(up) == ("▲3,000 (+1.50%)", theme.BUY.name())
    assert change_text(down) == ("▼3,000 (-1.50%)", theme.SELL.name())
    assert change_text(replace(up, current=200_000)) == ("0 (0.00%)", None)


def test_the_form_does_not_move_when_the_quote_arrives(window, qtbot):
    form = window.buy_form
    window.tabs.setCurrentWidget(form)

    def quantity_y() -> int:
        QApplication.processEvents()
        return form.quantity.mapTo(form, QPoint(0, 0)).y()

    before = quantity_y()
    height = form.quote_line.height()
    quoted(qtbot, form)
    assert quantity_y() == before and form.quote_line.height() == height
    form.stock.setText(OTHER)  # another stock: the line stays while it is looked up
    assert quantity_y() == before
    qtbot.waitUntil(lambda: "신한지주" in form.quote_line.info.text(), timeout=10_000)
    assert quantity_y() == before
    form.stock.setText(NO_SUCH_STOCK)  # a long failure message is one elided line
    qtbot.waitUntil(lambda: "없는 종목" in form.quote_line.info.text(), timeout=10_000)
    assert form.quote_line.height() == height


# ---- confirmations and messages --------------------------------------------------------


def test_enter_confirms_a_small_order_but_not_a_large_one(window, qtbot, practice_sim):
    set_precautions(confirm_every_order=True)
    form = window.buy_form
    current = quoted(qtbot, form)
    price = step_ticks(current, -5)
    form.quantity.setText("1")
    form.price.setText(str(price))
    task = form.request_submit()
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=5_000)
    box = window.dialogs.current
    assert box.buttonRole(box.defaultButton()).name == "YesRole"
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert finish(qtbot, task)[0].status is OrderStatus.ACCEPTED

    # Over the large-order line (20,000,000 won on practice): Enter does nothing.
    form.quantity.setText(str(20_000_000 // price + 1))
    received = practice_sim.received("kt10000")
    task = form.request_submit()
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=5_000)
    box = window.dialogs.current
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert window.dialogs.current is box and not task.done()
    window.dialogs.answer(False)
    assert finish(qtbot, task) is None
    assert practice_sim.received("kt10000") == received


def test_a_reject_reads_plainly_and_stays_until_the_next_action(window, qtbot, practice_sim):
    set_precautions(max_value=Tier(None, None), max_quantity=Tier(None, None))
    cash = account_loaded(qtbot, window)
    resting = buy_resting(qtbot, window, qty=1)  # an open order: the poll has work to do
    form = window.buy_form
    current = quoted(qtbot, form)
    form.price.setText(str(current))
    form.quantity.setText(str(cash // current + 10))
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=True)  # over the cash: it warns; the exchange refuses
    rejected = finish(qtbot, task)[0]
    assert rejected.status is OrderStatus.REJECTED and rejected.error_code == "RC4025"
    status = window.status_line.text()
    assert "주문가능금액이 부족합니다" in status and "Not enough" not in status
    for raw in ("RC4025", "[2000]", "api-id", "HTTP", "return_code"):
        assert raw not in status
    assert "RC4025" in window.status_line.toolTip()
    row = window.model.row_of(rejected.local_id)
    cell = window.model.index(row, int(Column.MESSAGE))
    assert cell.data() == "주문가능금액이 부족합니다"
    assert "RC4025" in cell.data(Qt.ItemDataRole.ToolTipRole)  # Kiwoom's own, for support
    assert "Not enough" not in cell.data(Qt.ItemDataRole.ToolTipRole)  # one language
    assert "RC4025" in cell.data(Qt.ItemDataRole.ToolTipRole)

    # Routine refreshes never replace it.
    assert window.model.has_open_orders() and resting.status.is_open
    started: list = []  # a poll's refresh may be running: ours starts once it is done
    qtbot.waitUntil(lambda: started.append(window.refresh_orders()) or started[-1] is not None)
    finish(qtbot, started[-1])
    window.refresher.poll()
    qtbot.wait(200)
    assert window.status_line.text() == status


def test_cancel_with_nothing_selected_says_where_to_select(window, qtbot, practice_sim):
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    received = practice_sim.received("kt10003")
    assert finish(qtbot, cancel.request_submit()) is None
    box = cancel.boxes[Field.ORIG_ORD_NO]
    assert "주문 내역에서 주문을 선택하세요" in box.message.text()
    assert "7" not in box.message.text()
    assert practice_sim.received("kt10003") == received


@pytest.mark.parametrize("name", ["quantity", "price"])
def test_quantity_and_price_take_digits_only(make_window, qtbot, name):
    window = make_window(connect=False)
    edit = getattr(window.buy_form, name)
    edit.setFocus()
    qtbot.keyClicks(edit, "1a2b")
    assert edit.text() == "12"
    edit.clear()
    for pasted, shown in (("1,000주", "1,000"), (" 70000원 ", "70000"), ("１３９", "139"),
                          ("1.5", ""), ("-3", "")):
        edit.clear()
        data = QMimeData()
        data.setText(pasted)
        QGuiApplication.clipboard().setMimeData(data)
        edit.paste()
        assert edit.text() == shown, pasted


def test_a_zero_buy_says_one_share_or_more(make_window, qtbot):
    window = make_window(connect=False)
    form = window.buy_form
    form.stock.setText(STOCK)
    form.quantity.setText("0")
    form.price.setText("70000")
    assert finish(qtbot, form.request_submit()) is None
    box = form.boxes[Field.QUANTITY]
    assert "1주 이상" in box.message.text() and "1 share" not in box.message.toolTip()


# ---- the order log -----------------------------------------------------------------------


def test_a_fill_reaches_the_log_within_a_second_with_price_and_time(window, qtbot):
    window.poll_timer.stop()  # no poll: the check after the accept finds the fill
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("2")
    form.price.setText(str(step_ticks(current, 3)))  # above the ask: fills at once
    bought = finish(qtbot, form.request_submit())[0]
    row = window.model.row_of(bought.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.FILLED,
                    timeout=1_000)
    filled = window.model.record(row)
    assert filled.avg_fill_price and filled.filled_at is not None
    assert window.model.index(row, int(Column.FILL_PRICE)).data() == f"{filled.avg_fill_price:,}"
    assert window.model.index(row, int(Column.FILLED_AT)).data().count(":") == 2


def test_a_sell_from_a_holding_shows_filled_as_soon_as_the_account_does(window, qtbot):
    panel = window.account_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    holding = panel.model.holding(0)
    window.sell_holding(holding)
    sell = window.sell_form
    assert window.tabs.currentWidget() is sell
    qtbot.waitUntil(lambda: sell.current_price() is not None, timeout=10_000)
    sell.quantity.setText("1")
    sell.price.setText(str(step_ticks(sell.current_price(), -5)))  # under the bid: marketable
    sold = enter(qtbot, sell, sell.price)[0]
    assert sold.status is OrderStatus.ACCEPTED
    row = window.model.row_of(sold.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.FILLED,
                    timeout=1_000)
