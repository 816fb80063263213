"""The 호가창 holds still under the pointer (HTS 호가고정) and acts only on what was
painted: prices stay on their rows while the pointer is over the ladder (or the lock is
on) and the book moves; the highlighted level is a price; a click takes the price painted
at the press; a double-click across two prices, or on a price that changed between its
clicks, sends nothing and says why. Driven through the window with the real mouse path,
against the practice exchange, the book moved by its market or as the stream brings it."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.ladder_rows import ladder_rows
from kiwoom_ticket.domain.status import OrderStatus

from .helpers import answer_dialog
from .ladder_helpers import (
    book_around,
    caught_up,
    click_at,
    double_click_at,
    move_market,
    painted_prices,
    pointer_away,
    pointer_to,
)
from .test_ladder import STOCK, ladder_for, wait_done


@pytest.fixture
def still_market(practice_sim):
    """Only the test moves the practice market's prices."""
    practice_sim.market.freeze()
    yield practice_sim
    practice_sim.market.unfreeze()


def settled_ladder(qtbot, window):
    view = ladder_for(qtbot, window)
    qtbot.waitUntil(lambda: caught_up(view) and view.level_rect(view.depth.bids[0].price)
                    is not None, timeout=5_000)
    return view


def test_prices_stay_on_their_rows_under_the_pointer_and_recentre_when_it_leaves(
        window, qtbot, still_market):
    view = settled_ladder(qtbot, window)
    before = painted_prices(view)
    best_bid = view.depth.bids[0].price
    pointer_to(window, view, view.level_rect(best_bid).center())
    qtbot.waitUntil(lambda: view.held)
    assert "호가 고정" in window.ladder.panel.hint.text()  # shown on screen
    old_depth = view.depth
    move_market(still_market, STOCK, 3)  # the book moves three ticks up
    qtbot.waitUntil(lambda: view.depth.bids[0].price != old_depth.bids[0].price
                    and caught_up(view), timeout=10_000)
    assert painted_prices(view) == before  # every price on its row
    now = {lv.price: lv.qty for lv in view.depth.asks + view.depth.bids if lv.price}
    for row in view.painted_rows:
        if row.price in now:
            assert row.listed and row.level.qty == now[row.price]  # quantities follow
        else:
            assert not row.listed and row.level.qty == 0  # gone: shown empty
    # The new best ask is above the held rows: the header points at it.
    if view.depth.asks[0].price > max(before):
        assert view._header_key()[2] == f"▲ {view.depth.asks[0].price:,}"
    pointer_away(window)
    qtbot.waitUntil(lambda: not view.held and caught_up(view))
    assert list(view.painted_rows) == list(ladder_rows(view.depth, view._last, view.orders))
    assert painted_prices(view) != before  # re-centred on the book


def test_the_highlighted_level_is_a_price_not_a_row(window, qtbot, still_market):
    view = settled_ladder(qtbot, window)
    price = view.depth.bids[2].price
    click_at(window, view, view.level_rect(price).center())
    assert window.buy_form.price.text() == str(price)
    pointer_away(window)  # the ladder follows the book again
    row_before = view.row_at(view.level_rect(price).center().y())
    old = view.depth
    move_market(still_market, STOCK, -2)
    qtbot.waitUntil(lambda: view.depth.bids[0].price != old.bids[0].price
                    and caught_up(view), timeout=10_000)
    assert view.focused_price() == price  # the same price, on whatever row it is now
    highlighted = [r.price for i, r in enumerate(view.painted_rows)
                   if view._cache.get(i) and view._cache[i][0][2]]
    assert highlighted == [price]
    assert view.row_at(view.level_rect(price).center().y()) != row_before


def test_the_lock_holds_without_the_pointer_and_home_recentres(window, qtbot, still_market):
    view = settled_ladder(qtbot, window)
    panel = window.ladder.panel
    assert panel.lock.text() == "고정" and "호가 고정" in panel.lock.toolTip()
    panel.lock.click()
    qtbot.waitUntil(lambda: view.held)
    before = painted_prices(view)
    old = view.depth
    move_market(still_market, STOCK, 4)
    qtbot.waitUntil(lambda: view.depth.bids[0].price != old.bids[0].price
                    and caught_up(view), timeout=10_000)
    assert painted_prices(view) == before
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_Home)  # re-centre, still held by the lock
    qtbot.waitUntil(lambda: caught_up(view) and painted_prices(view) != before)
    assert view.held and view._header_key()[2] == "" and view._footer_key()[-1] == ""
    assert [r.price for r in view.painted_rows] == [r.price for r in ladder_rows(view.depth)]
    panel.lock.click()
    qtbot.waitUntil(lambda: not view.held)


def test_a_click_takes_the_price_painted_when_the_button_went_down(window, qtbot,
                                                                    still_market):
    """A book the stream brought in just before the click, not painted yet, does not
    change what the click gives: the price on screen under the pointer does."""
    view = settled_ladder(qtbot, window)
    window.poll_timer.stop()
    price = view.depth.bids[3].price
    spot = view.level_rect(price).center()
    window.live.depths({STOCK: book_around(still_market.market.price(STOCK), shift=2)})
    row = view.row_at(spot.y())
    assert view.rows[row].price != price  # the ladder's book moved on...
    assert view.painted_rows[row].price == price  # ...the screen not yet
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=spot)
    assert window.buy_form.price.text() == str(price)


