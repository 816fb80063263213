"""What the 호가창 marks besides the book and the orders: the watches of its stock (a
stop-loss, a take-profit, a trailing stop's current trigger) and brackets, each at its
price, and which rows a bracket's chain spans (its target sell down to its stop).

A bracket's target is a real limit sell (its badge is the order's); its mark only tags
that price as the bracket's. A stop-loss or take-profit line can be dragged to another
level (it then watches that price); a trailing stop's trigger follows the high, so it
is shown, never dragged. Pure: watches and brackets in, marks out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .brackets import Bracket, BracketState
from .text import Text
from .watches import Watch, WatchKind, WatchState


class MarkKind(Enum):
    STOP = "stop"
    TARGET = "target"
    TRAILING = "trailing"

    @property
    def tag(self) -> Text:
        """The short tag at the line's edge."""
        return _TAGS[self]


_TAGS = {
    MarkKind.STOP: Text("손절", "Stop"),
    MarkKind.TARGET: Text("익절", "Target"),
    MarkKind.TRAILING: Text("추적", "Trail"),
}
_KINDS = {
    WatchKind.STOP_LOSS: MarkKind.STOP,
    WatchKind.TAKE_PROFIT: MarkKind.TARGET,
    WatchKind.TRAILING: MarkKind.TRAILING,
}


@dataclass(frozen=True, slots=True)
class LadderMark:
    price: int
    kind: MarkKind
    quantity: int
    watch_id: str | None = None  # the watch it stands for (None: a bracket's target sell)
    bracket_id: str | None = None  # part of this bracket's chain
    paused: bool = False  # a watch not armed now (paused, or asking after a base change)

    @property
    def draggable(self) -> bool:
        """A stop-loss or take-profit watch's line: dragged, it watches another price."""
        return self.watch_id is not None and self.kind is not MarkKind.TRAILING


@dataclass(frozen=True, slots=True)
class Chain:
    """The rows a bracket spans on the ladder: its target down to its stop."""

    bracket_id: str
    low: int
    high: int

    def spans(self, price: int) -> bool:
        return bool(price) and self.low <= price <= self.high


def ladder_marks(watches: Iterable[Watch], brackets: Iterable[Bracket],
                 code: str) -> tuple[tuple[LadderMark, ...], tuple[Chain, ...]]:
    """The marks of stock `code`'s live watches and open brackets, and each bracket's
    chain (once its stop watches: before the buy fills only its target is known)."""
    if not code:
        return (), ()
    open_brackets = [b for b in brackets
                     if b.stock_code == code and b.state is not BracketState.CLOSED]
    of_stop = {b.stop_watch_id: b.bracket_id for b in open_brackets if b.stop_watch_id}
    marks: list[LadderMark] = []
    stops: dict[str, int] = {}
    for w in watches:
        if w.stock_code != code or not w.state.live:
            continue
        bracket_id = of_stop.get(w.watch_id)
        marks.append(LadderMark(w.trigger, _KINDS[w.kind], w.quantity, w.watch_id, bracket_id,
                                paused=w.state is not WatchState.ARMED))
        if bracket_id is not None:
            stops[bracket_id] = w.trigger
    chains = []
    for b in open_brackets:
        marks.append(LadderMark(b.target_price, MarkKind.TARGET, b.covered, None, b.bracket_id))
        stop = stops.get(b.bracket_id)
        if stop is not None:
            chains.append(Chain(b.bracket_id, min(stop, b.target_price),
                                max(stop, b.target_price)))
    marks.sort(key=lambda m: (-m.price, m.kind.value))
    return tuple(marks), tuple(chains)


def marks_at(marks: Iterable[LadderMark], price: int) -> tuple[LadderMark, ...]:
    return tuple(m for m in marks if price and m.price == price)


def move_refusal(mark: LadderMark, price: int, last: int | None) -> Text | None:
    """Why the line can't go to `price` (None: it can): a stop at or above the last
    price, or a target at or below it, would fire on the next trade."""
    if not mark.draggable or price <= 0:
        return Text("이 선은 옮길 수 없습니다", "This line can't be moved")
    return side_refusal(mark.kind, price, last) if last else None


def side_refusal(kind: MarkKind, price: int, last: int) -> Text | None:
    """Why a stop or target can't watch `price` with the last trade at `last` (None: it
    can): a stop at or above it, or a target at or below it, fires on the next trade."""
    if kind is MarkKind.STOP and price >= last:
        return Text("손절가는 현재가({last:,})보다 낮아야 합니다",
                    "A stop must be below the last price ({last:,})").format(last=last)
    if kind is MarkKind.TARGET and price <= last:
        return Text("익절가는 현재가({last:,})보다 높아야 합니다",
                    "A target must be above the last price ({last:,})").format(last=last)
    return None


def new_watch_kind(price: int, last: int | None) -> MarkKind | None:
    """The watch a level can start from the ladder: a stop below the last trade, a target
    above it; None at the last price itself, or with no last trade to tell the side."""
    if not last or price <= 0 or price == last:
        return None
    return MarkKind.STOP if price < last else MarkKind.TARGET
