"""Texts of the kill switch, the daily limits and the watches (감시주문)."""

from __future__ import annotations

from ..domain.text import Text
from . import i18n

i18n.register({
    "kill.button": Text("긴급 정지", "Kill switch"),
    "kill.engaged_button": Text("■ 긴급 정지 중 — 해제…", "■ KILL SWITCH ON — release…"),
    "kill.tip": Text(
        "누르면 즉시 모든 새 주문·정정과 감시주문을 막습니다 (취소는 됩니다). 앱을 다시 켜도 "
        "유지되며, 마우스로만 해제합니다. 단축키 {shortcut}",
        "Stops every new order, modify and watch at once (cancels still work). It stays on "
        "after a restart and is released by mouse only. Shortcut {shortcut}"),
    "kill.engaged": Text("■ 긴급 정지: {reason}", "■ Kill switch: {reason}"),
    "kill.refusal": Text("■ 긴급 정지 중: 이 주문은 나가지 않습니다 (취소는 됩니다)",
                         "■ Kill switch on: this order won't leave (cancels still work)"),
    "kill.cancel_all": Text("미체결 전부 취소…", "Cancel all open…"),
    "kill.cancel_all_title": Text("미체결 주문 전부 취소", "Cancel every open order"),
    "kill.cancel_all_text": Text(
        "오늘의 미체결 주문을 모두 취소합니다. 계속할까요?",
        "Cancel every open order of today. Go ahead?"),
    "kill.cancel_all_done": Text("일괄 취소: {done}건 취소, {failed}건 실패",
                                 "Cancel all: {done} cancelled, {failed} failed"),
    "kill.release_title": Text("긴급 정지 해제", "Release the kill switch"),
    "kill.release_text": Text(
        "긴급 정지를 해제하면 새 주문과 감시주문이 다시 나갈 수 있습니다.\n사유: {reason}\n"
        "해제할까요?",
        "Releasing lets new orders and watches leave again.\nReason: {reason}\nRelease it?"),
    "kill.released": Text("긴급 정지를 해제했습니다", "Kill switch released"),
    "kill.engaged_status": Text("긴급 정지: 새 주문과 감시주문을 막았습니다",
                                "Kill switch engaged: new orders and watches are stopped"),
    "bracket.button": Text("선택한 매수에 브래킷…", "Bracket the selected buy…"),
    "bracket.title": Text("브래킷 (목표가 + 손절)", "Bracket (target + stop)"),
    "bracket.on": Text("매수 {stock} {qty}주 @ {price} (주문 {no})",
                       "Buy {stock} {qty} @ {price} (order {no})"),
    "bracket.target": Text("목표가 (지정가 매도)", "Target (limit sell)"),
    "bracket.stop": Text("손절 (평균 체결가 − 호가)", "Stop (ticks under the fill price)"),
    "bracket.how": Text(
        "목표가는 매수가 체결되는 만큼 거래소에 지정가 매도로 걸립니다. 한쪽이 체결되면 다른 "
        "쪽은 취소됩니다.",
        "The target rests at the exchange as a limit sell for what the buy fills. When one "
        "side fills, the other is cancelled."),
    "bracket.stop_note": Text("손절은 감시주문입니다:", "The stop is a watch:"),
    "bracket.need_buy": Text("브래킷은 오늘의 매수 주문에 붙습니다: 주문 내역이나 미체결에서 "
                             "매수를 선택하세요",
                             "A bracket goes on a buy of today: select one in the log or "
                             "the open orders"),
    "bracket.set": Text("브래킷: {stock} 목표 {target} · 손절 −{ticks}호가",
                        "Bracket: {stock} target {target} · stop −{ticks} ticks"),
    "bracket.line": Text("브래킷 {stock}: 목표 {target} ({covered}주 걸림) · {state}",
                         "Bracket {stock}: target {target} ({covered} resting) · {state}"),
    "limits.button": Text("한도…", "Limits…"),
    "limits.title": Text("일일 한도 — {env}", "Daily limits — {env}"),
    "limits.warn": Text("경고", "Warn"),
    "limits.block": Text("차단 (긴급 정지)", "Block (kill switch)"),
    "limits.today": Text("오늘", "Today"),
    "limits.loss": Text("손실 (실현+평가, 원)", "Loss (realised + unrealised, won)"),
    "limits.orders": Text("주문 건수", "Orders"),
    "limits.traded_value": Text("체결금액 (원)", "Traded value (won)"),
    "limits.off": Text("끔", "off"),
    "limits.note": Text(
        "환경마다 따로 저장됩니다. 차단 한도를 넘으면 긴급 정지가 걸리고, 마우스로 풀 때까지 "
        "새 주문과 감시주문이 나가지 않습니다.",
        "Kept per environment. Crossing a block limit engages the kill switch: no new order "
        "or watch leaves until it is released by mouse."),
    "limits.saved": Text("일일 한도를 저장했습니다", "Daily limits saved"),
    "limit.warned": Text("일일 한도 경고: {what}", "Daily limit warning: {what}"),
    "watch.tab": Text("감시", "Watches"),
    "watch.only_while": Text("이 앱이 켜져 있는 동안만 감시합니다", "Watched only while this app runs"),
    "watch.col.stock": Text("종목", "Stock"),
    "watch.col.kind": Text("종류", "Kind"),
    "watch.col.trigger": Text("발동가", "Trigger"),
    "watch.col.qty": Text("수량", "Qty"),
    "watch.col.order": Text("주문", "Order"),
    "watch.col.last": Text("최근가", "Last price"),
    "watch.col.state": Text("상태", "State"),
    "watch.col.note": Text("비고", "Note"),
    "watch.blind": Text("가격 끊김 (REST {s}초마다)", "Blind (REST every {s} s)"),
    "watch.market": Text("시장가", "market"),
    "watch.limit": Text("지정가 −{n}호가", "limit −{n} ticks"),
    "watch.pause": Text("일시 중지", "Pause"),
    "watch.resume": Text("다시 감시", "Arm"),
    "watch.cancel": Text("감시 삭제", "Remove"),
    "watch.empty": Text("감시주문 없음: 잔고에서 종목을 오른쪽 클릭해 설정하세요",
                        "No watches: right-click a holding in the account panel to set one"),
    "watch.set_action": Text("감시주문 설정…", "Set a watch…"),
    "watch.dialog_title": Text("감시주문 — {stock}", "Watch — {stock}"),
    "watch.kind": Text("종류", "Kind"),
    "watch.unit": Text("기준", "By"),
    "watch.unit.price": Text("가격", "price"),
    "watch.unit.percent": Text("%", "%"),
    "watch.unit.ticks": Text("호가", "ticks"),
    "watch.amount": Text("값", "Value"),
    "watch.quantity": Text("수량", "Quantity"),
    "watch.sell_as": Text("매도", "Sell at"),
    "watch.offset": Text("지정가 호가 차", "Limit offset (ticks)"),
    "watch.reference": Text("기준가격 (매입가)", "Measured from (average)"),
    "watch.arm": Text("감시 시작", "Arm the watch"),
    "watch.exchange_stop": Text("스톱지정가(28)로 거래소에 맡기기", "Leave it to the exchange (28)"),
    "watch.preview": Text("발동가 {price}원 · {qty}주", "Trigger {price} won · {qty} shares"),
    "watch.asked": Text("{stock}: 기준가가 바뀌어 감시가 확인을 기다립니다",
                        "{stock}: the base price changed; the watch waits for you"),
    "watch.fired": Text("감시 발동: {stock} {qty}주 매도", "Watch fired: sell {qty} {stock}"),
    "watch.set": Text("감시 시작: {stock} {kind}", "Watch armed: {stock} {kind}"),
    "bracket.need_target": Text("목표가를 입력하세요", "Enter a target price"),
})
