"""The 호가창 shows the watches of its stock: a stop or target line at its trigger (a
trailing stop at its current trigger), a bracket's target sell and stop as one chain; a
stop line dragged to another level moves the watch's trigger, after an armed question,
driven with the mouse against the practice exchange."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.ladder_marks import MarkKind
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind, WatchState
from kiwoom_ticket.ui.i18n import language

from .helpers import answer_dialog, run
from .ladder_helpers import caught_up
from .test_ladder import ladder_for

STOCK = "005930"


def keeper(window):
    return window.session.core.protection.watches


def add_watch(qtbot, window, kind, amount, unit=TriggerUnit.PRICE, reference=0):
    return run(qtbot, keeper(window).add(STOCK, kind, unit, amount, 1, reference or amount))


def shown(qtbot, view, watch_id: str, price: int) -> None:
    """Wait for the line of `watch_id` at `price` to be on screen."""
    qtbot.waitUntil(lambda: caught_up(view) and any(
        m.watch_id == watch_id for i, r in enumerate(view.painted_rows) if r.price == price
        for m in view.painted_marks(i)), timeout=5_000)


def drag(view, start: QPoint, end: QPoint, between=None) -> None:
    QTest.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view, QPoint(start.x(), start.y() + 12))
    if between is not None:
        between()
    QTest.mouseMove(view, end)


def test_a_stop_line_dragged_two_levels_moves_the_watch_after_an_armed_question(
        window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)  # prices live
    practice_sim.market.freeze()
    try:
        price = practice_sim.market.price(STOCK)
        stop = step_ticks(price, -3)
        w = add_watch(qtbot, window, WatchKind.STOP_LOSS, stop, reference=price)
        shown(qtbot, view, w.watch_id, stop)
        [mark] = [m for m in view.marks if m.watch_id == w.watch_id]
        assert mark.kind is MarkKind.STOP and mark.draggable and mark.price == stop
        start = view.mark_rect(stop).center()
        new = step_ticks(stop, -2)
        end = QPoint(start.x(), view.level_rect(new).center().y())
        painted = [r.price for r in view.painted_rows]

        def book_moves() -> None:
            # The book moves while the button is down: the rows hold their prices.
            practice_sim.market.set_price(STOCK, step_ticks(price, 2))
            qtbot.waitUntil(lambda: view.last_price == step_ticks(price, 2), timeout=10_000)

        drag(view, start, end, book_moves)
        assert QToolTip.text() == f"{stop:,} → {new:,} (-2호가)"
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
        assert [r.price for r in view.painted_rows] == painted
        # A click made before the question was armed does not answer it.
        qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
        assert not window.dialogs.armed
        yes = window.dialogs.current.buttons()[0]
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
        assert window.dialogs.current is not None and keeper(window).get(w.watch_id).trigger == stop
        text = answer_dialog(qtbot, window, yes=True)
        assert f"{stop:,} → {new:,} (-2호가)" in text and "손절" in text
        qtbot.waitUntil(lambda: keeper(window).get(w.watch_id).trigger == new, timeout=5_000)
        moved = keeper(window).get(w.watch_id)
        assert moved.unit is TriggerUnit.PRICE and moved.state is WatchState.ARMED
        shown(qtbot, view, w.watch_id, new)
        assert not any(m.watch_id == w.watch_id for m in view.marks if m.price == stop)
    finally:
        practice_sim.market.unfreeze()


def test_a_stop_line_is_not_moved_to_where_it_would_fire_nor_when_the_trader_says_no(
        window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=30_000)  # trades come live
    practice_sim.market.freeze()
    try:
        # A trade one tick up, seen on the ladder: the price the line is measured from
        # (the last move before the freeze may still be on its way).
        price = step_ticks(practice_sim.market.price(STOCK), 1)
        practice_sim.market.set_price(STOCK, price)
        qtbot.waitUntil(lambda: view.last_price == price, timeout=15_000)
        stop = step_ticks(price, -2)
        w = add_watch(qtbot, window, WatchKind.STOP_LOSS, stop, reference=price)
        shown(qtbot, view, w.watch_id, stop)
        start = view.mark_rect(stop).center()
        above = step_ticks(price, 1)
        drag(view, start, QPoint(start.x(), view.level_rect(above).center().y()))
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton,
                           pos=QPoint(start.x(), view.level_rect(above).center().y()))
        assert window.dialogs.current is None  # refused before any question
        assert "현재가" in window.ladder.panel.hint.text()
        lower = step_ticks(stop, -1)
        end = QPoint(start.x(), view.level_rect(lower).center().y())
        drag(view, start, end)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
        answer_dialog(qtbot, window, yes=False)
        qtbot.waitUntil(lambda: window.ladder.move_task.done(), timeout=5_000)
        assert keeper(window).get(w.watch_id).trigger == stop
        # A click on the tag gives no price to the ticket.
        window.buy_form.price.setText("")
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=start)
        assert window.buy_form.price.text() == ""
    finally:
        practice_sim.market.unfreeze()


def test_a_trailing_stop_shows_its_current_trigger_and_is_not_dragged(window, qtbot,
                                                                      practice_sim):
    view = ladder_for(qtbot, window)
    practice_sim.market.freeze()
    try:
        price = practice_sim.market.price(STOCK)
        qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
        w = add_watch(qtbot, window, WatchKind.TRAILING, 4, TriggerUnit.TICKS, price)
        trigger = keeper(window).get(w.watch_id).trigger
        assert trigger == step_ticks(price, -4)
        shown(qtbot, view, w.watch_id, trigger)
        [mark] = [m for m in view.marks if m.watch_id == w.watch_id]
        assert mark.kind is MarkKind.TRAILING and not mark.draggable
        # The high moves up two ticks: the line follows.
        practice_sim.market.set_price(STOCK, step_ticks(price, 2))
        shown(qtbot, view, w.watch_id, step_ticks(price, -2))
        language.set("en")
        i = next(i for i, r in enumerate(view.painted_rows) if r.price == step_ticks(price, -2))
        assert "Trail watch at" in view.mark_tip(i) and "Drag" not in view.mark_tip(i)
    finally:
        practice_sim.market.unfreeze()


def test_a_bracket_shows_its_target_sell_and_its_stop_as_one_chain(window, qtbot,
                                                                   practice_sim):
    view = ladder_for(qtbot, window)
    practice_sim.market.freeze()
    try:
        price = practice_sim.market.price(STOCK)
        [buy, *_] = run(qtbot, window.session.place(
            NewOrder(Action.BUY, Exchange.KRX, STOCK, 2, "3"), "삼성전자"))
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: window.session.orders.book.get(buy.local_id) is not None
                        and window.session.orders.book.get(buy.local_id).filled_qty == 2,
                        timeout=10_000)
        target = step_ticks(price, 4)
        run(qtbot, brackets.add(window.session.orders.book.get(buy.local_id), target, 3))
        qtbot.waitUntil(lambda: bool(brackets.all()) and brackets.all()[0].stop_watch_id
                        is not None, timeout=10_000)
        [b] = brackets.all()
        stop = keeper(window).get(b.stop_watch_id).trigger
        qtbot.waitUntil(lambda: len(view.chains) == 1, timeout=5_000)
        chain = view.chains[0]
        assert (chain.low, chain.high) == (stop, target)
        tagged = {m.kind: m for m in view.marks if m.bracket_id == b.bracket_id}
        assert tagged[MarkKind.TARGET].price == target and tagged[MarkKind.TARGET].watch_id is None
        assert tagged[MarkKind.STOP].price == stop and tagged[MarkKind.STOP].draggable
        # The target sell rests at the exchange: its badge sits on the chain's top row.
        qtbot.waitUntil(lambda: caught_up(view) and any(
            r.price == target and r.sell is not None for r in view.painted_rows), timeout=5_000)
        i = next(i for i, r in enumerate(view.painted_rows) if r.price == target)
        assert "브래킷 익절 매도" in view.mark_tip(i)
    finally:
        practice_sim.market.unfreeze()
