"""The Sell and Cancel forms are built the first time their tab shows (cold start, issue
26), and a form built late shows what an eagerly built one would (rule 9: the order
selected last, shown plainly): the target selected before it existed, the account that
arrived before (매도가능), the language chosen before, the kill switch's line, the focus
moving into it as a tab change moves it; and the window is laid out as it was with every
tab built (Modify, the tallest, is built at the start for that)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiwoom_ticket.domain.orders import Action

from .test_order_target import place, resting_buy


def built(window) -> list[Action]:
    return [form.action for form in window.tabs.built_forms]


def tab_order_owners(window) -> list[str]:
    """Whose fields Tab walks through from the Buy tab on: each tab's in a row, in tab
    order, then the rest of the window ("out"), as when every form was built at the start."""
    forms = window.tabs.built_forms
    owners: list[str] = []
    widget = window.buy_form
    for _ in range(2_000):
        owner = next((f.action.name for f in forms if f is widget or f.isAncestorOf(widget)),
                     "out")
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if takes_tab and (not owners or owners[-1] != owner):
            owners.append(owner)
        widget = widget.nextInFocusChain()
        if widget is window.buy_form:
            break
    return owners


def click_tab(qtbot, window, action: Action) -> None:
    bar = window.tabs.tabBar()
    index = [Action.BUY, Action.SELL, Action.MODIFY, Action.CANCEL].index(action)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.current_action() is action


def test_a_target_selected_before_the_tabs_exist_shows_once_they_are_built(
        practice_sim, make_window, qtbot):
    practice_sim.reset()
    window = make_window()
    assert built(window) == [Action.BUY, Action.MODIFY]  # Sell, Cancel: not at the start
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    b = place(qtbot, window, resting_buy(practice_sim, 2, ticks=11))
    qtbot.waitUntil(lambda: window.model.row_of(b.local_id) is not None, timeout=5_000)
    window.log_view.select_row(window.model.row_of(a.local_id))
    window.log_view.select_row(window.model.row_of(b.local_id))  # selected last: b
    assert built(window) == [Action.BUY, Action.MODIFY]  # a selection builds nothing

    click_tab(qtbot, window, Action.CANCEL)
    cancel = window.tabs.currentWidget()
    assert built(window) == [Action.BUY, Action.MODIFY, Action.CANCEL]
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
        click_tab(qtbot, window, Action.SELL)
        sell = window.sell_form
        assert window.tabs.tabText(1) == "Sell"
        assert sell.submit_button.text() == "Place sell"
        assert sell.hint.text() == "Enter: send  ·  Esc: clear"
        [refusal] = [w for w in sell.findChildren(QLabel) if w.objectName() == "killRefusal"]
        assert refusal.isVisible() and refusal.text().startswith("■ Kill switch on")
        # The focus left the Buy tab for the tab now shown (the field it always went to).
        assert window.focusWidget() is sell.exchange
    finally:
        window.set_language("ko")
    assert window.sell_form.submit_button.text() == "매도 주문"
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_window_is_laid_out_as_with_every_tab_built(make_window, qtbot, lang):
    """A tab widget is as tall as its tallest page: Modify (the tallest) is built at the
    start, so the Sell and Cancel tabs built later move nothing on screen."""
    window = make_window(connect=False)
    window.set_language(lang)
    try:
        window.resize(1280, 720)
        qtbot.waitExposed(window)
        desk = window.tabs

        def layout():  # the heights: the ticket's and the account panel's below it
            panel = window.account_panel.geometry()
            return (desk.sizeHint(), desk.minimumSizeHint().height(), desk.height(),
                    panel.top(), panel.height(), window.minimumSizeHint())

        before = layout()
        for action in (Action.SELL, Action.CANCEL, Action.BUY):
            click_tab(qtbot, window, action)
            QApplication.processEvents()
        assert len(desk.built_forms) == 4
        assert layout() == before
        assert tab_order_owners(window)[:5] == ["BUY", "SELL", "MODIFY", "CANCEL", "out"]
    finally:
        window.set_language("ko")


def test_the_sell_tab_built_late_knows_the_account_that_came_before(practice_sim,
                                                                     make_window, qtbot):
    practice_sim.reset()
    window = make_window()
    qtbot.waitUntil(lambda: window.session.account is not None, timeout=10_000)
    assert built(window) == [Action.BUY, Action.MODIFY]
    click_tab(qtbot, window, Action.SELL)
    sell = window.tabs.currentWidget()
    assert sell is window.sell_form and sell.isVisible() and Action.SELL in built(window)
    sell.stock.setText("005930")
    account = window.session.account
    assert sell.capacity() == account.sellable("005930")  # None if it had no account
