"""The log over a long history: it opens on its newest rows, knows the older open orders
without showing them, reads older rows as it is scrolled to the top, and paints whole rows
from a cache (no call into the model per cell; a changed row repaints only itself)."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.order_ledger import HistoryPage
from kiwoom_ticket.domain.orders import Action, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import LATE_FOUND, OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.ui import theme
from kiwoom_ticket.ui.order_log_model import Column, OrderLogModel
from kiwoom_ticket.ui.order_log_view import OrderLogView


class ListHistory:
    """A HistorySource over a list (position = index), as the journal's is over seq."""

    def __init__(self, rows: list[OrderRecord]) -> None:
        self.rows = rows
        self.reads = 0

    def head(self, count: int, known=()) -> HistoryPage:
        start = max(0, len(self.rows) - count)
        return HistoryPage(self.rows[start:], known=known, start=start or None, source=self)

    def page_before(self, start: int, rows: int) -> HistoryPage:
        self.reads += 1
        first = max(0, start - rows)
        return HistoryPage(self.rows[first:start], start=first or None, source=self)

    def rows_before(self, start: int):
        return iter(self.rows[:start])


def rec(i: int, action=Action.BUY, **changes) -> OrderRecord:
    order = NewOrder(action, Exchange.KRX, "005930", 1 + i % 50, "0", 70_000)
    base = OrderRecord.from_request(f"id{i:05d}", "practice", order, "삼성전자")
    return replace(base, **{"ord_no": f"{i:07d}", "status": OrderStatus.FILLED, **changes})


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def log(qtbot):
    model = OrderLogModel()
    view = OrderLogView(model)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    return model, view


def open_history(model, view, page: HistoryPage) -> None:
    model.set_records(page)
    view.table.scrollToBottom()  # as the window does
    settle()


def test_scrolled_to_the_top_the_log_reads_older_rows_and_stands_still(log):
    model, view = log
    source = ListHistory([rec(i) for i in range(5_000)])
    open_history(model, view, source.head(300))
    assert model.rowCount() == 300 and source.reads == 0  # the newest rows only, at bottom
    view.select_row(10)
    chosen = model.record(10).local_id
    table = view.table
    table.scrollToTop()
    settle()
    assert source.reads == 1 and model.rowCount() == 1_300
    top = model.record(table.rowAt(0))
    assert top.local_id == "id04700"  # what was at the top is still at the top
    assert view.selected_record().local_id == chosen  # the selection moved with its row
    while model.can_fetch_older():
        table.scrollToTop()
        settle()
    assert model.rowCount() == 5_000
    assert [r.local_id for r in model.records()] == [r.local_id for r in source.rows]
    assert model.row_of("id00000") == 0 and model.row_of("id04999") == 4_999


def test_new_orders_still_land_at_the_bottom_and_are_followed(log):
    model, view = log
    source = ListHistory([rec(i) for i in range(2_000)])
    open_history(model, view, source.head(300))
    model.upsert([rec(9_000)])
    settle()
    table = view.table
    last = model.rowCount() - 1
    assert model.record(last).local_id == "id09000"
    assert table.viewport().rect().contains(table.visualRect(model.index(last, 0)))
    assert source.reads == 0


def test_older_open_orders_are_known_polled_and_shown_once_scrolled_to(log):
    model, view = log
    old_unknown = rec(5, status=OrderStatus.UNKNOWN, trade_day="20261101")
    rows = [rec(i) for i in range(1_000)]
    rows[5] = old_unknown
    source = ListHistory(rows)
    open_history(model, view, source.head(100, known=[old_unknown]))
    assert model.rowCount() == 100
    assert model.has_open_orders()
    assert model.by_ord_no(old_unknown.ord_no, "20261101").local_id == old_unknown.local_id
    assert old_unknown.local_id in [r.local_id for r in model.recent_records()]
    inserted = []
    model.rowsInserted.connect(lambda *_a: inserted.append(1))
    settled = old_unknown.moved(status=OrderStatus.NOT_RECEIVED)
    assert model.upsert([settled]) == []  # known off the rows: updated, not shown
    assert not inserted and model.rowCount() == 100 and not model.has_open_orders()
    while model.can_fetch_older():
        model.fetch_older()
    row = model.row_of(old_unknown.local_id)
    assert row == 5 and model.record(row).status is OrderStatus.NOT_RECEIVED  # its latest


def test_export_writes_the_whole_journal_not_only_the_rows_read(log, tmp_path):
    model, view = log
    source = ListHistory([rec(i) for i in range(3_000)])
    open_history(model, view, source.head(200))
    path = tmp_path / "orders.csv"
    assert view.export_csv(str(path)) == 3_000
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[-1] for r in rows[1:]] == [r.local_id for r in source.rows]
    assert model.rowCount() == 200  # exporting reads the journal, not into the log


