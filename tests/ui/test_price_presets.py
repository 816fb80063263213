"""호가 프리셋: the quote line's 현재가 / 상한가 / 하한가 and the −1호가 / +1호가 buttons fill
the price, only when the order type takes one, and never take the keyboard's Tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.i18n import language

STOCK = "005930"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def quoted(qtbot, form) -> tuple[int, int, int]:
    """Type the stock code and wait for its quote: (current, lower, upper)."""
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    lower, upper = form.price_limits()
    return form.current_price(), lower, upper


@pytest.mark.parametrize("side", ["buy_form", "sell_form", "modify_form"])
def test_clicking_a_quote_price_puts_it_in_the_price(window, qtbot, side):
    form = getattr(window, side)
    window.tabs.setCurrentWidget(form)
    current, lower, upper = quoted(qtbot, form)
    presets = form.quote_line.buttons
    assert presets["upper"].text() == f"상한가 {upper:,}"
    assert presets["lower"].text() == f"하한가 {lower:,}"
    assert presets["current"].text() == f"현재가 {current:,}"

    click(qtbot, presets["upper"])
    assert form.price.text() == str(upper)
    click(qtbot, presets["lower"])
    assert form.price.text() == str(lower)
    click(qtbot, presets["current"])
    assert form.price.text() == str(current)


def test_tick_buttons_step_the_price_within_the_limits(window, qtbot):
    buy = window.buy_form
    current, lower, upper = quoted(qtbot, buy)
    ticks = buy.tick_buttons
    buy.price.clear()
    click(qtbot, ticks.up)  # an empty price starts from the current price
    assert buy.price.text() == str(current)
    click(qtbot, ticks.up)
    assert buy.price.text() == str(step_ticks(current, 1))
    click(qtbot, ticks.down)
    click(qtbot, ticks.down)
    assert buy.price.text() == str(step_ticks(current, -1))
    click(qtbot, buy.quote_line.buttons["upper"])
    click(qtbot, ticks.up)
    assert buy.price.text() == str(upper)  # never past the upper limit
    click(qtbot, buy.quote_line.buttons["lower"])
    click(qtbot, ticks.down)
    assert buy.price.text() == str(lower)


def test_a_preset_clears_the_price_message(window, qtbot):
    buy = window.buy_form
    current, _lower, upper = quoted(qtbot, buy)
    buy.quantity.setText("1")
    buy.price.setText(str(current + 7))  # off the tick grid: refused next to the field
    task = buy.request_submit()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert buy.boxes[Field.PRICE].issues
    click(qtbot, buy.quote_line.buttons["upper"])
    assert buy.price.text() == str(upper)
    assert not buy.boxes[Field.PRICE].issues


@pytest.mark.parametrize("side", ["buy_form", "sell_form"])
def test_market_types_disable_the_presets(window, qtbot, side):
    form = getattr(window, side)
    window.tabs.setCurrentWidget(form)
    quoted(qtbot, form)
    assert form.trade_type.select("3")  # 시장가: no price
    buttons = [*form.quote_line.buttons.values(), form.tick_buttons.up, form.tick_buttons.down]
    assert all(b.isVisible() and not b.isEnabled() for b in buttons)
    assert "가격 없음" in form.quote_line.buttons["upper"].toolTip()  # why it is grey
    for button in buttons:
        click(qtbot, button)
    assert form.price.text() == ""
    assert form.collect().price == ""

    assert form.trade_type.select("0")  # 보통: a price again
    assert all(b.isEnabled() for b in buttons)
    click(qtbot, form.quote_line.buttons["lower"])
    assert form.price.text() == str(form.price_limits()[0])


def test_presets_need_a_quote(make_window):
    offline = make_window(connect=False)
    buy = offline.buy_form
    buy.stock.setText(STOCK)
    assert not any(b.isVisible() for b in buy.quote_line.buttons.values())
    assert buy.tick_buttons.up.isEnabled()  # steps a typed price even without a quote
    buy.price.setText("70000")
    buy.tick_buttons.up.click()
    assert buy.price.text() == str(step_ticks(70000, 1))


def test_presets_stay_out_of_the_tab_order(window, qtbot):
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    quoted(qtbot, buy)
    helpers = [*buy.quote_line.buttons.values(), buy.tick_buttons.up, buy.tick_buttons.down]
    assert all(b.focusPolicy() is Qt.FocusPolicy.NoFocus for b in helpers)
    window.activateWindow()
    buy.quantity.setFocus()
    qtbot.waitUntil(buy.quantity.hasFocus)
    click(qtbot, buy.quote_line.buttons["upper"])
    assert buy.quantity.hasFocus()  # a click leaves the focus where it was
    QTest.keyClick(buy.quantity, Qt.Key.Key_Tab)
    qtbot.waitUntil(buy.price.hasFocus)


def test_the_cancel_tab_shows_prices_without_clicks(window, qtbot):
    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    current, _lower, _upper = quoted(qtbot, cancel)
    presets = cancel.quote_line.buttons
    assert presets["current"].isVisible() and presets["current"].text() == f"현재가 {current:,}"
    assert not any(b.isEnabled() for b in presets.values())


def test_preset_labels_follow_the_language(window, qtbot):
    buy = window.buy_form
    _current, _lower, upper = quoted(qtbot, buy)
    language.set("en")
    assert buy.quote_line.buttons["upper"].text() == f"Upper limit {upper:,}"
    assert buy.tick_buttons.up.text() == "+1 tick"
    assert buy.quote_line.buttons["upper"].toolTip() == "Click: use as the price"
