"""Live order events (00) and trades (0B): read strictly, applied forward only."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.market_tick import parse_trade
from kiwoom_ticket.domain.order_events import EventKind, apply_event, parse_event
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.status import OrderStatus

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def record(qty: int = 10, status: OrderStatus = OrderStatus.ACCEPTED, filled: int = 0):
    order = NewOrder(Action.BUY, Exchange.KRX, "005930", qty, "0", 70_000)
    return OrderRecord.from_request("id", "practice", order).moved(
        status=status, ord_no="0000005", filled_qty=filled)


def fill(left: int, qty: int = 10, amount: int | None = None, **extra: str):
    values = {"9203": "0000005", "913": "체결", "900": str(qty), "902": str(left),
              "903": str(amount if amount is not None else (qty - left) * 70_000),
              "914": "70000", "915": "1", "9001": "005930", **extra}
    return parse_event(values)


def test_a_fill_reads_what_is_left_not_what_910_911_mean():
    event = fill(left=6)
    assert event.kind is EventKind.FILLED and event.filled == 4
    moved = apply_event(record(), event, NOW)
    assert (moved.status, moved.filled_qty, moved.avg_fill_price) == (
        OrderStatus.PARTLY_FILLED, 4, 70_000)
    done = apply_event(moved, fill(left=0, amount=10 * 70_100), NOW)
    assert (done.status, done.filled_qty, done.avg_fill_price) == (OrderStatus.FILLED, 10, 70_100)


def test_a_repeat_or_an_older_fill_changes_nothing():
    moved = apply_event(record(), fill(left=6), NOW)
    assert apply_event(moved, fill(left=6), NOW) is None
    assert apply_event(moved, fill(left=8), NOW) is None  # late behind a newer one


def test_a_finished_order_never_reopens_but_keeps_count_of_fills():
    modified = record(status=OrderStatus.MODIFIED)
    moved = apply_event(modified, fill(left=9), NOW)  # filled before the modify took it
    assert moved.status is OrderStatus.MODIFIED and moved.filled_qty == 1
    cancelled = apply_event(record(), parse_event({"9203": "0000005", "913": "취소",
                                                   "902": "0"}), NOW)
    assert cancelled.status is OrderStatus.CANCELLED
    assert apply_event(record(status=OrderStatus.FILLED), parse_event(
        {"9203": "0000005", "913": "취소"}), NOW) is None


def test_malformed_events_are_not_placed():
    assert parse_event({"9203": "5", "913": "체결"}) is None  # not 7 digits
    assert parse_event({"9203": "0000005", "913": "무엇"}) is None  # no such state
    assert parse_event({"9203": 5, "913": "체결"}) is None  # not text
    refused = parse_event({"9203": "0000000", "913": "거부", "919": "RC4025"})
    assert refused.kind is EventKind.REJECTED and refused.ord_no == "" and refused.reason


# What the parsers read: ASCII digits and signs, the states' Hangul words, and what
# int() or strip() might take for them (full-width and Arabic-Indic digits, NBSP, NUL).
# An explicit alphabet, not st.text()'s every code point: that makes Hypothesis build its
# Unicode table inside the first draw (3 s and more on a cold cache or a busy machine:
# the too_slow health check failed on it), and says what the test is about.
EVENT_TEXT = st.text(alphabet="0123456789+-., _:eE\u00a0\x00\t\n０１９٣체결확인취소거부접수정무엇A",
                     max_size=30)


@given(st.dictionaries(st.sampled_from(["9203", "913", "900", "902", "903", "904", "9001",
                                        "914", "915", "910", "911", "10", "11", "13"]),
                       st.one_of(EVENT_TEXT, st.integers(), st.none())))
def test_any_shape_reads_or_is_refused_never_raises(values):
    event = parse_event(values)
    if event is not None:
        assert event.filled >= 0
        apply_event(record(), event, NOW)
    parse_trade("005930", values)


def test_a_trade_keeps_the_sign_of_its_change_and_volume():
    trade = parse_trade("005930_NX", {"10": "-69900", "11": "-100", "13": "1234567",
                                      "15": "-3", "20": "093001"})
    assert (trade.code, trade.price, trade.change, trade.base, trade.volume, trade.last_qty,
            trade.time) == ("005930", 69_900, -100, 70_000, 1_234_567, -3, "093001")
    assert parse_trade("005930", {"10": ""}) is None
