"""The `trde_tp` table: Kiwoom's 18 order types, as data.

This table is the single source for the UI's order-type dropdown, for validation and
for the practice exchange's matching. Labels are the spec's own (kt10000 `trde_tp`).
Price rules follow Kiwoom's official order_price_policies.csv. Which exchanges and
sessions take each type follows kiwoom-rest-notes.md section 7; the KRX-only rows
(5, 61, 62, 81) are inferred there, not stated by Kiwoom.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .exchange import Exchange
from .korean import attach
from .sessions import MarketPhase
from .text import Text


class PriceRule(Enum):
    REQUIRED = "required"
    FORBIDDEN = "forbidden"


class OrderPricing(Enum):
    """How the order meets the book; used by the practice exchange and the UI."""

    LIMIT = "limit"  # rests at its price
    MARKET = "market"  # takes the market now
    BEST = "best"  # 최유리: the best opposite price
    PRIORITY = "priority"  # 최우선: the best same-side price
    MID = "mid"  # 중간가
    CLOSE = "close"  # 시간외 종가: the closing price
    STOP_LIMIT = "stop_limit"  # rests until the stop price trades


class TimeInForce(Enum):
    DAY = "day"
    IOC = "ioc"
    FOK = "fok"


_REGULAR = frozenset({MarketPhase.REGULAR})
_ALL = frozenset({Exchange.KRX, Exchange.NXT, Exchange.SOR})
_KRX = frozenset({Exchange.KRX})


@dataclass(frozen=True, slots=True)
class TradeType:
    code: str
    label: Text
    price: PriceRule
    stop_price_required: bool
    exchanges: frozenset[Exchange]
    sessions: frozenset[MarketPhase]
    fill: OrderPricing
    tif: TimeInForce

    @property
    def price_required(self) -> bool:
        return self.price is PriceRule.REQUIRED

    @property
    def is_market_like(self) -> bool:
        """No price is sent; the exchange chooses it."""
        return self.price is PriceRule.FORBIDDEN

    def allows(self, exchange: Exchange) -> bool:
        return exchange in self.exchanges


def _t(code: str, ko: str, en: str, price: PriceRule, exchanges: Iterable[Exchange],
       sessions: Iterable[MarketPhase], fill: OrderPricing, tif: TimeInForce = TimeInForce.DAY,
       stop: bool = False) -> TradeType:
    return TradeType(
        code, Text(ko, en), price, stop, frozenset(exchanges), frozenset(sessions), fill, tif
    )


R, F = PriceRule.REQUIRED, PriceRule.FORBIDDEN
IOC, FOK = TimeInForce.IOC, TimeInForce.FOK

# Order matches the spec's list: 0, 3, 5, 81, 61, 62, 6, 7, 10, 13, 16, 20, 23, 26, 28, 29, 30, 31.
TRADE_TYPES: tuple[TradeType, ...] = (
    _t("0", "보통", "Limit", R, _ALL,
       {MarketPhase.REGULAR, MarketPhase.NXT_PRE, MarketPhase.NXT_AFTER}, OrderPricing.LIMIT),
    _t("3", "시장가", "Market", F, _ALL, _REGULAR, OrderPricing.MARKET),
    _t("5", "조건부지정가", "Conditional limit", R, _KRX, _REGULAR, OrderPricing.LIMIT),
    _t("81", "장마감후시간외", "After-hours closing price", F, _KRX,
       {MarketPhase.KRX_POST_CLOSE}, OrderPricing.CLOSE),
    _t("61", "장시작전시간외", "Pre-open closing price", F, _KRX,
       {MarketPhase.KRX_PRE_CLOSE}, OrderPricing.CLOSE),
    _t("62", "시간외단일가", "After-hours single price", R, _KRX,
       {MarketPhase.KRX_SINGLE_PRICE}, OrderPricing.LIMIT),
    _t("6", "최유리지정가", "Best limit", F, _ALL, _REGULAR, OrderPricing.BEST),
    _t("7", "최우선지정가", "Top-priority limit", F, _ALL, _REGULAR, OrderPricing.PRIORITY),
    _t("10", "보통(IOC)", "Limit IOC", R, _ALL, _REGULAR, OrderPricing.LIMIT, IOC),
    _t("13", "시장가(IOC)", "Market IOC", F, _ALL, _REGULAR, OrderPricing.MARKET, IOC),
    _t("16", "최유리(IOC)", "Best limit IOC", F, _ALL, _REGULAR, OrderPricing.BEST, IOC),
    _t("20", "보통(FOK)", "Limit FOK", R, _ALL, _REGULAR, OrderPricing.LIMIT, FOK),
    _t("23", "시장가(FOK)", "Market FOK", F, _ALL, _REGULAR, OrderPricing.MARKET, FOK),
    _t("26", "최유리(FOK)", "Best limit FOK", F, _ALL, _REGULAR, OrderPricing.BEST, FOK),
    _t("28", "스톱지정가", "Stop limit", R, _ALL, _REGULAR, OrderPricing.STOP_LIMIT, stop=True),
    _t("29", "중간가", "Mid-price", F, _ALL, _REGULAR, OrderPricing.MID),
    _t("30", "중간가(IOC)", "Mid-price IOC", F, _ALL, _REGULAR, OrderPricing.MID, IOC),
    _t("31", "중간가(FOK)", "Mid-price FOK", F, _ALL, _REGULAR, OrderPricing.MID, FOK),
)

BY_CODE: dict[str, TradeType] = {t.code: t for t in TRADE_TYPES}

DEFAULT_CODE = "0"


def trade_type(code: str) -> TradeType | None:
    return BY_CODE.get(code.strip())


def exchange_unavailable_reason(tt: TradeType, exchange: Exchange) -> Text | None:
    """Why `tt` can't go to `exchange`, or None if it can."""
    if tt.allows(exchange):
        return None
    return Text(
        f"{attach(tt.label.ko, '은')} KRX에서만 주문할 수 있습니다",
        f"{tt.label.en} orders go to KRX only",
    )
