"""Bad input sends nothing; a double click sends once; a slow exchange never freezes
the window; warnings ask once and a No sends nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.order_log_model import Column

from .helpers import answer_dialog, type_text

STOCK = "005930"


def quoted(qtbot, form, code: str = STOCK) -> int:
    form.stock.setText(code)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return form.current_price()


def submit_and_wait(qtbot, form):
    task = form.request_submit()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def test_errors_block_and_show_next_to_the_field(window, qtbot, practice_sim):
    before = len(practice_sim.ledger())
    received = practice_sim.received("kt10000")
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("")
    form.price.setText(str(current + 1))  # off the tick grid
    assert submit_and_wait(qtbot, form) is None
    qty_box, price_box = form.boxes[Field.QUANTITY], form.boxes[Field.PRICE]
    assert qty_box.message.isHidden() is False and "수량을 입력하세요" in qty_box.message.text()
    assert "Enter a quantity" in qty_box.message.toolTip()  # the other language
    assert "호가단위" in price_box.message.text()
    assert form.boxes[Field.STOCK_CODE].message.isHidden()
    assert "입력 오류" in window.status_line.text()
    assert len(practice_sim.ledger()) == before
    assert practice_sim.received("kt10000") == received
    # Fixing a field and sending again works, and the messages go away.
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -10)))
    records = submit_and_wait(qtbot, form)
    assert records[0].status is OrderStatus.ACCEPTED
    assert qty_box.message.isHidden() and price_box.message.isHidden()
    assert len(practice_sim.ledger()) == before + 1


def test_modify_without_an_original_is_refused(window, qtbot, practice_sim):
    received = practice_sim.received("kt10002")
    form = window.modify_form
    form.stock.setText(STOCK)
    form.price.setText("70000")
    assert submit_and_wait(qtbot, form) is None
    assert form.boxes[Field.ORIG_ORD_NO].message.isHidden() is False
    assert practice_sim.received("kt10002") == received


def test_hangul_typed_into_the_stock_field(window, qtbot, practice_sim):
    received = practice_sim.received("kt10000")
    form = window.buy_form
    form.stock.setFocus()
    type_text(form.stock, "삼성전자")
    assert form.stock.text() == "삼성전자"
    form.quantity.setText("1")
    form.price.setText("70000")
    assert submit_and_wait(qtbot, form) is None
    # A name no match was taken for: no such stock (Korean here, English in the tooltip).
    box = form.boxes[Field.STOCK_CODE]
    assert "삼성전자을(를) 찾을 수 없습니다" in box.message.text()
    assert "There is no stock 삼성전자" in box.message.toolTip()
    assert practice_sim.received("kt10000") == received


def test_double_click_sends_exactly_one_order(window, qtbot, practice_sim):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -15)))
    received = practice_sim.received("kt10000")
    qtbot.mouseDClick(form.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)  # and a third, late
    qtbot.waitUntil(lambda: form.last_task is not None and form.last_task.done(),
                    timeout=15_000)
    qtbot.waitUntil(lambda: not form.busy)
    assert practice_sim.received("kt10000") == received + 1
    assert sum(1 for r in window.model.records() if r.ord_no) == 1


def test_slow_exchange_keeps_the_window_responsive(window, qtbot, practice_sim):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -15)))
    ticks = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    practice_sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=2.0)
    try:
        task = form.request_submit()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)  # journaled, on its way
        assert form.busy and not form.submit_button.isEnabled()
        assert form.submit_button.text() == "전송 중…"
        # Another request waits behind the order on the one worker thread.
        window.sell_form.stock.setText("000660")
        qtbot.waitUntil(lambda: "대기" in window.env_bar.queue.text(), timeout=2_000)
        assert window.model.record(0).status is OrderStatus.SENDING
        qtbot.waitUntil(task.done, timeout=15_000)
    finally:
        timer.stop()
    # A blocked GUI thread would fire the 50 ms timer at most once in those 2 s (Qt merges
    # missed ticks); a live one fires it about 40 times. The bound is loose on purpose.
    assert len(ticks) >= 5
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert form.submit_button.isEnabled()
    qtbot.waitUntil(lambda: window.env_bar.queue.text() == "")


def test_a_warning_asks_once_and_no_sends_nothing(window, qtbot, practice_sim):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -40)))  # far from the market: a warning
    received = practice_sim.received("kt10000")
    task = form.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    assert "현재가" in text
    qtbot.waitUntil(task.done)
    assert task.result() is None
    assert practice_sim.received("kt10000") == received
    # Declining says nothing went, in words that can't be read as an order cancel.
    assert "주문을 보내지 않았습니다 / Not sent" in window.status_line.text()
    assert "취소" not in window.status_line.text()
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert practice_sim.received("kt10000") == received + 1


def test_a_reject_shows_in_the_row_and_the_status_line(window, qtbot, practice_sim):
    form = window.buy_form
    current = quoted(qtbot, form, "035420")
    form.quantity.setText("1000")  # about 250,000,000 won: more than the practice cash
    form.price.setText(str(current))
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=True)  # over the warn value: asks first
    qtbot.waitUntil(task.done, timeout=15_000)
    records = task.result()
    assert records[0].status is OrderStatus.REJECTED
    row = window.model.row_of(records[0].local_id)
    assert window.model.index(row, int(Column.STATUS)).data() == "거부"
    assert records[0].message
    assert "거부 / Rejected" in window.status_line.text()


def test_lost_reply_is_unknown_never_resent_then_reconciled(window, qtbot, practice_sim):
    window.session.stop_stream()  # REST's path (test_live_stream: the stream's own)
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -15)))
    received = practice_sim.received("kt10000")
    practice_sim.faults.inject(api_id="kt10000", kind="drop_after_accept", count=1)
    records = submit_and_wait(qtbot, form)
    assert records[0].status is OrderStatus.UNKNOWN
    row = window.model.row_of(records[0].local_id)
    assert window.model.index(row, int(Column.STATUS)).data() == "결과 미확인"
    assert "Outcome unknown" in window.status_line.text()
    assert practice_sim.received("kt10000") == received + 1  # sent once, not again
    window.refresh_action.trigger()  # reconcile from the exchange's own lists
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.ACCEPTED,
                    timeout=10_000)
    assert window.model.record(row).ord_no
    assert practice_sim.received("kt10000") == received + 1


def test_the_confirmation_wears_the_side_colour(window, qtbot, practice_sim):
    """Buy red, sell blue (Korean convention): the summary line and the yes button."""
    from kiwoom_ticket.ui import theme

    for form, colour in ((window.buy_form, theme.BUY), (window.sell_form, theme.SELL)):
        window.tabs.setCurrentWidget(form)
        current = quoted(qtbot, form)
        form.quantity.setText("1")
        form.price.setText(str(step_ticks(current, -40 if form is window.buy_form else 40)))
        task = form.request_submit()
        qtbot.waitUntil(lambda: window.dialogs.armed, timeout=5_000)
        box = window.dialogs.current
        yes = next(b for b in box.buttons() if box.buttonRole(b).name == "YesRole")
        assert colour.name() in yes.styleSheet()
        assert f"color:{colour.name()}" in box.text()
        window.dialogs.answer(False)
        qtbot.waitUntil(task.done)
        assert task.result() is None
