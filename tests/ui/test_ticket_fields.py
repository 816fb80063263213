"""The Buy/Sell forms follow the trde_tp table and the environment's limits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.trade_types import TRADE_TYPES
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.i18n import language


@pytest.fixture
def offline(make_window):
    """A window that never connects: field behaviour needs no exchange."""
    return make_window(connect=False)


@pytest.mark.parametrize("tt", TRADE_TYPES, ids=lambda t: f"trde_tp_{t.code}")
def test_price_and_stop_fields_follow_the_table(offline, tt):
    for form in (offline.buy_form, offline.sell_form):
        form.price.setText("70000")
        form.stop_price.setText("69000")
        assert form.trade_type.select(tt.code)
        assert form.price.isEnabled() is tt.price_required
        if not tt.price_required:
            assert form.price.text() == ""  # cleared, so nothing stale is sent
        assert form.stop_price.isEnabled() is tt.stop_price_required
        assert form.form.isRowVisible(form.boxes[Field.STOP_PRICE]) is tt.stop_price_required
        ticket = form.collect()
        assert (ticket.price != "") is tt.price_required
        assert (ticket.stop_price != "") is tt.stop_price_required


def test_order_type_labels_carry_the_code(offline):
    combo = offline.buy_form.trade_type
    assert combo.count() == 18
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "보통 (0)"
    assert "스톱지정가 (28)" in labels
    language.set("en")
    assert combo.itemText(0) == "Limit (0)"


def test_krx_only_types_are_disabled_on_nxt_with_a_reason(offline):
    form = offline.buy_form
    form.exchange.select(Exchange.NXT.value)
    for tt in TRADE_TYPES:
        enabled = form.trade_type.is_value_enabled(tt.code)
        assert enabled is tt.allows(Exchange.NXT), tt.code
        if not enabled:
            assert "KRX" in form.trade_type.item_tooltip(tt.code)
    form.exchange.select(Exchange.KRX.value)
    assert all(form.trade_type.is_value_enabled(t.code) for t in TRADE_TYPES)


def test_kiwoom_mock_allows_krx_only(offline):
    offline.session.env_changed.emit(Environment.MOCK)  # what a switch tells every panel
    for form in offline.forms:
        assert form.exchange.is_value_enabled("KRX")
        for ex in ("NXT", "SOR"):
            assert not form.exchange.is_value_enabled(ex)
            assert "KRX" in form.exchange.item_tooltip(ex)
    offline.session.env_changed.emit(Environment.PRACTICE)
    assert offline.buy_form.exchange.is_value_enabled("NXT")


def test_up_down_and_wheel_step_by_the_krx_tick(offline, qtbot):
    price = offline.buy_form.price
    price.setText("1999")
    price.setFocus()
    QTest.keyClick(price, Qt.Key.Key_Up)
    assert price.text() == "2000"
    QTest.keyClick(price, Qt.Key.Key_Up)
    assert price.text() == "2005"
    QTest.keyClick(price, Qt.Key.Key_Down)
    QTest.keyClick(price, Qt.Key.Key_Down)
    assert price.text() == "1999"
    price.setText("70000")
    QTest.keyClick(price, Qt.Key.Key_PageUp)
    assert price.text() == str(step_ticks(70000, 5))
    price.setText("70010")  # off the grid: one step up snaps to the grid first
    QTest.keyClick(price, Qt.Key.Key_Up)
    assert price.text() == "70100"


def wheel(widget, notches: int) -> None:
    event = QWheelEvent(
        QPointF(5, 5), QPointF(widget.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )
    widget.wheelEvent(event)


def test_wheel_steps_only_while_focused(offline, qtbot):
    price = offline.buy_form.price
    offline.buy_form.quantity.setFocus()
    price.setText("70000")
    wheel(price, 1)
    assert price.text() == "70000"  # scrolling past a field never moves a price
    price.setFocus()
    qtbot.waitUntil(price.hasFocus)
    wheel(price, 2)
    assert price.text() == "70200"
    wheel(price, -1)
    assert price.text() == "70100"


def test_estimated_value(offline):
    form = offline.buy_form
    form.quantity.setText("10")
    form.price.setText("70000")
    assert "700,000" in form.estimate.text()
