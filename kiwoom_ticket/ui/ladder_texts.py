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
        "왼쪽부터: 내 매도주문 · 매도잔량 · 호가 · 매수잔량 · 내 매수주문. 굵은 테두리: 현재가\n"
        "마우스가 올라가 있는 동안 호가 고정(노란 테두리): 가격은 제자리, 잔량만 바뀝니다.\n"
        "F6: 키보드로 호가 이동 (↑↓, Enter: 주문창에 가격, Esc: 주문창)\n"
        "오른쪽 클릭: 그 가격에 손절(현재가 아래) · 익절(위) 감시 걸기 (확인 후)",
        "Left to right: my sell orders · ask size · price · bid size · my buy orders. "
        "Outlined: the last price\n"
        "Held while the pointer is over it (amber frame): prices stay put, sizes update.\n"
        "F6: move by keys (↑↓, Enter: price to ticket, Esc: ticket)\n"
        "Right-click: a stop (below the last price) or target (above) watch there (asks "
        "first)"),
    "ladder.total": Text("총잔량", "Total"),
    "ladder.expected": Text("예상체결 {price} · {qty}주", "Expected {price} · {qty} sh"),
    "ladder.no_stock": Text("종목코드를 입력하면 호가가 나옵니다",
                            "Enter a stock code to see its book"),
    "ladder.loading": Text("호가 조회 중…", "Loading the book…"),
    "ladder.failed": Text("호가 조회 실패", "Could not load the book"),
    "ladder.hint": Text("클릭: 주문가격 · 주문 끌기: 정정 · ×: 취소 · 우클릭: 감시 · F6: 키보드",
                        "Click: price · drag: modify · ×: cancel · right-click: watch · "
                        "F6: keys"),
    # While the ladder has the keys: what each key does (none sends an order).
    "ladder.keys_hint": Text(
        "↑↓: 가격 · Enter: 주문창에 가격 · Home: 가운데로 · Esc: 주문창",
        "↑↓: price · Enter: price to ticket · Home: re-centre · Esc: ticket"),
    "ladder.keys_tip": Text(
        "호가창 키보드 (F6로 들어오고 나갑니다)\n"
        "↑/↓, PgUp/PgDn: 호가 이동, 주문창 가격이 따라갑니다\n"
        "Enter: 고른 가격을 주문창에 넣습니다 (주문은 보내지 않음)\n"
        "Home: 고정된 호가를 가운데로 · Esc: 주문창으로\n"
        "주문은 주문창의 주문 버튼이나 Enter로만 나갑니다.",
        "Ladder keys (F6 goes in and out)\n"
        "Up/Down, PgUp/PgDn: move the level; the ticket's price follows\n"
        "Enter: put the chosen price in the ticket (sends nothing)\n"
        "Home: re-centre held prices · Esc: back to the ticket\n"
        "Orders leave only from the ticket (its button or Enter there)."),
    "ladder.held_hint": Text("호가 고정: 가격은 제자리, 잔량만 바뀝니다 · Home: 가운데로",
                             "Held: prices stay put, sizes update · Home: re-centre"),
    "ladder.lock": Text("고정", "Lock"),
    "ladder.lock_tip": Text(
        "호가 고정 (HTS 호가고정)\n마우스가 호가창 위에 있는 동안은 언제나 가격이 제자리에 "
        "있고 잔량만 바뀝니다.\n켜 두면 마우스가 나가도 고정됩니다. 가운데로: Home 또는 "
        "끄기.\n고정 중 ▲/▼: 최우선 호가가 보이는 범위 밖으로 움직였습니다.",
        "Hold the prices still (HTS 호가고정)\nWhile the pointer is over the ladder the prices "
        "always stay on their rows; only sizes change.\nOn: held even when the pointer "
        "leaves. Re-centre: Home, or turn it off.\nHeld, ▲/▼: the best price moved beyond "
        "the rows shown."),
    "ladder.dbl.apart": Text(
        "주문 안 함: 두 클릭이 서로 다른 호가였습니다 ({price})",
        "Not sent: the two clicks were on different levels ({price})"),
    "ladder.dbl.moved": Text(
        "주문 안 함: 클릭 사이에 호가가 바뀌었습니다 ({first} → {price})",
        "Not sent: the level changed between the clicks ({first} → {price})"),
    "ladder.badge_said": Text(
        "{side} {no}: 미체결 {qty}주 @ {price} · 끌기: 정정 · ×: 취소",
        "{side} {no}: {qty} open @ {price} · drag: modify · ×: cancel"),
    "ladder.stop_tip": Text(
        "{side} {no}: 스톱 {stop}원 → 지정가 {limit}원, 미체결 {qty}주\n"
        "스톱가가 체결되면 지정가 주문이 됩니다. ×: 취소 · 정정은 정정 탭에서",
        "{side} {no}: stop {stop} → limit {limit}, {qty} open\n"
        "Becomes a limit order once the stop price trades. ×: cancel · modify in the "
        "Modify tab"),
    "ladder.stop_behind": Text("이 가격에 스톱 주문 {n}건 더 (S)",
                               "{n} more stop order(s) waiting at this price (S)"),
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

