"""The 호가창's badges: a click on or beside a badge never falls through to a price, a
badge's quantity is shown whole (up to 9,999,999), and a stop order waits at its stop
price with a stop marker, not among the asks at its limit price."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.ladder_rows import OwnOrder
from kiwoom_ticket.domain.market_depth import Depth
from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.ladder import LadderView
from kiwoom_ticket.ui.ladder_paint import CLOSE_W, small_font

from .helpers import answer_dialog
from .ladder_helpers import book_around, caught_up, click_at
from .test_ladder import _row, ladder_for, rest_a_buy, wait_done


def test_a_click_on_or_beside_a_badge_never_gives_its_price(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    _bought, price = rest_a_buy(qtbot, window, view, qty=2, ticks_under_bid=2)
    modify = window.modify_form
    ladder_for(qtbot, window, form=modify)  # where a stray price click did harm
    modify.price.setText("")
    qtbot.waitUntil(lambda: _row(view, price).buy is not None)
    close = view.close_rect(price, Action.BUY)
    cancels = practice_sim.received("kt10003")
    # A few px left of the × (missed it): the badge selects its order, the target of
    # both tabs (its own price in the Modify tab), and nothing else.
    click_at(window, view, QPoint(close.left() - 6, close.center().y()))
    assert window.session.target.record.local_id == _bought.local_id
    assert window.dialogs.current is None and practice_sim.received("kt10003") == cancels
    assert "미체결 2주" in window.status_line.text() or "미체결 2주" in \
        window.activity_line.text()
    held = modify.price.text()
    assert held in ("", str(price))
    # Beside the badge, in its column, on a row with no badge: nothing at all.
    empty = next(r for r in view.painted_rows if r.price and r.buy is None and r.side == "bid")
    badge = view.badge_rect(price, Action.BUY)
    click_at(window, view, QPoint(badge.center().x(), view.level_rect(empty.price).center().y()))
    assert modify.price.text() == held and window.dialogs.current is None
    # Past the ×'s right edge (the column's last pixel): still the ×, which asks first.
    x = view.width() - 1
    click_at(window, view, QPoint(x, close.center().y()))
    answer_dialog(qtbot, window, yes=False)
    assert wait_done(qtbot, window.cancel_form) is None
    assert modify.price.text() == held
    assert practice_sim.received("kt10003") == cancels


def test_two_orders_at_one_price_show_their_quantity_whole(window, qtbot):
    view = ladder_for(qtbot, window)
    _first, price = rest_a_buy(qtbot, window, view, qty=5, ticks_under_bid=3)
    buy = window.buy_form
    buy.quantity.setText("5")
    buy.price.setText(str(price))
    assert buy.request_submit()
    # The same order again: the duplicate warning asks first.
    qtbot.waitUntil(lambda: window.dialogs.current is not None or buy.last_task.done(),
                    timeout=10_000)
    if window.dialogs.current is not None:
        answer_dialog(qtbot, window, yes=True)
    assert wait_done(qtbot, buy)[0].status is OrderStatus.ACCEPTED
    qtbot.waitUntil(lambda: _row(view, price).buy is not None
                    and _row(view, price).buy.count == 2, timeout=5_000)
    badge = _row(view, price).buy
    assert badge.open_qty == 10
    metrics = QFontMetrics(small_font(view.font()))
    rect = view.badge_rect(price, Action.BUY)
    room = rect.width() - CLOSE_W - 6  # the text's room: left of the ×
    assert room >= metrics.horizontalAdvance("10·2"), (rect, room)  # was "1…"


def record(qty: int, price: int, no: str, trade_type: str = "0", stop: int | None = None):
    return OrderRecord("id" + no, "practice", Action.BUY, Exchange.KRX, "005930", qty, "{}",
                       status=OrderStatus.ACCEPTED, trade_type=trade_type, price=price,
                       stop_price=stop, ord_no=no)


def test_a_badge_shows_up_to_9_999_999_whole_on_each_side(qtbot):
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(232, 520)  # the ladder's width at 1280 x 720
    with qtbot.waitExposed(view):
        view.show()
    view.set_depth(Depth.from_0d("005930", book_around(200_000)))
    bid, ask = step_ticks(200_000, -2), step_ticks(200_000, 2)
    buy = OwnOrder(record(9_999_999, bid, "0000001"), Action.BUY, bid, 9_999_999)
    sell = OwnOrder(record(9_999_999, ask, "0000002"), Action.SELL, ask, 9_999_999)
    view.set_orders([buy, sell])
    qtbot.waitUntil(lambda: caught_up(view))
    metrics = QFontMetrics(small_font(view.font()))
    need = metrics.horizontalAdvance("9,999,999")
    for price, side in ((bid, Action.BUY), (ask, Action.SELL)):
        rect = view.badge_rect(price, side)
        assert rect.width() - CLOSE_W - 6 >= need, (side, rect)
        assert view.rect().contains(rect)
    # The price and the book's quantities still have room.
    cols = view._cols()
    assert cols.price[1] >= metrics.horizontalAdvance("200,000") + 8
    assert cols.asks[1] >= 40 and cols.bids[1] >= 40


def test_an_untriggered_stop_buy_waits_at_its_stop_price_marked_as_a_stop(window, qtbot,
                                                                         practice_sim):
    practice_sim.market.freeze()  # the stop must not trade meanwhile
    try:
        stop_badge(window, qtbot)
    finally:
        practice_sim.market.unfreeze()


def stop_badge(window, qtbot) -> None:
    view = ladder_for(qtbot, window)
    buy = window.buy_form
    cur = buy.current_price()
    stop, limit = step_ticks(cur, 3), step_ticks(cur, 5)
    buy.trade_type.select("28")
    buy.quantity.setText("5")
    buy.price.setText(str(limit))
    buy.stop_price.setText(str(stop))
    assert buy.request_submit()
    rec = wait_done(qtbot, buy)[0]
    assert rec.status is OrderStatus.ACCEPTED and rec.stop_price == stop
    qtbot.waitUntil(lambda: any(o.record.ord_no == rec.ord_no for o in view.orders),
                    timeout=5_000)
    (own,) = [o for o in view.orders if o.record.ord_no == rec.ord_no]
    assert own.price == stop and own.is_stop and own.limit_price == limit
    qtbot.waitUntil(lambda: caught_up(view) and _row(view, stop).buy is not None)
    rows = {r.price: r for r in view.painted_rows if r.price}
    assert rows[stop].side == "ask" and rows[stop].buy.is_stop  # marked, at the stop
    assert rows[limit].buy is None  # not among the asks at its limit price
    index = next(i for i, r in enumerate(view.painted_rows) if r.price == stop)
    tip = view.badge_tip(rows[stop].buy.record, index)
    assert f"스톱 {stop:,}원 → 지정가 {limit:,}원" in tip
