"""정정 확인: a modify of an order the log knows lists 변경 전 -> 변경 후 (price with the
tick distance, quantity with what 전량 means, exchange, stock). When it asks is unchanged."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, ModifyOrder
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.modify_text import modify_changes
from kiwoom_ticket.ui.order_log_model import Column
from kiwoom_ticket.ui.precaution_store import save_precautions
from kiwoom_ticket.ui.settings_store import open_settings

from .helpers import answer_dialog

STOCK = "005930"


def click_row(qtbot, window, row: int) -> None:
    table = window.log_view.table
    rect = table.visualRect(window.model.index(row, int(Column.STOCK)))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def buy_resting(qtbot, window, qty: int) -> tuple[OrderRecord, int]:
    """A buy 10 ticks under the market (it rests); returns it and the current price."""
    buy = window.buy_form
    buy.stock.setText(STOCK)
    qtbot.waitUntil(lambda: buy.current_price() is not None, timeout=10_000)
    current = buy.current_price()
    buy.quantity.setText(str(qty))
    buy.price.setText(str(step_ticks(current, -10)))
    task = buy.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    bought = task.result()[0]
    assert bought.status is OrderStatus.ACCEPTED and bought.ord_no
    return bought, current


def modify_from_row(qtbot, window, bought: OrderRecord):
    click_row(qtbot, window, window.model.row_of(bought.local_id))
    modify = window.modify_form
    assert modify.orig_ord_no.text() == bought.ord_no
    window.tabs.setCurrentWidget(modify)
    qtbot.waitUntil(lambda: modify.current_price() is not None, timeout=10_000)
    return modify


def test_a_far_price_move_asks_and_shows_before_and_after(window, qtbot, practice_sim):
    bought, current = buy_resting(qtbot, window, qty=13)
    modify = modify_from_row(qtbot, window, bought)
    new_price = step_ticks(current, -45)  # past the 30-tick precaution: it must ask
    modify.price.setText(str(new_price))
    received = practice_sim.received("kt10002")
    task = modify.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and practice_sim.received("kt10002") == received

    assert "정정 내용 (변경 전 → 변경 후)" in text
    assert f"가격: {bought.price:,} → {new_price:,} (-35호가)" in text
    assert "수량: 13주 → 전량 13주" in text  # 0 = all that remains, counted
    assert "거래소: KRX (변경 없음)" in text
    assert f"종목: {STOCK} 삼성전자" in text
    # The precaution that made it ask, said once. Its distance is from the price current
    # when the modify was checked (the practice market walks on: about 45 ticks).
    said = re.findall(r"낮은 가격입니다, (\d+)호가", text)
    assert len(said) == 1 and int(said[0]) > 30, text


def confirm_every_order() -> None:
    """Practice set to confirm every order (read on each send)."""
    save_precautions(open_settings(), Environment.PRACTICE,
                     replace(PRACTICE_DEFAULTS, confirm_every_order=True))


def test_confirm_every_order_shows_a_small_change_and_yes_sends(window, qtbot, practice_sim):
    bought, _current = buy_resting(qtbot, window, qty=11)
    confirm_every_order()
    modify = modify_from_row(qtbot, window, bought)
    new_price = step_ticks(bought.price, 2)
    modify.price.setText(str(new_price))
    modify.quantity.setText("4")
    task = modify.request_submit()
    text = answer_dialog(qtbot, window, yes=True)
    assert f"{bought.price:,} → {new_price:,} (+2호가)" in text
    assert "수량: 11주 → 4주" in text
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED


def test_an_order_number_typed_by_hand_is_found_in_the_log(window, qtbot):
    bought, _current = buy_resting(qtbot, window, qty=12)
    confirm_every_order()
    modify = window.modify_form
    modify.orig_ord_no.setText(bought.ord_no)
    modify.stock.setText(STOCK)
    modify.quantity.setText("0")
    modify.price.setText(str(step_ticks(bought.price, -1)))
    task = modify.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(task.done, timeout=10_000)
    assert "(-1호가)" in text and "전량 12주" in text


def test_an_order_the_log_does_not_know_says_so(window, qtbot):
    confirm_every_order()
    modify = window.modify_form
    modify.orig_ord_no.setText("9999999")
    modify.stock.setText(STOCK)
    qtbot.waitUntil(lambda: modify.current_price() is not None, timeout=10_000)
    modify.price.setText(str(modify.current_price()))
    task = modify.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(task.done, timeout=10_000)
    assert "원주문 9999999가 주문 내역에 없어" in text


def original(**changes) -> OrderRecord:
    order = ModifyOrder(Exchange.KRX, "0000001", STOCK, 10, 70_000)
    rec = OrderRecord.from_request("local", "practice", order, "삼성전자")
    fields = {"action": Action.BUY, "trade_type": "0", "ord_no": "0000001",
              "status": OrderStatus.PARTLY_FILLED, **changes}
    return replace(rec, **fields)


def test_partly_filled_all_remaining_counts_what_is_left():
    rec = original(filled_qty=3)
    order = ModifyOrder(Exchange.NXT, "0000001", STOCK, 0, 70_500)
    text = "\n".join(modify_changes(order, rec, "삼성전자"))
    assert "수량: 잔량 7주 (주문 10주) → 전량 7주" in text
    assert "가격: 70,000 → 70,500 (+5호가)" in text
    assert "거래소: KRX → NXT" in text
    language.set("en")
    text = "\n".join(modify_changes(order, rec, "Samsung"))
    assert "Quantity: 7 left of 10 → all remaining, 7 shares" in text
    assert "Price: 70,000 → 70,500 (+5 ticks)" in text


def test_a_market_original_a_finished_one_and_another_stock_are_flagged():
    rec = original(price=None, trade_type="3", status=OrderStatus.FILLED, stock_name="SK")
    order = ModifyOrder(Exchange.KRX, "0000001", "000660", 5, 120_000)
    text = "\n".join(modify_changes(order, rec, "SK하이닉스"))
    assert "가격: 시장가 → 120,000" in text
    assert "⚠ 원주문 상태: 체결" in text
    assert f"⚠ {STOCK} SK → 000660 SK하이닉스" in text


def test_a_modify_confirmation_wears_its_original_side_colour(window, qtbot, practice_sim):
    from kiwoom_ticket.ui import theme

    bought, current = buy_resting(qtbot, window, qty=17)
    modify = modify_from_row(qtbot, window, bought)
    modify.price.setText(str(step_ticks(current, -45)))
    task = modify.request_submit()
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=5_000)
    assert f"color:{theme.BUY.name()}" in window.dialogs.current.text()  # a buy's modify
    window.dialogs.answer(False)
    qtbot.waitUntil(task.done, timeout=10_000)


def test_a_plain_modify_asks_naming_the_order_and_enter_may_answer(window, qtbot, practice_sim):
    """Before: a modify with no precaution went out on Enter without a question."""
    from PySide6.QtTest import QTest

    bought, _current = buy_resting(qtbot, window, qty=9)
    modify = modify_from_row(qtbot, window, bought)
    new_price = step_ticks(bought.price, -1)
    modify.price.setText(str(new_price))
    received = practice_sim.received("kt10002")
    QTest.keyClick(modify.price, Qt.Key.Key_Return)
    task = modify.last_task
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    text = window.dialogs.current.text()
    assert window.dialogs.current.windowTitle() == "정정 확인"
    assert f"원주문 {bought.ord_no} · 매수 · {STOCK} 삼성전자" in text
    assert f"가격: {bought.price:,} → {new_price:,} (-1호가)" in text
    assert "수량: 9주 → 전량 9주" in text
    assert "이 주문을 정정하시겠습니까?" in text and "그래도 주문" not in text
    assert modify.submit_button.text() != "전송 중…"  # not while the question is open
    assert practice_sim.received("kt10002") == received
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=10_000)
    QTest.keyClick(window.dialogs.current, Qt.Key.Key_Return)  # no precaution: Enter may
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert practice_sim.received("kt10002") == received + 1


def test_a_cancel_asks_naming_the_order_and_says_cancel(window, qtbot, practice_sim):
    """Before: a cancel went out on Enter without a question."""
    bought, _current = buy_resting(qtbot, window, qty=7)
    click_row(qtbot, window, window.model.row_of(bought.local_id))
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    received = practice_sim.received("kt10003")
    task = cancel.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and practice_sim.received("kt10003") == received
    assert f"원주문 {bought.ord_no} · 매수 · {STOCK} 삼성전자" in text
    assert f"주문가: {bought.price:,}" in text
    assert "취소 수량: 전량 7주" in text
    assert "이 주문을 취소하시겠습니까?" in text and "주문하시겠습니까" not in text
    assert cancel.hint.text().startswith("Enter: 취소 확인")  # not "Enter: 주문"
    assert window.modify_form.hint.text().startswith("Enter: 정정 확인")
    language.set("en")
    assert cancel.hint.text().startswith("Enter: confirm the cancel")
    task = cancel.request_submit()
    text = answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert f"Order {bought.ord_no} · Buy · {STOCK}" in text and "Cancel this order?" in text
    assert task.result()[0].status is OrderStatus.CANCELLED


def test_a_modify_in_real_trading_takes_no_enter(window, qtbot):
    """Real trading confirms by mouse only: the modify question takes no Enter, armed."""
    from kiwoom_ticket.domain.orders import ModifyOrder as Modify
    from kiwoom_ticket.domain.send_decision import Ask, decide
    from kiwoom_ticket.domain.validation import MarketContext

    order = Modify(Exchange.KRX, "0000001", STOCK, 0, 70_000)
    d = decide(order, MarketContext(), (Exchange.KRX,), PRACTICE_DEFAULTS,
               window.model.book, always_confirm=True)
    assert d.sends and d.ask is Ask.MOUSE


def test_an_emptied_quantity_is_said_next_to_the_field(window, qtbot, practice_sim):
    """The Modify tab on a resting order, its quantity emptied: the field says so and
    nothing is sent (it once tripped comparing nothing with the open quantity)."""
    bought, current = buy_resting(qtbot, window, qty=3)
    modify = modify_from_row(qtbot, window, bought)
    received = practice_sim.received("kt10002")
    modify.price.setText(str(step_ticks(current, -9)))
    modify.quantity.setText("")
    task = modify.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result() is None
    box = modify.boxes[Field.QUANTITY]
    assert not box.message.isHidden() and box.issues
    assert practice_sim.received("kt10002") == received
