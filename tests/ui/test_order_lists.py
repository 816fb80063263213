"""미체결 and 체결 beside the order log, driven through the widgets against the practice
exchange: cancel several with one confirmation (exactly the orders it listed), cancel
all of one stock, an order placed straight on the exchange shown and cancelled here,
today's fills, filter, sort and CSV."""

from __future__ import annotations

import csv
import re

import pytest
from PySide6.QtCore import Qt

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks, tick_size
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.ui.fills_model import FillColumn
from kiwoom_ticket.ui.open_orders_model import OpenColumn
from kiwoom_ticket.ui.order_lists import FILLS_TAB, OPEN_TAB

from .helpers import answer_dialog, run, type_text

SAMSUNG, HYNIX = "005930", "000660"


@pytest.fixture
def fresh(practice_sim, make_window):
    """A window on a practice account with nothing open (the exchange is shared by every
    window test of the process; another test's resting orders would show as outside)."""
    practice_sim.reset()
    window = make_window()
    window.lists.setCurrentIndex(OPEN_TAB)
    return window


def resting_buy(sim, code: str, qty: int, ticks: int = 10) -> NewOrder:
    lower = sim.market.quote(code).lower
    return NewOrder(Action.BUY, Exchange.KRX, code, qty, "0", lower + ticks * tick_size(lower))


def place(qtbot, window, order: NewOrder):
    """Through the journal-first path, with the stock's name as a form would give it."""
    name = run(qtbot, window.session.quote(order.stock_code)).name
    [rec, *_] = run(qtbot, window.session.place(order, name))
    assert rec.status is OrderStatus.ACCEPTED, rec.message
    return rec


def open_numbers(window) -> set[str]:
    return {r.ord_no for r in window.lists.open_model.records()}


def state_at_exchange(sim, ord_no: str) -> str:
    [state] = [o["state"] for o in sim.orders() if o["ord_no"] == ord_no]
    return state


def test_cancel_selected_asks_once_for_exactly_those(fresh, qtbot, practice_sim):
    window, lists = fresh, fresh.lists
    a = place(qtbot, window, resting_buy(practice_sim, SAMSUNG, 3))
    b = place(qtbot, window, resting_buy(practice_sim, SAMSUNG, 2, ticks=11))
    c = place(qtbot, window, resting_buy(practice_sim, HYNIX, 1))
    qtbot.waitUntil(lambda: lists.open_model.rowCount() == 3, timeout=5_000)
    assert lists.tabText(OPEN_TAB) == "미체결 (3)"
    view = lists.open_view
    view.select_records([a, b])
    qtbot.mouseClick(view.cancel_selected_button, Qt.MouseButton.LeftButton)
    text = answer_dialog(qtbot, window, yes=True)
    assert a.ord_no in text and b.ord_no in text and c.ord_no not in text
    assert "미체결 3주" in text and "미체결 2주" in text  # what is open, per order
    qtbot.waitUntil(view.last_task.done, timeout=15_000)
    result = view.last_task.result()
    assert [r.ord_no for r in result.cancelled] == [a.ord_no, b.ord_no] and not result.failed
    assert open_numbers(window) == {c.ord_no}
    assert lists.tabText(OPEN_TAB) == "미체결 (1)"
    assert state_at_exchange(practice_sim, c.ord_no) == "open"
    assert state_at_exchange(practice_sim, a.ord_no) != "open"
    assert "취소 2건 완료" in window.status_line.text()


