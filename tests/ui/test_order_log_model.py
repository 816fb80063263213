"""The order log model: rows update in place by local_id, chains, colours, CSV, size."""

from __future__ import annotations

import csv
import re
from dataclasses import replace

from PySide6.QtCore import Qt

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.ui import theme
from kiwoom_ticket.ui.order_log_model import Column, OrderLogModel


def new(local_id: str, action=Action.BUY, ord_no: str | None = None, **kw) -> OrderRecord:
    order = NewOrder(action, Exchange.KRX, "005930", 10, "0", 70000)
    rec = OrderRecord.from_request(local_id, "practice", order, "삼성전자")
    return replace(rec, ord_no=ord_no, **kw)


def modify(local_id: str, orig: str, ord_no: str, root: str | None = None) -> OrderRecord:
    order = ModifyOrder(Exchange.KRX, orig, "005930", 0, 69900)
    rec = OrderRecord.from_request(local_id, "practice", order, "삼성전자")
    return replace(rec, ord_no=ord_no, root_ord_no=root, status=OrderStatus.ACCEPTED)


def cancel(local_id: str, orig: str, ord_no: str) -> OrderRecord:
    rec = OrderRecord.from_request(local_id, "practice", CancelOrder(Exchange.KRX, orig,
                                                                     "005930", 0))
    return replace(rec, ord_no=ord_no, status=OrderStatus.CANCELLED)


def test_update_in_place_emits_data_changed_for_that_row_only(qtbot):
    model = OrderLogModel()
    model.upsert([new("a"), new("b"), new("c")])
    changes, resets, inserts = [], [], []
    model.dataChanged.connect(lambda tl, br, roles=(): changes.append((tl.row(), br.row())))
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    model.upsert([replace(new("b"), status=OrderStatus.ACCEPTED, ord_no="0000007")])
    assert changes == [(1, 1)] and not resets and not inserts
    assert model.index(1, int(Column.ORD_NO)).data() == "0000007"
    assert model.index(1, int(Column.STATUS)).data() == "접수"
    model.upsert([new("d"), new("e")])
    assert inserts == [(3, 4)]
    assert model.rowCount() == 5


def test_action_colours_follow_the_side_of_the_chain(qtbot):
    model = OrderLogModel()
    model.upsert([new("b1", ord_no="0000001"), new("s1", Action.SELL, ord_no="0000002"),
                  modify("m1", "0000002", "0000003")])
    colour = [model.index(r, int(Column.ACTION)).data(Qt.ItemDataRole.ForegroundRole).color()
              for r in range(3)]
    assert colour == [theme.BUY, theme.SELL, theme.SELL]  # a modify of a sell is blue


def test_lineage_highlight_covers_the_chain_only(qtbot):
    model = OrderLogModel()
    model.upsert([
        new("b1", ord_no="0000001", root_ord_no="0000001"),
        new("b2", ord_no="0000002"),
        modify("m1", "0000001", "0000003", root="0000001"),
        cancel("c1", "0000003", "0000004"),  # the exchange did not name the root here
    ])
    root = model.chain_root(model.record(3))
    assert root == f"{model.record(0).trade_day}:0000001"
    model.set_highlight(root)
    tinted = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
              for r in range(4)]
    assert tinted == [True, False, True, True]
    assert model.chain_rows(root) == [0, 2, 3]


def test_csv_export_reads_back_with_hangul(tmp_path, qtbot):
    model = OrderLogModel()
    model.upsert([new("b1", ord_no="0000001", status=OrderStatus.ACCEPTED)])
    path = tmp_path / "orders.csv"
    assert model.write_csv(path) == 1
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == ["날짜", "시각", "구분", "종목코드", "종목명"]
    assert rows[1][2] == "매수" and rows[1][3:5] == ['="005930"', "삼성전자"]
    assert rows[1][-2] == "accepted"


