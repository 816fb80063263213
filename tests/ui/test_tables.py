"""One table framework (issue 23): the log, 미체결 and 체결 are each one declaration of
columns (table_columns.TableSpec) over one model base, painted by one table and written
by one CSV writer. A list sorts by a column's value (not its text), writes its CSV from
the same declaration its headers come from, and updates rows in place by key without
losing the trader's selection; a new list is a declaration and a row source."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from enum import IntEnum

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItemModel

from kiwoom_ticket.domain.fills import Fill
from kiwoom_ticket.domain.order_ledger import OrderLedger
from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.ui.fills_model import FillColumn, FillsModel
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.list_panel import ListPanel
from kiwoom_ticket.ui.open_orders_model import OpenColumn, OpenOrdersModel
from kiwoom_ticket.ui.order_log_model import Column, OrderLogModel
from kiwoom_ticket.ui.order_log_view import OrderLogView
from kiwoom_ticket.ui.row_list_model import RowListModel
from kiwoom_ticket.ui.row_table import RowTable
from kiwoom_ticket.ui.table_columns import Align, Export, TableColumn, TableSpec, fixed
from kiwoom_ticket.ui.table_model import ItemRole

from .test_order_log_model import new


def resting(local_id: str, ord_no: str, price: int, qty: int = 1):
    return replace(new(local_id, ord_no=ord_no), status=OrderStatus.ACCEPTED, price=price,
                   quantity=qty)


def fill(no: str, price: int, qty: int, fees: int | None = None, side=Action.BUY) -> Fill:
    return Fill(fill_no=no, ord_no="0000001", stock_code="005930", stock_name="삼성전자",
                side=side, price=price, quantity=qty, time="09:00:0" + no[-1], fees=fees)


def read_csv(path) -> list[list[str]]:
    return list(csv.reader(path.read_bytes().decode("utf-8-sig").splitlines()))


# ---- sorting by value ------------------------------------------------------------------------


def test_a_list_sorts_a_numeric_column_by_its_number_not_its_text(qtbot):
    model = OpenOrdersModel(OrderLedger())
    # As text "10,000" < "100,500" < "9,000"; as numbers the other way round.
    model.set_items([resting("a", "0000001", 100_500), resting("b", "0000002", 9_000),
                     resting("c", "0000003", 10_000, qty=12)])
    model.sort(int(OpenColumn.PRICE), Qt.SortOrder.AscendingOrder)
    assert [model.index(r, OpenColumn.PRICE).data() for r in range(3)] == \
        ["9,000", "10,000", "100,500"]
    model.sort(int(OpenColumn.PRICE), Qt.SortOrder.DescendingOrder)
    assert [model.item(r).local_id for r in range(3)] == ["a", "c", "b"]
    model.sort(-1)  # back to the order they came in
    assert [model.item(r).local_id for r in range(3)] == ["a", "b", "c"]


def test_fills_sort_by_fees_with_the_unknown_first(qtbot):
    model = FillsModel()
    model.set_fills([fill("1", 70_000, 1, fees=1_200), fill("2", 70_000, 1),
                     fill("3", 70_000, 1, fees=95)])
    model.sort(int(FillColumn.FEES), Qt.SortOrder.AscendingOrder)
    assert [model.index(r, FillColumn.FEES).data() for r in range(3)] == ["", "95", "1,200"]


def test_a_sort_keeps_the_selection_on_its_order(qtbot):
    model = OpenOrdersModel(OrderLedger())
    panel = ListPanel(model)
    qtbot.addWidget(panel)
    model.set_items([resting("a", "0000001", 30_000), resting("b", "0000002", 10_000),
                     resting("c", "0000003", 20_000)])
    panel.table.selectRow(0)  # "a"
    panel.table.horizontalHeader().setSortIndicator(int(OpenColumn.PRICE),
                                                    Qt.SortOrder.AscendingOrder)
    [selected] = panel.table.selectionModel().selectedRows()
    assert model.item(selected.row()).local_id == "a" and selected.row() == 2


# ---- the CSV from the same declaration -------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_list_writes_its_csv_from_its_columns(qtbot, tmp_path, lang):
    log = OrderLogModel()
    log.upsert([resting("a", "0012345", 70_000, qty=3)])
    opened = OpenOrdersModel(OrderLedger())
    opened.set_items([resting("a", "0012345", 70_000, qty=3)])
    fills = FillsModel()
    fills.set_fills([fill("1", 70_100, 3, fees=40)])
    language.set(lang)
    try:
        for model in (log, opened, fills):
            path = tmp_path / f"{type(model).__name__}.csv"
            assert model.write_csv(path) == 1
            header, row = read_csv(path)
            assert header == [f.title() for f in model.spec.csv]
            # Every column the table shows writes its CSV fields from the same
            # declaration: in the CSV, in order, under headers in the UI's language.
            for column, fields in zip(model.spec.columns, model.spec.column_csv, strict=True):
                at = [model.spec.csv.index(f) for f in fields]
                assert at == sorted(at) and all(header[i] == f.title()
                                                for i, f in zip(at, fields, strict=True))
                if column.csv is None and column.export not in (Export.STOCK, Export.NONE):
                    assert model.headerData(model.spec.column(column.key),
                                            Qt.Orientation.Horizontal) in header
            cell = dict(zip(header, row, strict=True))
            code = "종목코드" if lang == "ko" else "Code"
            assert cell[code] == '="005930"'
    finally:
        language.set("ko")


def test_the_lists_csv_format_is_kept(qtbot, tmp_path):
    """The 미체결 CSV as it was written before the columns were data (issue 24)."""
    model = OpenOrdersModel(OrderLedger())
    model.set_items([resting("a", "0012345", 70_000, qty=3)])
    path = tmp_path / "open.csv"
    model.write_csv(path)
    header, row = read_csv(path)
    assert header == ["날짜", "주문번호", "종목코드", "종목명", "구분", "주문가", "주문수량",
                      "미체결", "체결", "주문시각", "출처"]
    assert row[1:8] == ['="0012345"', '="005930"', "삼성전자", "매수", "70000", "3", "3"]
    assert row[10] == "앱"


def test_the_logs_csv_format_is_kept(qtbot, tmp_path):
    model = OrderLogModel()
    model.upsert([resting("a", "0012345", 70_000, qty=3)])
    path = tmp_path / "orders.csv"
    model.write_csv(path)
    header, row = read_csv(path)
    assert header == ["날짜", "시각", "구분", "종목코드", "종목명", "거래소", "유형", "수량",
                      "체결수량", "가격", "스톱가격", "체결가", "체결확인", "주문번호",
                      "원주문번호", "모주문번호", "상태", "메시지", "상태코드", "local_id"]
    assert row[2:5] == ["매수", '="005930"', "삼성전자"]
    assert row[7:10] == ["3", "0", "70000"] and row[13] == '="0012345"'
    assert row[-2:] == ["accepted", "a"]


# ---- rows in place -------------------------------------------------------------------------


def test_an_open_order_updated_in_place_keeps_the_selection(qtbot):
    book = OrderLedger()
    model = OpenOrdersModel(book)
    panel = ListPanel(model)
    qtbot.addWidget(panel)
    model.set_items([resting("a", "0000001", 70_000, qty=5),
                     resting("b", "0000002", 70_100, qty=5)])
    panel.table.selectRow(1)
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.layoutChanged.connect(lambda *_a: resets.append(2))
    model.dataChanged.connect(lambda tl, br, _r=(): changes.append((tl.row(), br.row())))
    model.upsert_items([replace(model.item(1), filled_qty=2,
                                status=OrderStatus.PARTLY_FILLED)])
    assert not resets and changes == [(1, 1)]
    assert model.index(1, OpenColumn.OPEN).data() == "3"
    [selected] = panel.table.selectionModel().selectedRows()
    assert selected.row() == 1 and selected.data(ItemRole).local_id == "b"
    # The other row going away moves the selection with its order, not its row number.
    model.remove_keys(["a"])
    [selected] = panel.table.selectionModel().selectedRows()
    assert selected.data(ItemRole).local_id == "b" and not resets


def test_a_log_row_updated_in_place_keeps_the_selection(qtbot):
    model = OrderLogModel()
    view = OrderLogView(model)
    qtbot.addWidget(view)
    model.upsert([new("a", ord_no="0000001"), new("b", ord_no="0000002")])
    view.select_row(0)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.upsert([replace(model.record(0), status=OrderStatus.FILLED, filled_qty=10,
                          avg_fill_price=70_000)])
    assert not resets and view.selected_record().local_id == "a"
    assert model.index(0, Column.STATUS).data() == "체결"


def test_a_live_fill_adds_its_fees_to_the_same_row(qtbot):
    model = FillsModel()
    panel = ListPanel(model)
    qtbot.addWidget(panel)
    model.set_fills([fill("1", 70_000, 2), fill("2", 70_100, 1)])
    panel.table.selectionModel().select(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    model.add([fill("1", 70_000, 2, fees=30)])
    assert model.rowCount() == 2 and model.index(0, FillColumn.FEES).data() == "30"
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [0]
    model.set_fills([fill("1", 70_000, 2), fill("2", 70_100, 1)])  # kt00009 again
    assert model.index(0, FillColumn.FEES).data() == "30"  # the live fill's fees stay


# ---- a new list is a declaration and a row source ------------------------------------------


@dataclass(frozen=True)
class Watch:
    code: str
    name: str
    stop: int
    side: Action


def test_a_new_list_is_one_declaration(qtbot, tmp_path):
    spec = TableSpec(
        columns=(
            TableColumn("stock", "lists.col.stock", lambda w: f"{w.code} {w.name}",
                        export=Export.STOCK),
            TableColumn("price", "lists.col.price", lambda w: f"{w.stop:,}",
                        align=Align.RIGHT, sort=lambda w: w.stop, samples=fixed("9,999,000")),
        ),
        key=lambda w: w.code, stock=lambda w: (w.code, w.name), side=lambda w: w.side,
    )
    model: RowListModel[Watch] = RowListModel(spec)
    panel = ListPanel(model)
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    model.set_items([Watch("005930", "삼성전자", 69_000, Action.SELL),
                     Watch("000660", "SK하이닉스", 180_500, Action.SELL)])
    panel.retranslate()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "주문가"
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    model.upsert_items([Watch("005930", "삼성전자", 68_500, Action.SELL)])
    assert model.rowCount() == 2 and model.index(0, 1).data() == "68,500"
    panel.stock_filter.setText("하이닉스")
    assert model.rowCount() == 1
    panel.stock_filter.clear()
    path = tmp_path / "watch.csv"
    assert panel.export_csv(str(path)) == 2
    assert read_csv(path)[0] == ["종목코드", "종목명", "주문가"]
    qtbot.waitUntil(lambda: panel.table.rows_painted >= 2, timeout=5_000)


class Wrong(IntEnum):
    PRICE = 0
    STOCK = 1


def test_a_declaration_and_its_index_enum_must_agree():
    columns = (TableColumn("stock", "lists.col.stock", str),
               TableColumn("price", "lists.col.price", str))
    with pytest.raises(ValueError, match="Wrong"):
        TableSpec(columns=columns, key=str, index=Wrong)
    with pytest.raises(ValueError, match="twice"):
        TableSpec(columns=columns + columns[:1], key=str)


def test_only_a_table_model_is_painted_by_rows(qtbot):
    table = RowTable()
    qtbot.addWidget(table)
    other = QStandardItemModel(3, 2)
    other.row_view = lambda _row: None  # duck typing no longer makes it a row model
    table.setModel(other)
    table.resize(300, 200)
    table.show()
    table.viewport().repaint()
    assert table.rows_painted == 0