def test_cancel_all_of_one_stock_cancels_exactly_what_it_listed(fresh, qtbot, practice_sim):
    window, lists = fresh, fresh.lists
    view = lists.open_view
    a = place(qtbot, window, resting_buy(practice_sim, SAMSUNG, 1))
    b = place(qtbot, window, resting_buy(practice_sim, SAMSUNG, 2, ticks=12))
    other = place(qtbot, window, resting_buy(practice_sim, HYNIX, 1))
    qtbot.waitUntil(lambda: lists.open_model.rowCount() == 3, timeout=5_000)
    type_text(view.stock_filter, "삼성")  # by name
    assert lists.open_model.rowCount() == 2
    assert "삼성" in view.cancel_all_button.text()
    # "No" sends nothing.
    cancels = practice_sim.received("kt10003")
    qtbot.mouseClick(view.cancel_all_button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(view.last_task.done, timeout=5_000)
    assert practice_sim.received("kt10003") == cancels
    assert open_numbers(window) == {a.ord_no, b.ord_no}  # filtered: what the list shows
    # Yes: exactly the two listed, not one that arrives while the question is open.
    qtbot.mouseClick(view.cancel_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    late = place(qtbot, window, resting_buy(practice_sim, SAMSUNG, 4, ticks=13))
    text = answer_dialog(qtbot, window, yes=True)
    assert a.ord_no in text and b.ord_no in text
    assert late.ord_no not in text and other.ord_no not in text
    qtbot.waitUntil(view.last_task.done, timeout=15_000)
    assert {r.ord_no for r in view.last_task.result().cancelled} == {a.ord_no, b.ord_no}
    assert practice_sim.received("kt10003") == cancels + 2
    view.stock_filter.clear()
    assert open_numbers(window) == {late.ord_no, other.ord_no}


def test_an_order_placed_straight_on_the_exchange_shows_and_cancels(fresh, qtbot,
                                                                    practice_sim):
    window, lists = fresh, fresh.lists
    hts = KiwoomClient(practice_sim.base_url, Credentials("hts-app-key-0123", "hts-secret-0123"),
                       timeouts=Timeouts(connect=1.0, read=2.0))
    try:
        hts.issue_token()
        ack = hts.send_order(resting_buy(practice_sim, HYNIX, 5))
    finally:
        hts.close()
    window.request_refresh()  # F5
    qtbot.waitUntil(lambda: ack.ord_no in open_numbers(window), timeout=10_000)
    [rec] = lists.open_model.records()
    assert rec.outside and rec.quantity == 5
    row = lists.open_model.row_of_key(rec.local_id)
    assert lists.open_model.index(row, OpenColumn.ORIGIN).data() == "외부"
    assert lists.open_model.index(row, OpenColumn.OPEN).data() == "5"
    assert window.model.row_of(rec.local_id) is not None  # in the log too
    # Modify opens the Modify tab on it.
    view = lists.open_view
    view.select_records([rec])
    qtbot.mouseClick(view.modify_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.modify_form
    assert window.modify_form.orig_ord_no.text() == ack.ord_no
    # Cancelled from the list like the app's own.
    view.select_records([rec])
    qtbot.mouseClick(view.cancel_selected_button, Qt.MouseButton.LeftButton)
    assert ack.ord_no in answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(view.last_task.done, timeout=15_000)
    assert [r.ord_no for r in view.last_task.result().cancelled] == [ack.ord_no]
    assert lists.open_model.rowCount() == 0
    assert state_at_exchange(practice_sim, ack.ord_no) != "open"
    assert window.model.book.get(rec.local_id).status is OrderStatus.CANCELLED


def test_open_orders_filter_by_side_and_sort_by_price(fresh, qtbot, practice_sim):
    window, lists = fresh, fresh.lists
    for code, qty, ticks in ((SAMSUNG, 1, 14), (HYNIX, 2, 10), (SAMSUNG, 3, 11)):
        place(qtbot, window, resting_buy(practice_sim, code, qty, ticks))
    model, view = lists.open_model, lists.open_view
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5_000)
    view.set_side_filter(Action.SELL)
    assert model.rowCount() == 0
    view.set_side_filter(Action.BUY)
    assert model.rowCount() == 3
    header = view.table.horizontalHeader()
    header.setSortIndicator(OpenColumn.PRICE, Qt.SortOrder.DescendingOrder)
    prices = [model.item(r).price for r in range(3)]
    assert prices == sorted(prices, reverse=True)
    header.setSortIndicator(OpenColumn.QUANTITY, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, OpenColumn.QUANTITY).data() for r in range(3)] == ["1", "2", "3"]
    assert model.index(0, OpenColumn.SIDE).data() == "매수"
    assert model.index(0, OpenColumn.ORIGIN).data() == "앱"


def test_todays_fills_show_filter_sort_and_export(fresh, qtbot, practice_sim, tmp_path):
    window, lists = fresh, fresh.lists
    current = practice_sim.market.price(SAMSUNG)
    for qty in (2, 1):  # above the ask: fills at once
        order = NewOrder(Action.BUY, Exchange.KRX, SAMSUNG, qty, "0", step_ticks(current, 3))
        place(qtbot, window, order)
    lists.setCurrentIndex(FILLS_TAB)  # the first look loads today's fills
    model = lists.fills_model
    qtbot.waitUntil(lambda: model.rowCount() >= 2, timeout=10_000)
    fills = model.fills()
    assert {f.quantity for f in fills} >= {1, 2} and all(f.price > 0 for f in fills)
    assert model.index(0, FillColumn.SIDE).data() == "매수"
    assert model.index(0, FillColumn.TIME).data().count(":") == 2
    assert model.index(0, FillColumn.PRICE).data() == f"{fills[0].price:,}"
    view = lists.fills_view
    view.set_side_filter(Action.SELL)
    assert model.rowCount() == 0
    view.set_side_filter(None)
    view.table.horizontalHeader().setSortIndicator(FillColumn.QUANTITY,
                                                  Qt.SortOrder.AscendingOrder)
    quantities = [model.item(r).quantity for r in range(model.rowCount())]
    assert quantities == sorted(quantities)
    path = tmp_path / "fills.csv"
    assert view.export_csv(str(path)) == model.rowCount()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Hangul
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    # Issue 24: what Excel opens as meant: a date column, code and name apart, numbers
    # as numbers (no "209,000" text), the code with its zeros, headers in one language.
    header = rows[0]
    assert header[:4] == ["날짜", "종목코드", "종목명", "체결시각"] or header[0] == "날짜", header
    assert not any(" / " in h for h in header)
    price, qty, code, name = (header.index(k) for k in ("체결가", "체결수량", "종목코드", "종목명"))
    assert [r[qty] for r in rows[1:]] == [str(q) for q in quantities]
    assert all(r[price].isdigit() and int(r[price]) > 0 for r in rows[1:])
    assert {r[code] for r in rows[1:]} == {'="005930"'} and {r[name] for r in rows[1:]} == {"삼성전자"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) for r in rows[1:])
    # A live fill already listed is not added twice.
    before = model.rowCount()
    lists.add_fills([fills[0]])
    assert model.rowCount() == before


