"""Brackets on entry (issue 27): the target and stop set on the Buy tab before 매수; the
buy leaves with its bracket, written before the buy is sent. Real widgets, the practice
exchange over loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.brackets import BracketState
from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind, WatchState
from kiwoom_ticket.ui.order_log_model import Column

from .helpers import answer_dialog, run

NAVER = "035420"
START = 250_000  # NAVER's price in these tests: its day's base price, 500-won ticks


def _ticket(window, qtbot, code: str, quantity: int, price: int | None = None,
            target=(TriggerUnit.TICKS, "10"), stop=(TriggerUnit.PERCENT, "2")):
    """The Buy tab filled in: a limit buy of `code` (at the current price unless
    `price`), its bracket section opened and set."""
    form = window.buy_form
    window.tabs.setCurrentWidget(form)
    form.stock.setText(code)
    qtbot.waitUntil(lambda: bool(form.current_price()), timeout=10_000)
    form.trade_type.select("0")
    form.price.setText(str(price or form.current_price()))
    form.quantity.setText(str(quantity))
    section = form.bracket
    assert not section.is_open and section.body.isHidden()  # closed by default
    section.set_open(True)
    assert section.body.isVisible()
    section.target.unit.select(target[0].value)
    section.target.amount.setText(target[1])
    section.stop.unit.select(stop[0].value)
    section.stop.amount.setText(stop[1])
    return form


def test_a_bracket_set_on_the_buy_tab_leaves_with_the_buy(window, qtbot, practice_sim,
                                                           monkeypatch):
    """The question shows the bracket; the bracket is written after the buy is journaled
    and before the exchange sees it; the target rests, the stop is armed at its price,
    and the log shows both as one chain with their roles beside the status, in columns
    a 1280-px window shows without scrolling."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)  # (another test may have moved it)
        price = practice_sim.market.price(NAVER)
        form = _ticket(window, qtbot, NAVER, 4, price)
        target, stop = step_ticks(price, 10), 245_000  # 250,000 - 2% (on the 500-won grid)
        assert price == 250_000
        section = form.bracket
        assert section.estimate_line.text() == "목표 +20,000원 (+2.00%), 손절 -20,000원 (-2.00%)"
        store = window.session.core.protection.store
        seen_by_exchange: list[int] = []
        save = store.save_bracket

        def save_and_count(b):
            seen_by_exchange.append(practice_sim.received("kt10000"))
            return save(b)

        monkeypatch.setattr(store, "save_bracket", save_and_count)
        buys_before = practice_sim.received("kt10000")
        task = form.request_submit()
        question = answer_dialog(qtbot, window, True)
        assert f"브래킷: 익절 {target:,}원" in question and f"손절 {stop:,}원" in question
        assert "목표 +20,000원 (+2.00%), 손절 -20,000원 (-2.00%)" in question
        qtbot.waitUntil(task.done, timeout=15_000)
        [buy, *_] = task.result()
        assert practice_sim.received("kt10000") == buys_before + 1
        assert seen_by_exchange[0] == buys_before  # written before the buy left
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: bool(brackets.all()) and brackets.all()[0].covered == 4
                        and brackets.all()[0].stop_watch_id is not None, timeout=15_000)
        [b] = brackets.all()
        assert b.buy_local_id == buy.local_id and b.target_price == target
        assert b.stop_price == stop and b.state is BracketState.ACTIVE
        [w] = [w for w in window.session.core.protection.watches.all()
               if w.watch_id == b.stop_watch_id]
        assert w.kind is WatchKind.STOP_LOSS and w.trigger == stop and w.quantity == 4
        assert w.state is WatchState.ARMED
        [sell_id] = b.target_ids
        model = window.model
        qtbot.waitUntil(lambda: model.row_of(sell_id) is not None
                        and model.row_of(buy.local_id) is not None, timeout=10_000)
        # The roles beside the status, where a 1280-px window shows them.
        window.resize(1280, 720)
        QApplication.processEvents()
        buy_status = model.index(model.row_of(buy.local_id), Column.STATUS).data()
        sell_status = model.index(model.row_of(sell_id), Column.STATUS).data()
        assert buy_status.endswith("· 브래킷") and sell_status.endswith("· 익절")
        sell_tip = model.index(model.row_of(sell_id), Column.STATUS).data(
            Qt.ItemDataRole.ToolTipRole)
        assert sell_tip == "브래킷 익절"  # whole, where a long status cuts the cell
        table = window.log_view.table
        right = (table.columnViewportPosition(int(Column.STATUS))
                 + table.columnWidth(int(Column.STATUS)))
        assert right <= table.viewport().width()
        metrics = table.fontMetrics()
        for text in (buy_status, sell_status):  # whole, not elided
            assert metrics.horizontalAdvance(text) < table.columnWidth(int(Column.STATUS))
        # The ladder shows the chain (its target and stop).
        view = window.ladder.view
        qtbot.waitUntil(lambda: window.ladder.code == NAVER and len(view.chains) == 1,
                        timeout=10_000)
    finally:
        practice_sim.market.unfreeze()


