"""A new watch from the 호가창 and from the account panel, driven with the mouse against
the practice exchange: a right click on a level below the last trade offers a stop there
(above: a target), saying the price painted under the press whatever the book did before
the menu came; the watch question comes filled in, takes no click or key before it is
armed and no key at all; where the next trade would fire it, it is refused with the
reason; a stock not held offers nothing to watch."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from kiwoom_ticket.domain.ladder_marks import MarkKind
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind, WatchState
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.watch_dialog import WatchDialog

from .ladder_helpers import caught_up
from .test_ladder import ladder_for

STOCK = "005930"  # held by the practice account
NOT_HELD = "035420"
RIGHT = Qt.MouseButton.RightButton
NONE = Qt.KeyboardModifier.NoModifier


def keeper(window):
    return window.session.core.protection.watches


def live_at(qtbot, window, practice_sim, view, ticks: int = 1) -> int:
    """The stream live, the market frozen at a price `ticks` from where it was and the
    ladder showing that last trade; returns it."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=30_000)
    practice_sim.market.freeze()
    price = step_ticks(practice_sim.market.price(STOCK), ticks)
    practice_sim.market.set_price(STOCK, price)
    qtbot.waitUntil(lambda: view.last_price == price and caught_up(view), timeout=15_000)
    return price


def right_click(window, view, price: int) -> QMenu:
    """A right press on the level of `price` as the platform sends it (through the
    window: the press, then the context menu), released on the ladder; the menu."""
    at = view.level_rect(price).center()
    QTest.mousePress(window.windowHandle(), RIGHT, NONE, view.mapTo(window, at))
    # Released where it was pressed (the popup, on a screen narrower than the window,
    # can sit under the pointer: the release is the ladder's, as the button's press was).
    QTest.mouseRelease(view, RIGHT, NONE, at)
    menu = window.ladder.new_watch.last_menu
    assert menu is not None and menu.isVisible()
    return menu


def item(menu: QMenu, name: str):
    [found] = [a for a in menu.actions() if a.objectName() == name]
    return found


def open_dialog(qtbot, window) -> WatchDialog:
    qtbot.waitUntil(lambda: window.ladder.new_watch.dialog is not None
                    and window.ladder.new_watch.dialog.isVisible(), timeout=5_000)
    return window.ladder.new_watch.dialog


def test_a_right_click_below_the_price_sets_a_stop_there_after_the_armed_question(
        window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    try:
        last = live_at(qtbot, window, practice_sim, view)
        stop = step_ticks(last, -3)
        menu = right_click(window, view, stop)
        assert [a.objectName() for a in menu.actions()] == ["watchStop", "watchWhy"]
        action = item(menu, "watchStop")
        assert action.isEnabled() and action.text() == f"이 가격에 손절 감시… ({stop:,}원)"
        sellable = window.session.account.sellable(STOCK)
        assert sellable > 0 and f"매도가능 {sellable:,}주" in item(menu, "watchWhy").text()
        action.trigger()
        menu.close()
        dialog = open_dialog(qtbot, window)
        assert dialog.kind.currentData() is WatchKind.STOP_LOSS
        assert dialog.unit.currentData() is TriggerUnit.PRICE and dialog.amount.value() == stop
        assert dialog.draft().trigger == stop and f"{stop:,}" in dialog.origin.text()
        assert dialog.quantity.value() == dialog.quantity.maximum() == sellable
        # Neither a click nor Enter made before it was armed sets anything; once armed,
        # Enter still doesn't (by mouse only).
        assert not dialog.armed and not dialog.arm_button.isEnabled()
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.choice is None
        qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.choice is None
        dialog.quantity.setValue(1)
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(w.stock_code == STOCK for w in keeper(window).all()),
                        timeout=10_000)
        [w] = keeper(window).all()
        assert (w.kind, w.trigger, w.quantity, w.state) == (
            WatchKind.STOP_LOSS, stop, 1, WatchState.ARMED)
        qtbot.waitUntil(lambda: caught_up(view) and any(
            m.watch_id == w.watch_id and m.kind is MarkKind.STOP
            for i, r in enumerate(view.painted_rows) if r.price == stop
            for m in view.painted_marks(i)), timeout=5_000)
        # Above the last trade: a target.
        target = step_ticks(last, 2)
        menu = right_click(window, view, target)
        assert item(menu, "watchTarget").text() == f"이 가격에 익절 감시… ({target:,}원)"
        menu.close()
    finally:
        practice_sim.market.unfreeze()


