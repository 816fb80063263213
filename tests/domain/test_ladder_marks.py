"""The ladder's marks of watches and brackets (domain/ladder_marks.py), and the log's
links of a bracket's orders (domain/brackets.py bracket_links)."""

from __future__ import annotations

from kiwoom_ticket.domain.brackets import (
    BRACKET_BUY,
    BRACKET_STOP,
    BRACKET_TARGET,
    Bracket,
    BracketState,
    bracket_links,
)
from kiwoom_ticket.domain.ladder_marks import MarkKind, ladder_marks, marks_at, move_refusal
from kiwoom_ticket.domain.watches import TriggerUnit, Watch, WatchKind, WatchState

CODE = "005930"


def watch(watch_id: str, kind: WatchKind, amount: float, unit=TriggerUnit.PRICE,
          reference: int = 70_000, state=WatchState.ARMED, code: str = CODE, high: int = 0):
    return Watch(watch_id, "practice", code, kind, unit, amount, reference, 3, "20261204",
                 70_000, state=state, high=high)


def test_each_live_watch_of_the_stock_is_a_mark_at_its_trigger():
    marks, chains = ladder_marks(
        [watch("s", WatchKind.STOP_LOSS, 68_000),
         watch("t", WatchKind.TAKE_PROFIT, 5, TriggerUnit.TICKS),
         watch("tr", WatchKind.TRAILING, 2, TriggerUnit.TICKS, high=71_000),
         watch("p", WatchKind.STOP_LOSS, 67_000, state=WatchState.PAUSED),
         watch("done", WatchKind.STOP_LOSS, 66_000, state=WatchState.DONE),
         watch("other", WatchKind.STOP_LOSS, 65_000, code="000660")], [], CODE)
    by_id = {m.watch_id: m for m in marks}
    assert set(by_id) == {"s", "t", "tr", "p"} and chains == ()
    assert (by_id["s"].kind, by_id["s"].price, by_id["s"].draggable) == (MarkKind.STOP, 68_000,
                                                                         True)
    assert by_id["t"].price == 70_500 and by_id["t"].kind is MarkKind.TARGET
    # A trailing stop: at its current trigger (two ticks under the high), never dragged.
    assert by_id["tr"].price == 70_800 and not by_id["tr"].draggable
    assert by_id["p"].paused and not by_id["s"].paused
    assert [m.watch_id for m in marks_at(marks, 68_000)] == ["s"]
    assert ladder_marks([watch("s", WatchKind.STOP_LOSS, 68_000)], [], "") == ((), ())


def test_a_brackets_target_and_stop_are_one_chain():
    b = Bracket("b1", "practice", CODE, "buy1", 72_000, 3, state=BracketState.ACTIVE, covered=3,
                target_ids=("sell1",), stop_watch_id="stop1")
    marks, chains = ladder_marks([watch("stop1", WatchKind.STOP_LOSS, 69_000)], [b], CODE)
    assert {(m.kind, m.price, m.bracket_id) for m in marks} == {
        (MarkKind.STOP, 69_000, "b1"), (MarkKind.TARGET, 72_000, "b1")}
    [chain] = chains
    assert chain.spans(70_000) and chain.spans(72_000) and not chain.spans(72_100)
    closed = Bracket("b2", "practice", CODE, "buy2", 72_000, 3, state=BracketState.CLOSED)
    assert ladder_marks([], [closed], CODE) == ((), ())
    links = bracket_links([b], {"stop1": "sell2"})
    assert {k: v.role for k, v in links.items()} == {
        "buy1": BRACKET_BUY, "sell1": BRACKET_TARGET, "sell2": BRACKET_STOP}
    assert {v.buy_local_id for v in links.values()} == {"buy1"}


def test_a_line_never_moves_to_where_the_next_trade_would_fire_it():
    [stop] = ladder_marks([watch("s", WatchKind.STOP_LOSS, 68_000)], [], CODE)[0]
    [target] = ladder_marks([watch("t", WatchKind.TAKE_PROFIT, 72_000)], [], CODE)[0]
    assert move_refusal(stop, 69_000, 70_000) is None
    assert move_refusal(stop, 70_000, 70_000) is not None
    assert move_refusal(target, 70_000, 70_000) is not None
    assert move_refusal(target, 70_100, 70_000) is None
    [trail] = ladder_marks([watch("tr", WatchKind.TRAILING, 2, TriggerUnit.TICKS)], [],
                           CODE)[0]
    assert move_refusal(trail, 60_000, 70_000) is not None
