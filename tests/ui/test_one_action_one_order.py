"""One deliberate action, one order: a burst of Enter or a held Enter sends once and
leaves a question for the rest; a question accepts no key pressed or held before it
was armed, and auto-repeat never answers it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS
from kiwoom_ticket.ui.precaution_store import save_precautions
from kiwoom_ticket.ui.settings_store import open_settings

from .ladder_helpers import click_at, double_click_at, pointer_to

STOCK = "005930"
ENTER = Qt.Key.Key_Return


def ready_buy(qtbot, window, qty: int = 5) -> int:
    form = window.buy_form
    window.tabs.setCurrentWidget(form)
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    price = form.current_price()
    form.quantity.setText(str(qty))
    form.price.setText(str(price))
    form.quantity.setFocus()
    return price


def key(widget, kind: QEvent.Type, autorepeat: bool = False, k=ENTER) -> None:
    """A real key event through the application (its event filters see it)."""
    QApplication.sendEvent(widget, QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier,
                                             "\r", autorepeat))


def focused(window):
    """Where a key goes: the open question (it is modal), else the focused field."""
    box = window.dialogs.current
    if box is not None:
        return box.focusWidget() or box
    return QApplication.focusWidget() or window.buy_form.quantity


def confirm_every_order() -> None:
    save_precautions(open_settings(), Environment.PRACTICE,
                     replace(PRACTICE_DEFAULTS, confirm_every_order=True))


def yes_button(box: QMessageBox):
    return next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.YesRole)


def test_five_enters_in_200ms_send_one_order_and_leave_a_question(window, qtbot, practice_sim):
    """Before: the 2nd Enter was dropped while the 1st was on its way, the 3rd sent a
    duplicate question that the 4th Enter answered yes: two identical orders."""
    ready_buy(qtbot, window)
    received = practice_sim.received("kt10000")
    for _ in range(5):
        QTest.keyClick(focused(window), ENTER)
        qtbot.wait(40)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=5_000)
    box = window.dialogs.current
    assert box.isVisible() and "같은 주문" in box.text()
    assert practice_sim.received("kt10000") == received + 1
    # The duplicate question takes no key even armed: Enter again, then No by mouse.
    QTest.keyClick(focused(window), ENTER)
    assert window.dialogs.current is box
    assert window.dialogs.answer(False)
    qtbot.waitUntil(lambda: not window.buy_form.busy, timeout=10_000)
    assert practice_sim.received("kt10000") == received + 1


def test_an_enter_held_down_sends_once(window, qtbot, practice_sim):
    """Before: each auto-repeated Enter was a new request to send."""
    ready_buy(qtbot, window)
    received = practice_sim.received("kt10000")
    form = window.buy_form
    key(focused(window), QEvent.Type.KeyPress)
    task = form.last_task
    for _ in range(20):  # about 0.6 s of auto-repeat
        key(focused(window), QEvent.Type.KeyPress, autorepeat=True)
        key(focused(window), QEvent.Type.KeyRelease, autorepeat=True)
        qtbot.wait(30)
    key(focused(window), QEvent.Type.KeyRelease)
    assert form.last_task is task
    qtbot.waitUntil(task.done, timeout=10_000)
    assert practice_sim.received("kt10000") == received + 1
    assert window.dialogs.current is None


def test_the_enter_that_opened_a_question_can_not_answer_it(window, qtbot, practice_sim):
    """Before: Enter (or its auto-repeat) answered yes the moment the question opened."""
    confirm_every_order()
    ready_buy(qtbot, window)
    received = practice_sim.received("kt10000")
    window.dialogs.arm_ms = 10_000  # nothing arms during this test but the key's release
    key(focused(window), QEvent.Type.KeyPress)  # held down
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    box = window.dialogs.current
    assert not yes_button(box).isEnabled()  # greyed: a click can't answer yet either
    assert window.buy_form.submit_button.text() == "확인 대기 중…"  # not 전송 중… yet
    for _ in range(10):
        key(focused(window), QEvent.Type.KeyPress, autorepeat=True)
        key(focused(window), QEvent.Type.KeyRelease, autorepeat=True)
    key(focused(window), QEvent.Type.KeyRelease)
    QTest.keyClick(focused(window), ENTER)  # a fresh Enter, still before the arm
    QTest.keyClick(focused(window), Qt.Key.Key_Space)
    assert window.dialogs.current is box and box.isVisible()
    assert practice_sim.received("kt10000") == received


def test_an_armed_question_takes_a_fresh_enter_but_never_a_repeat(window, qtbot, practice_sim):
    confirm_every_order()
    ready_buy(qtbot, window)
    received = practice_sim.received("kt10000")
    window.dialogs.arm_ms = 50
    form = window.buy_form
    seen: list[tuple[str, bool]] = []  # the button's text at each change, question open
    form.busy_changed.connect(lambda _b: seen.append(
        (form.submit_button.text(), window.dialogs.current is not None)))
    QTest.keyClick(focused(window), ENTER)
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=10_000)
    box = window.dialogs.current
    key(focused(window), QEvent.Type.KeyPress, autorepeat=True)
    assert window.dialogs.current is box  # a repeat never answers
    QTest.keyClick(focused(window), ENTER)  # a fresh, deliberate Enter does
    qtbot.waitUntil(lambda: window.dialogs.current is None, timeout=5_000)
    qtbot.waitUntil(lambda: not window.buy_form.busy, timeout=10_000)
    # 전송 중… only once the question was answered; 확인 대기 중… while it was open.
    texts = [text for text, _open in seen]
    assert texts.index("확인 대기 중…") < texts.index("전송 중…")
    assert ("전송 중…", True) not in seen
    assert practice_sim.received("kt10000") == received + 1


def ladder_for(qtbot, window, code: str = STOCK):
    """The Buy tab shows `code` and the 호가창 has loaded its book."""
    if window.width() < 1280:  # offscreen's screen is 800 px wide: narrower folds it away
        window.resize(1280, 720)
    qtbot.waitUntil(window.ladder.panel.isVisible)
    form = window.buy_form
    window.tabs.setCurrentWidget(form)
    form.stock.setText(code)
    view = window.ladder.view
    qtbot.waitUntil(lambda: window.ladder.code == code and not view.depth.empty
                    and view.depth.code == code, timeout=10_000)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return view


def test_one_clicks_while_a_send_is_in_flight_are_queued_and_said_never_dropped(
        window, qtbot, practice_sim):
    """Before: five one-click double-clicks on five prices, 150 ms apart, while the first
    was slow: two orders went, three were dropped without a word."""
    # The book held still: the five prices stay on the ladder between reading and
    # clicking them (under Wine a level moved off the rows in between).
    practice_sim.market.freeze()
    try:
        _five_one_clicks(window, qtbot, practice_sim)
    finally:
        practice_sim.market.unfreeze()


def _five_one_clicks(window, qtbot, practice_sim) -> None:
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    window.ladder.panel.one_click.click()
    buy.quantity.setText("1")
    sent = practice_sim.received("kt10000")
    practice_sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=1.5)
    prices = [view.depth.bids[i].price for i in range(3, 8)]
    # The book it read may be newer than the rows painted (a paint is due): the prices
    # are clicked once they are on screen (under Wine a paint comes late).
    qtbot.waitUntil(lambda: all(view.level_rect(p) is not None for p in prices),
                    timeout=10_000)
    pointer_to(window, view, view.level_rect(prices[0]).center())  # held still under it
    for price in prices:
        rect = view.level_rect(price)
        assert rect is not None
        pointer_to(window, view, rect.center())
        double_click_at(window, view, rect.center())
        if price == prices[1]:
            assert "대기" in window.status_line.text()  # said: queued behind the first
            assert "대기" in buy.submit_button.text()
        qtbot.wait(150)
    qtbot.waitUntil(lambda: practice_sim.received("kt10000") == sent + 5, timeout=20_000)
    qtbot.waitUntil(lambda: not buy.busy, timeout=20_000)
    placed = sorted(r.price for r in window.model.records()
                    if r.action.name == "BUY" and r.ord_no)
    assert placed == sorted(prices)
    assert buy.price.text() == str(prices[-1])  # the ticket shows a price with its order
    assert window.dialogs.current is None


def test_a_question_takes_no_key_while_the_key_that_opened_it_is_held(window, qtbot,
                                                                      practice_sim):
    """Armed for the mouse after the delay, but not for keys until the Enter that opened
    it comes up; its auto-repeat in between answers nothing."""
    confirm_every_order()
    ready_buy(qtbot, window)
    received = practice_sim.received("kt10000")
    window.dialogs.arm_ms = 50
    key(focused(window), QEvent.Type.KeyPress)  # Enter down, and held
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=10_000)  # the mouse may answer
    box = window.dialogs.current
    assert yes_button(box).isEnabled()
    assert not window.dialogs.keys_armed  # the opening Enter is still down
    for _ in range(5):
        key(focused(window), QEvent.Type.KeyPress, autorepeat=True)
        key(focused(window), QEvent.Type.KeyRelease, autorepeat=True)
    assert window.dialogs.current is box and practice_sim.received("kt10000") == received
    key(focused(window), QEvent.Type.KeyRelease)  # up: a fresh Enter may answer now
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=10_000)
    QTest.keyClick(focused(window), Qt.Key.Key_Escape)  # Esc says no
    qtbot.waitUntil(lambda: not window.buy_form.busy, timeout=10_000)
    assert practice_sim.received("kt10000") == received


def test_a_key_burst_still_going_on_keeps_the_question_unarmed(window, qtbot, practice_sim):
    """A key that reaches the question before it is armed restarts its quiet period."""
    confirm_every_order()
    ready_buy(qtbot, window)
    window.dialogs.arm_ms = 300
    QTest.keyClick(focused(window), ENTER)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    box = window.dialogs.current
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=10_000)
    assert window.dialogs.keys_armed  # nothing pressed meanwhile: keys too
    box.done(0)  # closed: no
    qtbot.waitUntil(lambda: not window.buy_form.busy, timeout=10_000)
    QTest.keyClick(focused(window), ENTER)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    box = window.dialogs.current
    qtbot.wait(200)
    QTest.keyClick(focused(window), Qt.Key.Key_Space)  # at 200 ms: swallowed, and restarts
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=10_000)
    assert not window.dialogs.keys_armed  # the mouse may answer, keys wait for quiet
    qtbot.waitUntil(lambda: window.dialogs.keys_armed, timeout=10_000)
    assert window.dialogs.current is box
    box.done(0)
    qtbot.waitUntil(lambda: not window.buy_form.busy, timeout=10_000)


def test_the_x_question_names_the_order_its_price_and_says_cancel(window, qtbot,
                                                                   practice_sim):
    """Before: the × question showed neither number nor price, and read
    '그래도 주문하시겠습니까?'."""
    from kiwoom_ticket.domain.orders import Action

    view = ladder_for(qtbot, window)
    buy = window.buy_form
    price = view.depth.bids[3].price
    buy.quantity.setText("2")
    buy.price.setText(str(price))
    task = buy.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    bought = task.result()[0]
    qtbot.waitUntil(lambda: view.close_rect(price, Action.BUY) is not None
                    and any(o.price == price for o in view.orders), timeout=5_000)
    x = view.close_rect(price, Action.BUY).center()
    pointer_to(window, view, x)
    click_at(window, view, x)
    qtbot.waitUntil(lambda: window.dialogs.armed, timeout=10_000)
    text = window.dialogs.current.text()
    assert f"원주문 {bought.ord_no} · 매수 · {STOCK} 삼성전자" in text
    assert f"주문가: {price:,}" in text and "전량 2주" in text
    assert "이 주문을 취소하시겠습니까?" in text and "그래도 주문하시겠습니까" not in text
    assert window.dialogs.answer(False)
    qtbot.waitUntil(lambda: not window.cancel_form.busy, timeout=10_000)


def test_bulk_cancel_asks_through_the_same_armed_question(window, qtbot, practice_sim):
    ready_buy(qtbot, window, qty=1)
    form = window.buy_form
    form.price.setText(str(int(form.price.text()) - 1_000))  # 10 ticks under: it rests
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    lists = window.lists
    lists.setCurrentIndex(1)
    qtbot.waitUntil(lambda: lists.open_model.rowCount() == 1, timeout=10_000)
    cancels = practice_sim.received("kt10003")
    window.dialogs.arm_ms = 10_000
    qtbot.mouseClick(lists.open_view.cancel_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=10_000)
    box = window.dialogs.current
    assert not yes_button(box).isEnabled() and not window.dialogs.answer(True)
    QTest.keyClick(focused(window), ENTER)
    assert window.dialogs.current is box
    box.done(0)
    qtbot.waitUntil(lambda: lists.open_view.last_task.done(), timeout=10_000)
    assert practice_sim.received("kt10003") == cancels
