"""An exchange order the journal doesn't have, as a journal record.

Used when the journal had to start afresh (a damaged file moved aside): the day's orders
are taken back from the exchange's own history (kt00007), so the log and the
modify/cancel lookups are right again. Also for an open order placed outside the app
(HTS, phone) found in the open orders (ka10075): it is marked `outside`. Such records
say where they came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .exchange import Exchange
from .orders import Action
from .reconcile import parse_row
from .records import OrderRecord, encode_body
from .sessions import KST
from .status import OrderStatus
from .text import Text, journal_text
from .trade_types import TRADE_TYPES

RESTORED_MESSAGE = journal_text(Text("거래소 기록에서 복원", "Restored from the exchange's records"))
OUTSIDE_MESSAGE = journal_text(Text("앱 밖에서 낸 주문 (HTS·모바일 등)",
                                    "Placed outside the app (HTS, phone ...)"))
_TYPE_BY_LABEL = {t.label.ko: t.code for t in TRADE_TYPES}


def _status(action: Action, qty: int, filled: int, remaining: int | None) -> OrderStatus:
    if action is Action.CANCEL:
        return OrderStatus.CANCELLED
    if remaining:
        return OrderStatus.PARTLY_FILLED if filled else OrderStatus.ACCEPTED
    if filled >= qty > 0:
        return OrderStatus.FILLED
    return OrderStatus.CANCELLED  # gone without filling: cancelled or modified away


def placed_at(hhmmss: str, now: datetime) -> datetime:
    """The order time a list row gives (HHmmss or HH:mm:ss, KST, today) as a moment; `now`
    when the row has no usable time or one later than now (a clock apart)."""
    t = hhmmss.replace(":", "")
    if len(t) != 6 or not t.isdigit() or int(t[:2]) > 23 or int(t[2:4]) > 59 or int(t[4:]) > 59:
        return now
    local = now.astimezone(KST)
    moment = local.replace(hour=int(t[:2]), minute=int(t[2:4]), second=int(t[4:]),
                           microsecond=0)
    return now if moment > now + timedelta(seconds=1) else moment


def adopted_record(row: Mapping[str, Any], env: str, trade_day: str, local_id: str,
                   now: datetime, message: str = RESTORED_MESSAGE,
                   outside: bool = False) -> OrderRecord | None:
    """A record for one kt00007 (or ka10075) row; None when the row isn't usable.
    `outside`: an open order placed outside the app, timed by the row's order time."""
    r = parse_row(row)
    if not r.ord_no or not r.stock_code or r.quantity < 0:
        return None
    label = str(row.get("trde_tp") or "").strip()
    trade_type = _TYPE_BY_LABEL.get(label, "0" if r.price else "3")
    exchange = r.exchange or Exchange.KRX
    if r.action.is_new:
        body = {"dmst_stex_tp": exchange.value, "stk_cd": r.stock_code,
                "ord_qty": str(r.quantity), "ord_uv": str(r.price or ""),
                "trde_tp": trade_type, "cond_uv": ""}
    elif r.action is Action.MODIFY:
        body = {"dmst_stex_tp": exchange.value, "orig_ord_no": r.orig_ord_no or "",
                "stk_cd": r.stock_code, "mdfy_qty": str(r.quantity),
                "mdfy_uv": str(r.price), "mdfy_cond_uv": ""}
    else:
        body = {"dmst_stex_tp": exchange.value, "orig_ord_no": r.orig_ord_no or "",
                "stk_cd": r.stock_code, "cncl_qty": str(r.quantity)}
    return OrderRecord(
        local_id=local_id, env=env, action=r.action, exchange=exchange,
        stock_code=r.stock_code, quantity=r.quantity, body_json=encode_body(body),
        status=_status(r.action, r.quantity, r.filled, r.remaining),
        stock_name=str(row.get("stk_nm") or "").strip(),
        trade_type=trade_type if r.action.is_new else None,
        price=r.price or None, created_at=placed_at(r.time_hhmmss, now) if outside else now,
        updated_at=now, ord_no=r.ord_no, orig_ord_no=r.orig_ord_no, filled_qty=r.filled,
        message=message, trade_day=trade_day, outside=outside,
        avg_fill_price=(r.fill_price or None) if r.filled else None,
        filled_at=now if r.filled else None,
    )
