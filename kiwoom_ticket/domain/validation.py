"""Ticket validation: raw field text in, a report (and an order when it is clean) out.

Errors block sending. Warnings need the user's confirmation. Every entry names its
field and carries Korean and English text, so the UI can show it next to the field.
Nothing here raises on bad input.

The checks of single fields are in field_checks.py and the report's types in
ticket_report.py; their public names stay importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .exchange import Exchange
from .field_checks import (
    MAX_DIGITS,
    UNKNOWN_STOCK_CODES,
    check_exchange,
    check_price,
    check_quantity,
    check_stock,
    fmt_won,
    forbid_price,
    is_stock_code,
    normalise_order_no,
    normalise_stock_code,
    parse_whole_number,
    unknown_stock_issue,
)
from .korean import attach
from .orders import Action, CancelOrder, ModifyOrder, NewOrder
from .records import OrderRecord
from .text import Text, count_en
from .ticket_report import (
    Checked,
    Collector,
    Field,
    Issue,
    MarketContext,
    Report,
    Severity,
    TicketInput,
    known_price,
)
from .ticks import round_down_to_tick, round_up_to_tick
from .trade_types import exchange_unavailable_reason, trade_type

__all__ = [
    "DISTANCE_WARN_PERCENT", "MAX_DIGITS", "SINGLE_PRICE_BAND_PERCENT", "SINGLE_PRICE_CODE",
    "UNKNOWN_STOCK_CODES", "Checked", "Field", "Issue", "MarketContext", "Report",
    "Severity", "TicketInput", "check", "check_cancel", "check_modify", "check_new",
    "distance_text", "finished_order_issue", "is_stock_code", "normalise_order_no",
    "normalise_stock_code", "parse_whole_number", "unknown_stock_issue",
]


_PRICE = Text("주문가격", "order price")
_STOP = Text("스톱가격(조건단가)", "stop price")


def check_new(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    """Validate a buy or sell ticket."""
    c = Collector()
    exchange = check_exchange(c, ticket.exchange, allowed_exchanges)
    tt = trade_type(ticket.trade_type)
    if tt is None:
        c.error(Field.TRADE_TYPE, "type.unknown", "주문유형을 선택하세요", "Choose an order type")
    elif exchange is not None and (reason := exchange_unavailable_reason(tt, exchange)):
        c.error(Field.EXCHANGE, "exchange.type", reason.ko, reason.en)
        exchange = None
    code = check_stock(c, ticket.stock_code)
    qty = check_quantity(c, ticket.quantity, zero_means_all=False)
    if qty is not None and ticket.action is Action.SELL:
        _check_sellable(c, qty, market)
    price = stop = None
    if tt is not None:
        if tt.price_required:
            price = check_price(c, Field.PRICE, ticket.price, market, _PRICE)
        else:
            forbid_price(c, Field.PRICE, ticket.price, tt.label)
        if tt.stop_price_required:
            stop = check_price(c, Field.STOP_PRICE, ticket.stop_price, market, _STOP)
            if price is not None and stop is not None:
                _warn_stop_direction(c, ticket.action, price, stop, market)
        else:
            forbid_price(c, Field.STOP_PRICE, ticket.stop_price, tt.label)
    if price is not None and market and known_price(market.current_price):
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


def _check_single_price_band(c: Collector, price: int, close: int) -> None:
    """시간외단일가 takes prices within ±10% of the day's close (the last price once the
    regular session is over), inside the daily limits checked elsewhere."""
    low = round_up_to_tick(close * (100 - SINGLE_PRICE_BAND_PERCENT) // 100)
    high = round_down_to_tick(close * (100 + SINGLE_PRICE_BAND_PERCENT) // 100)
    if not low <= price <= high:
        c.error(Field.PRICE, "price.single_band",
                f"시간외단일가는 종가 ±10% ({fmt_won(low)}~{fmt_won(high)}) 안에서만 주문됩니다",
                f"After-hours single price orders must be within ±10% of the close "
                f"({fmt_won(low)}-{fmt_won(high)})")


def _check_sellable(c: Collector, qty: int, market: MarketContext | None) -> None:
    sellable = market.sellable if market else None
    if sellable is not None and qty > sellable:
        n = max(sellable, 0)
        c.error(Field.QUANTITY, "qty.sellable",
                f"매도가능수량({fmt_won(n)}주)보다 많습니다",
                f"More than you can sell ({count_en(n, 'share')})")


def _warn_stop_direction(
    c: Collector, action: Action, price: int, stop: int, market: MarketContext | None
) -> None:
    cur = market.current_price if market else None
    if cur is None or not known_price(cur):
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
    return Text(f"현재가 {fmt_won(current)}원보다 {pct:.1f}% {ko_dir} 가격입니다{ko_ticks}",
                f"{pct:.1f}% {en_dir} the current price of {fmt_won(current)}{en_ticks}")


def _warn_distance(c: Collector, action: Action, price: int, current: int) -> None:
    pct = (price - current) * 100 / current
    if abs(pct) >= DISTANCE_WARN_PERCENT:
        t = distance_text(price, current)
        c.warn(Field.PRICE, "price.distance", t.ko, t.en)


def _check_orig(c: Collector, text: str) -> str | None:
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
    c: Collector, ticket: TicketInput, allowed_exchanges: Iterable[Exchange]
) -> tuple[Exchange | None, str | None, str | None, int | None]:
    """What a modify and a cancel both name: exchange, original order, stock, quantity
    (0 = all that remains)."""
    return (
        check_exchange(c, ticket.exchange, allowed_exchanges),
        _check_orig(c, ticket.orig_ord_no),
        check_stock(c, ticket.stock_code),
        check_quantity(c, ticket.quantity, zero_means_all=True),
    )


def check_modify(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    c = Collector()
    exchange, orig, code, qty = _check_target(c, ticket, allowed_exchanges)
    price = check_price(c, Field.PRICE, ticket.price, market, _PRICE)
    stop = None
    if ticket.stop_price.strip():
        stop = check_price(c, Field.STOP_PRICE, ticket.stop_price, market, _STOP)
    report = c.report()
    if not report.ok:
        return Checked(report)
    assert exchange and orig and code and qty is not None and price is not None
    return Checked(report, ModifyOrder(exchange, orig, code, qty, price, stop))


def check_cancel(
    ticket: TicketInput,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    c = Collector()
    exchange, orig, code, qty = _check_target(c, ticket, allowed_exchanges)
    report = c.report()
    if not report.ok:
        return Checked(report)
    assert exchange and orig and code and qty is not None
    return Checked(report, CancelOrder(exchange, orig, code, qty))


def finished_order_issue(original: OrderRecord | None) -> Issue | None:
    """A modify or cancel of an order the log knows is finished (filled, cancelled,
    modified, rejected, expired): the exchange would refuse it, so it is not sent."""
    if original is None or original.status.is_open or original.status.is_unsettled:
        return None
    status = original.status.label
    return Issue(Field.ORIG_ORD_NO, Severity.ERROR, "orig.finished", Text(
        f"주문 {attach(original.ord_no or '', '은')} 이미 끝난 주문입니다 ({status.ko}): 정정·취소할 수 없습니다",
        f"Order {original.ord_no} is already finished ({status.en.lower()}): "
        "it can't be modified or cancelled"))


def check(
    ticket: TicketInput,
    market: MarketContext | None = None,
    allowed_exchanges: Iterable[Exchange] = tuple(Exchange),
) -> Checked:
    """Validate any ticket by its action."""
    return _CHECKS[ticket.action](ticket, market, allowed_exchanges)


def _check_cancel(ticket: TicketInput, _market: MarketContext | None,
                  allowed_exchanges: Iterable[Exchange]) -> Checked:
    return check_cancel(ticket, allowed_exchanges)  # a cancel has no price to check


_CHECKS: dict[Action, Callable[[TicketInput, MarketContext | None, Iterable[Exchange]], Checked]] = {
    Action.BUY: check_new, Action.SELL: check_new,
    Action.MODIFY: check_modify, Action.CANCEL: _check_cancel,
}
