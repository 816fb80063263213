"""창 → 새 주문창: a second ticket window (ticket + 호가창) on the same core as the main
window. One worker, one WebSocket, one journal: orders placed from both are journaled and
sent once each, both windows show the same orders and the same Modify/Cancel target at
once, and closing the second leaves the first trading with nothing of it left running."""

from __future__ import annotations

import asyncio
import threading

import pytest
from PySide6.QtGui import QKeySequence

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import tick_size
from kiwoom_ticket.ui.ticket_window import TicketWindow
from kiwoom_ticket.ui.window_menu import NEW_TICKET_KEY

STOCK = "005930"


def threads(prefix: str) -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(prefix)]


def open_second(qtbot, window) -> TicketWindow:
    action = window.menus.new_ticket_action
    assert action is not None
    assert action.shortcut() == QKeySequence(NEW_TICKET_KEY)
    action.trigger()
    [second] = window.ticket_windows
    qtbot.waitExposed(second)
    return second


def resting_price(practice_sim, ticks: int) -> int:
    """A buy `ticks` under the current price: it rests (the market is frozen)."""
    current = practice_sim.market.quote(STOCK).price
    return current - ticks * tick_size(current)


def buy_from(qtbot, window, desk, price: int, qty: int):
    """Fill the Buy tab of `desk` and press its send (a question, asked over `window`,
    is answered yes)."""
    form = desk.buy_form
    desk.setCurrentWidget(form)
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText(str(qty))
    form.price.setText(str(price))
    task = form.request_submit()
    assert task is not None
    qtbot.waitUntil(lambda: task.done() or window.dialogs.armed, timeout=15_000)
    if not task.done():
        assert window.dialogs.answer(True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result(), [b.message.text() for b in form.boxes.values()] + [window.status_line.text()]
    [rec, *_] = task.result()
    assert rec.status is OrderStatus.ACCEPTED, rec.message
    return rec


def badges(ladder) -> list[str]:
    return [o.record.local_id for o in ladder.view.orders]


@pytest.fixture
def still_market(practice_sim):
    practice_sim.market.freeze()  # resting orders stay open while the test looks
    yield
    practice_sim.market.unfreeze()


def test_orders_from_two_windows_share_one_core_and_the_target_follows_both(
        make_window, qtbot, practice_sim, still_market):
    window = make_window()
    sockets = threads("kiwoom-ws-")
    second = open_second(qtbot, window)
    assert second.core is window.core and second.session is window.session
    assert second.dialogs is not window.dialogs  # its questions open over it
    assert threads("kiwoom-worker") == ["kiwoom-worker"]  # one worker for both
    assert threads("kiwoom-ws-") == sockets  # no second WebSocket
    sent = practice_sim.received("kt10000")
    journal = window.session.service.journal
    rows = journal.count()

    a = buy_from(qtbot, window, window.tabs, resting_price(practice_sim, 3), 1)
    b = buy_from(qtbot, second, second.desk, resting_price(practice_sim, 4), 2)
    assert practice_sim.received("kt10000") == sent + 2  # one exchange order each
    assert journal.count() == rows + 2  # one journal row each
    assert {r.local_id for r in journal.all()} >= {a.local_id, b.local_id}
    # Both windows show both orders: the main log, and each window's 호가창 badges.
    assert window.model.row_of(a.local_id) is not None
    assert window.model.row_of(b.local_id) is not None
    qtbot.waitUntil(lambda: sorted(badges(window.ladder)) == sorted([a.local_id, b.local_id]),
                    timeout=10_000)
    qtbot.waitUntil(lambda: sorted(badges(second.ladder)) == sorted([a.local_id, b.local_id]),
                    timeout=10_000)

    # A selection in one window is the target in the other, at once.
    window.ladder.view.badge_clicked.emit(window.session.orders.get(b.local_id))
    assert second.desk.cancel_form.target_card.record.local_id == b.local_id
    assert second.desk.modify_form.orig_ord_no.text() == b.ord_no
    second.ladder.view.badge_clicked.emit(window.session.orders.get(a.local_id))
    assert window.cancel_form.target_card.record.local_id == a.local_id
    assert window.modify_form.orig_ord_no.text() == a.ord_no

    # Closing the second window leaves the first trading, with nothing of it running.
    forms = second.desk.forms
    second.close()
    qtbot.waitUntil(lambda: window.ticket_windows == [], timeout=5_000)
    assert not second.poll_timer.isActive() if _alive(second) else True
    qtbot.waitUntil(lambda: all(t is None or t.done() for f in forms if _alive(f)
                                for t in (f.lookup_task, f.refresh_task)), timeout=5_000)
    assert window.session._watching.keys() <= {window.live}  # its stock no longer watched
    assert threads("kiwoom-worker") == ["kiwoom-worker"]
    c = buy_from(qtbot, window, window.tabs, resting_price(practice_sim, 5), 3)
    assert practice_sim.received("kt10000") == sent + 3
    assert journal.count() == rows + 3
    qtbot.waitUntil(lambda: c.local_id in badges(window.ladder), timeout=10_000)
    window.ladder.view.badge_clicked.emit(window.session.orders.get(c.local_id))
    assert window.cancel_form.target_card.record.local_id == c.local_id
    qtbot.waitUntil(lambda: not [t for t in asyncio.all_tasks()
                                 if _of_closed(t, forms)], timeout=5_000)


def test_each_windows_stock_is_live_and_a_closed_windows_is_let_go(make_window, qtbot):
    window = make_window()
    stream = window.session.core.stream
    window.tabs.setCurrentWidget(window.buy_form)
    window.buy_form.stock.setText(STOCK)
    second = open_second(qtbot, window)
    second.desk.setCurrentWidget(second.desk.sell_form)
    second.desk.sell_form.stock.setText("000660")
    assert stream.watched == {STOCK, "000660"}  # one WebSocket registers both windows'
    second.close()
    qtbot.waitUntil(lambda: window.ticket_windows == [], timeout=5_000)
    assert stream.watched == {STOCK}
    third = open_second(qtbot, window)
    assert "주문창 3" in third.windowTitle()  # a closed window's number is not given again


def test_closing_the_main_window_closes_the_app(make_window, qtbot):
    window = make_window()
    second = open_second(qtbot, window)
    closed = []
    second.closed.connect(lambda: closed.append(True))
    window.close()
    assert closed == [True]  # the other ticket windows went with it
    assert window.core.shut
    assert not threads("kiwoom-worker")


def _alive(obj) -> bool:
    try:
        obj.objectName()
    except RuntimeError:  # deleted with its window
        return False
    return True


def _of_closed(task: asyncio.Task, forms) -> bool:
    """A task still running a coroutine bound to one of the closed window's forms."""
    frame_self = getattr(task.get_coro(), "cr_frame", None)
    owner = frame_self.f_locals.get("self") if frame_self is not None else None
    return not task.done() and owner is not None and any(owner is f for f in forms)
