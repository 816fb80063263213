"""Finding out what happened to an order whose reply never came.

Pure matching: the service fetches every page of open orders (ka10075) and fills
(ka10076) and asks here which exchange row, if any, is our order. A row whose order
number the journal already knows belongs to another order and is never matched again,
so one exchange order can't settle two journal rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .exchange import Exchange
from .numbers import kiwoom_int
from .orders import Action
from .records import OrderRecord
from .sessions import KST

CLOCK_SLACK = timedelta(seconds=5)


@dataclass(frozen=True, slots=True)
class ExchangeRow:
    """One row of ka10075 or ka10076, reduced to what matching needs."""

    ord_no: str
    stock_code: str
    action: Action
    quantity: int
    price: int
    exchange: Exchange | None
    orig_ord_no: str | None
    time_hhmmss: str
    remaining: int | None  # oso_qty
    filled: int  # cntr_qty
    fill_price: int = 0  # cntr_pric (0: no fill yet)


def _action(io_tp_nm: str) -> Action:
    if "취소" in io_tp_nm:
        return Action.CANCEL
    if "정정" in io_tp_nm:
        return Action.MODIFY
    return Action.SELL if "매도" in io_tp_nm else Action.BUY


def _exchange(row: Mapping[str, Any]) -> Exchange | None:
    if str(row.get("sor_yn", "")).upper() == "Y":
        return Exchange.SOR
    text = str(row.get("stex_tp_txt") or "").strip().upper()
    if text in ("KRX", "NXT", "SOR"):
        return Exchange(text)
    return {"1": Exchange.KRX, "2": Exchange.NXT, "0": Exchange.SOR}.get(
        str(row.get("stex_tp", "")).strip()
    )


def parse_row(row: Mapping[str, Any]) -> ExchangeRow:
    io = str(row.get("io_tp_nm") or "")
    orig = str(row.get("orig_ord_no") or "").strip()
    return ExchangeRow(
        ord_no=str(row.get("ord_no") or "").strip(),
        stock_code=str(row.get("stk_cd") or "").strip().upper().removeprefix("A"),
        action=_action(io),
        quantity=kiwoom_int(row.get("ord_qty")),
        price=kiwoom_int(row.get("ord_pric")),
        exchange=_exchange(row),
        orig_ord_no=None if orig in ("", "0000000") else orig,
        time_hhmmss=str(row.get("tm") or row.get("ord_tm") or "").strip(),
        remaining=kiwoom_int(row["oso_qty"]) if "oso_qty" in row else None,
        filled=kiwoom_int(row.get("cntr_qty")),
        fill_price=kiwoom_int(row.get("cntr_pric")),
    )


def _not_before(row: ExchangeRow, sent_at: datetime) -> bool:
    """The row's HHmmss (KST, today) is not earlier than our send, give or take."""
    t = row.time_hhmmss.replace(":", "")
    if len(t) != 6 or not t.isdigit():
        return True  # no usable time: don't exclude on it
    sent_kst = sent_at.astimezone(KST)
    row_time = sent_kst.replace(hour=int(t[:2]), minute=int(t[2:4]), second=int(t[4:]),
                                microsecond=0)
    return row_time >= sent_kst - CLOCK_SLACK


def matches(record: OrderRecord, row: ExchangeRow) -> bool:
    if row.stock_code != record.stock_code or not _not_before(row, record.created_at):
        return False
    if record.exchange is not Exchange.SOR and row.exchange not in (None, record.exchange):
        return False
    if record.action.is_new:
        return (
            row.action is record.action
            and row.quantity == record.quantity
            and row.price == (record.price or 0)
        )
    if record.action is Action.MODIFY:
        return row.action is Action.MODIFY and row.orig_ord_no == record.orig_ord_no
    return row.action is Action.CANCEL and row.orig_ord_no == record.orig_ord_no


def find_match(
    record: OrderRecord, rows: Iterable[ExchangeRow], known_ord_nos: set[str]
) -> ExchangeRow | None:
    """The earliest unclaimed exchange row that is this order, or None."""
    candidates = [r for r in rows if r.ord_no and r.ord_no not in known_ord_nos
                  and matches(record, r)]
    candidates.sort(key=lambda r: r.ord_no)
    return candidates[0] if candidates else None
