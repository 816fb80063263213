"""Texts of the 미체결 (open orders) and 체결 (fills) lists, in Korean and English."""

from __future__ import annotations

from ..domain.text import Text
from . import i18n

i18n.register({
    # tabs beside the order log
    "lists.tab_log": Text("주문 내역", "Order log"),
    "lists.tab_open": Text("미체결 ({n})", "Open orders ({n})"),
    "lists.tab_fills": Text("체결", "Fills"),
    # columns (the CSV writes both languages)
    "lists.col.ord_no": Text("주문번호", "Order no."),
    "lists.col.stock": Text("종목", "Stock"),
    "lists.col.side": Text("구분", "Side"),
    "lists.col.price": Text("주문가", "Price"),
    "lists.col.quantity": Text("주문수량", "Qty"),
    "lists.col.open": Text("미체결", "Open"),
    "lists.col.filled": Text("체결", "Filled"),
    "lists.col.time": Text("주문시각", "Time"),
    "lists.col.origin": Text("출처", "Source"),
    "lists.col.fill_time": Text("체결시각", "Time"),
    "lists.col.fill_price": Text("체결가", "Price"),
    "lists.col.fill_qty": Text("체결수량", "Qty"),
    "lists.col.fees": Text("수수료+세금", "Fees+tax"),
    "lists.col.fees_tip": Text(
        "키움 실시간 체결(00)이 알려 준 당일 수수료와 세금의 합. 조회(kt00009)에는 없어 비어 있습니다",
        "Commission and tax as Kiwoom's live fills (00) report them; the day's list "
        "(kt00009) has none, so it stays empty"),
    "lists.col.fill_no": Text("체결번호", "Fill no."),
    "lists.origin.app": Text("앱", "App"),
    "lists.origin.outside": Text("외부", "Outside"),
    "lists.origin.outside_tip": Text(
        "앱 밖에서(HTS·모바일 등) 낸 주문: 여기서 정정·취소할 수 있습니다",
        "Placed outside the app (HTS, phone ...): it can be modified or cancelled here"),
    "lists.modify_mark": Text("정정", "mod."),
    # filter bar and buttons
    "lists.filter_stock": Text("종목 (코드 또는 이름)", "Stock (code or name)"),
    "lists.side_all": Text("전체", "All"),
    "lists.side_buy": Text("매수", "Buy"),
    "lists.side_sell": Text("매도", "Sell"),
    "lists.export": Text("CSV 내보내기…", "Export CSV…"),
    "lists.cancel_selected": Text("선택 취소…", "Cancel selected…"),
    "lists.cancel_all": Text("일괄취소…", "Cancel all…"),
    "lists.cancel_all_stock": Text("{stock} 일괄취소…", "Cancel all {stock}…"),
    "lists.modify": Text("정정…", "Modify…"),
    "lists.reload": Text("새로고침 (F5)", "Refresh (F5)"),
    "lists.fills_loading": Text("체결 내역을 불러오는 중…", "Loading today's fills…"),
    "lists.fills_loaded": Text("오늘 체결 {n}건", "{n} fills today"),
    "lists.fills_failed": Text("체결 내역을 불러오지 못했습니다", "Couldn't load today's fills"),
    # cancelling several
    "lists.cancel_title": Text("주문 취소 확인", "Confirm cancelling orders"),
    "lists.cancel_head": Text("다음 {n}건의 미체결 주문을 모두 취소합니다:",
                              "Cancel all that is open of {orders}:"),
    "lists.cancel_line": Text("{no}  {stock}  {side}  미체결 {qty}주  @ {price}",
                              "{no}  {stock}  {side}  open {qty}  @ {price}"),
    "lists.cancel_left_out": Text("취소할 수 없어 뺀 주문:", "Left out (can't be cancelled):"),
    "lists.cancel_proceed": Text("취소하시겠습니까?", "Cancel them?"),
    "lists.nothing_selected": Text("취소할 주문을 고르세요", "Select the orders to cancel"),
    "lists.nothing_to_cancel": Text("취소할 수 있는 미체결 주문이 없습니다",
                                    "No open order that can be cancelled"),
    "lists.cancel_summary": Text("취소 {ok}건 완료, {failed}건 실패",
                                 "{ok} cancelled, {failed} failed"),
    "lists.cancel_all_done": Text("취소 {ok}건 완료", "{ok} cancelled"),
    "lists.earlier_day": Text("지난 거래일 주문", "An earlier trading day's order"),
})
