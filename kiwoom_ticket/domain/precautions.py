"""Order-error precautions (주문착오 방지), checked before an order is sent.

After the FSS/KOFIA guideline each setting has two tiers: `warn` asks for a
confirmation (a mouse click, not Enter, above the large-order line) and `block` refuses
with the reason. Precautions can be overridden by confirming, never skipped silently.
A buy for more than the orderable cash warns, or blocks when the settings say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .orders import Action, ModifyOrder, NewOrder
from .records import OrderRecord
from .status import OrderStatus
from .text import Text, count_en
from .ticks import is_on_tick, ticks_between
from .validation import Field, Issue, MarketContext, Report, Severity, distance_text

# An identical order whose outcome is still unknown: sending another asks by mouse.
UNSETTLED_CODE = "precaution.unsettled"
# The same order sent within the duplicate window: asks by mouse too.
DUPLICATE_CODE = "precaution.duplicate"


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
    large_order_value: int = 20_000_000  # above this a yes needs a mouse click
    confirm_every_order: bool = False
    over_cash_block: bool = False  # a buy over the orderable cash: block (else warn)


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
    require_mouse: bool = False  # a large order: only a mouse click may say yes

    @property
    def blocked(self) -> bool:
        return not self.report.ok


def _fmt(n: float) -> str:
    return f"{n:,.0f}"


def _issue(sev: Severity, f: Field, code: str, ko: str, en: str) -> Issue:
    return Issue(f, sev, code, Text(ko, en))


def fingerprint(stock: str, action: Action, qty: int, price: int | None, exchange: str) -> tuple[str, Action, int, int, str]:
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
        limit_n = int(limit or 0)
        issues.append(_issue(sev, Field.QUANTITY, "precaution.quantity",
                             f"수량 {_fmt(qty)}주가 설정 한도({_fmt(limit_n)}주)를 넘습니다",
                             f"{count_en(qty, 'share')}: over the set limit "
                             f"({count_en(limit_n, 'share')})"))
    value = qty * ref_price if ref_price and qty else None
    if value is not None and (sev := settings.max_value.level(value)) is not None:
        limit = settings.max_value.block if sev is Severity.ERROR else settings.max_value.warn
        issues.append(_issue(sev, Field.QUANTITY, "precaution.value",
                             f"주문금액 {_fmt(value)}원이 설정 한도({_fmt(limit or 0)}원)를 넘습니다",
                             f"Order value {_fmt(value)} won is over the set limit ({_fmt(limit or 0)})"))
    if isinstance(order, NewOrder) and order.action is Action.BUY:
        issues += _over_cash(order, settings, market)
    if price and current and is_on_tick(current):
        issues += _distance(price, current, settings)
    if isinstance(order, NewOrder):
        issues += _duplicates(order, settings, recent, now)
    require_mouse = bool(value and value > settings.large_order_value)
    return Assessment(Report(tuple(issues)), value, require_mouse)


def _distance(price: int, current: int, settings: Precautions) -> list[Issue]:
    """One issue for the distance from the current price, however many tiers it crosses
    (percent and ticks): each fact is stated once."""
    pct = abs(price - current) * 100 / current
    ticks = abs(ticks_between(current, price)) if is_on_tick(price) else None
    levels = [settings.distance_percent.level(pct)]
    if ticks is not None:
        levels.append(settings.distance_ticks.level(ticks))
    if Severity.ERROR in levels:
        sev = Severity.ERROR
    elif Severity.WARNING in levels:
        sev = Severity.WARNING
    else:
        return []
    t = distance_text(price, current, ticks)
    return [_issue(sev, Field.PRICE, "precaution.distance", t.ko, t.en)]


def _over_cash(
    order: NewOrder, settings: Precautions, market: MarketContext | None
) -> list[Issue]:
    """A buy that costs more than the orderable cash. An order without a price sets aside
    the upper limit, as brokers do; with no price known there is nothing to compare."""
    cash = market.orderable_cash if market else None
    if cash is None or not order.quantity:
        return []
    unit = order.price
    if not unit and market is not None:
        unit = market.upper_limit or market.current_price
    if not unit or order.quantity * unit <= cash:
        return []
    value = order.quantity * unit
    sev = Severity.ERROR if settings.over_cash_block else Severity.WARNING
    return [_issue(sev, Field.QUANTITY, "precaution.cash",
                   f"주문금액 {_fmt(value)}원이 주문가능금액({_fmt(max(cash, 0))}원)보다 많습니다",
                   f"Order value {_fmt(value)} won is more than the orderable cash "
                   f"({_fmt(max(cash, 0))} won)")]


# Validation's fixed "far from the current price" warning says what the precaution's
# distance issue says: when both are there, only the precaution's is kept.
_SAME_FACT = {"price.distance": "precaution.distance"}


def combined(checked: Report, assessed: Report) -> Report:
    """Validation's report and the precautions' as one, each fact once."""
    codes = {i.code for i in assessed.issues}
    kept = tuple(i for i in checked.issues if _SAME_FACT.get(i.code) not in codes)
    return Report(kept) + assessed


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
                Severity.WARNING, Field.QUANTITY, UNSETTLED_CODE,
                "같은 주문의 결과가 아직 확인되지 않았습니다. 다시 보내면 두 번 체결될 수 있습니다",
                "An identical order's outcome is still unknown. Sending again may buy or sell twice"))
            break
        if r.status not in (OrderStatus.REJECTED, OrderStatus.NOT_RECEIVED) and \
                now - r.created_at <= window:
            issues.append(_issue(
                Severity.WARNING, Field.QUANTITY, DUPLICATE_CODE,
                f"{settings.duplicate_seconds:.0f}초 안에 같은 주문을 이미 보냈습니다",
                f"The same order was sent within the last {settings.duplicate_seconds:.0f} s"))
            break
    return issues
