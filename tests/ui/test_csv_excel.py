"""Issue 24, exports that Excel opens as meant: UTF-8 with BOM, one column per field,
numbers as numbers, codes with their zeros, nothing read as a formula."""

from __future__ import annotations

import csv
import re

from kiwoom_ticket.ui.csv_export import as_number, excel_cell

from .test_window_state import buy


def read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel on Korean Windows reads Hangul
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_the_order_log_exports_one_field_per_column(window, qtbot, tmp_path):
    record = buy(qtbot, window, ticks=-10, qty="3")
    path = tmp_path / "orders.csv"
    assert window.log_view.export_csv(str(path)) == 1
    header, row = read(path)
    cell = dict(zip(header, row, strict=True))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell["날짜"])
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", cell["시각"])
    assert cell["종목코드"] == '="005930"' and cell["종목명"] == "삼성전자"
    assert cell["수량"] == "3" and cell["가격"] == str(record.price)  # no "209,000"
    assert cell["주문번호"] == f'="{record.ord_no}"' and cell["구분"] == "매수"
    assert not any(" / " in h for h in header)  # one language


def test_cells_are_numbers_codes_or_harmless_text():
    assert as_number("209,000") == 209000 and as_number("-1,500") == -1500
    assert as_number("0 (전량)") == "0 (전량)" and as_number("") == ""
    assert excel_cell(209000) == 209000
    assert excel_cell("005930", code=True) == '="005930"'
    for hostile in ("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)"):
        assert excel_cell(hostile).startswith("'")  # shown as text, never run
    assert excel_cell(None) == "" and excel_cell("삼성전자") == "삼성전자"