def test_partial_fills_grow_the_target(window, qtbot, practice_sim):
    """A buy larger than one price step of the exchange's liquidity fills in two parts:
    the target rests for each part as it fills, and the stop covers all that is held."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)  # (another test may have moved it)
        price = practice_sim.market.price(NAVER)
        step = practice_sim.config.step_liquidity_krw // price  # what one step fills
        quantity = step + step // 2
        form = _ticket(window, qtbot, NAVER, quantity, price)
        task = form.request_submit()
        answer_dialog(qtbot, window, True)  # a large order: asked, by mouse
        qtbot.waitUntil(task.done, timeout=15_000)
        brackets = window.session.core.protection.brackets
        # (What the target covers is written before its sell leaves: its id comes after.)
        qtbot.waitUntil(lambda: bool(brackets.all()) and brackets.all()[0].covered == step
                        and len(brackets.all()[0].target_ids) == 1, timeout=15_000)
        practice_sim.market.set_price(NAVER, step_ticks(price, -1))  # the rest fills
        qtbot.waitUntil(lambda: brackets.all()[0].covered == quantity
                        and len(brackets.all()[0].target_ids) == 2, timeout=15_000)
        b = brackets.all()[0]
        watches = window.session.core.protection.watches
        qtbot.waitUntil(lambda: next(w for w in watches.all()
                                     if w.watch_id == b.stop_watch_id).quantity == quantity,
                        timeout=10_000)
        core = window.session.core
        rows = run(qtbot, core._run(core.service.journal.all))
    finally:
        practice_sim.market.unfreeze()
    targets = sorted((r for r in rows if r.local_id in b.target_ids),
                     key=lambda r: r.created_at)
    assert [r.quantity for r in targets] == [step, quantity - step]
    assert {r.price for r in targets} == {b.target_price}


def test_the_stop_fires_through_the_watch(window, qtbot, practice_sim):
    """The price falls to the stop: the watch fires, the target's resting sell is
    cancelled first, and the stop sells what was bought; never more."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)  # (another test may have moved it)
        price = practice_sim.market.price(NAVER)
        form = _ticket(window, qtbot, NAVER, 3, price, stop=(TriggerUnit.TICKS, "2"))
        task = form.request_submit()
        answer_dialog(qtbot, window, True)
        qtbot.waitUntil(task.done, timeout=15_000)
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: bool(brackets.all()) and brackets.all()[0].covered == 3
                        and brackets.all()[0].stop_watch_id is not None, timeout=15_000)
        b = brackets.all()[0]
        assert b.stop_price == step_ticks(price, -2)
        practice_sim.market.set_price(NAVER, b.stop_price)
        watches = window.session.core.protection.watches
        qtbot.waitUntil(lambda: brackets.all()[0].state is BracketState.CLOSED
                        and next(w for w in watches.all() if w.watch_id == b.stop_watch_id)
                        .order_local_id is not None, timeout=15_000)
        stop = next(w for w in watches.all() if w.watch_id == b.stop_watch_id)
        core = window.session.core
        run(qtbot, core.refresh(full=True))
        rows = run(qtbot, core._run(core.service.journal.all))
    finally:
        practice_sim.market.unfreeze()
    [target] = [r for r in rows if r.local_id in b.target_ids]
    assert target.status is OrderStatus.CANCELLED and target.filled_qty == 0
    [stop_sell] = [r for r in rows if r.local_id == stop.order_local_id]
    assert stop_sell.action is Action.SELL and stop_sell.quantity == 3
    sold = sum(r.filled_qty for r in rows if r.action is Action.SELL
               and r.created_at >= target.created_at)
    assert sold <= 3


