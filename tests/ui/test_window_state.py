"""Start-up, refresh and polling, the row menu, language, and what persists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.order_log_model import Column
from kiwoom_ticket.ui.session_bridge import ConnectionState
from kiwoom_ticket.ui.settings_store import KEY_LANGUAGE, KEY_TAB, open_settings


def buy(qtbot, window, ticks: int, qty: str = "1"):
    form = window.buy_form
    form.stock.setText("005930")
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText(qty)
    form.price.setText(str(step_ticks(form.current_price(), ticks)))
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()[0]


def test_window_is_ready_before_the_connection(make_window, qtbot):
    window = make_window(connect=False)
    assert window.isVisible()
    assert "연습 거래소" in window.windowTitle()
    task = window.start()
    assert "연결 중" in window.env_bar.state.text()
    assert window.session.state is not ConnectionState.CONNECTED
    qtbot.waitUntil(task.done, timeout=15_000)
    assert window.session.connected
    assert "연결됨" in window.env_bar.state.text()
    assert "토큰 만료" in window.env_bar.token.text()


def test_f5_refresh_moves_a_marketable_buy_to_filled(window, qtbot):
    window.session.stop_stream()  # the poll's path: the live feed is down
    record = buy(qtbot, window, ticks=3)  # above the ask: fills at once
    assert record.status is OrderStatus.ACCEPTED
    row = window.model.row_of(record.local_id)
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: window.model.record(row).status is OrderStatus.FILLED,
                    timeout=10_000)
    assert window.model.index(row, int(Column.STATUS)).data() == "체결"
    # Routine refreshes speak in the quiet line, never over the order's result.
    qtbot.waitUntil(lambda: "주문 상태 갱신" in window.activity_line.text())
    assert "접수 (주문번호" in window.status_line.text()
    assert "Accepted" not in window.status_line.text()  # one language at a time


def test_the_poll_refreshes_while_an_order_is_open(window, qtbot, practice_sim):
    window.session.stop_stream()  # polls are the fallback while the live feed is down
    record = buy(qtbot, window, ticks=-10)
    assert window.model.has_open_orders()
    refreshes = practice_sim.received("ka10075")
    window.poll_timer.setInterval(50)
    qtbot.waitUntil(lambda: practice_sim.received("ka10075") > refreshes, timeout=5_000)
    assert window.model.record(window.model.row_of(record.local_id)).status.is_open


def test_row_menu_actions(window, qtbot):
    record = buy(qtbot, window, ticks=-10)
    row = window.model.row_of(record.local_id)
    window.log_view.select_row(row)
    assert window.log_view.copy_order_number() == record.ord_no
    assert QGuiApplication.clipboard().text() == record.ord_no
    window.log_view.modify_requested.emit(record)
    assert window.tabs.currentWidget() is window.modify_form
    assert window.modify_form.orig_ord_no.text() == record.ord_no
    window.log_view.cancel_requested.emit(record)
    assert window.tabs.currentWidget() is window.cancel_form
    assert window.cancel_form.quantity.text() == "0"


def test_csv_export_from_the_view(window, qtbot, tmp_path):
    buy(qtbot, window, ticks=-10)
    path = tmp_path / "log.csv"
    assert window.log_view.export_csv(str(path)) == 1
    assert "005930" in path.read_text(encoding="utf-8-sig")
    assert "1행을" in window.status_line.text()
    assert "Saved" not in window.status_line.text()  # one language at a time
    window.set_language("en")  # the line is said again in the new language
    assert "Saved 1 row to" in window.status_line.text()  # "1 row", not "1 rows"
    assert "행" not in window.status_line.text()
    window.set_language("ko")
    assert window.log_view.export_csv(str(tmp_path)) == 0  # a folder: it can't be written
    status = window.status_line.text()
    assert status.startswith("오류: 파일에 저장하지 못했습니다") and "Errno" not in status
    assert "Errno" in window.status_line.toolTip()  # the system's reason, for the curious


def test_language_switch_retranslates_everything(window, qtbot):
    window.set_language("en")
    assert window.tabs.tabText(0) == "Buy" and window.tabs.tabText(3) == "Cancel"
    assert window.buy_form.submit_button.text() == "Place buy"
    assert window.buy_form.trade_type.itemText(0) == "Limit (0)"
    assert window.model.headerData(int(Column.STATUS), Qt.Orientation.Horizontal) == "Status"
    assert "Kiwoom Ticket" in window.windowTitle()
    assert open_settings().value(KEY_LANGUAGE) == "en"
    window.set_language("ko")
    assert window.tabs.tabText(0) == "매수"
    assert language.code == "ko"


def test_geometry_columns_and_tab_persist(make_window, qtbot):
    first = make_window(connect=False)
    first.resize(800, 761)  # inside the offscreen screen (800x800), over the minimum
    first.tabs.setCurrentWidget(first.tabs.modify_form)
    first.log_view.table.setColumnWidth(int(Column.MESSAGE), 333)
    first.shutdown()
    assert open_settings().value(KEY_TAB) == "modify"  # by action, not position
    second = make_window(connect=False)
    assert second.tabs.current_action() is Action.MODIFY
    assert (second.width(), second.height()) == (800, 761)
    assert second.log_view.table.columnWidth(int(Column.MESSAGE)) == 333


def test_a_tab_saved_by_position_before_still_opens(make_window, qtbot):
    """Settings of earlier versions kept the tab's position; it opens the same tab."""
    settings = open_settings()
    settings.setValue(KEY_TAB, 3)
    settings.sync()
    window = make_window(connect=False)
    assert window.tabs.current_action() is Action.CANCEL
