"""The 호가창's texts, Korean and English (registered into the catalogue at import)."""

from __future__ import annotations

from ..domain.text import Text
from .i18n import register

register({
    "ladder.title": Text("호가", "Book"),
    # Column heads: narrow columns, so short words (the tooltip says the rest).
    "ladder.col.sells": Text("매도", "Sell"),
    "ladder.col.asks": Text("잔량", "Size"),
    "ladder.col.price": Text("호가", "Price"),
    "ladder.col.bids": Text("잔량", "Size"),
    "ladder.col.buys": Text("매수", "Buy"),
    "ladder.tip": Text(
        "왼쪽부터: 내 매도주문 · 매도잔량 · 호가 · 매수잔량 · 내 매수주문. 굵은 테두리: 현재가",
        "Left to right: my sell orders · ask size · price · bid size · my buy orders. "
        "Outlined: the last price"),
    "ladder.total": Text("총잔량", "Total"),
    "ladder.expected": Text("예상체결 {price} · {qty}주", "Expected {price} · {qty} sh"),
    "ladder.no_stock": Text("종목코드를 입력하면 호가가 나옵니다",
                            "Enter a stock code to see its book"),
    "ladder.loading": Text("호가 조회 중…", "Loading the book…"),
    "ladder.failed": Text("호가 조회 실패", "Could not load the book"),
    "ladder.hint": Text("클릭: 주문가격 · 주문 끌기: 정정 · ×: 취소",
                        "Click: price · drag: modify · ×: cancel"),
    "ladder.unseen": Text("10호가 밖 미체결 {n}건", "{n} open beyond the 10 levels"),
    "ladder.one_click": Text("원클릭", "One-click"),
    "ladder.one_click_tip": Text(
        "켜면 호가를 더블클릭해 그 가격으로 바로 주문합니다 (이 환경에만 저장).\n"
        "Enter로 답할 확인만 건너뜁니다: 실전 투자, 대량 주문, 착오 방지 경고는 언제나 확인합니다.",
        "On: double-click a price to send at it at once (saved for this environment).\n"
        "Skips only a confirmation Enter could answer: real trading, large orders and "
        "precaution warnings always ask."),
    "ladder.one_click_real.title": Text("실전 원클릭 주문", "One-click in real trading"),
    "ladder.one_click_real.text": Text(
        "실전 투자에서 원클릭 주문을 켭니다.\n더블클릭하면 주문 확인 창이 뜨고, 확인은 언제나 "
        "마우스로만 할 수 있습니다.\n켜시겠습니까?",
        "Turn one-click on for REAL trading?\nA double-click opens the order's confirmation, "
        "which only a mouse click can accept."),
    "ladder.badge_tip": Text(
        "{side} {no}: 미체결 {qty}주 @ {price}\n끌어서 다른 호가로 정정 · ×: 취소",
        "{side} {no}: {qty} open @ {price}\nDrag to another level to modify · ×: cancel"),
    "ladder.badge_more": Text("(이 가격 {n}건: 가장 최근 주문이 대상)",
                              "({n} orders at this price: the newest is the one moved)"),
})
