"""Issue 24, no cut words: short columns are as wide as their longest text in either
language (from the font), and a stock's name shows whole on the quote line at 1280 px."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.ui.column_fit import needed_width
from kiwoom_ticket.ui.i18n import pick
from kiwoom_ticket.ui.order_log_model import Column


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_short_columns_hold_their_longest_text(make_window, lang):
    window = make_window(connect=False)
    window.set_language(lang)
    settle()
    table = window.log_view.table
    for column, samples in window.model.spec.samples().items():
        assert table.columnWidth(int(column)) >= needed_width(table, int(column), samples), column
    # "Not received" (was "Not recei…"); an earlier day's date (was "12-06 …").
    metrics = table.fontMetrics()
    assert table.columnWidth(int(Column.STATUS)) > metrics.horizontalAdvance(
        pick(OrderStatus.NOT_RECEIVED.label))
    assert table.columnWidth(int(Column.TIME)) > metrics.horizontalAdvance("23:59:59")
    for panel in (window.lists.open_view, window.lists.fills_view):
        for column, samples in panel.model.spec.samples().items():
            assert panel.table.columnWidth(column) >= needed_width(panel.table, column, samples)
    origin = window.lists.open_view.table  # the source column: "Outside", not "Outs"
    assert origin.columnWidth(8) > origin.fontMetrics().horizontalAdvance("Outside")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_long_stock_name_shows_whole_at_1280(window, qtbot, lang):
    window.set_language(lang)
    window.resize(1280, 720)
    form = window.buy_form
    form.stock.setText("012450")  # 한화에어로스페이스, 900,000 won and more
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    settle()
    info = form.quote_line.info
    assert info.text() == "한화에어로스페이스"
    assert not info.is_elided(), (info.width(), info.fontMetrics().horizontalAdvance(info.text()))
