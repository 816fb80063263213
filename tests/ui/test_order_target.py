"""One target for Modify and Cancel, and open quantity that is the exchange's, through the
real window against the practice exchange:

- an order selected in the log, in 미체결 or (the ladder's entry point) by id becomes the
  target of both tabs, shown on a card at the top of each; the Cancel tab never acts on
  another order than the one selected last;
- after partial modifies and cancels, 미체결, the ladder's badges and the card show what
  the exchange still holds (ka10075 oso_qty), F5 too; a cancel over it is refused next
  to the quantity and nothing is sent;
- a target that finished says so and the tabs refuse it;
- a batch that holds one order twice (a reply and a held event) leaves the log, 미체결,
  the ladder and the Cancel tab on the same state;
- the log shows a stop-limit's stop price.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks, tick_size
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.ui.open_orders_model import OpenColumn
from kiwoom_ticket.ui.order_lists import LOG_TAB, OPEN_TAB
from kiwoom_ticket.ui.order_log_model import Column

from .helpers import run

SAMSUNG = "005930"


@pytest.fixture
def fresh(practice_sim, make_window):
    practice_sim.reset()
    window = make_window()
    window.resize(1280, 720)  # the ladder shows (it folds away below 1,180 px)
    window.lists.setCurrentIndex(OPEN_TAB)
    return window


def resting_buy(sim, qty: int, ticks: int = 10, code: str = SAMSUNG) -> NewOrder:
    lower = sim.market.quote(code).lower
    return NewOrder(Action.BUY, Exchange.KRX, code, qty, "0", lower + ticks * tick_size(lower))


def place(qtbot, window, order):
    name = run(qtbot, window.session.quote(order.stock_code)).name
    [rec, *_] = run(qtbot, window.session.place(order, name))
    assert rec.status in (OrderStatus.ACCEPTED, OrderStatus.CANCELLED), rec.message
    return rec


def send_from(qtbot, window, form):
    """Press the tab's send; answer its question yes if one comes. The records, or None
    when nothing was sent."""
    task = form.request_submit()
    assert task is not None
    qtbot.waitUntil(lambda: task.done() or window.dialogs.armed,  # it takes no early click
                    timeout=15_000)
    if not task.done():
        window.dialogs.answer(True)
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def open_row_cells(window, rec) -> dict[OpenColumn, str]:
    model = window.lists.open_model
    row = model.row_of_key(rec.local_id)
    assert row is not None, f"{rec.ord_no} is not listed"
    return {c: model.data(model.index(row, int(c))) for c in OpenColumn}


def click_open_row(qtbot, window, rec, double: bool = False) -> None:
    view = window.lists.open_view
    row = view.model.row_of_key(rec.local_id)
    rect = view.table.visualRect(view.model.index(row, int(OpenColumn.STOCK)))
    action = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    action(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def targets(window) -> tuple[str, str]:
    return window.modify_form.orig_ord_no.text(), window.cancel_form.orig_ord_no.text()


def test_an_order_selected_in_open_orders_is_the_target_of_both_tabs(fresh, qtbot, practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    b = place(qtbot, window, resting_buy(practice_sim, 2, ticks=11))
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 2, timeout=5_000)
    window.log_view.select_row(window.model.row_of(b.local_id))  # the log: b
    assert targets(window) == (b.ord_no, b.ord_no)
    click_open_row(qtbot, window, a)  # then 미체결: a, for both tabs
    assert targets(window) == (a.ord_no, a.ord_no)
    assert window.session.target.record.local_id == a.local_id
    card = window.cancel_form.target_card
    assert a.ord_no in card.number.text() and "미체결 3주 / 3주" in card.detail.text()
    assert window.modify_form.target_card.record.local_id == a.local_id
    window.tabs.setCurrentWidget(window.cancel_form)
    cancels = practice_sim.received("kt10003")
    [cancel, *_] = send_from(qtbot, window, window.cancel_form)
    assert practice_sim.received("kt10003") == cancels + 1
    assert cancel.orig_ord_no == a.ord_no  # the order selected last, not the log's b
    entry = [e for e in practice_sim.ledger() if e.api_id == "kt10003"][-1]
    assert entry.orig_ord_no == a.ord_no


def test_a_double_click_in_open_orders_targets_both_tabs_not_only_modify(fresh, qtbot,
                                                                          practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    b = place(qtbot, window, resting_buy(practice_sim, 2, ticks=11))
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 2, timeout=5_000)
    window.log_view.select_row(window.model.row_of(a.local_id))
    click_open_row(qtbot, window, b, double=True)
    assert window.tabs.currentWidget() is window.modify_form
    assert targets(window) == (b.ord_no, b.ord_no)


def test_the_ladders_entry_point_selects_by_id(fresh, qtbot, practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    qtbot.waitUntil(lambda: window.model.row_of(a.local_id) is not None, timeout=5_000)
    assert window.session.select_order(a.local_id)
    assert targets(window) == (a.ord_no, a.ord_no)
    assert not window.session.select_order("no-such-order")
    assert window.session.target.record is None
    assert "대상 주문 없음" in window.cancel_form.target_card.detail.text()


def test_open_quantity_after_partial_modify_and_cancel_is_the_exchanges(fresh, qtbot,
                                                                          practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 10))
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 1, timeout=5_000)
    click_open_row(qtbot, window, a)
    modify = window.modify_form
    window.tabs.setCurrentWidget(modify)
    qtbot.waitUntil(lambda: modify.current_price() is not None, timeout=10_000)
    modify.quantity.setText("5")
    modify.price.setText(str(step_ticks(modify.current_price(), -10)))  # rests
    sent = send_from(qtbot, window, modify)
    assert sent, [b.message.text() for b in modify.boxes.values()] + [window.status_line.text()]
    [moved, *_] = sent
    assert moved.status is OrderStatus.ACCEPTED and moved.quantity == 5
    # 미체결: the original with 5 open (not 10), the modify with 5.
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 2, timeout=5_000)
    assert open_row_cells(window, a)[OpenColumn.OPEN] == "5"
    assert open_row_cells(window, moved)[OpenColumn.OPEN] == "5"
    task = window.request_refresh()  # F5 reads ka10075: it agrees
    qtbot.waitUntil(task.done, timeout=10_000)
    assert open_row_cells(window, a)[OpenColumn.OPEN] == "5"
    # Cancel 3 more of the original, from the Cancel tab.
    click_open_row(qtbot, window, a)
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    assert "미체결 5주 / 10주" in cancel.target_card.detail.text()
    cancel.quantity.setText("3")
    send_from(qtbot, window, cancel)
    qtbot.waitUntil(lambda: open_row_cells(window, a)[OpenColumn.OPEN] == "2", timeout=5_000)
    oso = {r["ord_no"]: int(r["oso_qty"]) for r in practice_sim_open(practice_sim)}
    assert oso[a.ord_no] == 2
    assert "미체결 2주 / 10주" in cancel.target_card.detail.text()
    # The ladder's badges: 2 at the original's price, 5 at the modify's; 7 in all, not 15.
    qtbot.waitUntil(lambda: {o.record.ord_no: o.open_qty for o in window.ladder.view.orders}
                    == {a.ord_no: 2, moved.ord_no: 5}, timeout=5_000)
    # A cancel of 5 is over what is open: refused next to the quantity, nothing sent.
    cancels = practice_sim.received("kt10003")
    cancel.quantity.setText("5")
    assert send_from(qtbot, window, cancel) is None
    assert practice_sim.received("kt10003") == cancels
    said = cancel.boxes[Field.QUANTITY].message.text()
    assert "미체결 2주" in said and a.ord_no in said


def practice_sim_open(sim) -> list[dict]:
    """ka10075 as another program reads it (its own token)."""
    client = KiwoomClient(sim.base_url, Credentials("hts-app-key-0123456789",
                                                    "hts-secret-key-9876543210"),
                          timeouts=Timeouts(connect=1.0, read=1.0))
    try:
        client.issue_token()
        return client.open_orders()
    finally:
        client.close()


def test_a_target_that_finished_says_so_and_is_refused(fresh, qtbot, practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 4))
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 1, timeout=5_000)
    click_open_row(qtbot, window, a)
    place(qtbot, window, CancelOrder(Exchange.KRX, a.ord_no, SAMSUNG, 0))  # not from the tab
    card = window.cancel_form.target_card
    qtbot.waitUntil(lambda: "끝난 주문" in card.state.text(), timeout=5_000)
    assert card.record.status is OrderStatus.CANCELLED and card.open_qty is None
    cancels = practice_sim.received("kt10003")
    window.tabs.setCurrentWidget(window.cancel_form)
    assert send_from(qtbot, window, window.cancel_form) is None
    assert practice_sim.received("kt10003") == cancels
    assert window.cancel_form.boxes[Field.ORIG_ORD_NO].message.text()


def test_one_batch_with_one_order_twice_leaves_every_view_on_the_same_state(fresh, qtbot,
                                                                            practice_sim):
    """A reply and a held live event in one batch: the order's accepted state, then its
    cancelled one. The log, 미체결, the ladder and the Cancel tab all read cancelled."""
    window = fresh
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    buy.stock.setText(SAMSUNG)
    qtbot.waitUntil(lambda: window.ladder.code == SAMSUNG, timeout=10_000)
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    qtbot.waitUntil(lambda: [o.record.ord_no for o in window.ladder.view.orders] == [a.ord_no],
                    timeout=5_000)
    window.session.select_order(a.local_id)
    accepted = window.model.book.get(a.local_id)
    cancelled = replace(accepted, status=OrderStatus.CANCELLED)
    window.session.core.orders.upsert([accepted, cancelled])  # the core's book takes them
    row = window.model.row_of(a.local_id)
    assert window.model.data(window.model.index(row, int(Column.STATUS))) == "취소됨"
    assert window.lists.open_model.row_of_key(a.local_id) is None
    assert window.lists.tabText(OPEN_TAB) == "미체결 (0)"
    assert window.cancel_form.target_card.record.status is OrderStatus.CANCELLED
    qtbot.waitUntil(lambda: window.ladder.view.orders == [], timeout=5_000)


def test_the_log_shows_a_stop_limits_stop_price(fresh, qtbot, practice_sim):
    window = fresh
    window.lists.setCurrentIndex(LOG_TAB)
    quote = practice_sim.market.quote(SAMSUNG)
    limit = quote.lower + 10 * tick_size(quote.lower)
    stop = step_ticks(limit, 2)
    stop_buy = place(qtbot, window, NewOrder(Action.BUY, Exchange.KRX, SAMSUNG, 1, "28",
                                             limit, stop_price=stop))
    plain = place(qtbot, window, resting_buy(practice_sim, 1))
    model = window.model
    cell = lambda rec: model.data(model.index(model.row_of(rec.local_id),  # noqa: E731
                                              int(Column.STOP_PRICE)))
    assert cell(stop_buy) == f"{stop:,}"
    assert cell(plain) == ""
    header = model.headerData(int(Column.STOP_PRICE), Qt.Orientation.Horizontal,
                              Qt.ItemDataRole.DisplayRole)
    assert header == "스톱가"


def test_cancel_all_lists_each_orders_open_quantity_after_a_partial_cancel(fresh, qtbot,
                                                                           practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 10))
    place(qtbot, window, CancelOrder(Exchange.KRX, a.ord_no, SAMSUNG, 8))
    qtbot.waitUntil(lambda: open_row_cells(window, a)[OpenColumn.OPEN] == "2", timeout=5_000)
    view = window.lists.open_view
    qtbot.mouseClick(view.cancel_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    text = window.dialogs.current.text()
    window.dialogs.answer(False)
    assert a.ord_no in text and "미체결 2주" in text and "미체결 10주" not in text


def test_sellable_counts_what_is_open_after_a_partial_cancel(fresh, qtbot, practice_sim):
    """매도가능: 10 held, a sell of 10 rests, 3 of it cancelled: 3 can be sold, not 0."""
    window = fresh
    upper = practice_sim.market.quote(SAMSUNG).upper
    sell = place(qtbot, window, NewOrder(Action.SELL, Exchange.KRX, SAMSUNG, 10, "0",
                                         upper - 10 * tick_size(upper)))
    place(qtbot, window, CancelOrder(Exchange.KRX, sell.ord_no, SAMSUNG, 3))
    form = window.sell_form
    window.tabs.setCurrentWidget(form)
    form.stock.setText(SAMSUNG)
    qtbot.waitUntil(lambda: form.sellable() == 3, timeout=10_000)
    assert open_row_cells(window, sell)[OpenColumn.OPEN] == "7"


def test_esc_in_an_amend_tab_leaves_no_target_in_either(fresh, qtbot, practice_sim):
    window = fresh
    a = place(qtbot, window, resting_buy(practice_sim, 3))
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 1, timeout=5_000)
    click_open_row(qtbot, window, a)
    window.tabs.setCurrentWidget(window.cancel_form)
    qtbot.keyClick(window.cancel_form.quantity, Qt.Key.Key_Escape)
    assert window.session.target.record is None
    for form in (window.modify_form, window.cancel_form):
        assert form.target_card.record is None and form.orig_ord_no.text() == ""
    click_open_row(qtbot, window, a)  # the same row again: the target again
    assert targets(window) == (a.ord_no, a.ord_no)