def test_a_fill_while_the_fills_are_in_view_shows_without_f5(fresh, qtbot, practice_sim):
    window, lists = fresh, fresh.lists
    lists.setCurrentIndex(FILLS_TAB)
    qtbot.waitUntil(lambda: lists.fills_view.loaded, timeout=10_000)
    assert lists.fills_model.rowCount() == 0  # a fresh account
    current = practice_sim.market.price(HYNIX)
    bought = place(qtbot, window, NewOrder(Action.BUY, Exchange.KRX, HYNIX, 3, "0",
                                           step_ticks(current, 3)))
    qtbot.waitUntil(lambda: lists.fills_model.rowCount() == 1, timeout=10_000)
    [fill] = lists.fills_model.fills()
    assert (fill.ord_no, fill.quantity, fill.side) == (bought.ord_no, 3, Action.BUY)


def test_the_lists_speak_the_language_picked(fresh, qtbot):
    from kiwoom_ticket.ui.i18n import language

    lists = fresh.lists
    fresh.set_language("en")
    try:
        assert [lists.tabText(i) for i in range(3)] == ["Order log", "Open orders (0)", "Fills"]
        model = lists.open_model
        assert model.headerData(OpenColumn.ORIGIN, Qt.Orientation.Horizontal) == "Source"
        assert lists.open_view.cancel_all_button.text() == "Cancel all…"
        assert lists.fills_view.side_filter.currentText() == "All"
    finally:
        language.set("ko")
    assert lists.tabText(OPEN_TAB) == "미체결 (0)"
