"""Ticket validation: raw field text in, a report (and an order when it is clean) out.

Errors block sending. Warnings need the user's confirmation. Every entry names its
field and carries Korean and English text, so the UI can show it next to the field.
Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from .environment import exchange_not_taken
from .exchange import Exchange
from .orders import Action, CancelOrder, ModifyOrder, NewOrder, OrderRequest
from .records import OrderRecord
from .text import Text, count_en
from .ticks import is_on_tick, price_limits, round_down_to_tick, round_up_to_tick
from .trade_types import exchange_unavailable_reason, trade_type

MAX_DIGITS = 12  # the spec's field length for quantities and prices
_STOCK_CODE = re.compile(r"^[0-9][0-9A-Z]{5}$")


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
        price = getattr(order, "price", None)
        stop = getattr(order, "stop_price", None)
        return cls(
            action=order.action, exchange=order.exchange.value, stock_code=order.stock_code,
            quantity=str(order.quantity), trade_type=getattr(order, "trade_type", "0"),
            price="" if price is None else str(price), stop_price="" if stop is None else str(stop),
            orig_ord_no=getattr(order, "orig_ord_no", ""),
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
        if _known(self.upper_limit) and _known(self.lower_limit):
            return self.lower_limit, self.upper_limit
        if _known(self.base_price):
            return price_limits(self.base_price)
        return None


def _known(price: int | None) -> bool:
    # ka10001 sends signed prices; a zero or negative one is not a usable value.
    return price is not None and price > 0


@dataclass(frozen=True, slots=True)
class Checked:
    report: Report
    order: OrderRequest | None = None


@dataclass
class _Collector:
    issues: list[Issue] = field(default_factory=list)

    def error(self, f: Field, code: str, ko: str, en: str) -> None:
        self.issues.append(Issue(f, Severity.ERROR, code, Text(ko, en)))

    def warn(self, f: Field, code: str, ko: str, en: str) -> None:
        self.issues.append(Issue(f, Severity.WARNING, code, Text(ko, en)))

    def report(self) -> Report:
        return Report(tuple(self.issues))


def normalise_stock_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) == 7 and code[0] in "AJQ":  # balance rows prefix the code (A005930)
        code = code[1:]
    return code


def normalise_order_no(text: str) -> str | None:
    """Order numbers are 7 digits with leading zeros; None if `text` is not one."""
    t = text.strip()
    if not t.isascii() or not t.isdigit() or len(t) > 7 or int(t) == 0:
        return None
    return t.zfill(7)


# Plain digits, or digits grouped in threes by commas ("1,000"). "70,00" or "1,5" are
# typos whose intent is unclear; reading them as 7000 or 15 would send the wrong order.
_WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")


def parse_whole_number(text: str) -> int | None:
    """A quantity or won amount as typed ("1,000" or "1000"); None unless it is one."""
    t = text.strip()
    if not _WHOLE_NUMBER.fullmatch(t):
        return None
    t = t.replace(",", "")
    if not t or not t.isascii() or not t.isdigit() or len(t) > MAX_DIGITS:
        return None
    return int(t)


def _fmt(n: int) -> str:
    return f"{n:,}"


def is_stock_code(text: str) -> bool:
    """A complete stock code (after normalising), worth looking up."""
    return bool(_STOCK_CODE.match(normalise_stock_code(text)))


def _is_name(text: str) -> bool:
    """Text no one would take for a mistyped code: Hangul, or letters without digits."""
    return not text.isascii() or not any(ch.isdigit() for ch in text)


def _check_stock(c: _Collector, text: str) -> str | None:
    code = normalise_stock_code(text)
    if not code:
        c.error(Field.STOCK_CODE, "stock.required", "종목코드를 입력하세요", "Enter a stock code")
        return None
    if not _STOCK_CODE.match(code) and _is_name(code):
        # A name (or part of one) the search offered no stock for, or none was taken.
        c.issues.append(unknown_stock_issue(text.strip()))
        return None
    if not _STOCK_CODE.match(code):
        c.error(Field.STOCK_CODE, "stock.format",
                "종목코드는 6자리입니다 (예: 005930)", "A stock code has 6 characters (e.g. 005930)")
        return None
    return code


def _check_quantity(c: _Collector, text: str, zero_means_all: bool) -> int | None:
    if not text.strip():
        c.error(Field.QUANTITY, "qty.required", "수량을 입력하세요", "Enter a quantity")
        return None
    qty = parse_whole_number(text)
    if qty is None:
        if zero_means_all:
            c.error(Field.QUANTITY, "qty.format", "수량은 0(전량) 이상의 정수입니다",
                    "Quantity must be a whole number (0 = all that remains)")
        else:
            c.error(Field.QUANTITY, "qty.format", "수량은 1주 이상의 정수입니다",
                    "Quantity must be a whole number of shares, 1 or more")
        return None
    if qty == 0 and not zero_means_all:
        c.error(Field.QUANTITY, "qty.zero", "수량은 1주 이상입니다",
                "Quantity must be at least 1 share")
        return None
    return qty


def _check_exchange(c: _Collector, text: str, allowed: Iterable[Exchange]) -> Exchange | None:
    ex = Exchange.parse(text)
    if ex is None:
        c.error(Field.EXCHANGE, "exchange.unknown",
                "거래소를 선택하세요 (KRX, NXT, SOR)", "Choose an exchange (KRX, NXT, SOR)")
        return None
    if ex not in set(allowed):
        reason = exchange_not_taken(ex)
        c.error(Field.EXCHANGE, "exchange.environment", reason.ko, reason.en)
        return None
    return ex


def _check_price(
    c: _Collector, f: Field, text: str, market: MarketContext | None, what: Text
) -> int | None:
    if not text.strip():
        c.error(f, f"{f.value}.required", f"{what.ko}을 입력하세요", f"Enter the {what.en}")
        return None
    price = parse_whole_number(text)
    if price is None or price == 0:
        c.error(f, f"{f.value}.format",
                f"{what.ko}은 0보다 큰 정수(원)입니다", f"The {what.en} must be a whole number of won above 0")
        return None
    if not is_on_tick(price):
        lo, hi = round_down_to_tick(price), round_up_to_tick(price)
        c.error(f, f"{f.value}.tick",
                f"호가단위가 맞지 않습니다: {_fmt(lo)} 또는 {_fmt(hi)}",
                f"Not on the KRX tick grid: try {_fmt(lo)} or {_fmt(hi)}")
        return None
    limits = market.limits() if market else None
    if limits and not limits[0] <= price <= limits[1]:
        c.error(f, f"{f.value}.limit",
                f"가격제한폭({_fmt(limits[0])}~{_fmt(limits[1])}) 밖입니다",
                f"Outside today's price limits ({_fmt(limits[0])}-{_fmt(limits[1])})")
        return None
    return price


def _forbid_price(c: _Collector, f: Field, text: str, type_label: Text) -> None:
    if text.strip():
        c.error(f, f"{f.value}.forbidden",
                f"{type_label.ko} 주문은 가격을 입력하지 않습니다",
                f"{type_label.en} orders take no price")


_PRICE = Text("주문가격", "order price")
_STOP = Text("스톱가격(조건단가)", "stop price")


def check_new(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    """Validate a buy or sell ticket."""
    c = _Collector()
    exchange = _check_exchange(c, ticket.exchange, allowed_exchanges)
    tt = trade_type(ticket.trade_type)
    if tt is None:
        c.error(Field.TRADE_TYPE, "type.unknown", "주문유형을 선택하세요", "Choose an order type")
    elif exchange is not None and (reason := exchange_unavailable_reason(tt, exchange)):
        c.error(Field.EXCHANGE, "exchange.type", reason.ko, reason.en)
        exchange = None
    code = _check_stock(c, ticket.stock_code)
    qty = _check_quantity(c, ticket.quantity, zero_means_all=False)
    if qty is not None and ticket.action is Action.SELL:
        _check_sellable(c, qty, market)
    price = stop = None
    if tt is not None:
        if tt.price_required:
            price = _check_price(c, Field.PRICE, ticket.price, market, _PRICE)
        else:
            _forbid_price(c, Field.PRICE, ticket.price, tt.label)
        if tt.stop_price_required:
            stop = _check_price(c, Field.STOP_PRICE, ticket.stop_price, market, _STOP)
            if price is not None and stop is not None:
                _warn_stop_direction(c, ticket.action, price, stop, market)
        else:
            _forbid_price(c, Field.STOP_PRICE, ticket.stop_price, tt.label)
    if price is not None and market and _known(market.current_price):
        if tt is not None and tt.code == SINGLE_PRICE_CODE:
            _check_single_price_band(c, price, market.current_price)
        _warn_distance(c, ticket.action, price, market.current_price)
    report = c.report()
    if not report.ok:
        return Checked(report)
    assert exchange and tt and code and qty is not None
    order = NewOrder(ticket.action, exchange, code, qty, tt.code, price, stop)
    return Checked(report, order)


SINGLE_PRICE_CODE = "62"  # 시간외단일가
SINGLE_PRICE_BAND_PERCENT = 10


def _check_single_price_band(c: _Collector, price: int, close: int) -> None:
    """시간외단일가 takes prices within ±10% of the day's close (the last price once the
    regular session is over), inside the daily limits checked elsewhere."""
    low = round_up_to_tick(close * (100 - SINGLE_PRICE_BAND_PERCENT) // 100)
    high = round_down_to_tick(close * (100 + SINGLE_PRICE_BAND_PERCENT) // 100)
    if not low <= price <= high:
        c.error(Field.PRICE, "price.single_band",
                f"시간외단일가는 종가 ±10% ({_fmt(low)}~{_fmt(high)}) 안에서만 주문됩니다",
                f"After-hours single price orders must be within ±10% of the close "
                f"({_fmt(low)}-{_fmt(high)})")


def _check_sellable(c: _Collector, qty: int, market: MarketContext | None) -> None:
    sellable = market.sellable if market else None
    if sellable is not None and qty > sellable:
        n = max(sellable, 0)
        c.error(Field.QUANTITY, "qty.sellable",
                f"매도가능수량({_fmt(n)}주)보다 많습니다",
                f"More than you can sell ({count_en(n, 'share')})")


def _warn_stop_direction(
    c: _Collector, action: Action, price: int, stop: int, market: MarketContext | None
) -> None:
    cur = market.current_price if market else None
    if cur is None or not _known(cur):
        return
    # A buy stop triggers when the price rises to it; a sell stop when it falls to it.
    if action is Action.BUY and stop <= cur:
        c.warn(Field.STOP_PRICE, "stop.immediate",
               "스톱가격이 현재가 이하라 바로 발동됩니다",
               "The stop price is at or below the current price: it triggers at once")
    if action is Action.SELL and stop >= cur:
        c.warn(Field.STOP_PRICE, "stop.immediate",
               "스톱가격이 현재가 이상이라 바로 발동됩니다",
               "The stop price is at or above the current price: it triggers at once")


DISTANCE_WARN_PERCENT = 10


def distance_text(price: int, current: int, ticks: int | None = None) -> Text:
    """How far `price` is from the current price, each fact once: the percentage, the
    direction, the current price and (when known) the distance in ticks."""
    pct = abs(price - current) * 100 / current
    ko_dir, en_dir = ("높은", "above") if price > current else ("낮은", "below")
    ko_ticks = f", {abs(ticks)}호가" if ticks else ""
    en_ticks = f", {count_en(abs(ticks), 'tick')}" if ticks else ""
    return Text(f"현재가 {_fmt(current)}원보다 {pct:.1f}% {ko_dir} 가격입니다{ko_ticks}",
                f"{pct:.1f}% {en_dir} the current price of {_fmt(current)}{en_ticks}")


def _warn_distance(c: _Collector, action: Action, price: int, current: int) -> None:
    pct = (price - current) * 100 / current
    if abs(pct) >= DISTANCE_WARN_PERCENT:
        t = distance_text(price, current)
        c.warn(Field.PRICE, "price.distance", t.ko, t.en)


def _check_orig(c: _Collector, text: str) -> str | None:
    if not text.strip():
        c.error(Field.ORIG_ORD_NO, "orig.required",
                "주문 내역에서 주문을 선택하세요 (또는 원주문번호 입력)",
                "Select the order in the order log (or type its number)")
        return None
    no = normalise_order_no(text)
    if no is None:
        c.error(Field.ORIG_ORD_NO, "orig.format",
                "원주문번호는 최대 7자리 숫자입니다", "The original order number is up to 7 digits")
    return no


def _check_target(
    c: _Collector, ticket: TicketInput, allowed_exchanges: Iterable[Exchange]
) -> tuple[Exchange | None, str | None, str | None, int | None]:
    """What a modify and a cancel both name: exchange, original order, stock, quantity
    (0 = all that remains)."""
    return (
        _check_exchange(c, ticket.exchange, allowed_exchanges),
        _check_orig(c, ticket.orig_ord_no),
        _check_stock(c, ticket.stock_code),
        _check_quantity(c, ticket.quantity, zero_means_all=True),
    )


def check_modify(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    c = _Collector()
    exchange, orig, code, qty = _check_target(c, ticket, allowed_exchanges)
    price = _check_price(c, Field.PRICE, ticket.price, market, _PRICE)
    stop = None
    if ticket.stop_price.strip():
        stop = _check_price(c, Field.STOP_PRICE, ticket.stop_price, market, _STOP)
    report = c.report()
    if not report.ok:
        return Checked(report)
    assert exchange and orig and code and qty is not None and price is not None
    return Checked(report, ModifyOrder(exchange, orig, code, qty, price, stop))


def check_cancel(
    ticket: TicketInput,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    c = _Collector()
    exchange, orig, code, qty = _check_target(c, ticket, allowed_exchanges)
    report = c.report()
    if not report.ok:
        return Checked(report)
    assert exchange and orig and code and qty is not None
    return Checked(report, CancelOrder(exchange, orig, code, qty))


UNKNOWN_STOCK_CODES = frozenset({"1901", "1902", "1903"})  # Kiwoom: no such stock


def unknown_stock_issue(code: str) -> Issue:
    """The stock lookup said there is no such stock: nothing is sent for it."""
    return Issue(Field.STOCK_CODE, Severity.ERROR, "stock.unknown", Text(
        f"종목 {code}을(를) 찾을 수 없습니다: 종목코드를 확인하세요",
        f"There is no stock {code}: check the code"))


def finished_order_issue(original: OrderRecord | None) -> Issue | None:
    """A modify or cancel of an order the log knows is finished (filled, cancelled,
    modified, rejected, expired): the exchange would refuse it, so it is not sent."""
    if original is None or original.status.is_open or original.status.is_unsettled:
        return None
    status = original.status.label
    return Issue(Field.ORIG_ORD_NO, Severity.ERROR, "orig.finished", Text(
        f"주문 {original.ord_no}은(는) 이미 끝난 주문입니다 ({status.ko}): 정정·취소할 수 없습니다",
        f"Order {original.ord_no} is already finished ({status.en.lower()}): "
        "it can't be modified or cancelled"))


def check(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    """Validate any ticket by its action."""
    if ticket.action.is_new:
        return check_new(ticket, market, allowed_exchanges)
    if ticket.action is Action.MODIFY:
        return check_modify(ticket, market, allowed_exchanges)
    return check_cancel(ticket, allowed_exchanges)