# The position line, quick quantities and one-side cancels under the ladder (issue 27).
register({
    "position.none": Text("보유 없음", "Not held"),
    "position.holding": Text("보유 {qty}주 · 매도가능 {sellable}주",
                             "Held {qty} · sellable {sellable}"),
    "position.profit": Text("평균 {avg} · <span{style}>{won}원 ({rate})</span>",
                            "Avg {avg} · <span{style}>{won} ({rate})</span>"),
    "position.preset_tip": Text("주문창 수량에 {n}주", "{n} shares into the ticket's quantity"),
    "position.fraction_tip": Text("매수/매도 탭의 주문가능수량의 {pct}%",
                                  "{pct}% of what the Buy/Sell tab can order"),
    "position.cancel_buys": Text("매수 일괄취소 ({n})", "Cancel buys ({n})"),
    "position.cancel_sells": Text("매도 일괄취소 ({n})", "Cancel sells ({n})"),
    "position.cancel_tip_buys": Text("이 종목의 미체결 매수주문을 모두 취소합니다 (확인 후)",
                                     "Cancel every open buy of this stock (asks first)"),
    "position.cancel_tip_sells": Text("이 종목의 미체결 매도주문을 모두 취소합니다 (확인 후)",
                                      "Cancel every open sell of this stock (asks first)"),
    "position.cancel_title_buys": Text("매수 일괄취소 확인", "Confirm cancelling the buys"),
    "position.cancel_title_sells": Text("매도 일괄취소 확인", "Confirm cancelling the sells"),
    "position.no_ticket": Text("매수 또는 매도 탭에 종목이 없습니다",
                               "The Buy or Sell tab has no stock"),
    "presets.title": Text("수량 프리셋", "Quantity presets"),
    "presets.menu": Text("수량 프리셋…", "Quantity presets…"),
    "presets.explain": Text("호가창 아래 수량 버튼 (주 단위, 쉼표로 구분, 최대 {n}개)",
                            "The quantity buttons under the book (shares, separated by "
                            "commas, at most {n})"),
    "presets.save": Text("저장", "Save"),
    "presets.cancel": Text("취소", "Cancel"),
    "presets.empty": Text("수량을 하나 이상 입력하세요", "Enter at least one quantity"),
    "presets.too_many": Text("수량은 {n}개까지입니다", "At most {n} quantities"),
    "presets.bad": Text("'{value}': 1에서 {most} 사이의 정수가 아닙니다",
                        "'{value}': not a whole number from 1 to {most}"),
    # Watches' lines and brackets on the ladder (issue 27).
    "ladder.mark_tip": Text("{kind} 감시 {price} · {qty}주 (이 앱이 켜져 있는 동안만)",
                            "{kind} watch at {price} · {qty} sh (only while this app runs)"),
    "ladder.mark_bracket_target": Text("브래킷 익절 매도 {price} · {qty}주",
                                       "Bracket target sell at {price} · {qty} sh"),
    "ladder.mark_bracket_waiting": Text("브래킷 익절 {price}: 매수가 체결되면 매도합니다",
                                        "Bracket target {price}: sells once the buy fills"),
    "ladder.mark_in_bracket": Text("브래킷", "bracket"),
    "ladder.mark_paused": Text("일시 중지", "paused"),
    "ladder.mark_drag": Text("태그를 끌어 다른 가격으로 옮깁니다 (확인 후)",
                             "Drag the tag to another price to move it (asks first)"),
    "ladder.mark_move.title": Text("감시가격 변경 확인", "Confirm moving the watch"),
    "ladder.mark_move.text": Text(
        "{name} {kind} 감시가격을 옮깁니다\n{old} → {new} ({ticks})\n수량 {qty}주 · "
        "이 앱이 켜져 있는 동안만 감시합니다",
        "Move the {kind} watch of {name}\n{old} → {new} ({ticks})\nQuantity {qty} sh · "
        "watched only while this app runs"),
    "ladder.mark_moved": Text("{kind} 감시가격 {old} → {new}", "{kind} watch moved {old} → {new}"),
    "ladder.mark_gone": Text("감시가 그사이 바뀌어 옮기지 않았습니다",
                             "The watch changed meanwhile: not moved"),
})

# A new watch from a level's right-click menu (issue 27; ui/ladder_watch.py).
register({
    "ladder.watch_stop": Text("이 가격에 손절 감시… ({price}원)",
                              "Stop watch at this price… ({price})"),
    "ladder.watch_target": Text("이 가격에 익절 감시… ({price}원)",
                                "Target watch at this price… ({price})"),
    "ladder.watch_at_last": Text("{price}원은 현재가: 손절은 아래, 익절은 위 호가에서",
                                 "{price} is the last price: a stop from a level below, "
                                 "a target from one above"),
    "ladder.watch_no_last": Text("현재가를 아직 몰라 감시를 걸 수 없습니다",
                                 "No last price yet: no watch can be set"),
    "ladder.watch_not_held": Text("보유하지 않은 종목: 감시할 주식이 없습니다",
                                  "Not held: no shares to watch"),
    "ladder.watch_none_sellable": Text("매도가능 0주: 미체결 매도가 보유 주식을 모두 잡고 있습니다",
                                       "0 sellable: open sells cover every share held"),
    "ladder.watch_sellable": Text("매도가능 {n}주 · 이 앱이 켜져 있는 동안만 감시",
                                  "{n} sellable · watched only while this app runs"),
    "ladder.watch_origin": Text("호가창 {price}원에서 {kind} 감시", "{kind} watch from the book at {price}"),
    "ladder.watch_other_stock": Text("호가창의 종목이 바뀌어 감시를 걸지 않았습니다",
                                     "The book shows another stock now: no watch set"),
})
