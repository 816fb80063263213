"""A fill from either source (kt00009 rows, real-time 00 entries) is the same fill;
anything that isn't a fill is no row at all. Row shapes as Kiwoom documents them."""

from datetime import UTC, datetime

from kiwoom_ticket.domain.adopt import placed_at
from kiwoom_ticket.domain.fills import Fill
from kiwoom_ticket.domain.orders import Action

KT00009_ROW = {  # acnt_ord_cntr_prst_array, one fill
    "stk_bond_tp": "1", "ord_no": "0000050", "stk_cd": "A005930", "trde_tp": "보통",
    "io_tp_nm": "현금매수", "ord_qty": "0000000010", "ord_uv": "0000070000",
    "cnfm_qty": "0000000000", "cntr_no": "0000012", "acpt_tp": "접수", "orig_ord_no": "",
    "stk_nm": "삼성전자", "cntr_qty": "0000000004", "cntr_uv": "0000069900",
    "cntr_tm": "09:41:07", "dmst_stex_tp": "KRX",
}
REALTIME_00 = {  # 주문체결 values when a fill is reported
    "9201": "1111111111", "9203": "0000050", "9001": "A005930", "913": "체결",
    "302": "삼성전자", "905": "+매수", "906": "보통", "907": "2", "908": "094107",
    "909": "0000012", "910": "69900", "911": "4", "914": "69900", "915": "4",
    "938": "140", "939": "0",
}


def test_a_kt00009_row_and_a_live_entry_are_one_fill():
    listed, live = Fill.from_kt00009(KT00009_ROW), Fill.from_realtime(REALTIME_00)
    assert listed is not None and live is not None and listed.key == live.key
    assert (listed.stock_code, listed.side, listed.price, listed.quantity, listed.time) == (
        "005930", Action.BUY, 69_900, 4, "09:41:07")
    assert (live.stock_code, live.side, live.price, live.quantity, live.time) == (
        "005930", Action.BUY, 69_900, 4, "09:41:07")
    assert listed.fees is None and live.fees == 140  # the list has none; the feed does


def test_what_is_not_a_fill_is_no_row():
    assert Fill.from_kt00009({**KT00009_ROW, "cntr_no": ""}) is None  # an order, unfilled
    assert Fill.from_kt00009({**KT00009_ROW, "cntr_qty": "0000000000"}) is None
    assert Fill.from_kt00009({**KT00009_ROW, "stk_cd": ["A005930"]}) is None  # mistyped
    accepted = {**REALTIME_00, "913": "접수", "909": "", "914": "", "915": ""}
    assert Fill.from_realtime(accepted) is None
    assert Fill.from_realtime({}) is None


def test_a_sell_and_odd_times_read_sensibly():
    sell = Fill.from_realtime({**REALTIME_00, "907": "1", "905": "-매도", "908": "9:41"})
    assert sell is not None and sell.side is Action.SELL and sell.time == ""
    assert Fill.from_realtime({**REALTIME_00, "908": "256199"}).time == ""
    long_name = Fill.from_kt00009({**KT00009_ROW, "stk_nm": "가" * 5_000,
                                   "io_tp_nm": "매도정정"})
    assert long_name is not None and len(long_name.stock_name) <= 40
    assert long_name.side is Action.SELL


def test_an_adopted_order_keeps_its_order_time():
    now = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)  # 10:30 KST
    assert placed_at("092015", now) == datetime(2026, 12, 2, 0, 20, 15, tzinfo=UTC)
    assert placed_at("09:20:15", now) == datetime(2026, 12, 2, 0, 20, 15, tzinfo=UTC)
    assert placed_at("", now) == now and placed_at("256000", now) == now
    assert placed_at("113000", now) == now  # later than now: the clocks disagree
