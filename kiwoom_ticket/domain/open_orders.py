"""What "open" means, once for every view: the log's polling, 미체결, the 호가창's badges,
the Modify/Cancel target and bulk cancels all ask here, so they can't disagree about an
order after the same batch of changes."""

from __future__ import annotations

from .orders import Action
from .records import OrderRecord
from .status import OrderStatus


def is_open_order(rec: OrderRecord, trade_day: str | None = None) -> bool:
    """An order the exchange still holds shares of: a buy, sell or modify accepted or
    partly filled, with its number and an open quantity (미체결수량) left; of
    `trade_day` when given (an order number names an order only within its day)."""
    return (rec.status.is_open and bool(rec.ord_no) and rec.action is not Action.CANCEL
            and rec.open_qty > 0 and (trade_day is None or rec.trade_day == trade_day))


def may_still_move(rec: OrderRecord) -> bool:
    """The exchange may still move it on, or its outcome is still unknown: what polling
    watches (an open order, and anything not yet settled)."""
    return is_open_order(rec) or rec.status.is_open or rec.status is OrderStatus.UNKNOWN
