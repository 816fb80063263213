"""The day's orders as the account-history TRs list them: one line per accepted request.

A new order, a modify and a cancel are each their own line with their own order number;
a modify or cancel names its original (`orig`) and says how much it took (`confirmed`).
Rejected requests never reach the ledger, so they are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiwoom_ticket.domain.trade_types import BY_CODE

from . import errors
from .book import LedgerEntry, SimOrder
from .core import Core

NEW, MODIFY, CANCEL = "new", "modify", "cancel"


@dataclass(frozen=True)
class Line:
    ord_no: str
    kind: str  # NEW, MODIFY or CANCEL
    orig: str  # "0000000" for a new order
    side: str  # "buy" or "sell"
    exchange: str
    stk_cd: str
    trade_type: str  # trde_tp code (a modify or cancel carries its original's)
    qty: int  # ordered; for a modify or cancel, what it took
    price: int  # 0 for a cancel and for types without a price
    stop_price: int
    confirmed: int  # 확인수량: what a modify or cancel took; 0 for a new order
    filled: int
    filled_amount: int
    remaining: int
    at: datetime | None
    credit: str  # "" cash, else the credit deal type (03 자기융자 매수, 33/99 상환 매도)
    loan_dt: str  # YYYYMMDD for credit lines

    @property
    def avg_fill_price(self) -> int:
        return self.filled_amount // self.filled if self.filled else 0

    @property
    def hhmmss(self) -> str:
        return self.at.strftime("%H:%M:%S") if self.at else ""

    @property
    def trade_label(self) -> str:
        return BY_CODE[self.trade_type].label.ko


def _from_order(e: LedgerEntry, o: SimOrder) -> Line:
    kind = MODIFY if o.is_modify else NEW
    return Line(
        o.ord_no, kind, o.orig_ord_no, o.side, o.exchange, o.stk_cd, o.trade_type, o.qty,
        o.price, o.stop_price, e.qty if kind == MODIFY else 0, o.filled, o.filled_amount,
        o.remaining, e.time, o.credit, o.loan_dt,
    )


def _cancel(e: LedgerEntry, orig: SimOrder | None) -> Line:
    side = orig.side if orig else "buy"
    return Line(
        e.ord_no, CANCEL, e.orig_ord_no, side, orig.exchange if orig else "KRX", e.stk_cd,
        orig.trade_type if orig else "0", e.qty, 0, 0, e.qty, 0, 0, 0, e.time,
        orig.credit if orig else "", orig.loan_dt if orig else "",
    )


def lines_of_day(core: Core, day: date) -> list[Line]:
    """Every accepted request of `day` (KST), in order-number order. Remembered until
    the exchange's state changes: paging a long day asks for it once per page."""
    engine = core.engine
    key = (day, engine.version, len(engine.ledger))
    memo = engine.memo.get("lines_of_day")
    if memo is not None and memo[0] == key:
        return list(memo[1])
    out = _lines_of_day(core, day)
    engine.memo["lines_of_day"] = (key, out)
    return list(out)


def _lines_of_day(core: Core, day: date) -> list[Line]:
    orders = core.engine.orders_of(day)
    out: list[Line] = []
    for e in core.engine.ledger:
        if e.time is not None and e.time.date() != day:
            continue
        o = orders.get(e.ord_no)
        if o is not None and e.orig_ord_no == o.orig_ord_no:
            out.append(_from_order(e, o))
        else:
            out.append(_cancel(e, orders.get(e.orig_ord_no)))
    out.sort(key=lambda line: int(line.ord_no))
    return out


def parse_day(core: Core, text: str, name: str = "ord_dt") -> date:
    """A YYYYMMDD request field; empty means today."""
    if not text:
        return core.clock.now().date()
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise errors.bad_format(name, "YYYYMMDD 형식이어야 합니다") from None


def stock_code(text: str) -> str:
    """A stock code as the history TRs take it: "005930" or "A005930"."""
    return text[1:] if len(text) == 7 and text[0] in "AJQ" else text
