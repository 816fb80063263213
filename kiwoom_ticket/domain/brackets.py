"""Brackets on entry: a buy with a target and a stop.

- The target is a real limit sell resting at the exchange, placed as the buy fills and
  growing with each partial fill (one sell per fill step, for what the step added).
- The stop is a watch (domain/watches.py) on what is held of it: what was bought minus
  what the target sold. When the stop fires, the target's open sells are cancelled first
  (their shares are set aside until then); when the target has sold everything bought,
  the stop is removed.
- Write-ahead, as orders and watches: what a target sell will cover is recorded before it
  is placed, so a crash can leave the target short (said) but never sells twice.
Pure: fills in, what to do out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from .exchange import Exchange
from .orders import Action, NewOrder
from .text import Text
from .watches import LIMIT_TYPE


class BracketState(Enum):
    WAITING = "waiting"  # the buy has not filled yet
    ACTIVE = "active"  # bought (some): target resting, stop watching
    CLOSED = "closed"  # the position is out (target sold it, or the stop did) or abandoned

    @property
    def label(self) -> Text:
        return _LABELS[self]


_LABELS = {
    BracketState.WAITING: Text("매수 대기", "Waiting for the buy"),
    BracketState.ACTIVE: Text("진행 중", "Active"),
    BracketState.CLOSED: Text("종료", "Closed"),
}


@dataclass(frozen=True, slots=True)
class Bracket:
    bracket_id: str
    env: str
    stock_code: str
    buy_local_id: str
    target_price: int
    stop_ticks: int  # the stop: this many ticks under the buy's average fill price
    exchange: Exchange = Exchange.KRX
    stock_name: str = ""
    state: BracketState = BracketState.WAITING
    covered: int = 0  # shares the target's sells were placed for (written before)
    target_ids: tuple[str, ...] = field(default=())  # the target sells' local ids
    stop_watch_id: str | None = None
    message: str = ""
    # Set on entry (the Buy tab): the stop's own price, fixed before the buy left; 0: the
    # stop is `stop_ticks` under the average fill (a bracket put on a buy afterwards).
    stop_price: int = 0

    def moved(self, **changes: object) -> Bracket:
        return replace(self, **changes)  # type: ignore[arg-type]  # fields by name


def target_step(b: Bracket, bought: int) -> NewOrder | None:
    """The target sell for what was bought since the last one, or None."""
    if b.state is BracketState.CLOSED or bought <= b.covered:
        return None
    return NewOrder(Action.SELL, b.exchange, b.stock_code, bought - b.covered, LIMIT_TYPE,
                    b.target_price)


def still_held(bought: int, target_sold: int) -> int:
    """What the stop protects: bought minus what the target has sold."""
    return max(0, bought - target_sold)


@dataclass(frozen=True, slots=True)
class BracketLink:
    """An order that is part of a bracket: whose buy it belongs to and its role."""

    buy_local_id: str
    role: Text
    tag: Text  # the role in a word or two, for the log's status column


BRACKET_BUY = Text("브래킷 매수", "Bracket buy")
BRACKET_TARGET = Text("브래킷 익절", "Bracket target")
BRACKET_STOP = Text("브래킷 손절", "Bracket stop")
# The same roles, short enough to sit beside the status in a narrow log column.
TAG_BUY = Text("브래킷", "bracket")
TAG_TARGET = Text("익절", "target")
TAG_STOP = Text("손절", "stop")


def bracket_links(brackets: Iterable[Bracket],
                  stop_orders: Mapping[str, str | None]) -> dict[str, BracketLink]:
    """Each bracket order's link, by local id: the buy, its target sells, and the sell
    its stop sent (`stop_orders`: a watch's id -> its order's local id, if it fired), so
    the log shows them as one chain."""
    links: dict[str, BracketLink] = {}
    for b in brackets:
        links[b.buy_local_id] = BracketLink(b.buy_local_id, BRACKET_BUY, TAG_BUY)
        for target in b.target_ids:
            links[target] = BracketLink(b.buy_local_id, BRACKET_TARGET, TAG_TARGET)
        stop_order = stop_orders.get(b.stop_watch_id) if b.stop_watch_id else None
        if stop_order:
            links[stop_order] = BracketLink(b.buy_local_id, BRACKET_STOP, TAG_STOP)
    return links
