"""Order requests as immutable values. Each knows its `api-id` and builds its exact body.

Bodies follow the official examples: every value is a string, and optional price
fields are sent as "" when absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .exchange import Exchange
from .text import Text
from .trade_types import BY_CODE

ORDER_PATH = "/api/dostk/ordr"


class Action(Enum):
    BUY = "kt10000"
    SELL = "kt10001"
    MODIFY = "kt10002"
    CANCEL = "kt10003"

    @property
    def api_id(self) -> str:
        return self.value

    @property
    def label(self) -> Text:
        return _ACTION_LABELS[self]

    @property
    def is_new(self) -> bool:
        return self in (Action.BUY, Action.SELL)


_ACTION_LABELS = {
    Action.BUY: Text("매수", "Buy"),
    Action.SELL: Text("매도", "Sell"),
    Action.MODIFY: Text("정정", "Modify"),
    Action.CANCEL: Text("취소", "Cancel"),
}


def _price(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class NewOrder:
    """A buy (kt10000) or sell (kt10001)."""

    action: Action
    exchange: Exchange
    stock_code: str
    quantity: int
    trade_type: str
    price: int | None = None
    stop_price: int | None = None

    def __post_init__(self) -> None:
        if not self.action.is_new:
            raise ValueError("NewOrder takes BUY or SELL")
        if self.trade_type not in BY_CODE:
            raise ValueError(f"unknown trde_tp {self.trade_type!r}")

    @property
    def api_id(self) -> str:
        return self.action.api_id

    def body(self) -> dict[str, str]:
        return {
            "dmst_stex_tp": self.exchange.value,
            "stk_cd": self.stock_code,
            "ord_qty": str(self.quantity),
            "ord_uv": _price(self.price),
            "trde_tp": self.trade_type,
            "cond_uv": _price(self.stop_price),
        }


@dataclass(frozen=True, slots=True)
class ModifyOrder:
    """kt10002. Quantity 0 means all that remains. The order type can't change."""

    exchange: Exchange
    orig_ord_no: str
    stock_code: str
    quantity: int
    price: int
    stop_price: int | None = None

    action = Action.MODIFY

    @property
    def api_id(self) -> str:
        return Action.MODIFY.api_id

    def body(self) -> dict[str, str]:
        return {
            "dmst_stex_tp": self.exchange.value,
            "orig_ord_no": self.orig_ord_no,
            "stk_cd": self.stock_code,
            "mdfy_qty": str(self.quantity),
            "mdfy_uv": str(self.price),
            "mdfy_cond_uv": _price(self.stop_price),
        }


@dataclass(frozen=True, slots=True)
class CancelOrder:
    """kt10003. Quantity 0 cancels all that remains."""

    exchange: Exchange
    orig_ord_no: str
    stock_code: str
    quantity: int

    action = Action.CANCEL

    @property
    def api_id(self) -> str:
        return Action.CANCEL.api_id

    def body(self) -> dict[str, str]:
        return {
            "dmst_stex_tp": self.exchange.value,
            "orig_ord_no": self.orig_ord_no,
            "stk_cd": self.stock_code,
            "cncl_qty": str(self.quantity),
        }


OrderRequest = NewOrder | ModifyOrder | CancelOrder


def _opt_int(value: str) -> int | None:
    return int(value) if value != "" else None


def order_from_body(api_id: str, body: dict[str, str]) -> OrderRequest:
    """Inverse of `.body()`: rebuild the request (used by the journal and tests)."""
    action = Action(api_id)
    exchange = Exchange(body["dmst_stex_tp"])
    if action.is_new:
        return NewOrder(
            action, exchange, body["stk_cd"], int(body["ord_qty"]), body["trde_tp"],
            _opt_int(body.get("ord_uv", "")), _opt_int(body.get("cond_uv", "")),
        )
    if action is Action.MODIFY:
        return ModifyOrder(
            exchange, body["orig_ord_no"], body["stk_cd"], int(body["mdfy_qty"]),
            int(body["mdfy_uv"]), _opt_int(body.get("mdfy_cond_uv", "")),
        )
    return CancelOrder(exchange, body["orig_ord_no"], body["stk_cd"], int(body["cncl_qty"]))
