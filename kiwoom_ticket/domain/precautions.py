"""Order-error precautions (주문착오 방지), checked before an order is sent.

After the FSS/KOFIA guideline each setting has two tiers: `warn` asks for a
confirmation (a mouse click, not Enter, above the large-order line) and `block` refuses
with the reason. Precautions can be overridden by confirming, never skipped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .orders import Action, ModifyOrder, NewOrder
from .records import OrderRecord
from .status import OrderStatus
from .text import Text
from .ticks import is_on_tick, ticks_between
from .validation import Field, Issue, MarketContext, Report, Severity


@dataclass(frozen=True, slots=True)
class Tier:
    warn: float | None = None
    block: float | None = None

    def level(self, value: float) -> Severity | None:
        if self.block is not None and value > self.block:
            return Severity.ERROR
        if self.warn is not None and value > self.warn:
            return Severity.WARNING
        return None


@dataclass(frozen=True, slots=True)
class Precautions:
    max_quantity: Tier = Tier(warn=10_000, block=100_000)
    max_value: Tier = Tier(warn=50_000_000, block=500_000_000)  # KRW
    distance_percent: Tier = Tier(warn=5, block=29)
    distance_ticks: Tier = Tier(warn=30, block=None)
    duplicate_seconds: float = 10
    large_order_value: int = 20_000_000  # above this a warning needs a mouse click
    confirm_every_order: bool = False


PRACTICE_DEFAULTS = Precautions()
REAL_DEFAULTS = Precautions(
    max_quantity=Tier(warn=1_000, block=10_000),
    max_value=Tier(warn=10_000_000, block=100_000_000),
    distance_percent=Tier(warn=3, block=15),
    distance_ticks=Tier(warn=20, block=None),
    duplicate_seconds=30,
    large_order_value=5_000_000,
    confirm_every_order=True,
)


@dataclass(frozen=True, slots=True)
class Assessment:
    report: Report = field(default_factory=Report)
    value: int | None = None  # estimated order value in KRW
    require_mouse: bool = False  # a warning too large to confirm with the Enter key

    @property
    def blocked(self) -> bool:
        return not self.report.ok


def _fmt(n: float) -> str:
    return f"{n:,.0f}"


def _issue(sev: Severity, f: Field, code: str, ko: str, en: str) -> Issue:
    return Issue(f, sev, code, Text(ko, en))


def fingerprint(stock: str, action: Action, qty: int, price: int | None, exchange: str) -> tuple:
    return (stock, action, qty, price or 0, exchange)


def assess(
    order: NewOrder | ModifyOrder,
    settings: Precautions,
    market: MarketContext | None = None,
    recent: Iterable[OrderRecord] = (),
    now: datetime | None = None,
) -> Assessment:
    """Size, value, price-distance and duplicate checks for a buy, sell or modify."""
    issues: list[Issue] = []
    now = now or datetime.now(UTC)
    current = market.current_price if market and market.current_price else None
    price = order.price
    ref_price = price or current
    qty = order.quantity

    if (sev := settings.max_quantity.level(qty)) is not None:
        limit = settings.max_quantity.block if sev is Severity.ERROR else settings.max_quantity.warn
        issues.append(_issue(sev, Field.QUANTITY, "precaution.quantity",
                             f"수량 {_fmt(qty)}주가 설정 한도({_fmt(limit or 0)}주)를 넘습니다",
                             f"{_fmt(qty)} shares is over the set limit ({_fmt(limit or 0)})"))
    value = qty * ref_price if ref_price and qty else None
    if value is not None and (sev := settings.max_value.level(value)) is not None:
        limit = settings.max_value.block if sev is Severity.ERROR else settings.max_value.warn
        issues.append(_issue(sev, Field.QUANTITY, "precaution.value",
                             f"주문금액 {_fmt(value)}원이 설정 한도({_fmt(limit or 0)}원)를 넘습니다",
                             f"Order value {_fmt(value)} won is over the set limit ({_fmt(limit or 0)})"))
    if price and current and is_on_tick(current):
        pct = abs(price - current) * 100 / current
        if (sev := settings.distance_percent.level(pct)) is not None:
            issues.append(_issue(sev, Field.PRICE, "precaution.distance",
                                 f"현재가({_fmt(current)})와 {pct:.1f}% 떨어진 가격입니다",
                                 f"The price is {pct:.1f}% from the current price ({_fmt(current)})"))
        if is_on_tick(price):
            ticks = abs(ticks_between(current, price))
            if (sev := settings.distance_ticks.level(ticks)) is not None:
                issues.append(_issue(sev, Field.PRICE, "precaution.ticks",
                                     f"현재가에서 {ticks}호가 떨어져 있습니다",
                                     f"{ticks} ticks from the current price"))
    if isinstance(order, NewOrder):
        issues += _duplicates(order, settings, recent, now)
    require_mouse = bool(value and value > settings.large_order_value and
                         any(i.severity is Severity.WARNING for i in issues))
    return Assessment(Report(tuple(issues)), value, require_mouse)


def _duplicates(
    order: NewOrder, settings: Precautions, recent: Iterable[OrderRecord], now: datetime
) -> list[Issue]:
    mine = fingerprint(order.stock_code, order.action, order.quantity, order.price,
                       order.exchange.value)
    issues: list[Issue] = []
    window = timedelta(seconds=settings.duplicate_seconds)
    for r in recent:
        if not r.action.is_new:
            continue
        if fingerprint(r.stock_code, r.action, r.quantity, r.price, r.exchange.value) != mine:
            continue
        if r.status.is_unsettled:
            issues.append(_issue(
                Severity.WARNING, Field.QUANTITY, "precaution.unsettled",
                "같은 주문의 결과가 아직 확인되지 않았습니다. 다시 보내면 두 번 체결될 수 있습니다",
                "An identical order's outcome is still unknown. Sending again may buy or sell twice"))
            break
        if r.status not in (OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED) and \
                now - r.created_at <= window:
            issues.append(_issue(
                Severity.WARNING, Field.QUANTITY, "precaution.duplicate",
                f"{settings.duplicate_seconds:.0f}초 안에 같은 주문을 이미 보냈습니다",
                f"The same order was sent within the last {settings.duplicate_seconds:.0f} s"))
            break
    return issues