def test_one_hundred_thousand_rows(qtbot):
    from kiwoom_ticket.ui.order_log_view import OrderLogView

    model = OrderLogModel()
    view = OrderLogView(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    base = new("x")
    model.set_records(replace(base, local_id=f"r{i}", ord_no=f"{i:07d}") for i in range(100_000))
    assert model.rowCount() == 100_000
    changes = []
    model.dataChanged.connect(lambda tl, br, roles=(): changes.append(tl.row()))
    model.upsert([replace(model.record(54_321), status=OrderStatus.FILLED, filled_qty=10)])
    assert changes == [54_321]
    assert model.index(54_321, int(Column.QUANTITY)).data() == "10/10"
    view.select_row(99_999)
    assert view.selected_record().local_id == "r99999"
    assert model.highlight == f"{base.trade_day}:0099999"


def test_open_orders_are_tracked_as_rows_move_on(qtbot):
    model = OrderLogModel()
    model.upsert([new("a", status=OrderStatus.ACCEPTED), new("b", status=OrderStatus.REJECTED)])
    assert model.has_open_orders()
    model.upsert([replace(new("a"), status=OrderStatus.FILLED)])
    assert not model.has_open_orders()
    model.set_records([new("c", status=OrderStatus.UNKNOWN)])
    assert model.has_open_orders()


def test_recent_records_skip_old_history_but_keep_every_unsettled_row():
    from datetime import UTC, datetime, timedelta

    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder
    from kiwoom_ticket.domain.records import OrderRecord
    from kiwoom_ticket.domain.status import OrderStatus
    from kiwoom_ticket.ui.order_log_model import OrderLogModel

    def rec(i, age_hours, status):
        r = OrderRecord.from_request(f"id{i}", "practice",
                                     NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3"))
        return r.moved(status=status,
                       created_at=datetime.now(UTC) - timedelta(hours=age_hours))

    old_unknown = rec(0, 72, OrderStatus.UNKNOWN)
    old_filled = [rec(i, 48, OrderStatus.FILLED) for i in range(1, 500)]
    today = [rec(i, 0, OrderStatus.ACCEPTED) for i in range(500, 505)]
    model = OrderLogModel()
    model.set_records([old_unknown, *old_filled, *today])
    got = [r.local_id for r in model.recent_records()]
    assert got == ["id0"] + [r.local_id for r in today]


def test_a_number_names_an_order_only_within_its_trading_day(qtbot):
    """Kiwoom restarts numbering daily: yesterday's 0000001 is not today's."""
    from kiwoom_ticket.ui.order_log_view import OrderLogView

    model = OrderLogModel()
    yesterday = {"trade_day": "20261130"}
    model.upsert([
        new("old", ord_no="0000001", status=OrderStatus.EXPIRED, **yesterday),
        replace(modify("oldm", "0000001", "0000002", root="0000001"), **yesterday),
        new("today", Action.SELL, ord_no="0000001", status=OrderStatus.ACCEPTED,
            trade_day="20261201"),
    ])
    model.set_trade_day("20261201")
    assert model.by_ord_no("0000001").local_id == "today"
    assert model.by_ord_no("0000001", "20261130").local_id == "old"
    root = model.chain_root(model.record(2))
    assert model.chain_rows(root) == [2]  # yesterday's chain is not tinted with it
    assert model.side_of(model.record(1)) is Action.BUY  # its own day's original
    view = OrderLogView(model)
    qtbot.addWidget(view)
    menu = view.build_menu(model.record(0))
    actions = {a.objectName(): a for a in menu.actions()}
    assert not actions["modify"].isEnabled() and not actions["cancel"].isEnabled()
    assert "earlier trading day" in actions["cancel"].toolTip() or "지난 거래일" in \
        actions["cancel"].toolTip()
    today_menu = {a.objectName(): a for a in view.build_menu(model.record(2)).actions()}
    assert today_menu["cancel"].isEnabled()
    # An earlier day shows its date alone ("12-06", never cut to "12-06 …"), its time
    # in the tooltip; today's rows their time of day.
    shown = model.index(0, int(Column.TIME)).data()
    assert shown.count("-") == 1 and ":" not in shown and len(shown) == 5
    tip = model.index(0, int(Column.TIME)).data(Qt.ItemDataRole.ToolTipRole)
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n", tip), tip
    assert model.index(2, int(Column.TIME)).data().count(":") == 2
