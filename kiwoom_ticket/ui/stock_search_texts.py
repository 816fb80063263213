"""The stock search's texts (the catalogue in ui/i18n.py takes them at import)."""

from __future__ import annotations

from . import i18n
from .i18n import Text

i18n.register({
    "stock_search.placeholder": Text("코드·종목명·초성", "Code or name"),
    "stock_search.field_tip": Text(
        "종목코드, 종목명, 이름의 일부나 초성(ㅅㅅㅈㅈ)을 입력하고 목록에서 고르세요 (↑↓, Enter)",
        "Type a code, a name, part of one or its initials (ㅅㅅㅈㅈ) and pick from the list "
        "(↑↓, Enter)"),
    "stock_search.recent_tip": Text("최근 종목 {code} {name}: 클릭하면 채웁니다",
                                    "Recent stock {code} {name}: click to fill it in"),
    "stock_search.unavailable": Text("종목 목록을 받지 못했습니다: 종목코드로 입력하세요",
                                     "Could not load the stock list: type a stock code"),
})