def one_click_on(window, qtbot) -> None:
    window.ladder.panel.one_click.click()
    assert window.ladder.one_click
    window.buy_form.quantity.setText("1")


def test_a_one_click_double_click_goes_at_the_price_aimed_at_while_the_book_moves(
        window, qtbot, still_market):
    view = settled_ladder(qtbot, window)
    one_click_on(window, qtbot)
    price = view.depth.bids[4].price
    spot = view.level_rect(price).center()
    pointer_to(window, view, spot)  # the trader aims...
    old = view.depth
    move_market(still_market, STOCK, -3)  # ...the book moves under the pointer...
    qtbot.waitUntil(lambda: view.depth.bids[0].price != old.bids[0].price
                    and caught_up(view), timeout=10_000)
    sent = still_market.received("kt10000")
    double_click_at(window, view, spot)  # ...and the double-click lands
    records = wait_done(qtbot, window.buy_form)
    assert records[0].status is OrderStatus.ACCEPTED
    assert records[0].price == price  # the price aimed at, not the row's new one
    assert still_market.received("kt10000") == sent + 1


def test_a_double_click_across_two_prices_sends_nothing_and_says_why(window, qtbot,
                                                                     still_market):
    view = settled_ladder(qtbot, window)
    one_click_on(window, qtbot)
    upper = view.level_rect(view.depth.bids[2].price)
    first = QPoint(upper.center().x(), upper.bottom() - 1)  # 2 px apart, over the line
    second = QPoint(upper.center().x(), upper.bottom() + 2)
    sent = still_market.received("kt10000")
    click_at(window, view, first)
    QTest.mouseDClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      second)  # the platform's double-click: its second press
    assert window.buy_form.last_task is None and window.dialogs.current is None
    assert still_market.received("kt10000") == sent
    said = window.ladder.panel.message
    assert "주문 안 함" in said and "다른 호가" in said
    assert "주문 안 함" in window.status_line.text()
    assert window.ladder.panel.hint.text() == said  # under the ladder, until the next click
    click_at(window, view, view.level_rect(view.depth.bids[5].price).center())
    assert window.ladder.panel.message == ""


def test_a_double_click_on_a_price_that_moved_between_its_clicks_sends_nothing(
        window, qtbot, still_market):
    """The book moves between the two clicks of a pointer the ladder did not hold (no
    Enter reached it): the second click falls on another price. Before: sent there."""
    view = settled_ladder(qtbot, window)
    one_click_on(window, qtbot)
    price = view.depth.bids[1].price
    spot = view.level_rect(price).center()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=spot)  # no Enter: not held
    assert not view.held and window.buy_form.price.text() == str(price)
    old = view.depth
    move_market(still_market, STOCK, 2)
    qtbot.waitUntil(lambda: view.depth.bids[0].price != old.bids[0].price
                    and caught_up(view), timeout=10_000)
    now = view.painted_rows[view.row_at(spot.y())].price
    assert now != price
    sent = still_market.received("kt10000")
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=spot)
    assert window.buy_form.last_task is None
    assert still_market.received("kt10000") == sent
    assert window.ladder.panel.message == (
        f"주문 안 함: 클릭 사이에 호가가 바뀌었습니다 ({price:,} → {now:,})")


def test_seeded_clicks_while_the_book_moves_send_only_at_the_prices_aimed_at(
        window, qtbot, still_market):
    """A short seeded run: the pointer comes and goes, books arrive as the stream brings
    them (painted or not yet), and one-click double-clicks land through the window.
    Every buy the exchange received is at the price painted under its double-click, each
    once; a double-click that could not be sure said why instead."""
    rng = random.Random(21)
    view = settled_ladder(qtbot, window)
    window.poll_timer.stop()
    one_click_on(window, qtbot)
    buy = window.buy_form
    base = still_market.market.price(STOCK)
    sent_before = len([e for e in still_market.ledger() if e.api_id == "kt10000"])
    aimed: list[int] = []
    refusals = 0
    for _ in range(14):
        action = rng.choice(("book", "book", "away", "dclick", "dclick"))
        if action == "book":
            window.live.depths({STOCK: book_around(base, shift=rng.randint(-4, 4))})
            if rng.random() < 0.5:
                qtbot.waitUntil(lambda: caught_up(view))
        elif action == "away":
            pointer_away(window)
        else:
            priced = [i for i, r in enumerate(view.painted_rows) if r.price]
            row = rng.choice(priced)
            spot = view.row_rect(row).center()
            pointer_to(window, view, spot)  # held from here: what is painted stays
            price = view.painted_rows[row].price
            if rng.random() < 0.5:  # a book arrives just before the click, not yet painted
                window.live.depths({STOCK: book_around(base, shift=rng.randint(-4, 4))})
            task = buy.last_task
            double_click_at(window, view, spot)
            if buy.last_task is not task:
                # A question (a repeat, a price far from the last): no, then not sent.
                qtbot.waitUntil(lambda: buy.last_task.done() or window.dialogs.current
                                is not None, timeout=10_000)
                if window.dialogs.current is not None:
                    answer_dialog(qtbot, window, yes=False)
                if wait_done(qtbot, buy):
                    aimed.append(price)
            else:
                assert window.ladder.panel.message  # not sent, and said why
                refusals += 1
    got = [int(e.body["ord_uv"]) for e in still_market.ledger() if e.api_id == "kt10000"]
    assert got[sent_before:] == aimed
    assert aimed  # the run did send
