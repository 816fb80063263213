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
    qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    assert panel.table.item(0, 6).text().startswith("감시 중")
    before = practice_sim.received("kt10001")

    practice_sim.market.set_price(holding.code, step_ticks(trigger, -1))
    qtbot.waitUntil(lambda: panel.keeper.all()[0].state in (WatchState.FIRED, WatchState.DONE),
                    timeout=10_000)
    lower = step_ticks(trigger, -3)
    practice_sim.market.set_price(holding.code, lower)
    # The watch saw the next trade too, and nothing more left.
    qtbot.waitUntil(lambda: panel.keeper.all()[0].last_price == lower, timeout=10_000)
    assert practice_sim.received("kt10001") == before + 1
    assert panel.table.item(0, 6).text() in ("발동됨", "완료")
    practice_sim.market.unfreeze()
