"""A watch set from a holding in the window fires once on the practice exchange's live
trades: the 감시 list shows it armed, then fired, and one sell left."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchState


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
        qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)  # no click counts before
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
        assert panel.model.index(0, 6).data().startswith("감시 중")
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
        assert panel.model.index(0, 6).data() in ("발동됨", "완료")
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
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    finally:
        practice_sim.market.unfreeze()
    [b] = brackets.all()
    assert b.state is BracketState.ACTIVE and len(b.target_ids) == 1
    assert panel.model.index(0, 1).data() == "손절" and "브래킷 카카오" in panel.bracket_lines.text()


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
def _open_watch_dialogs(window):
    from kiwoom_ticket.ui.watch_dialog import WatchDialog

    return [d for d in window.findChildren(WatchDialog) if d.isVisible()]


def _bought(qtbot, window, practice_sim, code: str, qty: int):
    """A buy of `code` that fills at once (a limit above the ask); its record, filled."""
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder

    from .helpers import run

    limit = step_ticks(practice_sim.market.price(code), 3)
    [buy, *_] = run(qtbot, window.session.place(
        NewOrder(Action.BUY, Exchange.KRX, code, qty, "0", limit), ""))
    book = window.session.orders.book
    qtbot.waitUntil(lambda: (book.get(buy.local_id) or buy).filled_qty == qty, timeout=10_000)
    return book.get(buy.local_id)


def test_a_watch_is_set_from_a_filled_buy_in_the_order_log(window, qtbot, practice_sim):
    practice_sim.market.freeze()
    try:
        rec = _bought(qtbot, window, practice_sim, "035720", 3)
        menu = {a.objectName(): a for a in window.log_view.build_menu(rec).actions()}
        assert menu["watch"].isEnabled() and menu["watch"].text() == "감시주문 설정…"
        menu["watch"].trigger()
        [dialog] = _open_watch_dialogs(window)
        fill_price = rec.avg_fill_price or rec.price
        assert dialog.holding.code == "035720" and dialog.quantity.value() == 3
        assert dialog.reference.value() == fill_price
        dialog.unit.setCurrentIndex(dialog.unit.findData(TriggerUnit.TICKS))
        dialog.amount.setValue(5)
        qtbot.waitUntil(lambda: dialog.armed, timeout=5_000)  # no click counts before
        qtbot.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
        keeper = window.watch_panel.keeper
        qtbot.waitUntil(lambda: any(w.stock_code == "035720" for w in keeper.all()),
                        timeout=10_000)
        [w] = [w for w in keeper.all() if w.stock_code == "035720"]
        assert (w.reference, w.quantity, w.trigger) == (fill_price, 3,
                                                        step_ticks(fill_price, -5))
        # A sell, or a buy with nothing filled, offers no watch.
        unfilled = replace(rec, filled_qty=0)
        assert not {a.objectName(): a for a in
                    window.log_view.build_menu(unfilled).actions()}["watch"].isEnabled()
    finally:
        practice_sim.market.unfreeze()


def test_a_watch_is_set_from_a_buy_in_the_fills_list(window, qtbot, practice_sim):
    practice_sim.market.freeze()
    try:
        _bought(qtbot, window, practice_sim, "005930", 2)
        lists = window.lists
        lists.setCurrentWidget(lists.fills_page)  # the tab (its panel is built on first view)
        model = lists.fills_model
        qtbot.waitUntil(lambda: any(f.stock_code == "005930" and f.quantity == 2
                                    for f in model.shown()), timeout=10_000)
        row = next(i for i, f in enumerate(model.shown())
                   if f.stock_code == "005930" and f.quantity == 2)
        fill = model.shown()[row]
        table = lists.fills_view.table
        table.customContextMenuRequested.emit(table.visualRect(model.index(row, 0)).center())
        menu = window.watch_panel.last_fill_menu
        [action] = [a for a in menu.actions() if a.objectName() == "watch"]
        assert action.isEnabled()
        action.trigger()
        menu.close()
        [dialog] = _open_watch_dialogs(window)
        assert dialog.holding.code == "005930" and dialog.quantity.value() == 2
        assert dialog.reference.value() == fill.price
        dialog.reject()
    finally:
        practice_sim.market.unfreeze()


def test_a_bracket_is_one_chain_in_the_order_log(window, qtbot, practice_sim):
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.order_log_model import Column

    from .helpers import run

    practice_sim.market.freeze()
    try:
        buy = _bought(qtbot, window, practice_sim, "035720", 2)
        brackets = window.session.core.protection.brackets
        target = step_ticks(practice_sim.market.price("035720"), 5)
        run(qtbot, brackets.add(buy, target, 4))
        qtbot.waitUntil(lambda: bool(brackets.all()) and len(brackets.all()[0].target_ids) == 1,
                        timeout=10_000)
        [sell_id] = brackets.all()[0].target_ids
        model = window.model
        qtbot.waitUntil(lambda: model.row_of(sell_id) is not None, timeout=10_000)
        buy_row, sell_row = model.row_of(buy.local_id), model.row_of(sell_id)
        assert model.index(sell_row, Column.MESSAGE).data().startswith("[브래킷 익절]")
        assert model.index(buy_row, Column.MESSAGE).data().startswith("[브래킷 매수]")
        # Selecting the target sell tints the buy too: one chain.
        window.log_view.select_row(sell_row)
        root = model.highlight
        assert root is not None and root == model.chain_root(buy)
        assert {buy_row, sell_row} <= set(model.chain_rows(root))
        language.set("en")
        assert model.index(sell_row, Column.MESSAGE).data().startswith("[Bracket target]")
        # An order outside the bracket is not in its chain.
        other = _bought(qtbot, window, practice_sim, "035720", 1)
        qtbot.waitUntil(lambda: model.row_of(other.local_id) is not None, timeout=10_000)
        assert model.row_of(other.local_id) not in model.chain_rows(root)
        assert not model.index(model.row_of(other.local_id), Column.MESSAGE).data().startswith(
            "[")
    finally:
        practice_sim.market.unfreeze()
