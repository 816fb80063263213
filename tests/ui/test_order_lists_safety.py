"""Cancelling several orders where money is at stake: in real trading the one
confirmation takes the mouse, and a cancel the exchange refuses is reported, never sent
again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import CancelOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.service import CredentialStore
from kiwoom_ticket.simulator import SimConfig, Simulator
from kiwoom_ticket.ui.order_lists import OPEN_TAB

from .helpers import answer_dialog, run
from .test_environments import APPKEY, SECRET, pick_env, wait_connected
from .test_order_lists import HYNIX, SAMSUNG, resting_buy, state_at_exchange


@pytest.fixture
def real_sim(monkeypatch):
    sim = Simulator(SimConfig(profile="real", seed=2, rate_limits=False)).start()
    monkeypatch.setenv("KIWOOM_TICKET_REAL_URL", sim.base_url)
    yield sim
    sim.stop()


def test_in_real_trading_cancel_all_asks_once_by_mouse(window, qtbot, real_sim):
    CredentialStore().save(Environment.REAL, Credentials(APPKEY, SECRET))
    pick_env(window, Environment.REAL)
    answer_dialog(qtbot, window, yes=True)
    wait_connected(qtbot, window, Environment.REAL)
    placed = []
    for code in (SAMSUNG, HYNIX):
        task = window.spawn(window.session.place(resting_buy(real_sim, code, 1)))
        qtbot.waitUntil(task.done, timeout=15_000)
        placed.append(task.result()[0])
    lists = window.lists
    lists.setCurrentIndex(OPEN_TAB)
    qtbot.waitUntil(lambda: lists.open_model.rowCount() == 2, timeout=5_000)
    view = lists.open_view
    qtbot.mouseClick(view.cancel_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    box = window.dialogs.current
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in box.buttons())
    assert box.defaultButton() is None  # Enter can't say yes
    text = answer_dialog(qtbot, window, yes=True)
    assert all(r.ord_no in text for r in placed)
    qtbot.waitUntil(view.last_task.done, timeout=15_000)
    assert len(view.last_task.result().cancelled) == 2
    assert real_sim.received("kt10003") == 2
    assert all(state_at_exchange(real_sim, r.ord_no) != "open" for r in placed)


def test_a_cancel_refused_is_reported_and_never_retried(practice_sim, make_window, qtbot):
    practice_sim.reset()
    window = make_window()
    window.poll_timer.stop()  # the app must not learn of the other cancel before ours
    lists = window.lists
    lists.setCurrentIndex(OPEN_TAB)
    [kept] = run(qtbot, window.session.place(resting_buy(practice_sim, SAMSUNG, 2)))
    [gone] = run(qtbot, window.session.place(resting_buy(practice_sim, HYNIX, 1)))
    qtbot.waitUntil(lambda: lists.open_model.rowCount() == 2, timeout=5_000)
    view = lists.open_view
    view.select_records([gone])
    qtbot.mouseClick(view.cancel_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    # Meanwhile someone cancels it on a phone.
    phone = KiwoomClient(practice_sim.base_url, Credentials("phone-key-0123", "phone-secret-0123"),
                         timeouts=Timeouts(connect=1.0, read=2.0))
    try:
        phone.issue_token()
        phone.send_order(CancelOrder(Exchange.KRX, gone.ord_no, HYNIX, 0))
    finally:
        phone.close()
    cancels = practice_sim.received("kt10003")
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(view.last_task.done, timeout=15_000)
    result = view.last_task.result()
    assert not result.cancelled and [r.ord_no for r, _why in result.failed] == [gone.ord_no]
    assert result.failed[0][1]  # the exchange's reason, in words
    assert "1건 실패" in window.status_line.text()
    qtbot.wait(1_500)
    assert practice_sim.received("kt10003") == cancels + 1  # once: never again by itself
    assert window.model.book.get(kept.local_id).status is OrderStatus.ACCEPTED