# ---- painting ---------------------------------------------------------------------------


class CountingModel(OrderLogModel):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.calls += 1
        return super().data(index, role)


class PaintRects(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects = []

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def test_a_repaint_asks_the_model_nothing_per_cell(qtbot):
    model = CountingModel()
    view = OrderLogView(model)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    open_history(model, view, ListHistory([rec(i) for i in range(1_000)]).head(1_000))
    table = view.table
    table.viewport().repaint()
    model.calls = 0
    painted, rendered = table.rows_painted, table.rows_rendered
    table.viewport().repaint()
    visible = table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1
    assert visible > 10
    assert model.calls == 0
    assert table.rows_painted - painted == visible  # one step per row, not per cell
    assert table.rows_rendered == rendered  # nothing changed: every row from the cache


def test_a_changed_row_repaints_only_itself(log):
    model, view = log
    open_history(model, view, ListHistory([rec(i) for i in range(1_000)]).head(1_000))
    table = view.table
    watch = PaintRects()
    table.viewport().installEventFilter(watch)
    row = table.rowAt(table.viewport().height() // 2)
    rendered = table.rows_rendered
    model.upsert([model.record(row).moved(status=OrderStatus.CANCELLED)])
    settle()
    table.viewport().removeEventFilter(watch)
    assert watch.rects, "no repaint"
    height = table.rowHeight(row)
    assert all(r.height() <= height + 2 for r in watch.rects)
    assert all(abs(r.top() - table.rowViewportPosition(row)) <= 1 for r in watch.rects)
    assert table.rows_rendered == rendered + 1


def colours_in(image, rect) -> set[int]:
    return {image.pixel(x, y) & 0xFFFFFF for x in range(rect.left() + 1, rect.right() - 1)
            for y in range(rect.top() + 1, rect.bottom() - 1)}


def rgb(colour) -> int:
    return QColor(colour).rgb() & 0xFFFFFF


def near(colours: set[int], colour, tolerance: int = 40) -> bool:
    want = QColor(colour)
    for c in colours:
        got = QColor(c)
        if (abs(got.red() - want.red()) + abs(got.green() - want.green())
                + abs(got.blue() - want.blue())) <= tolerance:
            return True
    return False


def test_what_a_trader_reads_is_painted(log):
    """Buy red, sell blue (a modify takes its original's side), a problem status red,
    the late-order alarm tint, the selected chain's tint, the selection itself."""
    model, view = log
    view.resize(1300, 400)
    buy = rec(1, root_ord_no="0000001")
    sell = rec(2, Action.SELL, status=OrderStatus.ACCEPTED)
    mod = replace(OrderRecord.from_request("mod", "practice",
                                           ModifyOrder(Exchange.KRX, "0000002", "005930", 0,
                                                       69_900), "삼성전자"),
                  ord_no="0000003", status=OrderStatus.ACCEPTED)
    rejected = rec(4, status=OrderStatus.REJECTED, ord_no=None)
    late = rec(5, error_code=LATE_FOUND, status=OrderStatus.ACCEPTED)
    plain = rec(6)
    open_history(model, view, HistoryPage([buy, sell, mod, rejected, late, plain]))
    table = view.table

    def cell(row: int, col: Column):
        return table.visualRect(model.index(row, int(col)))

    def shot():
        settle()
        return table.viewport().grab().toImage()

    image = shot()
    assert near(colours_in(image, cell(0, Column.ACTION)), theme.BUY)
    assert near(colours_in(image, cell(1, Column.ACTION)), theme.SELL)
    assert near(colours_in(image, cell(2, Column.ACTION)), theme.SELL)  # modify of a sell
    assert near(colours_in(image, cell(3, Column.STATUS)), theme.ERROR_TEXT)
    assert rgb(theme.LATE_TINT) in colours_in(image, cell(4, Column.PRICE))
    assert rgb(theme.LINEAGE_TINT) not in colours_in(image, cell(1, Column.PRICE))

    view.select_row(2)  # the modify: its chain (the sell and itself) is tinted
    image = shot()
    highlight = table.palette().color(QPalette.ColorGroup.Inactive
                                      if not table.isActiveWindow()
                                      else QPalette.ColorGroup.Active,
                                      QPalette.ColorRole.Highlight)
    assert rgb(theme.LINEAGE_TINT) in colours_in(image, cell(1, Column.PRICE))
    assert rgb(highlight) in colours_in(image, cell(2, Column.PRICE))
    assert rgb(theme.LINEAGE_TINT) not in colours_in(image, cell(0, Column.PRICE))
    assert rgb(theme.LINEAGE_TINT) not in colours_in(image, cell(5, Column.PRICE))