def test_a_bad_target_or_stop_is_refused_next_to_the_field_and_nothing_is_sent(
        window, qtbot, practice_sim):
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)  # (another test may have moved it)
        price = practice_sim.market.price(NAVER)
        form = _ticket(window, qtbot, NAVER, 2, price)
        section = form.bracket
        sent = practice_sim.received("kt10000")
        upper = 325_000  # the day's upper limit (base 250,000 + 30%)
        cases = [
            (section.target, section.target_box, TriggerUnit.TICKS, "", "익절 값을"),
            (section.target, section.target_box, TriggerUnit.PRICE, str(price - 500),
             "매수가(250,000원)보다 높아야"),
            (section.target, section.target_box, TriggerUnit.PRICE, "251200", "호가 단위"),
            (section.target, section.target_box, TriggerUnit.PERCENT, "40",
             f"상한가 {upper:,}원 초과"),
            (section.stop, section.stop_box, TriggerUnit.PRICE, "255000",
             "매수가(250,000원)보다 낮아야"),
            (section.stop, section.stop_box, TriggerUnit.TICKS, "1.5", "정수로"),
        ]
        for side, box, unit, amount, said in cases:
            section.target.unit.select(TriggerUnit.TICKS.value)
            section.target.amount.setText("10")
            section.stop.unit.select(TriggerUnit.TICKS.value)
            section.stop.amount.setText("2")
            side.unit.select(unit.value)
            side.amount.setText(amount)
            task = form.request_submit()
            qtbot.waitUntil(lambda t=task: t is None or t.done(), timeout=10_000)
            assert not window.dialogs.armed  # refused before any question
            assert said in box.message.text() and box.message.isVisible(), (
                amount, box.message.text())
            assert section.estimate_line.text() == "목표/손절: —"
            # The message stays while its reason does (the form's once-a-second recheck).
            [recheck] = [c for c in window._stale_checks if c.form is form]
            recheck.recheck()
            assert said in box.message.text()
            # Typing again clears the message.
            side.amount.setText(amount + "0" if amount else "1")
            assert box.message.isHidden()
        assert practice_sim.received("kt10000") == sent
        assert not window.session.core.protection.brackets.all()
        # In English, next to the field as well.
        window.set_language("en")
        section.stop.unit.select(TriggerUnit.PRICE.value)
        section.stop.amount.setText("255000")
        task = form.request_submit()
        qtbot.waitUntil(lambda: task is None or task.done(), timeout=10_000)
        assert "255,000: must be below the buy price (250,000)" in section.stop_box.message.text()
        assert practice_sim.received("kt10000") == sent
    finally:
        practice_sim.market.unfreeze()


def test_a_refused_buy_leaves_no_live_bracket_and_a_closed_section_sends_none(
        window, qtbot, practice_sim):
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)  # (another test may have moved it)
        price = practice_sim.market.price(NAVER)
        qtbot.waitUntil(lambda: window.session.core.account is not None, timeout=10_000)
        cash = window.session.core.account.orderable_cash
        too_many = cash // price + 10  # the exchange refuses it: not enough cash
        form = _ticket(window, qtbot, NAVER, too_many, price)
        task = form.request_submit()
        answer_dialog(qtbot, window, True)
        qtbot.waitUntil(task.done, timeout=15_000)
        [buy, *_] = task.result()
        assert buy.status is OrderStatus.REJECTED
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: bool(brackets.all())
                        and brackets.all()[0].state is BracketState.CLOSED, timeout=10_000)
        assert not brackets.all()[0].target_ids and brackets.all()[0].stop_watch_id is None
        # The section closed: a plain buy, no bracket.
        form.bracket.set_open(False)
        form.quantity.setText("1")
        task = form.request_submit()
        qtbot.waitUntil(lambda: task.done() or window.dialogs.armed, timeout=10_000)
        if not task.done():
            window.dialogs.answer(True)
        qtbot.waitUntil(task.done, timeout=15_000)
        assert task.result()[0].status is not OrderStatus.REJECTED
        assert len(brackets.all()) == 1
    finally:
        practice_sim.market.unfreeze()


def test_a_market_buy_counts_its_bracket_from_the_current_price(window, qtbot, practice_sim):
    """No price of its own: the bracket counts from the current price, the estimate says
    it is approximate (≈), and the bracket follows the fill."""
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    practice_sim.market.freeze()
    try:
        practice_sim.market.set_price(NAVER, START)
        form = _ticket(window, qtbot, NAVER, 2, target=(TriggerUnit.TICKS, "4"),
                       stop=(TriggerUnit.TICKS, "4"))
        form.trade_type.select("3")  # 시장가
        assert not form.price.isEnabled()
        line = form.bracket.estimate_line.text()
        assert line.startswith("≈ 목표 +4,000원") and form.bracket.estimate_line.toolTip()
        task = form.request_submit()
        question = answer_dialog(qtbot, window, True)
        assert f"익절 {step_ticks(START, 4):,}원" in question and "≈ 목표" in question
        qtbot.waitUntil(task.done, timeout=15_000)
        brackets = window.session.core.protection.brackets
        qtbot.waitUntil(lambda: bool(brackets.all()) and len(brackets.all()[0].target_ids) == 1
                        and brackets.all()[0].stop_watch_id is not None, timeout=15_000)
        b = brackets.all()[0]
    finally:
        practice_sim.market.unfreeze()
    assert (b.target_price, b.stop_price) == (step_ticks(START, 4), step_ticks(START, -4))
    assert b.covered == 2
