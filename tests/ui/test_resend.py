"""Unknown and rate-limited rows: "check now", and a resend that goes through the form's
own pipeline with a confirmation. Nothing is ever sent again on its own."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.kiwoom.client import Timeouts
from kiwoom_ticket.service import open_service

from .helpers import answer_dialog, confirmed

STOCK = "005930"


def short_read_timeout(env, credentials=None):
    return open_service(env, credentials, timeouts=Timeouts(connect=3.05, read=0.5))


def settle_at_once(env, credentials=None):
    return open_service(env, credentials, settle_after=timedelta(0))


def fill_buy(qtbot, window, ticks: int = -15, qty: str = "1") -> int:
    form = window.buy_form
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText(qty)
    price = step_ticks(form.current_price(), ticks)
    form.price.setText(str(price))
    return price


def submit_and_wait(qtbot, form):
    task = form.request_submit()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def menu_actions(window, rec):
    row = window.model.row_of(rec.local_id)
    menu = window.log_view.build_menu(window.model.record(row))
    return {a.objectName(): a for a in menu.actions() if a.objectName()}


def settle_rate_limited(qtbot, window, practice_sim, form):
    """A 429 reply: outcome unknown until the exchange's records settle it."""
    practice_sim.faults.inject(api_id=form_api_id(form), kind="rate_limit", count=1)
    limited = confirmed(qtbot, window, form.request_submit())[0]
    assert limited.status is OrderStatus.UNKNOWN and limited.error_code == "1700"
    actions = menu_actions(window, limited)
    assert not actions["resend"].isEnabled() and actions["check_now"].isEnabled()
    actions["check_now"].trigger()
    row = window.model.row_of(limited.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.NOT_RECEIVED,
                    timeout=10_000)
    return window.model.record(row)


def form_api_id(form) -> str:
    return form.action.api_id


def test_rate_limited_row_is_resent_once_through_the_confirmation(make_window, qtbot,
                                                                  practice_sim):
    window = make_window(service_factory=settle_at_once)
    window.session.stop_stream()  # the live feed's catch-up would settle rows early
    window.poll_timer.stop()
    form = window.buy_form
    price = fill_buy(qtbot, window, ticks=-17, qty="17")  # a quantity of its own (reconcile)
    ledger = len(practice_sim.ledger())
    refused = settle_rate_limited(qtbot, window, practice_sim, form)
    assert len(practice_sim.ledger()) == ledger
    actions = menu_actions(window, refused)
    assert actions["resend"].isEnabled()
    assert not actions["check_now"].isEnabled()

    form.clear()  # the resend fills the tab from the row itself
    window.tabs.setCurrentWidget(window.sell_form)
    actions["resend"].trigger()
    assert window.tabs.currentWidget() is form
    text = answer_dialog(qtbot, window, yes=False)
    assert "접수되지 않은 것으로 확인" in text and f"{price:,}" in text
    qtbot.waitUntil(form.last_task.done, timeout=15_000)
    assert form.last_task.result() is None
    assert len(practice_sim.ledger()) == ledger  # "no" sends nothing
    assert form.stock.text() == STOCK and form.quantity.text() == "17"
    assert form.price.text() == str(price)

    assert menu_actions(window, refused)["resend"].isEnabled()  # still on offer
    menu_actions(window, refused)["resend"].trigger()
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(form.last_task.done, timeout=15_000)
    again = form.last_task.result()[0]
    assert again.status is OrderStatus.ACCEPTED and again.local_id != refused.local_id
    assert again.body == refused.body
    assert len(practice_sim.ledger()) == ledger + 1  # exactly one new order
    # One resend per row: the menu item goes grey and the window refuses a second one.
    # (The row is marked by the task's done callback, which runs just after the task.)
    qtbot.waitUntil(lambda: refused.local_id in window.log_view.resent, timeout=1_000)
    assert not menu_actions(window, refused)["resend"].isEnabled()
    assert window.resend(refused) is None
    assert len(practice_sim.ledger()) == ledger + 1


def test_resend_and_check_are_not_offered_for_an_accepted_row(window, qtbot):
    fill_buy(qtbot, window, ticks=-19)
    accepted = submit_and_wait(qtbot, window.buy_form)[0]
    assert accepted.status is OrderStatus.ACCEPTED
    actions = menu_actions(window, accepted)
    assert not actions["resend"].isEnabled() and not actions["check_now"].isEnabled()
    assert window.resend(accepted) is None


