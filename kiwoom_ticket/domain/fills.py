"""One fill (체결) of today: what the 체결 list shows, one row per fill.

Two sources give the same facts in different words: kt00009 계좌별주문체결현황 (a row per
fill, numbered `cntr_no`) when the list is loaded, and Kiwoom's real-time 00 주문체결
entries (field 909 the fill number) as fills happen. A fill is known by its order and
fill number, so the two can meet without a row twice. Rows that aren't a fill (no
number, no quantity, no stock) are None: a hostile or odd reply shows nothing rather than
a wrong row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .numbers import kiwoom_int
from .orders import Action
from .text import clip

_NAME_LIMIT = 40


def _text(value: Any) -> str:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _side(text: str) -> Action | None:
    if "매도" in text:
        return Action.SELL
    if "매수" in text:
        return Action.BUY
    return None


def _clock(text: str) -> str:
    """HHmmss or HH:mm:ss as HH:mm:ss; "" when it isn't a time."""
    digits = text.replace(":", "")
    if len(digits) != 6 or not digits.isdigit():
        return ""
    if int(digits[:2]) > 23 or int(digits[2:4]) > 59 or int(digits[4:]) > 59:
        return ""
    return f"{digits[:2]}:{digits[2:4]}:{digits[4:]}"


def _code(text: str) -> str:
    code = text.upper().removeprefix("A")
    return code if 1 <= len(code) <= 12 and code.isalnum() else ""


@dataclass(frozen=True, slots=True)
class Fill:
    fill_no: str  # the exchange's fill number (cntr_no / 909)
    ord_no: str
    stock_code: str
    stock_name: str
    side: Action | None  # BUY or SELL
    price: int
    quantity: int
    time: str  # HH:mm:ss, KST
    fees: int | None = None  # commission + tax where the source says (00: 938 + 939)

    @property
    def key(self) -> tuple[str, str]:
        """What names this fill within the day: the same from either source."""
        return (self.ord_no, self.fill_no)

    @classmethod
    def from_kt00009(cls, row: Mapping[str, Any]) -> Fill | None:
        """One row of kt00009's acnt_ord_cntr_prst_array; None if it isn't a fill."""
        fill_no, qty = _text(row.get("cntr_no")), kiwoom_int(_text(row.get("cntr_qty")))
        code = _code(_text(row.get("stk_cd")))
        if not fill_no or qty <= 0 or not code:
            return None
        return cls(
            fill_no=fill_no, ord_no=_text(row.get("ord_no")), stock_code=code,
            stock_name=clip(_text(row.get("stk_nm")), _NAME_LIMIT),
            side=_side(_text(row.get("io_tp_nm"))),
            price=kiwoom_int(_text(row.get("cntr_uv"))), quantity=qty,
            time=_clock(_text(row.get("cntr_tm"))),
        )

    @classmethod
    def from_realtime(cls, values: Mapping[str, str]) -> Fill | None:
        """The `values` of one real-time 00 (주문체결) entry; None unless it reports a
        fill (an acceptance, a confirmation or a refusal has no 909/915)."""
        fill_no, qty = _text(values.get("909")), kiwoom_int(_text(values.get("915")))
        code = _code(_text(values.get("9001")))
        if not fill_no or qty <= 0 or not code:
            return None
        side = {"1": Action.SELL, "2": Action.BUY}.get(_text(values.get("907")))
        fees_known = any(_text(values.get(k)) for k in ("938", "939"))
        fees = (kiwoom_int(_text(values.get("938"))) + kiwoom_int(_text(values.get("939")))
                if fees_known else None)
        return cls(
            fill_no=fill_no, ord_no=_text(values.get("9203")), stock_code=code,
            stock_name=clip(_text(values.get("302")), _NAME_LIMIT),
            side=side or _side(_text(values.get("905"))),
            price=kiwoom_int(_text(values.get("914"))), quantity=qty,
            time=_clock(_text(values.get("908"))), fees=fees,
        )
