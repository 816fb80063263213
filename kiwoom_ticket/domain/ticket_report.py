"""What a ticket check works on and gives back: the fields, an issue against one of them
(error or warning, Korean and English), the report, the ticket as typed and what is known
of the market. Split from validation.py, which re-exports every public name here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TypeGuard

from .orders import Action, OrderRequest
from .text import Text
from .ticks import price_limits


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


class Field(Enum):
    EXCHANGE = "exchange"
    TRADE_TYPE = "trade_type"
    STOCK_CODE = "stock_code"
    QUANTITY = "quantity"
    PRICE = "price"
    STOP_PRICE = "stop_price"
    ORIG_ORD_NO = "orig_ord_no"
    BRACKET_TARGET = "bracket_target"  # a bracket on entry (the Buy tab): its target
    BRACKET_STOP = "bracket_stop"  # and its stop


@dataclass(frozen=True, slots=True)
class Issue:
    field: Field
    severity: Severity
    code: str
    text: Text


@dataclass(frozen=True, slots=True)
class Report:
    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_field(self, f: Field) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.field is f)

    def __add__(self, other: Report) -> Report:
        return Report(self.issues + other.issues)


@dataclass(frozen=True, slots=True)
class TicketInput:
    """What the user typed or picked, as text."""

    action: Action
    exchange: str = "KRX"
    stock_code: str = ""
    quantity: str = ""
    trade_type: str = "0"
    price: str = ""
    stop_price: str = ""
    orig_ord_no: str = ""

    @classmethod
    def of(cls, order: OrderRequest) -> TicketInput:
        """A request as if typed: a resend is checked exactly as the form's ticket."""
        price, stop = order.price, order.stop_price
        return cls(
            action=order.action, exchange=order.exchange.value, stock_code=order.stock_code,
            quantity=str(order.quantity), trade_type=order.trade_type or "0",
            price="" if price is None else str(price), stop_price="" if stop is None else str(stop),
            orig_ord_no=order.orig_ord_no or "",
        )


@dataclass(frozen=True, slots=True)
class MarketContext:
    """What is known about the stock right now (from ka10001); any part may be missing.
    `sellable` is the account's 매매가능수량 of this stock (kt00018) and `orderable_cash`
    the account's 주문가능금액 (kt00001), when known."""

    base_price: int | None = None
    current_price: int | None = None
    upper_limit: int | None = None
    lower_limit: int | None = None
    sellable: int | None = None
    orderable_cash: int | None = None  # 주문가능금액 (kt00001), for buys

    def limits(self) -> tuple[int, int] | None:
        if known_price(self.upper_limit) and known_price(self.lower_limit):
            return self.lower_limit, self.upper_limit
        if known_price(self.base_price):
            return price_limits(self.base_price)
        return None


def known_price(price: int | None) -> TypeGuard[int]:
    # ka10001 sends signed prices; a zero or negative one is not a usable value.
    return price is not None and price > 0


@dataclass(frozen=True, slots=True)
class Checked:
    report: Report
    order: OrderRequest | None = None


@dataclass
class Collector:
    issues: list[Issue] = field(default_factory=list)

    def error(self, f: Field, code: str, ko: str, en: str) -> None:
        self.issues.append(Issue(f, Severity.ERROR, code, Text(ko, en)))

    def warn(self, f: Field, code: str, ko: str, en: str) -> None:
        self.issues.append(Issue(f, Severity.WARNING, code, Text(ko, en)))

    def report(self) -> Report:
        return Report(tuple(self.issues))