def test_identical_order_while_one_is_unknown_asks_by_mouse_and_no_sends_nothing(
    make_window, qtbot, practice_sim
):
    window = make_window(service_factory=short_read_timeout)
    window.session.stop_stream()  # the live feed's 접수 would settle the row within seconds
    window.poll_timer.stop()  # the row must still be UNKNOWN when the second order asks
    form = window.buy_form
    fill_buy(qtbot, window, ticks=-18, qty="11")
    received = practice_sim.received("kt10000")
    practice_sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=2.0)
    first = submit_and_wait(qtbot, form)[0]
    assert first.status is OrderStatus.UNKNOWN
    assert received + 1 == practice_sim.received("kt10000")

    task = form.request_submit()  # the same order again
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    box = window.dialogs.current
    QTest.keyClick(box, Qt.Key.Key_Return)  # the keyboard cannot say yes here
    assert window.dialogs.current is box and not task.done()
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in box.buttons())
    text = answer_dialog(qtbot, window, yes=False)
    assert "두 번 체결될 수 있습니다" in text and "buy or sell twice" in text
    qtbot.waitUntil(task.done, timeout=5_000)
    assert task.result() is None
    assert practice_sim.received("kt10000") == received + 1

    # "Check now" settles it from the exchange's lists; still nothing is sent again.
    actions = menu_actions(window, first)
    assert actions["check_now"].isEnabled() and not actions["resend"].isEnabled()
    actions["check_now"].trigger()
    row = window.model.row_of(first.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.ACCEPTED,
                    timeout=10_000)
    assert practice_sim.received("kt10000") == received + 1


def test_not_received_row_checked_now_then_resent(make_window, qtbot, practice_sim):
    window = make_window(service_factory=settle_at_once)
    window.session.stop_stream()  # the live feed's catch-up would settle rows early
    window.poll_timer.stop()
    form = window.buy_form
    # A quantity no other test uses: reconcile must not mistake another test's resting
    # order (same shared exchange, another journal) for this one.
    fill_buy(qtbot, window, ticks=-16, qty="13")
    ledger = len(practice_sim.ledger())
    practice_sim.faults.inject(api_id="kt10000", kind="http500", count=1)
    lost = submit_and_wait(qtbot, form)[0]
    assert lost.status is OrderStatus.UNKNOWN
    assert not menu_actions(window, lost)["resend"].isEnabled()
    menu_actions(window, lost)["check_now"].trigger()
    row = window.model.row_of(lost.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.NOT_RECEIVED,
                    timeout=10_000)
    assert len(practice_sim.ledger()) == ledger
    assert menu_actions(window, lost)["resend"].isEnabled()
    task = window.resend(window.model.record(row))
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert len(practice_sim.ledger()) == ledger + 1


def test_a_rate_limited_modify_is_resent_from_the_modify_tab(make_window, qtbot, practice_sim):
    window = make_window(service_factory=settle_at_once)
    window.session.stop_stream()  # the live feed's catch-up would settle rows early
    window.poll_timer.stop()
    price = fill_buy(qtbot, window, ticks=-20, qty="19")  # a quantity of its own (reconcile)
    bought = submit_and_wait(qtbot, window.buy_form)[0]
    assert bought.status is OrderStatus.ACCEPTED
    window.log_view.select_row(window.model.row_of(bought.local_id))
    modify = window.modify_form
    modify.price.setText(str(step_ticks(price, -1)))
    refused = settle_rate_limited(qtbot, window, practice_sim, modify)
    received = practice_sim.received("kt10002")
    modify.clear()
    window.tabs.setCurrentWidget(window.buy_form)
    menu_actions(window, refused)["resend"].trigger()
    assert window.tabs.currentWidget() is modify
    assert modify.orig_ord_no.text() == bought.ord_no
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(modify.last_task.done, timeout=15_000)
    again = modify.last_task.result()[0]
    assert again.status is OrderStatus.ACCEPTED and again.orig_ord_no == bought.ord_no
    assert again.price == step_ticks(price, -1)
    assert practice_sim.received("kt10002") == received + 1
