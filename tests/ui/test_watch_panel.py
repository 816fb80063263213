"""A watch set from a holding in the window fires once on the practice exchange's live
trades: the 감시 list shows it armed, then fired, and one sell left."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import WatchState


def test_a_stop_loss_from_a_holding_fires_once_on_live_trades(window, qtbot, practice_sim):
    panel = window.watch_panel
    qtbot.waitUntil(lambda: window.account_panel.model.rowCount() > 0, timeout=10_000)
    holding = window.account_panel.model.holding(0)
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    dialog = panel.set_watch(holding, window.tabs)
    dialog.unit.setCurrentIndex(dialog.unit.findData(dialog.unit.itemData(2)))  # by price
    price = practice_sim.market.price(holding.code)
    practice_sim.market.freeze()
    trigger = step_ticks(price, -2)
    dialog.amount.setValue(trigger)
    dialog.quantity.setValue(1)
    assert "이 앱이 켜져 있는 동안만" in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.preview)))
    try:  # the market is the process's: unfrozen whatever happens here
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
        assert panel.table.item(0, 6).text().startswith("감시 중")
        before = practice_sim.received("kt10001")

        practice_sim.market.set_price(holding.code, step_ticks(trigger, -1))
        qtbot.waitUntil(lambda: panel.keeper.all()[0].state in (WatchState.FIRED,
                                                                WatchState.DONE),
                        timeout=10_000)
        lower = step_ticks(trigger, -3)
        practice_sim.market.set_price(holding.code, lower)
        # The watch saw the next trade too, and nothing more left.
        qtbot.waitUntil(lambda: panel.keeper.all()[0].last_price == lower, timeout=10_000)
        assert practice_sim.received("kt10001") == before + 1
        assert panel.table.item(0, 6).text() in ("발동됨", "완료")
    finally:
        practice_sim.market.unfreeze()


def test_a_bracket_on_the_selected_buy_rests_its_target_and_arms_its_stop(window, qtbot,
                                                                         practice_sim):
    from kiwoom_ticket.domain.brackets import BracketState
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder

    from .helpers import run

    panel = window.watch_panel
    assert panel.set_bracket() is None  # nothing selected: said, nothing set
    assert "매수를 선택" in window.status_line.text()
    practice_sim.market.freeze()
    try:
        [buy, *_] = run(qtbot, window.session.place(
            NewOrder(Action.BUY, Exchange.KRX, "035720", 3, "3"), "카카오"))
        qtbot.waitUntil(lambda: window.session.target.select(buy.local_id), timeout=5_000)
        price = practice_sim.market.price("035720")
        dialog = panel.set_bracket()
        assert "카카오 3주" in dialog.findChild(type(panel.note), "bracketBuy").text()
        # Ten ticks above the fill, or above the quote while the fill is not seen yet.
        qtbot.waitUntil(lambda: dialog.target.value() == step_ticks(price, 10), timeout=5_000)
        dialog.accept()
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: bool(brackets.all()) and brackets.all()[0].covered == 3,
                        timeout=10_000)
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    finally:
        practice_sim.market.unfreeze()
    [b] = brackets.all()
    assert b.state is BracketState.ACTIVE and len(b.target_ids) == 1
    assert panel.table.item(0, 1).text() == "손절" and "브래킷 카카오" in panel.bracket_lines.text()


def test_a_bracket_on_a_market_buy_not_filled_yet_starts_its_target_from_the_quote(
        window, qtbot, practice_sim):
    """The app has not seen the market buy's fill: no fill or limit price to start from.
    The target starts from the quote (never from 0: a 10-won sell), and until it is
    there, OK says to enter one and sets nothing."""
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action
    from kiwoom_ticket.domain.records import OrderRecord
    from kiwoom_ticket.domain.status import OrderStatus

    panel = window.watch_panel
    unfilled = OrderRecord("unfilled-market-buy", "practice", Action.BUY, Exchange.KRX,
                           "035720", 3, "{}", OrderStatus.ACCEPTED, "카카오", "3",
                           ord_no="0000099", trade_day=window.session.core.orders.trade_day
                           or "")
    practice_sim.market.freeze()
    try:
        price = practice_sim.market.price("035720")
        assert window.session.select_order(unfilled)
        dialog = panel.set_bracket()
        assert dialog.target.value() == 0 and dialog.target.text() == "—"
        dialog.accept()  # nothing to sell at yet: said next to the field, nothing set
        assert dialog.isVisible() and not dialog.target_error.isHidden()
        assert "목표가를 입력하세요" in dialog.target_error.text()
        qtbot.waitUntil(lambda: dialog.target.value() == step_ticks(price, 10), timeout=5_000)
        assert dialog.target_error.isHidden()
        dialog.reject()
    finally:
        practice_sim.market.unfreeze()
    assert not window.session.core.protection.brackets.all()
