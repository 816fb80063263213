"""One field at a time: stock codes, order numbers and whole numbers as typed, and the
checks of a single field (stock, quantity, exchange, price) that add to a Collector.
Split from validation.py, which re-exports the public names here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .environment import exchange_not_taken
from .exchange import Exchange
from .korean import attach
from .text import Text
from .ticket_report import Collector, Field, Issue, MarketContext, Severity
from .ticks import is_on_tick, round_down_to_tick, round_up_to_tick

MAX_DIGITS = 12  # the spec's field length for quantities and prices
_STOCK_CODE = re.compile(r"^[0-9][0-9A-Z]{5}$")


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


def fmt_won(n: int) -> str:
    return f"{n:,}"


def is_stock_code(text: str) -> bool:
    """A complete stock code (after normalising), worth looking up."""
    return bool(_STOCK_CODE.match(normalise_stock_code(text)))


UNKNOWN_STOCK_CODES = frozenset({"1901", "1902", "1903"})  # Kiwoom: no such stock


def unknown_stock_issue(code: str) -> Issue:
    """The stock lookup said there is no such stock: nothing is sent for it."""
    return Issue(Field.STOCK_CODE, Severity.ERROR, "stock.unknown", Text(
        f"종목 {attach(code, '을')} 찾을 수 없습니다: 종목코드를 확인하세요",
        f"There is no stock {code}: check the code"))


def _is_name(text: str) -> bool:
    """Text no one would take for a mistyped code: Hangul, or letters without digits."""
    return not text.isascii() or not any(ch.isdigit() for ch in text)


def check_stock(c: Collector, text: str) -> str | None:
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


def check_quantity(c: Collector, text: str, zero_means_all: bool) -> int | None:
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


def check_exchange(c: Collector, text: str, allowed: Iterable[Exchange]) -> Exchange | None:
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


def check_price(
    c: Collector, f: Field, text: str, market: MarketContext | None, what: Text
) -> int | None:
    if not text.strip():
        c.error(f, f"{f.value}.required", f"{attach(what.ko, '을')} 입력하세요", f"Enter the {what.en}")
        return None
    price = parse_whole_number(text)
    if price is None or price == 0:
        c.error(f, f"{f.value}.format",
                f"{attach(what.ko, '은')} 0보다 큰 정수(원)입니다", f"The {what.en} must be a whole number of won above 0")
        return None
    if not is_on_tick(price):
        lo, hi = round_down_to_tick(price), round_up_to_tick(price)
        c.error(f, f"{f.value}.tick",
                f"호가단위가 맞지 않습니다: {fmt_won(lo)} 또는 {fmt_won(hi)}",
                f"Not on the KRX tick grid: try {fmt_won(lo)} or {fmt_won(hi)}")
        return None
    limits = market.limits() if market else None
    if limits and not limits[0] <= price <= limits[1]:
        c.error(f, f"{f.value}.limit",
                f"가격제한폭({fmt_won(limits[0])}~{fmt_won(limits[1])}) 밖입니다",
                f"Outside today's price limits ({fmt_won(limits[0])}-{fmt_won(limits[1])})")
        return None
    return price


def forbid_price(c: Collector, f: Field, text: str, type_label: Text) -> None:
    if text.strip():
        c.error(f, f"{f.value}.forbidden",
                f"{type_label.ko} 주문은 가격을 입력하지 않습니다",
                f"{type_label.en} orders take no price")
