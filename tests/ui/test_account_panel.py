"""The 계좌 panel and what the ticket does with it: 매수가능/매도가능 N주, the quantity
buttons, double-click to sell, and a sell over the sellable quantity refused."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import round_to_tick, step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.service import AccountSnapshot, Holding
from kiwoom_ticket.ui import theme
from kiwoom_ticket.ui.account_panel import AccountPanel, HoldingColumn

STOCK = "005930"


def loaded(qtbot, window) -> AccountSnapshot:
    qtbot.waitUntil(lambda: window.account_panel.snapshot is not None, timeout=10_000)
    return window.account_panel.snapshot


def quoted(qtbot, form, code: str = STOCK) -> int:
    form.stock.setText(code)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return form.current_price()


def row_of(panel, code: str) -> int:
    return next(r for r in range(panel.model.rowCount()) if panel.model.holding(r).code == code)


def test_panel_shows_cash_and_holdings_after_connecting(window, qtbot):
    snap = loaded(qtbot, window)
    panel = window.account_panel
    assert panel.title() == "계좌"
    assert f"{snap.orderable_cash:,}" in panel.cash.text() and "주문가능금액" in panel.cash.text()
    assert panel.model.rowCount() == len(snap.holdings) >= 1
    row = row_of(panel, STOCK)
    cells = [panel.model.index(row, int(c)).data() for c in HoldingColumn]
    held = snap.holdings[row]
    assert cells[0] == "삼성전자"
    assert cells[1] == f"{held.quantity:,}" and cells[2] == f"{held.sellable:,}"
    assert cells[3] == f"{held.avg_price:,}" and cells[4] == f"{held.current_price:,}"
    assert any(h.profit for h in snap.holdings)  # else the colour checks below check nothing
    for r, h in enumerate(snap.holdings):  # gains red, losses blue
        brush = panel.model.index(r, int(HoldingColumn.PROFIT)).data(
            Qt.ItemDataRole.ForegroundRole)
        if h.profit > 0:
            assert brush.color() == theme.BUY
        elif h.profit < 0:
            assert brush.color() == theme.SELL
    window.set_language("en")
    assert panel.title() == "Account" and "Orderable cash" in panel.cash.text()
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Held"
    assert panel.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith("Sellable")
    window.set_language("ko")


def test_gains_are_red_and_losses_blue(qtbot):
    panel = AccountPanel()
    qtbot.addWidget(panel)
    panel.show_snapshot(AccountSnapshot(1_000_000, (
        Holding("005930", "삼성전자", 10, 10, 190_000, 200_000, 100_000, 5.26),
        Holding("035720", "카카오", 20, 20, 62_000, 60_000, -40_000, -3.23),
        Holding("000660", "SK하이닉스", 2, 2, 550_000, 550_000, 0, 0.0),
    )))
    m = panel.model
    colour = [[m.index(r, int(c)).data(Qt.ItemDataRole.ForegroundRole)
               for c in (HoldingColumn.PROFIT, HoldingColumn.RATE)] for r in range(3)]
    assert [b.color() for b in colour[0]] == [theme.BUY, theme.BUY]
    assert [b.color() for b in colour[1]] == [theme.SELL, theme.SELL]
    assert colour[2] == [None, None]
    assert m.index(0, int(HoldingColumn.PROFIT)).data() == "+100,000"
    assert m.index(1, int(HoldingColumn.RATE)).data() == "-3.23%"
    assert "+60,000" in panel.total.text()


def test_buyable_shares_and_the_quantity_buttons(window, qtbot):
    snap = loaded(qtbot, window)
    form = window.buy_form
    price = step_ticks(quoted(qtbot, form), -10)
    form.price.setText(str(price))
    n = snap.orderable_cash // price
    helper = form.quantity_helper
    assert helper.label.text() == f"매수가능 {n:,}주"
    qtbot.mouseClick(helper.buttons[50], Qt.MouseButton.LeftButton)
    assert form.quantity.text() == str(n * 50 // 100)
    qtbot.mouseClick(helper.buttons[10], Qt.MouseButton.LeftButton)
    assert form.quantity.text() == str(n // 10)
    qtbot.mouseClick(helper.buttons[100], Qt.MouseButton.LeftButton)
    assert form.quantity.text() == str(n)
    form.trade_type.select("3")  # market: the broker sets the upper limit aside
    upper = form.price_limits()[1]
    assert helper.label.text() == f"매수가능 {snap.orderable_cash // upper:,}주"
    form.trade_type.select("0")
    form.price.clear()
    assert helper.label.text() == "매수가능 —" and not helper.buttons[100].isEnabled()


def test_sell_over_the_sellable_quantity_is_refused_next_to_the_field(window, qtbot,
                                                                       practice_sim):
    snap = loaded(qtbot, window)
    form = window.sell_form
    sellable = snap.sellable(STOCK)
    current = quoted(qtbot, form)
    assert form.quantity_helper.label.text() == f"매도가능 {sellable:,}주"
    form.quantity.setText(str(sellable + 1))
    form.price.setText(str(step_ticks(current, 12)))
    received = practice_sim.received("kt10001")
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and window.dialogs.current is None
    message = form.boxes[Field.QUANTITY].message
    assert not message.isHidden() and f"매도가능수량({sellable:,}주)" in message.text()
    assert practice_sim.received("kt10001") == received
    # A stock the account does not hold: nothing to sell.
    quoted(qtbot, form, "035420")
    assert form.quantity_helper.label.text() == "매도가능 0주"
    assert not form.quantity_helper.buttons[25].isEnabled()


def test_double_click_a_holding_fills_the_sell_tab(window, qtbot):
    snap = loaded(qtbot, window)
    panel = window.account_panel
    row = row_of(panel, STOCK)
    window.tabs.setCurrentWidget(window.buy_form)
    cell = panel.model.index(row, int(HoldingColumn.STOCK))
    qtbot.waitUntil(lambda: panel.table.visualRect(cell).width() > 30)  # laid out, as seen
    rect = panel.table.visualRect(cell)
    # QTest's double click alone lacks the press the view checks it against.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    sell = window.sell_form
    assert window.tabs.currentWidget() is sell
    assert sell.stock.text() == STOCK
    assert sell.quantity.text() == str(snap.sellable(STOCK))
    qtbot.waitUntil(lambda: sell.price.text() != "", timeout=10_000)
    # The quote's price when the tab was filled; a live trade may move the quote line on
    # before this line runs (the field, rightly, stays where it was put).
    price, now = int(sell.price.text()), sell.current_price()
    assert price == round_to_tick(price) and abs(price - now) <= now // 100


def test_account_follows_a_fill_and_f5(window, qtbot, practice_sim):
    before = loaded(qtbot, window)
    held = sum(h.quantity for h in before.holdings if h.code == STOCK)
    form = window.buy_form
    form.price.setText(str(step_ticks(quoted(qtbot, form), 3)))  # marketable: fills at once
    form.quantity.setText("1")
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED

    def holds_one_more() -> bool:
        snap = window.session.account
        return snap is not None and sum(
            h.quantity for h in snap.holdings if h.code == STOCK) == held + 1

    qtbot.waitUntil(holds_one_more, timeout=10_000)
    assert window.account_panel.snapshot.orderable_cash < before.orderable_cash
    queries = practice_sim.received("kt00018")
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: practice_sim.received("kt00018") > queries, timeout=10_000)


def test_a_failed_lookup_shows_in_the_panel_and_logout_forgets_the_account(window, qtbot,
                                                                           practice_sim):
    loaded(qtbot, window)
    panel = window.account_panel
    practice_sim.faults.inject(api_id="kt00001", kind="http500", count=1)
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: "계좌 조회 실패" in panel.state.text(), timeout=10_000)
    assert not panel.state.isHidden()
    assert panel.snapshot is not None  # the last good figures stay until replaced
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: panel.state.isHidden(), timeout=10_000)

    task = window.spawn(window.session.logout())
    qtbot.waitUntil(task.done, timeout=10_000)
    assert panel.snapshot is None and panel.model.rowCount() == 0
    assert "—" in panel.cash.text()
    window.buy_form.stock.setText(STOCK)
    window.buy_form.price.setText("199000")
    assert window.buy_form.quantity_helper.label.text() == "매수가능 —"
    assert window.sell_form.sellable() is None  # no account, no sellable check
