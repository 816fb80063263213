"""A bracket set on the Buy ticket before the buy leaves (NinjaTrader's ATM, 영웅문's
자동감시 on entry): the target and the stop, each as a price, a % or 호가 ticks from the
buy's price, turned into two prices and checked against that price, the tick grid and
the day's limits. Pure: what was typed and the market in, prices or issues out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Text
from .ticket_report import Collector, Field, Report
from .ticks import is_on_tick, round_down_to_tick, round_up_to_tick, step_ticks, tick_size
from .watches import TriggerUnit


@dataclass(frozen=True, slots=True)
class BracketPlan:
    """The bracket as typed: each side's unit and amount (text, as the fields hold it)."""

    target_unit: TriggerUnit
    target: str
    stop_unit: TriggerUnit
    stop: str


@dataclass(frozen=True, slots=True)
class BracketPrices:
    target: int
    stop: int


def _amount(text: str) -> float | None:
    cleaned = text.replace(",", "").replace("%", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value > 0 else None


def _price(buy: int, unit: TriggerUnit, amount: float, up: bool) -> int:
    """The side's price: as typed (PRICE), or the % or ticks away from `buy`. A target by
    % is rounded down to the grid and a stop up (neither goes further than asked)."""
    if unit is TriggerUnit.PRICE:
        return int(amount)
    if unit is TriggerUnit.TICKS:
        return step_ticks(buy, int(amount) if up else -int(amount))
    raw = buy * (100 + amount if up else 100 - amount) / 100
    return round_down_to_tick(int(raw)) if up else round_up_to_tick(max(1, int(raw + 0.999)))


def resolve(plan: BracketPlan, buy_price: int | None,
            limits: tuple[int, int] | None) -> tuple[BracketPrices | None, Report]:
    """The target and stop prices of `plan` for a buy at `buy_price` (a limit price, or
    the current price for a market buy), or the issues against each field."""
    c = Collector()
    target_amount, stop_amount = _amount(plan.target), _amount(plan.stop)
    if target_amount is None:
        c.error(Field.BRACKET_TARGET, "bracket_target_missing",
                "익절 값을 0보다 크게 입력하세요", "Enter a target above 0")
    elif plan.target_unit is TriggerUnit.TICKS and target_amount != int(target_amount):
        c.error(Field.BRACKET_TARGET, "bracket_target_ticks",
                "호가 단위 수는 정수로 입력하세요", "Enter a whole number of ticks")
    if stop_amount is None:
        c.error(Field.BRACKET_STOP, "bracket_stop_missing",
                "손절 값을 0보다 크게 입력하세요", "Enter a stop above 0")
    elif plan.stop_unit is TriggerUnit.TICKS and stop_amount != int(stop_amount):
        c.error(Field.BRACKET_STOP, "bracket_stop_ticks",
                "호가 단위 수는 정수로 입력하세요", "Enter a whole number of ticks")
    elif plan.stop_unit is TriggerUnit.PERCENT and stop_amount >= 100:
        c.error(Field.BRACKET_STOP, "bracket_stop_percent",
                "손절 %는 100보다 작아야 합니다", "A stop % must be under 100")
    if c.issues:
        return None, c.report()
    assert target_amount is not None and stop_amount is not None
    if not buy_price or buy_price <= 0:
        c.error(Field.BRACKET_TARGET, "bracket_no_price",
                "매수가를 알 수 없어 익절/손절을 계산할 수 없습니다 (시세를 기다리세요)",
                "No buy price yet to work the target and stop from (wait for the quote)")
        return None, c.report()
    target = _price(buy_price, plan.target_unit, target_amount, up=True)
    stop = _price(buy_price, plan.stop_unit, stop_amount, up=False)
    _check_side(c, Field.BRACKET_TARGET, target, buy_price, limits, up=True)
    _check_side(c, Field.BRACKET_STOP, stop, buy_price, limits, up=False)
    if c.issues:
        return None, c.report()
    return BracketPrices(target, stop), c.report()


def _check_side(c: Collector, f: Field, price: int, buy: int,
                limits: tuple[int, int] | None, up: bool) -> None:
    # Short enough for one line under the field (the value itself is in the field, or
    # for a % or ticks said here): a wrapped message is cut in a short ticket pane.
    if price <= 0:
        c.error(f, "bracket_price", "0보다 커야 합니다", "Must be above 0")
        return
    if up and price <= buy:
        c.error(f, "bracket_target_low", f"{price:,}원: 매수가({buy:,}원)보다 높아야 합니다",
                f"{price:,}: must be above the buy price ({buy:,})")
        return
    if not up and price >= buy:
        c.error(f, "bracket_stop_high", f"{price:,}원: 매수가({buy:,}원)보다 낮아야 합니다",
                f"{price:,}: must be below the buy price ({buy:,})")
        return
    if not is_on_tick(price):
        tick = tick_size(price)
        down, upper = round_down_to_tick(price), round_up_to_tick(price)
        c.error(f, "bracket_tick", f"호가 단위({tick:,}원) 아님: {down:,} 또는 {upper:,}",
                f"Off the {tick:,}-won tick: {down:,} or {upper:,}")
        return
    if limits is not None:
        low, high = limits
        if price > high:
            c.error(f, "bracket_above_limit", f"{price:,}원: 상한가 {high:,}원 초과",
                    f"{price:,}: above the upper limit {high:,}")
        elif price < low:
            c.error(f, "bracket_below_limit", f"{price:,}원: 하한가 {low:,}원 미만",
                    f"{price:,}: below the lower limit {low:,}")


def estimate(prices: BracketPrices, buy_price: int, quantity: int) -> Text:
    """목표 +x원 (+y%), 손절 -x원 (-y%): what the bracket makes or loses on `quantity`
    bought at `buy_price` (before fees and tax)."""
    up = (prices.target - buy_price) * quantity
    down = (buy_price - prices.stop) * quantity
    up_pct = (prices.target - buy_price) / buy_price * 100
    down_pct = (buy_price - prices.stop) / buy_price * 100
    return Text(f"목표 +{up:,}원 (+{up_pct:.2f}%), 손절 -{down:,}원 (-{down_pct:.2f}%)",
                f"Target +₩{up:,} (+{up_pct:.2f}%), stop -₩{down:,} (-{down_pct:.2f}%)")


def describe(prices: BracketPrices) -> Text:
    """The bracket in one line, for the order's question."""
    return Text(f"브래킷: 익절 {prices.target:,}원 (지정가 매도), 손절 {prices.stop:,}원 "
                "(이 앱이 감시, 켜져 있는 동안만)",
                f"Bracket: target {prices.target:,} won (limit sell), stop {prices.stop:,} won "
                "(watched by this app, only while it runs)")


# Why the stop of a bracket is not a 스톱지정가 (28): the target's limit sell already
# holds the shares (매도가능수량), so a 28 sell of the same shares would be refused.
EXCHANGE_STOP_WITH_TARGET = Text(
    "스톱지정가(28)는 거래소가 감시해 앱이 꺼져도 남지만, 익절 지정가 매도가 같은 주식을 "
    "이미 묶고 있어(매도가능수량) 함께 걸 수 없습니다. 28만 쓰려면 매수 후 매도 탭에서.",
    "A stop limit (28) is watched by the exchange and stays when the app is closed, but "
    "the target's limit sell already holds the same shares (sellable quantity), so both "
    "can't be placed. For a 28 alone, use the Sell tab after the buy.")
