"""Texts of the send button's states and of the modify and cancel confirmations, in
Korean and English."""

from __future__ import annotations

from ..domain.text import Text
from . import i18n

i18n.register({
    "submit.asking": Text("확인 대기 중…", "Awaiting confirmation…"),
    "submit.queued": Text("(대기 {n})", "({n} waiting)"),
    "submit.one_click_queued": Text(
        "원클릭 주문은 앞선 주문을 보낸 뒤 이어서 처리합니다 (대기 중)",
        "One-click order queued: it follows the order on its way"),
    "submit.form_busy": Text(
        "이 탭의 주문을 아직 보내는 중입니다. 끝난 뒤 다시 하세요 (보내지 않음)",
        "This tab is still sending an order; try again once it is done (nothing sent)"),
    "amend.target": Text("원주문 {no} · {side} · {stock}", "Order {no} · {side} · {stock}"),
    "amend.side_unknown": Text("구분 모름", "side unknown"),
    "cancel.changes": Text("취소 내용:", "What is cancelled:"),
    "cancel.price": Text("주문가", "Price"),
    "cancel.quantity": Text("취소 수량", "Quantity cancelled"),
    "cancel.qty_of": Text("{n} (잔량 {left} 중)", "{n} of {left} open"),
    "cancel.not_in_log": Text(
        "원주문 {no:이} 주문 내역에 없어 가격과 잔량을 보여 드릴 수 없습니다",
        "Order {no} is not in the log: its price and open quantity can't be shown"),
    "modify.proceed": Text("이 주문을 정정하시겠습니까?", "Send this modify?"),
    "cancel.proceed": Text("이 주문을 취소하시겠습니까?", "Cancel this order?"),
    "cancel.title": Text("취소 확인", "Confirm cancel"),
    "modify.title": Text("정정 확인", "Confirm modify"),
})
