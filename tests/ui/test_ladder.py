"""The 호가창 beside the ticket, driven with the mouse and keys against the practice
exchange: it loads the ticket's stock (ka10004), a click fills the price, one-click is
opt-in and never skips a question it must ask, open orders show as badges that modify
by drag and cancel by ×, each after a confirmation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.precaution_store import save_precautions
from kiwoom_ticket.ui.settings_store import one_click_key, open_settings

from .helpers import answer_dialog
from .ladder_helpers import caught_up, click_at, double_click_at

STOCK = "005930"


def ladder_for(qtbot, window, code: str = STOCK, form=None):
    """The ticket's tab shows `code`; wait for the ladder to load its book."""
    form = form or window.buy_form
    if window.width() < 1280:  # offscreen's screen is 800 px wide: narrower folds it away
        window.resize(1280, 720)
    qtbot.waitUntil(window.ladder.panel.isVisible)
    window.tabs.setCurrentWidget(form)
    form.stock.setText(code)
    view = window.ladder.view
    qtbot.waitUntil(lambda: window.ladder.code == code and not view.depth.empty
                    and view.depth.code == code, timeout=10_000)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: caught_up(view), timeout=5_000)  # on screen: what clicks act on
    return view


def click(qtbot, view, point: QPoint) -> None:
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)


def price_point(view, price: int) -> QPoint:
    rect = view.level_rect(price)
    assert rect is not None, f"{price:,} is not on the ladder"
    return rect.center()  # the price column is the middle one


def wait_done(qtbot, form) -> list | None:
    qtbot.waitUntil(lambda: form.last_task is not None and form.last_task.done(),
                    timeout=15_000)
    return form.last_task.result()


def rest_a_buy(qtbot, window, view, qty: int, ticks_under_bid: int):
    buy = window.buy_form
    price = step_ticks(view.depth.bids[0].price, -ticks_under_bid)
    buy.quantity.setText(str(qty))
    buy.price.setText(str(price))
    rec = wait_done(qtbot, buy) if buy.request_submit() else None
    assert rec and rec[0].status is OrderStatus.ACCEPTED, rec
    qtbot.waitUntil(lambda: view.badge_rect(price, Action.BUY) is not None
                    and _row(view, price).buy is not None, timeout=5_000)
    return rec[0], price


def _row(view, price: int):
    return next(r for r in view.painted_rows if r.price == price)


def test_it_loads_ten_levels_a_side_of_the_tickets_stock_and_follows_the_tab(window, qtbot):
    view = ladder_for(qtbot, window)
    asks = [lv.price for lv in view.depth.asks]
    bids = [lv.price for lv in view.depth.bids]
    assert asks == [step_ticks(asks[0], n) for n in range(10)]
    assert bids == [step_ticks(bids[0], -n) for n in range(10)]
    assert asks[0] > bids[0] and all(lv.qty > 0 for lv in view.depth.asks + view.depth.bids)
    # Tenth ask on top, best bid right under the best ask.
    assert view.row_at(view.level_rect(asks[9]).center().y()) == 0
    assert view.level_rect(bids[0]).top() == view.level_rect(asks[0]).bottom() + 1
    qtbot.waitUntil(lambda: "삼성전자" in window.ladder.panel.stock.text())  # by the poll
    # The Sell tab with another stock: the ladder follows it, and back.
    ladder_for(qtbot, window, "000660", window.sell_form)
    window.tabs.setCurrentWidget(window.buy_form)
    qtbot.waitUntil(lambda: view.depth.code == STOCK, timeout=10_000)


def test_a_click_puts_the_price_in_the_ticket_and_gives_the_ladder_the_keys(window, qtbot,
                                                                             practice_sim):
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    buy.quantity.setText("1")
    buy.quantity.setFocus()
    qtbot.waitUntil(buy.quantity.hasFocus)
    price = view.depth.bids[3].price
    sent = practice_sim.received("kt10000")
    click_at(window, view, price_point(view, price))
    assert buy.price.text() == str(price)
    assert practice_sim.received("kt10000") == sent and buy.last_task is None
    qtbot.waitUntil(view.hasFocus)  # the keys follow the click
    assert "Enter: 주문창에 가격" in window.ladder.panel.hint.text()
    for _ in range(3):  # Enter on the ladder gives the price again, never an order
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert practice_sim.received("kt10000") == sent and buy.last_task is None
    QTest.keyClick(view, Qt.Key.Key_Escape)  # back to the ticket, where Enter sends
    qtbot.waitUntil(buy.price.hasFocus)
    QTest.keyClick(buy.price, Qt.Key.Key_Return)
    assert wait_done(qtbot, buy)[0].price == price
    # The Modify tab in view: a click gives its new price.
    ladder_for(qtbot, window, STOCK, window.modify_form)
    click(qtbot, view, price_point(view, view.depth.bids[5].price))
    assert window.modify_form.price.text() == str(view.depth.bids[5].price)