def test_the_menu_acts_on_the_price_painted_under_the_press_when_the_book_moved(
        window, qtbot, practice_sim):
    """Where the menu comes on release (Windows), the book can move between the press
    and the menu: the menu says, and sets, the price that was under the press."""
    view = ladder_for(qtbot, window)
    try:
        last = live_at(qtbot, window, practice_sim, view)
        pressed = step_ticks(last, -3)
        at = view.level_rect(pressed).center()
        index = view.row_at(at.y())
        QTest.mousePress(view, RIGHT, NONE, at)  # the widget's own: no hold by a pointer
        higher = step_ticks(last, 3)
        practice_sim.market.set_price(STOCK, higher)
        qtbot.waitUntil(lambda: view.last_price == higher and caught_up(view)
                        and view.painted_rows[index].price != pressed, timeout=15_000)
        now_there = view.painted_rows[index].price
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                       view.mapToGlobal(at)))
        QTest.mouseRelease(view, RIGHT, NONE, at)
        menu = window.ladder.new_watch.last_menu
        action = item(menu, "watchStop")
        assert f"{pressed:,}" in action.text() and f"{now_there:,}" not in action.text()
        action.trigger()
        menu.close()
        dialog = open_dialog(qtbot, window)
        assert dialog.draft().trigger == pressed
        qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)
        dialog.quantity.setValue(1)
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(keeper(window).all()), timeout=10_000)
        assert keeper(window).all()[0].trigger == pressed
    finally:
        practice_sim.market.unfreeze()


def test_where_the_next_trade_would_fire_it_the_watch_is_refused_with_the_reason(
        window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    try:
        last = live_at(qtbot, window, practice_sim, view)
        # A stop one tick down is offered; the market trades there while the question is
        # open: the answer sets nothing, and says why.
        stop = step_ticks(last, -1)
        item(right_click(window, view, stop), "watchStop").trigger()
        window.ladder.new_watch.last_menu.close()
        dialog = open_dialog(qtbot, window)
        practice_sim.market.set_price(STOCK, stop)
        qtbot.waitUntil(lambda: view.last_price == stop, timeout=15_000)
        qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        assert window.ladder.new_watch.dialog is None  # answered, and gone
        assert f"손절가는 현재가({stop:,})보다 낮아야 합니다" == window.ladder.panel.hint.text()
        assert "현재가" in window.status_line.text()
        assert not keeper(window).all()
        last = stop
        setter = window.ladder.new_watch
        # The last price's own level (when the book shows one there): no side to offer.
        menu = setter.menu(last, view.mapToGlobal(QPoint(10, 10)))
        [none] = menu.actions()
        assert none.objectName() == "watchNone" and not none.isEnabled()
        assert f"{last:,}원은 현재가" in none.text()
        menu.close()
        # A stop chosen above the last trade (the book moved between menu and choice).
        assert setter.ask(MarkKind.STOP, step_ticks(last, 1)) is None
        assert window.ladder.panel.hint.text() == f"손절가는 현재가({last:,})보다 낮아야 합니다"
        assert setter.dialog is None
    finally:
        practice_sim.market.unfreeze()


def test_a_stock_not_held_offers_no_watch_and_says_why(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window, NOT_HELD)
    qtbot.waitUntil(lambda: window.session.account is not None
                    and view.last_price is not None, timeout=10_000)
    last = view.last_price
    qtbot.waitUntil(lambda: caught_up(view) and view.level_rect(step_ticks(last, -2))
                    is not None, timeout=10_000)
    language.set("en")
    menu = right_click(window, view, step_ticks(last, -2))
    stop = item(menu, "watchStop")
    assert not stop.isEnabled()
    assert item(menu, "watchWhy").text() == "ⓘ Not held: no shares to watch"
    menu.close()
    assert window.ladder.new_watch.ask(MarkKind.STOP, step_ticks(last, -2)) is None
    assert window.ladder.panel.hint.text() == "Not held: no shares to watch"
    # A badge's column gives no price, so no menu either.
    window.ladder.new_watch.last_menu = None
    rect = view.level_rect(step_ticks(last, -2))
    QTest.mousePress(window.windowHandle(), RIGHT, NONE,
                     view.mapTo(window, QPoint(rect.left() + 3, rect.center().y())))
    QTest.mouseRelease(view, RIGHT, NONE, QPoint(rect.left() + 3, rect.center().y()))
    assert window.ladder.new_watch.last_menu is None


def test_a_watch_is_set_from_the_account_panels_holding_row(window, qtbot, practice_sim):
    panel = window.account_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    row = next(r for r in range(panel.model.rowCount())
               if panel.model.holding(r).code == STOCK)
    holding = panel.model.holding(row)
    cell = panel.model.index(row, 0)
    qtbot.waitUntil(lambda: panel.table.visualRect(cell).width() > 30)
    at = panel.table.visualRect(cell).center()
    viewport = panel.table.viewport()
    QTest.mouseClick(window.windowHandle(), RIGHT, NONE, viewport.mapTo(window, at))
    menu = window.watch_panel.last_holding_menu
    [action] = [a for a in menu.actions() if a.objectName() == "watch"]
    assert action.text() == "감시주문 설정…" and action.isEnabled()
    assert item(menu, "holding").text().startswith("삼성전자 · 보유 ")
    assert panel.table.selectionModel().isRowSelected(row)
    action.trigger()
    menu.close()
    [dialog] = [d for d in window.findChildren(WatchDialog) if d.isVisible()]
    assert dialog.holding.code == STOCK
    assert dialog.quantity.value() == (holding.sellable or holding.quantity)
    assert not dialog.armed
    qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)
    # A stop at or above the price it was opened at would fire on the next trade: said
    # next to the fields, and nothing can be set.
    dialog.unit.setCurrentIndex(dialog.unit.findData(TriggerUnit.PRICE))
    dialog.amount.setValue(step_ticks(dialog.price, 1))
    assert not dialog.refusal.isHidden() and not dialog.arm_button.isEnabled()
    assert dialog.refusal.text() == f"손절가는 현재가({dialog.price:,})보다 낮아야 합니다"
    qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.choice is None
    dialog.unit.setCurrentIndex(dialog.unit.findData(TriggerUnit.TICKS))
    dialog.amount.setValue(4)
    assert dialog.refusal.isHidden() and dialog.arm_button.isEnabled()
    dialog.quantity.setValue(1)
    qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(keeper(window).all()), timeout=10_000)
    [w] = keeper(window).all()
    assert (w.stock_code, w.kind, w.quantity) == (STOCK, WatchKind.STOP_LOSS, 1)
    assert w.trigger == step_ticks(dialog.reference.value(), -4)


