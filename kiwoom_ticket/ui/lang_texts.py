"""Texts added for issue 24 (one language at a time, nothing cut, nothing stale), kept in
a module of their own so that the shared catalogue in i18n.py is not rewritten."""

from __future__ import annotations

from ..domain.text import Text, count_en
from .i18n import register

register({
    "csv.write_failed": Text("파일에 저장하지 못했습니다: {path}", "Could not save the file: {path}"),
    "lang.switch_tip": Text("화면 언어: 한국어 / English (설정 → 언어에서도 바꿀 수 있습니다)",
                            "Display language: 한국어 / English (also in Settings → Language)"),
    "common.loading": Text("불러오는 중…", "Loading…"),
    "common.none": Text("—", "—"),
    "csv.date": Text("날짜", "Date"),
    "csv.code": Text("종목코드", "Code"),
    "csv.name": Text("종목명", "Name"),
    "csv.time": Text("시각", "Time"),
    "csv.status_code": Text("상태코드", "Status code"),
    "csv.filled_qty": Text("체결수량", "Filled qty"),
    "status.reset_closed": Text("초기화로 종료", "Closed by reset"),
    "log.before_reset": Text("연습 계좌 초기화 전 주문: 정정·취소할 수 없습니다",
                             "An order from before the practice account reset: final"),
    "env.real_mark": Text("[실전]", "[REAL]"),
    "search.no_match": Text("일치하는 종목이 없습니다", "No matching stock"),
})


def won(amount: int | str, *, bold: bool = False) -> str:
    """An amount of money in the UI's language: '1,000 원' or 'KRW 1,000' (never '원' in
    English). `amount` may be pre-formatted ('≈ 1,000')."""
    from .i18n import language

    figure = f"{amount:,}" if isinstance(amount, int) else amount
    if bold:
        figure = f"<b>{figure}</b>"
    return f"{figure} 원" if language.code == "ko" else f"KRW {figure}"


def orders_en(n: int) -> str:
    """'1 order', '2 orders' (English only; Korean says '{n}건')."""
    return count_en(n, "order")