def test_arrows_move_between_levels_and_enter_gives_the_price(window, qtbot):
    view = ladder_for(qtbot, window)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_Down)  # from the best bid
    assert view.focused_price() == view.depth.bids[0].price
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert view.focused_price() == view.depth.asks[0].price
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.buy_form.price.text() == str(view.depth.asks[0].price)
    QTest.keyClick(view, Qt.Key.Key_Escape)  # back to the ticket
    qtbot.waitUntil(window.buy_form.price.hasFocus)


def test_without_one_click_a_double_click_only_sets_the_price(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    assert not window.ladder.one_click  # off by default
    window.buy_form.quantity.setText("1")
    price = view.depth.bids[2].price
    sent = practice_sim.received("kt10000")
    double_click_at(window, view, price_point(view, price))
    qtbot.wait(300)
    assert window.buy_form.price.text() == str(price)
    assert window.buy_form.last_task is None and window.dialogs.current is None
    assert practice_sim.received("kt10000") == sent


def test_one_click_sends_one_order_and_skips_only_an_enter_question(window, qtbot,
                                                                     practice_sim):
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    window.ladder.panel.one_click.click()
    assert window.ladder.one_click
    assert open_settings().value(one_click_key(Environment.PRACTICE)) in (True, "true")
    # "Confirm every order" asks by Enter: one-click is what skips that question.
    save_precautions(open_settings(), Environment.PRACTICE,
                     replace(PRACTICE_DEFAULTS, confirm_every_order=True))
    buy.quantity.setText("1")
    price = view.depth.bids[4].price
    sent, rows = practice_sim.received("kt10000"), len(window.model.book)
    double_click_at(window, view, price_point(view, price))
    records = wait_done(qtbot, buy)
    assert window.dialogs.current is None
    assert records[0].status is OrderStatus.ACCEPTED and records[0].price == price
    assert practice_sim.received("kt10000") == sent + 1
    assert len(window.model.book) == rows + 1


def test_one_click_still_asks_by_mouse_for_a_large_order(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    window.ladder.panel.one_click.click()
    price = view.depth.bids[1].price
    # Over the set value limit (50,000,000 won): a warning, and a large order's question.
    buy.quantity.setText(str(60_000_000 // price + 1))
    sent = practice_sim.received("kt10000")
    double_click_at(window, view, price_point(view, price))
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    for button in window.dialogs.current.buttons():  # only a mouse click says yes
        assert button.focusPolicy() is Qt.FocusPolicy.NoFocus
    answer_dialog(qtbot, window, yes=False)
    assert wait_done(qtbot, buy) is None
    assert practice_sim.received("kt10000") == sent


def test_one_click_for_real_money_asks_by_mouse_first(window, qtbot):
    """Only the switch's question (no real connection: the environment is set directly)."""
    ladder = window.ladder
    window.session.core._env = Environment.REAL
    try:
        ladder.panel.one_click.click()
        assert not ladder.one_click  # not until the mouse says yes
        answer_dialog(qtbot, window, yes=False)
        qtbot.waitUntil(ladder.confirm_task.done)
        assert not ladder.one_click
        assert open_settings().value(one_click_key(Environment.REAL)) is None
        ladder.panel.one_click.click()
        answer_dialog(qtbot, window, yes=True)
        qtbot.waitUntil(ladder.confirm_task.done)
        assert ladder.one_click
        assert open_settings().value(one_click_key(Environment.REAL)) in (True, "true")
    finally:
        window.session.core._env = Environment.PRACTICE
    ladder._env_changed(Environment.PRACTICE)
    assert not ladder.one_click  # practice keeps its own setting: off


def test_a_resting_buy_shows_its_open_quantity_at_its_price(window, qtbot):
    view = ladder_for(qtbot, window)
    bought, price = rest_a_buy(qtbot, window, view, qty=3, ticks_under_bid=2)
    badge = _row(view, price).buy
    assert badge.open_qty == 3 and badge.count == 1 and badge.record.ord_no == bought.ord_no
    assert _row(view, price).sell is None
    assert sum(1 for r in view.rows if r.buy or r.sell) == 1


# The drag's tooltip (old → new price, ticks): the offscreen platform can't raise it.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_dragging_a_badge_two_levels_modifies_it_after_confirming(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    bought, price = rest_a_buy(qtbot, window, view, qty=4, ticks_under_bid=2)
    new_price = step_ticks(price, -2)
    start = view.badge_rect(price, Action.BUY).center()
    end = QPoint(start.x(), view.level_rect(new_price).center().y())
    modifies = practice_sim.received("kt10002")
    QTest.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view, QPoint(start.x(), start.y() + 12))
    QTest.mouseMove(view, end)
    assert QToolTip.text() == f"{price:,} → {new_price:,} (-2호가)"  # said while dragging
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    text = answer_dialog(qtbot, window, yes=True)
    assert f"{price:,} → {new_price:,} (-2호가)" in text
    modified = wait_done(qtbot, window.modify_form)[0]
    assert modified.status is OrderStatus.ACCEPTED
    assert practice_sim.received("kt10002") == modifies + 1
    entry = [e for e in practice_sim.ledger() if e.api_id == "kt10002"][-1]
    assert entry.orig_ord_no == bought.ord_no and int(entry.body["mdfy_uv"]) == new_price
    qtbot.waitUntil(lambda: _row(view, new_price).buy is not None
                    and _row(view, price).buy is None, timeout=5_000)
    assert _row(view, new_price).buy.record.ord_no == modified.ord_no


def test_a_badges_x_cancels_after_confirming_and_no_sends_nothing(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    bought, price = rest_a_buy(qtbot, window, view, qty=2, ticks_under_bid=3)
    cancels = practice_sim.received("kt10003")
    click(qtbot, view, view.close_rect(price, Action.BUY).center())
    answer_dialog(qtbot, window, yes=False)
    assert wait_done(qtbot, window.cancel_form) is None
    assert practice_sim.received("kt10003") == cancels
    assert _row(view, price).buy is not None
    click(qtbot, view, view.close_rect(price, Action.BUY).center())
    answer_dialog(qtbot, window, yes=True)
    cancelled = wait_done(qtbot, window.cancel_form)[0]
    assert cancelled.status is OrderStatus.CANCELLED and cancelled.orig_ord_no == bought.ord_no
    assert practice_sim.received("kt10003") == cancels + 1
    qtbot.waitUntil(lambda: _row(view, price).buy is None, timeout=5_000)


def test_a_changed_level_repaints_only_its_own_row(window, qtbot):
    view = ladder_for(qtbot, window)
    window.poll_timer.stop()  # nothing else may change the book meanwhile
    window.session.stop_stream()  # (the live feed's books would)
    qtbot.waitUntil(lambda: window.ladder.load_task is None or window.ladder.load_task.done())
    painted: list = []
    view.painted.connect(painted.append)
    depth = view.depth
    bids = list(depth.bids)
    bids[4] = replace(bids[4], qty=bids[4].qty + 1)
    view.repaint()
    painted.clear()
    view.set_depth(replace(depth, bids=tuple(bids)))
    qtbot.waitUntil(lambda: bool(painted), timeout=2_000)
    changed = view.level_rect(bids[4].price)
    drawn = [r for rects in painted for r in rects]
    assert drawn and all(changed.contains(r) for r in drawn), (changed, drawn)


def test_at_1280x720_every_level_is_in_view_and_a_narrow_window_folds_it_away(window, qtbot):
    view = ladder_for(qtbot, window)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 720))
    last = view.level_rect(view.depth.bids[9].price)
    assert last.bottom() < view.height()  # the tenth bid and the totals under it
    assert view._footer_rect().bottom() < view.height()
    corner = view.mapTo(window, QPoint(view.width(), view.height()))
    assert corner.x() <= window.width() and corner.y() <= window.height()
    assert view.width() >= 200
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not window.ladder.panel.isVisible())
    window.resize(1280, 720)
    qtbot.waitUntil(window.ladder.panel.isVisible)


def test_just_wide_enough_for_the_ladder_the_log_keeps_its_status_column(make_window, qtbot):
    from kiwoom_ticket.ui.ladder_controller import NARROW_WINDOW
    from kiwoom_ticket.ui.order_log_model import Column

    window = make_window(connect=False)
    for lang in ("ko", "en"):
        window.set_language(lang)
        window.resize(NARROW_WINDOW, 700)
        def status_in_view(table=window.log_view.table) -> bool:
            right = (table.columnViewportPosition(int(Column.STATUS))
                     + table.columnWidth(int(Column.STATUS)))
            return right <= table.viewport().width()

        qtbot.waitUntil(lambda: window.width() == NARROW_WINDOW
                        and window.ladder.panel.isVisible() and status_in_view())
        assert window.buy_form.submit_button.isVisible()
        corner = window.buy_form.submit_button.mapTo(window, QPoint(
            window.buy_form.submit_button.width(), 0))
        assert corner.x() <= window.width()


def test_a_call_auction_shows_its_expected_price_and_quantity(qtbot):
    from kiwoom_ticket.domain.market_depth import Depth
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.ladder import LadderView

    view = LadderView()
    qtbot.addWidget(view)
    view.resize(240, 600)
    with qtbot.waitExposed(view):
        view.show()
    values = {"41": "+20900", "61": "393", "51": "-20700", "71": "23847", "121": "393",
              "125": "23847", "291": "+20850", "292": "332941"}
    view.set_depth(Depth.from_0d("005930", values))
    view.set_last_price(20_900)
    assert view._footer_key()[1:4] == (393, 23_847, "예상체결 20,850 · 332,941주")
    language.set("en")
    assert view._footer_key()[3] == "Expected 20,850 · 332,941 sh"
    rows = view.rows
    assert [r.price for r in rows if r.price] == [20_900, 20_700] and rows[9].is_last
    painted: list = []
    view.painted.connect(painted.append)
    view.update()
    qtbot.waitUntil(lambda: bool(painted))  # header, rows and footer from their pixmaps


def test_a_state_saved_while_folded_still_opens_the_ladder_on_a_wide_window(make_window,
                                                                              qtbot):
    narrow = make_window(connect=False)
    narrow.resize(1024, 700)
    qtbot.waitUntil(lambda: not narrow.ladder.panel.isVisible())
    narrow.shutdown()  # saves the splitter with the ladder at nothing
    wide = make_window(connect=False)
    wide.resize(1280, 720)
    qtbot.waitUntil(lambda: wide.ladder.panel.isVisible()
                    and wide.ladder.panel.width() >= wide.ladder.panel.minimumWidth())


def test_a_stock_changed_while_the_last_one_loads_is_loaded_next(window, qtbot):
    ladder_for(qtbot, window)
    window.poll_timer.stop()  # only the change itself may load the book
    buy = window.buy_form
    buy.stock.setText("000660")
    assert window.ladder.load_task is not None and not window.ladder.load_task.done()
    buy.stock.setText("035720")  # while 000660's book is on its way
    view = window.ladder.view
    qtbot.waitUntil(lambda: view.depth.code == "035720", timeout=5_000)
    assert window.ladder.code == "035720"


def test_the_book_stays_live_from_the_stream_without_a_request(window, qtbot, practice_sim):
    """0D keeps the ladder current while the stream is live: a resting order of ours
    shows in the level's quantity with no ka10004 asked meanwhile."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    view = ladder_for(qtbot, window)
    practice_sim.market.freeze()
    try:
        price = step_ticks(view.depth.bids[0].price, -2)
        before = next(r for r in view.rows if r.price == price)
        books = practice_sim.received("ka10004")
        buy = window.buy_form
        buy.quantity.setText("77")
        buy.price.setText(str(price))
        assert buy.request_submit()
        wait_done(qtbot, buy)
        qtbot.waitUntil(lambda: _row(view, price).level.qty >= before.level.qty + 77,
                        timeout=5_000)
        assert practice_sim.received("ka10004") == books  # the stream did it
    finally:
        practice_sim.market.unfreeze()
