"""Order requests as immutable values. Each knows its `api-id` and builds its exact body.

Bodies follow the official examples: every value is a string, and optional price
fields are sent as "" when absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

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


def _opt_int(value: str) -> int | None:
    return int(value) if value != "" else None


# Every kind of request answers the same questions, so no caller asks which kind it holds
# (`getattr(order, "price", None)`, `action is Action.MODIFY`): its price fields (`price`,
# `stop_price`: None where the kind has none), the order it changes (`orig_ord_no`: None
# for a new order), its order type (`trade_type`: None for a modify or cancel, which keep
# the original's), whether it changes an order already resting (`amends`), its body, and
# the modify and the cancel of the order it becomes once the exchange numbers it.


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

    orig_ord_no: ClassVar[None] = None
    amends: ClassVar[bool] = False

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

    @classmethod
    def from_body(cls, action: Action, body: dict[str, str]) -> NewOrder:
        return cls(action, Exchange(body["dmst_stex_tp"]), body["stk_cd"], int(body["ord_qty"]),
                   body["trde_tp"], _opt_int(body.get("ord_uv", "")),
                   _opt_int(body.get("cond_uv", "")))

    def modify(self, ord_no: str, price: int, quantity: int = 0,
               stop_price: int | None = None) -> ModifyOrder:
        """Change this order (numbered `ord_no` by the exchange): all that is open by
        default."""
        return ModifyOrder(self.exchange, ord_no, self.stock_code, quantity, price, stop_price)

    def cancel(self, ord_no: str, quantity: int = 0) -> CancelOrder:
        """Cancel this order (numbered `ord_no`): all that is open by default."""
        return CancelOrder(self.exchange, ord_no, self.stock_code, quantity)


@dataclass(frozen=True, slots=True)
class ModifyOrder:
    """kt10002. Quantity 0 means all that remains. The order type can't change."""

    exchange: Exchange
    orig_ord_no: str
    stock_code: str
    quantity: int
    price: int
    stop_price: int | None = None

    action: ClassVar[Action] = Action.MODIFY
    trade_type: ClassVar[None] = None
    amends: ClassVar[bool] = True

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

    @classmethod
    def from_body(cls, action: Action, body: dict[str, str]) -> ModifyOrder:
        return cls(Exchange(body["dmst_stex_tp"]), body["orig_ord_no"], body["stk_cd"],
                   int(body["mdfy_qty"]), int(body["mdfy_uv"]),
                   _opt_int(body.get("mdfy_cond_uv", "")))

    def modify(self, ord_no: str, price: int, quantity: int = 0,
               stop_price: int | None = None) -> ModifyOrder:
        """Change the order this modify became (Kiwoom gives it a new number, `ord_no`)."""
        return ModifyOrder(self.exchange, ord_no, self.stock_code, quantity, price, stop_price)

    def cancel(self, ord_no: str, quantity: int = 0) -> CancelOrder:
        """Cancel the order this modify became (numbered `ord_no`)."""
        return CancelOrder(self.exchange, ord_no, self.stock_code, quantity)


@dataclass(frozen=True, slots=True)
class CancelOrder:
    """kt10003. Quantity 0 cancels all that remains. A cancel leaves no order behind to
    modify or cancel again, so it has neither."""

    exchange: Exchange
    orig_ord_no: str
    stock_code: str
    quantity: int

    action: ClassVar[Action] = Action.CANCEL
    trade_type: ClassVar[None] = None
    price: ClassVar[None] = None
    stop_price: ClassVar[None] = None
    amends: ClassVar[bool] = True

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

    @classmethod
    def from_body(cls, action: Action, body: dict[str, str]) -> CancelOrder:
        return cls(Exchange(body["dmst_stex_tp"]), body["orig_ord_no"], body["stk_cd"],
                   int(body["cncl_qty"]))


OrderRequest = NewOrder | ModifyOrder | CancelOrder

# The kind of request each api-id is.
KINDS: dict[Action, type[NewOrder] | type[ModifyOrder] | type[CancelOrder]] = {
    Action.BUY: NewOrder, Action.SELL: NewOrder,
    Action.MODIFY: ModifyOrder, Action.CANCEL: CancelOrder,
}


def order_from_body(api_id: str, body: dict[str, str]) -> OrderRequest:
    """Inverse of `.body()`: rebuild the request (used by the journal and tests)."""
    action = Action(api_id)
    return KINDS[action].from_body(action, body)
