"""The Modify and Cancel forms are built the first time their tab shows (cold start, issue
26), and a form built late shows what an eagerly built one would (rule 9: the order
selected last, shown plainly): the target selected before it existed, the language chosen
before, the kill switch's line, the focus moving into it as a tab change moves it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiwoom_ticket.domain.orders import Action

from .test_order_target import place, resting_buy


def built(window) -> list[Action]:
    return [form.action for form in window.tabs.built_forms]


def click_tab(qtbot, window, action: Action) -> None:
    bar = window.tabs.tabBar()
    index = [Action.BUY, Action.SELL, Action.MODIFY, Action.CANCEL].index(action)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.current_action() is action


def test_a_target_selected_before_the_tabs_exist_shows_once_they_are_built(
        practice_sim, make_window, qtbot):
    practice_sim.reset()
    window = make_window()
    assert built(window) == [Action.BUY, Action.SELL]  # nothing of them at the first paint
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    b = place(qtbot, window, resting_buy(practice_sim, 2, ticks=11))
    qtbot.waitUntil(lambda: window.model.row_of(b.local_id) is not None, timeout=5_000)
    window.log_view.select_row(window.model.row_of(a.local_id))
    window.log_view.select_row(window.model.row_of(b.local_id))  # selected last: b
    assert built(window) == [Action.BUY, Action.SELL]  # a selection builds nothing

    click_tab(qtbot, window, Action.CANCEL)
    cancel = window.tabs.currentWidget()
    assert built(window) == [Action.BUY, Action.SELL, Action.CANCEL]
    assert cancel.isVisible() and cancel.action is Action.CANCEL
    assert cancel.orig_ord_no.text() == b.ord_no and cancel.quantity.text() == "0"
    assert cancel.target_card.record.local_id == b.local_id
    assert b.ord_no in cancel.target_card.number.text()

    click_tab(qtbot, window, Action.MODIFY)
    modify = window.tabs.currentWidget()
    assert modify is window.modify_form and modify.isVisible()
    assert modify.orig_ord_no.text() == b.ord_no and modify.price.text() == str(b.price)
    assert modify.target_card.record.local_id == b.local_id
    # Built, both follow the target as before: the next selection moves both.
    window.log_view.select_row(window.model.row_of(a.local_id))
    assert (modify.orig_ord_no.text(), cancel.orig_ord_no.text()) == (a.ord_no, a.ord_no)


def test_language_kill_switch_and_focus_reach_a_tab_built_later(make_window, qtbot):
    window = make_window(connect=False)
    window.set_language("en")
    window.kill_switch.engage()
    window.buy_form.stock.setFocus()
    assert window.focusWidget() is window.buy_form.stock
    try:
        click_tab(qtbot, window, Action.MODIFY)
        modify = window.modify_form
        assert window.tabs.tabText(2) == "Modify"
        assert modify.submit_button.text() == "Send modify"
        assert modify.hint.text() == "Enter: confirm the modify  ·  Esc: clear"
        [refusal] = [w for w in modify.findChildren(QLabel) if w.objectName() == "killRefusal"]
        assert refusal.isVisible() and refusal.text().startswith("■ Kill switch on")
        # The focus left the Buy tab for the first field of the tab now shown.
        assert window.focusWidget() is modify.orig_ord_no
    finally:
        window.set_language("ko")
    assert window.modify_form.submit_button.text() == "정정 주문"
    QApplication.processEvents()
