"""Texts of the Modify/Cancel target card, and of refusals about the target."""

from __future__ import annotations

from ..domain.text import Text
from . import i18n

i18n.register({
    "target.modify": Text("정정 대상", "Modifying"),
    "target.cancel": Text("취소 대상", "Cancelling"),
    "target.none": Text(
        "대상 주문 없음: 주문 내역, 미체결 또는 호가창에서 주문을 선택하세요",
        "No order selected: pick one in the order log, the open orders or the book"),
    "target.number": Text("주문 {no}", "Order {no}"),
    "target.detail": Text("{stock} · {price} · 미체결 {open}주 / {qty}주",
                          "{stock} · {price} · {open} of {qty} open"),
    "target.market_price": Text("시장가", "market"),
    "target.price": Text("{price}원", "{price} won"),
    "target.finished": Text("⚠ {status}: 끝난 주문이라 정정·취소할 수 없습니다",
                            "⚠ {status}: finished, it can't be modified or cancelled"),
    "target.earlier_day": Text("⚠ 지난 거래일({day})의 주문: 정정·취소할 수 없습니다",
                               "⚠ An order of an earlier trading day ({day}): final"),
    "target.status": Text("{status} · 체결 {filled}주", "{status} · {filled} filled"),
    "target.tip": Text(
        "정정·취소 탭은 언제나 이 주문에 적용됩니다. 주문 내역·미체결·호가창에서 다른 주문을 "
        "선택하면 두 탭 모두 그 주문으로 바뀝니다",
        "The Modify and Cancel tabs always act on this order. Selecting another order in "
        "the log, the open orders or the book moves both tabs to it"),
    "qty.over_open": Text(
        "{qty}주는 주문 {no}의 미체결 {open}주보다 많습니다 (0 = 미체결 전부)",
        "{qty} is more than the {open} still open of order {no} (0 = all that is open)"),
    "log.col.stop_price": Text("스톱가", "Stop"),
    "log.tip.stop_price": Text("스톱지정가(28)의 감시 가격", "The trigger price of a stop-limit (28)"),
})