def test_the_menu_key_opens_the_highlighted_levels_menu(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    try:
        last = live_at(qtbot, window, practice_sim, view)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        QTest.keyClick(view, Qt.Key.Key_Down)  # the best bid, below the last trade
        QTest.keyClick(view, Qt.Key.Key_Down)
        chosen = view.focused_price()
        assert chosen is not None and chosen < last
        # The menu key's event, as the platform sends it (offscreen Qt makes none), with
        # the pointer's place elsewhere: the menu is the highlighted level's.
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard,
                                                       QPoint(2, 2), view.mapToGlobal(QPoint(2, 2))))
        menu = window.ladder.new_watch.last_menu
        assert menu is not None and menu.isVisible()
        assert item(menu, "watchStop").text() == f"이 가격에 손절 감시… ({chosen:,}원)"
        assert view.level_rect(chosen).contains(view.mapFromGlobal(menu.pos()))
        menu.close()
    finally:
        practice_sim.market.unfreeze()


def test_the_account_panels_menu_acts_on_the_holding_under_the_press(window, qtbot):
    """The account is read again between the press and the menu (its rows in another
    order): the menu is still the pressed holding's."""
    from kiwoom_ticket.service import AccountSnapshot

    panel = window.account_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 1, timeout=10_000)
    snapshot = panel.snapshot
    row = next(r for r in range(panel.model.rowCount())
               if panel.model.holding(r).code == STOCK)
    cell = panel.model.index(row, 0)
    qtbot.waitUntil(lambda: panel.table.visualRect(cell).width() > 30)
    at = panel.table.visualRect(cell).center()
    viewport = panel.table.viewport()
    QTest.mousePress(viewport, RIGHT, NONE, at)
    moved = snapshot.holdings[1:] + snapshot.holdings[:1]  # every row one up
    panel.show_snapshot(AccountSnapshot(snapshot.orderable_cash, moved))
    assert panel.model.holding(row).code != STOCK  # another stock painted there now
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                       viewport.mapToGlobal(at)))
    QTest.mouseRelease(viewport, RIGHT, NONE, at)
    menu = window.watch_panel.last_holding_menu
    assert item(menu, "holding").text().startswith("삼성전자 · ")
    item(menu, "watch").trigger()
    menu.close()
    [dialog] = [d for d in window.findChildren(WatchDialog) if d.isVisible()]
    assert dialog.holding.code == STOCK
    dialog.reject()
