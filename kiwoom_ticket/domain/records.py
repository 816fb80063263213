"""One order as the app tracks it: the request, where it stands, and its lineage.

Shared by the journal (which stores it), the order service (which moves it on) and
the UI's order log (which shows it). `local_id` is ours; Kiwoom has no client order id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from .exchange import Exchange
from .orders import Action, OrderRequest
from .sessions import KST
from .status import OrderStatus

# Kiwoom's "too many requests" codes: the request was refused before it became an order.
RATE_LIMIT_CODES = frozenset({"1700", "1701", "1702"})
# error_code of a row once called not taken (or rejected) that the exchange turned out to
# have: it is adopted and shown as an alarm, never quietly.
LATE_FOUND = "LATE"
# error_code of a row whose state a live event set and the exchange's own records then
# contradicted for longer than the settle window: set back to what they say, loudly.
CORRECTED = "CORRECTED"


def trading_day(when: datetime, epoch: int = 0) -> str:
    """The numbering day an order placed at `when` belongs to: the KST date (Kiwoom
    restarts order numbers daily), plus the journal's numbering epoch when the practice
    account was reset that day. An order number names one order only within its day."""
    day = when.astimezone(KST).strftime("%Y%m%d")
    return f"{day}.{epoch}" if epoch else day


def day_label(trade_day: str) -> str:
    """"20261201" or "20261201.2" as 2026-12-01 for people."""
    d = trade_day.split(".")[0]
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else trade_day


def encode_body(body: dict[str, str]) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class OrderRecord:
    local_id: str
    env: str
    action: Action
    exchange: Exchange
    stock_code: str
    quantity: int
    # The request body exactly as sent, as canonical JSON text. Kept as text because a
    # long history holds 100,000 of these: a string is a third of a dict's memory and
    # needs no decoding until someone asks for `body`.
    body_json: str
    status: OrderStatus = OrderStatus.SENDING
    stock_name: str = ""
    trade_type: str | None = None  # trde_tp for buy/sell; None for modify/cancel
    price: int | None = None
    stop_price: int | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    ord_no: str | None = None  # the number the exchange gave this request
    orig_ord_no: str | None = None  # the order a modify/cancel targeted
    root_ord_no: str | None = None  # base_orig_ord_no: the first order of the chain
    filled_qty: int = 0
    message: str = ""
    error_code: str | None = None
    trade_day: str = ""  # trading_day() of created_at: the day `ord_no` is unique within
    # 체결가: the exchange's fill price (ka10075/ka10076 cntr_pric), the average when the
    # order filled in parts; None until a fill is seen.
    avg_fill_price: int | None = None
    # When the app first saw a fill of this order (Kiwoom's order and fill lists carry the
    # order time, not a fill time); updated when more of it fills.
    filled_at: datetime | None = None
    # Placed outside the app (HTS, phone, another program) and adopted from the exchange's
    # open orders: shown as such, modified and cancelled here like the app's own.
    outside: bool = False
    # Shares a partial modify or cancel took off this order (to a modify's new order, or
    # cancelled): Kiwoom keeps the original's number and quantity and lowers its 미체결수량
    # (ka10075 oso_qty, the 00 event's 902). What is open is quantity − filled − this.
    amended_qty: int = 0

    def __post_init__(self) -> None:
        if not self.trade_day:
            object.__setattr__(self, "trade_day", trading_day(self.created_at))

    @classmethod
    def from_request(
        cls, local_id: str, env: str, order: OrderRequest, stock_name: str = "",
        trade_day: str = "",
    ) -> OrderRecord:
        body = order.body()
        return cls(
            trade_day=trade_day,
            local_id=local_id,
            env=env,
            action=order.action,
            exchange=order.exchange,
            stock_code=order.stock_code,
            quantity=order.quantity,
            body_json=encode_body(body),
            stock_name=stock_name,
            trade_type=order.trade_type,
            price=order.price,
            stop_price=order.stop_price,
            orig_ord_no=order.orig_ord_no,
        )

    @property
    def body(self) -> dict[str, str]:
        """The request body as sent (a fresh dict each time)."""
        body: dict[str, str] = json.loads(self.body_json)
        return body

    def moved(self, **changes: Any) -> OrderRecord:
        """A copy with `changes` applied and `updated_at` set to now."""
        return replace(self, updated_at=datetime.now(UTC), **changes)

    @property
    def safe_to_resend(self) -> bool:
        """Known never to have become an order: settled as not received, or refused for the
        rate limit (and then checked against the exchange's lists by the service)."""
        if self.status is OrderStatus.NOT_RECEIVED:
            return True
        return self.status is OrderStatus.REJECTED and (self.error_code or "") in RATE_LIMIT_CODES

    @property
    def open_qty(self) -> int:
        """Shares of this order the exchange still holds (미체결수량), as last known: its
        quantity less what filled and what partial modifies and cancels took off."""
        return max(0, self.quantity - self.filled_qty - self.amended_qty)

    @property
    def found_late(self) -> bool:
        return self.error_code == LATE_FOUND

    @property
    def corrected(self) -> bool:
        """Set back by the exchange's records after a live event said otherwise."""
        return self.error_code == CORRECTED

    @property
    def lineage_root(self) -> str | None:
        """The order number that names this record's chain."""
        return self.root_ord_no or self.orig_ord_no or self.ord_no
