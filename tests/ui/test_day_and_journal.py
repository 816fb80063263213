"""Trading days, the practice account's reset, a damaged journal: through the window."""

from __future__ import annotations

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.service import paths

from .helpers import answer_dialog, confirmed
from .test_resend import fill_buy, submit_and_wait


def test_reset_practice_account_starts_a_new_numbering_day(window, qtbot, practice_sim):
    fill_buy(qtbot, window, ticks=-18, qty="3")
    before = submit_and_wait(qtbot, window.buy_form)[0]
    assert before.status is OrderStatus.ACCEPTED
    action = window.menus.reset_practice_action
    assert action.isEnabled()
    action.trigger()
    text = answer_dialog(qtbot, window, yes=True)
    assert "0000001" in text
    row = window.model.row_of(before.local_id)
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.EXPIRED,
                    timeout=10_000)
    assert not [o for o in practice_sim.orders() if o["state"] == "open"]
    fill_buy(qtbot, window, ticks=-18, qty="2")
    after = submit_and_wait(qtbot, window.buy_form)[0]
    assert after.ord_no == "0000001" and after.trade_day != before.trade_day
    # Same number, another numbering day: a modify picks today's order, never the old one.
    assert window.model.by_ord_no("0000001").local_id == after.local_id
    menu = {a.objectName(): a for a in window.log_view.build_menu(
        window.model.record(row)).actions()}
    assert not menu["cancel"].isEnabled()


def test_declining_the_reset_changes_nothing(window, qtbot, practice_sim):
    received = practice_sim.received("kt10000")
    orders = practice_sim.orders()
    window.menus.reset_practice_action.trigger()
    answer_dialog(qtbot, window, yes=False)
    qtbot.wait(100)
    assert practice_sim.orders() == orders and practice_sim.received("kt10000") == received


def test_a_damaged_journal_is_moved_aside_and_today_restored(make_window, qtbot,
                                                           practice_sim, private_home):
    first = make_window()
    fill_buy(qtbot, first, ticks=-21, qty="4")
    placed = submit_and_wait(qtbot, first.buy_form)[0]
    assert placed.status is OrderStatus.ACCEPTED
    first.shutdown()
    first.close()
    journal = paths.journal_path("practice")
    with open(journal, "r+b") as f:
        f.write(b"\x00garbage at the head of the file" * 4)
    window = make_window()
    qtbot.waitUntil(lambda: "오늘 주문" in window.status_line.text()
                    and "복원했습니다" in window.status_line.text(), timeout=15_000)
    damaged = list(journal.parent.glob("*damaged*"))
    assert len(damaged) == 1
    restored = window.model.by_ord_no(placed.ord_no)
    assert restored is not None and restored.status is OrderStatus.ACCEPTED
    assert restored.quantity == 4 and "Restored" in restored.message
    # And it can be modified from the log like any order.
    window.log_view.select_row(window.model.row_of(restored.local_id))
    window.modify_form.price.setText(str(step_ticks(restored.price, -1)))
    modified = confirmed(qtbot, window, window.modify_form.request_submit())
    assert modified[0].status is OrderStatus.ACCEPTED
