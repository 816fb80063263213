"""Under the 호가창: the position in the ladder's stock (보유, 평균가, 평가손익 won/%,
매도가능), quick quantities (presets from Settings, % of orderable) and 매수 일괄취소 /
매도 일괄취소, driven with the mouse against the practice exchange."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.ladder_position import Position
from kiwoom_ticket.ui.quantity_presets import (
    DEFAULT_PRESETS,
    PresetError,
    parse_presets,
    saved_presets,
)

from .helpers import answer_dialog, run
from .test_ladder import ladder_for, rest_a_buy

STOCK = "005930"


def held(window, code: str = STOCK):
    return [h for h in window.session.account.holdings if h.code == code]


def bar_of(window):
    return window.ladder.panel.position


def wait_account(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.account is not None, timeout=10_000)


def test_the_position_of_the_ladders_stock_from_the_account(window, qtbot):
    ladder_for(qtbot, window)
    wait_account(qtbot, window)
    (lot,) = held(window)
    bar = bar_of(window)
    tools = window.ladder.tools
    qtbot.waitUntil(lambda: bar.holding.text().startswith("보유 "), timeout=5_000)
    position = tools.position()
    assert position is not None and position.quantity == lot.quantity
    assert bar.holding.text() == f"보유 {lot.quantity:,}주 · 매도가능 {lot.sellable:,}주"
    text = bar.profit.text()
    assert f"평균 {lot.avg_price:,}" in text and f"{position.profit:+,}원" in text
    assert f"({position.profit_rate:+.2f}%)" in text
    language.set("en")
    assert bar.holding.text() == f"Held {lot.quantity:,} · sellable {lot.sellable:,}"
    assert f"Avg {lot.avg_price:,}" in bar.profit.text()
    # A stock not held says so.
    ladder_for(qtbot, window, code="035420")
    qtbot.waitUntil(lambda: bar.holding.text() == "Not held", timeout=5_000)
    assert bar.profit.text() == ""


def test_a_live_price_moves_the_unrealised_pnl(window, qtbot):
    ladder_for(qtbot, window)
    wait_account(qtbot, window)
    (lot,) = held(window)
    tools = window.ladder.tools
    up = step_ticks(lot.current_price, 10)
    tools.set_last_price(up)
    position = tools.position()
    assert position.profit == lot.profit + (up - lot.current_price) * lot.quantity
    assert abs(position.profit_rate
               - position.profit * 100 / (lot.avg_price * lot.quantity)) < 1e-9
    assert f"{position.profit:+,}원" in bar_of(window).profit.text()


def test_lots_of_one_stock_add_up():
    from kiwoom_ticket.service import AccountSnapshot, Holding

    cash = Holding(STOCK, "삼성전자", 10, 10, 100_000, 110_000, 100_000, 10.0)
    credit = Holding(STOCK, "삼성전자", 10, 4, 120_000, 110_000, -100_000, -8.33)
    position = Position.of(AccountSnapshot(0, (cash, credit)), STOCK)
    assert (position.quantity, position.sellable, position.avg_price) == (20, 14, 110_000)
    assert position.profit == 0 and position.profit_rate == 0
    assert Position.of(AccountSnapshot(0, (cash,)), "000660") is None


def test_preset_and_percent_buttons_fill_the_tickets_quantity(window, qtbot):
    ladder_for(qtbot, window)
    wait_account(qtbot, window)
    bar = bar_of(window)
    buy = window.buy_form
    assert [b.text() for b in bar.preset_buttons] == [f"{n:,}" for n in DEFAULT_PRESETS]
    qtbot.mouseClick(bar.preset_buttons[2], Qt.MouseButton.LeftButton)
    assert buy.quantity.text() == str(DEFAULT_PRESETS[2])
    qtbot.waitUntil(lambda: bool(buy.capacity()), timeout=5_000)
    qtbot.mouseClick(bar.fraction_buttons[50], Qt.MouseButton.LeftButton)
    assert buy.quantity.text() == str(buy.capacity() // 2)
    # From the Sell tab: % of what can be sold.
    sell = window.sell_form
    window.tabs.setCurrentWidget(sell)
    sell.stock.setText(STOCK)
    qtbot.waitUntil(lambda: sell.capacity() == held(window)[0].sellable, timeout=5_000)
    qtbot.mouseClick(bar.fraction_buttons[100], Qt.MouseButton.LeftButton)
    assert sell.quantity.text() == str(held(window)[0].sellable)
    # From the Cancel tab a preset brings the Buy tab forward.
    window.tabs.setCurrentWidget(window.cancel_form)
    qtbot.mouseClick(bar.preset_buttons[0], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is buy and buy.quantity.text() == "1"


def test_presets_are_set_in_settings_and_a_bad_one_is_said_next_to_the_field(window, qtbot):
    action = window.ladder.presets_action
    assert action in window.menus.settings_menu.actions()
    action.trigger()
    dialog = window.ladder.tools.presets_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.edit.setText("5, 0")
    dialog.try_save()
    assert dialog.isVisible() and dialog.error.isVisible() and "'0'" in dialog.error.text()
    assert saved_presets() == DEFAULT_PRESETS  # nothing saved
    dialog.edit.setText("5, 20, 300")
    dialog.try_save()
    assert not dialog.isVisible()
    assert saved_presets() == (5, 20, 300)
    assert [b.text() for b in bar_of(window).preset_buttons] == ["5", "20", "300"]


def test_parse_presets():
    assert parse_presets("1, 10,50 100") == (1, 10, 50, 100)
    assert parse_presets("10,10") == (10,)
    for bad in ("", "1,2,3,4,5,6", "-1", "1.5", "abc", "10000000"):
        try:
            parse_presets(bad)
        except PresetError:
            continue
        raise AssertionError(bad)


def test_cancel_buys_asks_once_and_cancels_only_this_sides_orders(window, qtbot, practice_sim):
    view = ladder_for(qtbot, window)
    first, _ = rest_a_buy(qtbot, window, view, qty=2, ticks_under_bid=3)
    second, _ = rest_a_buy(qtbot, window, view, qty=3, ticks_under_bid=5)
    sell = window.sell_form
    window.tabs.setCurrentWidget(sell)
    sell.stock.setText(STOCK)
    qtbot.waitUntil(lambda: sell.current_price() is not None and bool(sell.capacity()),
                    timeout=5_000)
    sell.quantity.setText("1")
    sell.price.setText(str(step_ticks(sell.current_price(), 6)))
    assert sell.request_submit()
    qtbot.waitUntil(lambda: sell.last_task is not None and sell.last_task.done(), timeout=10_000)
    issues = {f: b.issues for f, b in sell.boxes.items() if b.issues}
    assert sell.last_task.result(), (issues, sell.price.text(), sell.current_price())
    qtbot.waitUntil(lambda: len(view.orders) == 3, timeout=10_000)
    bar = bar_of(window)
    assert bar.cancel_buttons[Action.BUY].text() == "매수 일괄취소 (2)"
    assert bar.cancel_buttons[Action.SELL].text() == "매도 일괄취소 (1)"
    cancels = practice_sim.received("kt10003")
    # No: nothing leaves.
    qtbot.mouseClick(bar.cancel_buttons[Action.BUY], Qt.MouseButton.LeftButton)
    text = answer_dialog(qtbot, window, yes=False)
    assert first.ord_no in text and second.ord_no in text
    run(qtbot, window.ladder.tools.cancel_task)
    assert practice_sim.received("kt10003") == cancels
    # Yes: the two buys are cancelled, the sell rests.
    qtbot.mouseClick(bar.cancel_buttons[Action.BUY], Qt.MouseButton.LeftButton)
    assert window.dialogs.current is None or not window.dialogs.armed  # armed only later
    answer_dialog(qtbot, window, yes=True)
    result = run(qtbot, window.ladder.tools.cancel_task)
    assert {r.ord_no for r in result.cancelled} == {first.ord_no, second.ord_no}
    assert practice_sim.received("kt10003") == cancels + 2
    at_exchange = {o["ord_no"]: o for o in practice_sim.orders()}
    assert [at_exchange[r.ord_no]["state"] for r in (first, second)] != ["open", "open"]
    assert {o["state"] for o in at_exchange.values() if o["side"] == "sell"} == {"open"}
    qtbot.waitUntil(lambda: [o.side for o in view.orders] == [Action.SELL], timeout=10_000)
    qtbot.waitUntil(lambda: not bar.cancel_buttons[Action.BUY].isEnabled(), timeout=5_000)
    for rec in (first, second):
        assert window.model.book.get(rec.local_id).status is OrderStatus.CANCELLED
