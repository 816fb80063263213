"""Issue 24, nothing stale: a field's message goes when its reason does."""

from __future__ import annotations

from kiwoom_ticket.domain.precautions import Tier
from kiwoom_ticket.domain.ticket_report import Field
from kiwoom_ticket.domain.ticks import step_ticks

from .helpers import answer_dialog
from .test_first_hour import buy_resting, finish, quoted, set_precautions


def test_the_stop_price_message_goes_once_it_is_typed(window, qtbot):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.trade_type.select("28")  # 스톱지정가
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, 3)))
    assert finish(qtbot, form.request_submit()) is None  # refused next to the field
    box = form.boxes[Field.STOP_PRICE]
    assert "스톱가격" in box.message.text()
    form.stop_price.setText(str(step_ticks(current, 2)))
    qtbot.waitUntil(lambda: not box.issues and not box.message.isVisible(), timeout=2_000)


def test_a_distance_warning_goes_when_the_price_comes_back(window, qtbot):
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -40)))  # far from the market: a warning
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=False)
    finish(qtbot, task)
    box = form.boxes[Field.PRICE]
    assert box.issues and "현재가" in box.message.text()
    window.session.stop_stream()  # only this test moves the quote from here on
    window.poll_timer.stop()
    moved = step_ticks(form.current_price(), 2)
    form.live_trade(moved, 7)  # the market moves: the warning quotes today's price
    qtbot.waitUntil(lambda: f"{moved:,}" in box.message.text(), timeout=3_000)
    form.price.setText(str(current))
    qtbot.waitUntil(lambda: not box.issues, timeout=2_000)


def test_the_duplicate_warning_goes_when_its_window_has_passed(window, qtbot):
    set_precautions(duplicate_seconds=1, distance_percent=Tier(None, None),
                    distance_ticks=Tier(None, None))
    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -10)))
    finish(qtbot, form.request_submit())
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(current, -10)))
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=False)  # "the same order again": not sent
    finish(qtbot, task)
    box = form.boxes[Field.QUANTITY]
    assert any(i.code == "precaution.duplicate" for i in box.issues)
    # Nothing typed: the second it is no longer a duplicate, the warning goes.
    qtbot.waitUntil(lambda: not box.issues, timeout=5_000)


def test_a_switch_of_environment_clears_the_old_prices(window, qtbot, monkeypatch):
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.kiwoom import Credentials
    from kiwoom_ticket.service import CredentialStore
    from kiwoom_ticket.ui.session_bridge import ConnectionState

    from .test_environments import APPKEY, SECRET, pick_env

    buy_resting(qtbot, window)  # an open order in the practice account's lists
    qtbot.waitUntil(lambda: window.lists.open_model.rowCount() == 1, timeout=10_000)
    form = window.buy_form
    form.stock.setText("")
    current = quoted(qtbot, form)
    qtbot.waitUntil(lambda: window.ladder.view._last is not None, timeout=10_000)
    assert form.price.text() == str(current)
    monkeypatch.setenv("KIWOOM_TICKET_MOCK_URL", "http://127.0.0.1:9")  # nothing listens
    CredentialStore().save(Environment.MOCK, Credentials(APPKEY, SECRET))
    pick_env(window, Environment.MOCK)
    qtbot.waitUntil(lambda: window.session.state is ConnectionState.FAILED, timeout=15_000)
    line = form.quote_line
    assert line.quote is None and f"{current:,}" not in line.info.text()
    assert not any(b.isVisible() for b in line.buttons.values())  # no 현재가/상한가/하한가
    assert "—" in line.info.text()
    assert form.price.text() == ""  # the practice price is not offered for a mock order
    assert window.ladder.view._last is None and window.ladder.code == ""
    assert form.current_price() is None
    # The practice account and its lists are not shown as the mock's.
    panel = window.account_panel
    assert panel.model.rowCount() == 0 and "100,000,000" not in panel.cash.text()
    assert window.lists.open_model.rowCount() == 0
    assert window.lists.fills_model.rowCount() == 0


def test_the_account_shows_the_quote_lines_price_at_the_same_time(window, qtbot):
    from kiwoom_ticket.ui.account_panel import HoldingColumn

    form = window.buy_form
    current = quoted(qtbot, form)
    form.quantity.setText("2")
    form.price.setText(str(step_ticks(current, 3)))  # above the ask: fills, a holding
    finish(qtbot, form.request_submit())
    panel = window.account_panel

    def shown_price() -> str | None:
        for row in range(panel.model.rowCount()):
            if panel.model.holding(row).code == "005930":
                return panel.model.index(row, int(HoldingColumn.CURRENT)).data()
        return None

    qtbot.waitUntil(lambda: shown_price() is not None, timeout=10_000)
    moved = step_ticks(form.current_price(), 5)
    form.live_trade(moved, 123)  # a live trade moves the quote line ...
    assert form.quote_line.buttons["current"].text().endswith(f"{moved:,}")
    assert shown_price() == f"{moved:,}"  # ... and the account in the same turn
