"""Watches (감시주문) on a holding: stop-loss, take-profit and trailing stop.

A watch is checked by this app, on live trades, only while the app runs (영웅문's [0621]
스탑로스, not the server-side [0624]). Kiwoom's REST API has no server-side OCO or
trailing stop; 스톱지정가 (trde_tp 28) is the one trigger the exchange keeps itself, and a
stop-loss at a price can be sent that way instead (`exchange_stop_order`).

States, journaled (journal/protection_store.py) so that a watch fires once, ever:
    armed -> firing (written before its order leaves) -> fired (with the order's local id)
    -> done (the order settled); paused (by the trader, the kill switch or a refused
    order), asking (the day's base price changed since it was set: the trader decides),
    cancelled. Being blind (no fresh price) is not a state: it is the feed's condition,
    shown beside the state (service/watch_keeper.py).
Everything here is pure: prices in, a verdict out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from .exchange import Exchange
from .orders import Action, NewOrder
from .text import Text, journal_text
from .ticks import round_down_to_tick, round_up_to_tick, step_ticks

MARKET_TYPE = "3"  # 시장가
LIMIT_TYPE = "0"  # 보통 (지정가)
EXCHANGE_STOP_TYPE = "28"  # 스톱지정가: the exchange keeps the trigger

ONLY_WHILE_RUNNING = Text("이 앱이 켜져 있는 동안만 감시합니다",
                          "Watched only while this app runs")
EXCHANGE_STOP_NOTE = Text(
    "스톱지정가(28)는 거래소가 감시합니다: 앱이 꺼져도 남지만, 지정가로만 나가고 정규장에만 됩니다",
    "A stop limit (28) is watched by the exchange: it stays when the app is closed, but "
    "it leaves as a limit order and only in the regular session")


class WatchKind(Enum):
    STOP_LOSS = "stop_loss"  # sell when the price falls to the trigger
    TAKE_PROFIT = "take_profit"  # sell when it rises to the trigger
    TRAILING = "trailing"  # sell when it falls the distance from the highest since set

    @property
    def label(self) -> Text:
        return _KIND_LABELS[self]


class TriggerUnit(Enum):
    PRICE = "price"  # a price (stop, target); for a trailing stop a distance in won
    PERCENT = "percent"  # % from the reference (trailing: from the high)
    TICKS = "ticks"  # 호가 ticks from the reference (trailing: from the high)


class WatchState(Enum):
    ARMED = "armed"
    FIRING = "firing"  # journaled before its order leaves: never fires again
    FIRED = "fired"  # its order left (order_local_id), or may have (after a crash)
    DONE = "done"  # its order settled, or nothing was left to sell
    PAUSED = "paused"
    ASKING = "asking"  # the base price changed since it was set: re-arm or cancel
    CANCELLED = "cancelled"

    @property
    def label(self) -> Text:
        return _STATE_LABELS[self]

    @property
    def live(self) -> bool:
        """Still watching (or may again): shown in the list, re-armed after a restart."""
        return self in (WatchState.ARMED, WatchState.PAUSED, WatchState.ASKING)


_KIND_LABELS = {
    WatchKind.STOP_LOSS: Text("손절", "Stop-loss"),
    WatchKind.TAKE_PROFIT: Text("익절", "Take-profit"),
    WatchKind.TRAILING: Text("추적 손절", "Trailing stop"),
}
_STATE_LABELS = {
    WatchState.ARMED: Text("감시 중", "Armed"),
    WatchState.FIRING: Text("발동 중", "Firing"),
    WatchState.FIRED: Text("발동됨", "Fired"),
    WatchState.DONE: Text("완료", "Done"),
    WatchState.PAUSED: Text("일시 중지", "Paused"),
    WatchState.ASKING: Text("확인 필요", "Confirm"),
    WatchState.CANCELLED: Text("취소됨", "Cancelled"),
}


@dataclass(frozen=True, slots=True)
class Watch:
    watch_id: str
    env: str
    stock_code: str
    kind: WatchKind
    unit: TriggerUnit
    amount: float  # the price, the percent or the ticks (see TriggerUnit)
    reference: int  # what % and ticks count from (the average price, or the price then)
    quantity: int
    trade_day: str  # the trading day whose prices it watches
    base_price: int  # that day's base price (기준가): a change between days asks first
    exchange: Exchange = Exchange.KRX
    stock_name: str = ""
    limit_offset: int | None = None  # None: market; else a limit this many ticks below
    state: WatchState = WatchState.ARMED
    high: int = 0  # trailing: the highest price seen since it was set
    last_price: int | None = None
    last_seen: str = ""  # when (HH:MM:SS) and from where the last price came
    order_local_id: str | None = None
    message: str = ""  # why it is paused, done or asking ("한국어 / English")
    fired_at: str = ""  # ISO time it went to firing
    created_at: datetime | None = None

    def moved(self, **changes: object) -> Watch:
        return replace(self, **changes)  # type: ignore[arg-type]  # fields by name

    @property
    def trigger(self) -> int:
        """The price at which it fires (on the tick grid)."""
        return trigger_price(self)

    def sell_order(self, quantity: int, price_now: int) -> NewOrder:
        """The sell it sends when it fires: at market, or a limit `limit_offset` ticks
        below the price that fired it."""
        if self.limit_offset is None:
            return NewOrder(Action.SELL, self.exchange, self.stock_code, quantity, MARKET_TYPE)
        price = step_ticks(price_now, -self.limit_offset) if self.limit_offset else price_now
        return NewOrder(Action.SELL, self.exchange, self.stock_code, quantity, LIMIT_TYPE, price)


def _percent(price: int, percent: float, up: bool) -> int:
    raw = price * (100 + percent if up else 100 - percent) / 100
    # A stop is rounded up (it fires no later than asked), a target down (likewise).
    return round_down_to_tick(int(raw)) if up else round_up_to_tick(max(1, int(raw + 0.999)))


def trigger_price(w: Watch) -> int:
    if w.kind is WatchKind.TRAILING:
        top = max(w.high, w.reference)
        if w.unit is TriggerUnit.PRICE:
            return max(1, round_up_to_tick(max(1, top - int(w.amount))))
        if w.unit is TriggerUnit.PERCENT:
            return _percent(top, w.amount, up=False)
        return step_ticks(top, -int(w.amount))
    up = w.kind is WatchKind.TAKE_PROFIT
    if w.unit is TriggerUnit.PRICE:
        return int(w.amount)
    if w.unit is TriggerUnit.PERCENT:
        return _percent(w.reference, w.amount, up)
    return step_ticks(w.reference, int(w.amount) if up else -int(w.amount))


def hit(w: Watch, price: int) -> bool:
    if w.kind is WatchKind.TAKE_PROFIT:
        return price >= w.trigger
    return price <= w.trigger


class Verdict(Enum):
    NONE = "none"
    FIRE = "fire"
    ASK = "ask"  # the first price of a day whose base price moved: the trader decides


@dataclass(frozen=True, slots=True)
class Observation:
    watch: Watch
    verdict: Verdict


def observe(w: Watch, price: int, trade_day: str, base_price: int, seen: str,
            missed_days: bool = False) -> Observation:
    """A price of `trade_day` (whose base price is `base_price`) seen by watch `w`.

    Only an armed watch can fire. A price of the next trading day whose base price is the
    last price the watch saw (the close) moves the watch onto that day. With another base
    price (권리락, 액면분할, a limit reset) the watch's prices may mean something else now:
    it asks, whatever the price. So it does when trading days went by that it never saw
    (`missed_days`: the app was closed, or the stock never traded): a base price may have
    moved and come back meanwhile (100,000 → 80,000 → 100,000), and the close it knows
    is not the close before today. A price of an earlier day than the watch's is not
    looked at."""
    if price <= 0 or trade_day < w.trade_day:
        return Observation(w, Verdict.NONE)
    # A new day's base price is normally the last day's close: the last price seen.
    close = w.last_price or w.base_price
    if w.state is not WatchState.ARMED and trade_day != w.trade_day:
        # Paused (or asking) on a later day: its last price stays its own day's close, so
        # that armed again it checks this day's base price against it.
        return Observation(w, Verdict.NONE)
    w = w.moved(last_price=price, last_seen=seen)
    if w.state is not WatchState.ARMED:
        return Observation(w, Verdict.NONE)
    if trade_day != w.trade_day:
        if base_price != close:
            moved = Text("기준가 변경 {was:,} → {now:,}: 감시를 다시 확인하세요",
                         "Base price changed {was:,} → {now:,}: confirm the watch")
            return Observation(w.moved(state=WatchState.ASKING, message=journal_text(
                moved.format(was=w.base_price, now=base_price))), Verdict.ASK)
        if missed_days:
            unseen = Text("감시하지 못한 거래일이 지났습니다 ({was} → {now}): 감시를 다시 확인하세요",
                          "Trading days went by unwatched ({was} → {now}): confirm the watch")
            return Observation(w.moved(state=WatchState.ASKING, message=journal_text(
                unseen.format(was=w.trade_day, now=trade_day))), Verdict.ASK)
        w = w.moved(trade_day=trade_day, base_price=base_price)
    if w.kind is WatchKind.TRAILING and price > w.high:
        w = w.moved(high=price)
    return Observation(w, Verdict.FIRE if hit(w, price) else Verdict.NONE)


def rearmed(w: Watch, trade_day: str, base_price: int, price: int) -> Watch:
    """The trader confirmed a watch that asked: it watches `trade_day` from now, its
    trailing high starting again at the price now."""
    high = price if w.kind is WatchKind.TRAILING else w.high
    return w.moved(state=WatchState.ARMED, trade_day=trade_day, base_price=base_price,
                   high=high, message="")


def exchange_stop_order(w: Watch, quantity: int) -> NewOrder | None:
    """The same protection as a 스톱지정가 (28) sell the exchange keeps, where one can
    do the job: a stop-loss (a trailing stop moves, a target sells above). Its limit is
    the watch's offset below the stop, or one tick below for a watch at market."""
    if w.kind is not WatchKind.STOP_LOSS or quantity <= 0:
        return None
    stop = w.trigger
    limit = step_ticks(stop, -(w.limit_offset if w.limit_offset is not None else 1))
    return NewOrder(Action.SELL, w.exchange, w.stock_code, quantity, EXCHANGE_STOP_TYPE,
                    limit, stop)


def sellable_now(held: int, open_sells: int, wanted: int) -> int:
    """What a watch may sell: what it asks for, capped by holdings minus open sells."""
    return max(0, min(wanted, held - open_sells))
