"""Hypothesis over the ticket's inputs, end to end: whatever is typed, validation either
stops it or sends something the exchange can read. Nothing malformed reaches the practice
exchange (no input-format error comes back) and nothing raises."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.trade_types import BY_CODE
from kiwoom_ticket.domain.validation import MarketContext, TicketInput, check

# Kiwoom's codes for a request it could not read: missing field, bad format, unknown api-id.
INPUT_ERRORS = {"1501", "1504", "1505", "1511", "1512", "1517"}

_TYPED = st.one_of(
    st.text(max_size=10),
    st.text(alphabet="0123456789,. -+가한글Aa", max_size=10),
    st.integers(0, 3_000_000).map(str),
    st.integers(0, 300_000).map(lambda n: f"{n:,}"),
)


def _mostly(draw, plausible, messy=_TYPED):
    """What a careful user types, with a one-in-five slip."""
    return draw(messy if draw(st.integers(0, 4)) == 0 else plausible)


@st.composite
def tickets(draw) -> TicketInput:
    action = draw(st.sampled_from([Action.BUY, Action.SELL]))
    code = draw(st.sampled_from(["0", "3", "6", "10", "20", "28", "29", "62", "81"]))
    priced = BY_CODE[code].price_required
    return TicketInput(
        action=action,
        exchange=_mostly(draw, st.just("KRX"), st.sampled_from(["NXT", "SOR", "krx", "", "X"])),
        stock_code=_mostly(draw, st.sampled_from(["005930", "A005930"]),
                           st.sampled_from(["00593", "999999", "삼성전자", "", "1510"])),
        quantity=_mostly(draw, st.integers(1, 30).map(str)),
        trade_type=code if draw(st.integers(0, 9)) else draw(st.sampled_from(["99", "", "00"])),
        price=_mostly(draw, st.sampled_from(["199,900", "200000", "200100", "199950"])
                      if priced else st.just("")),
        stop_price=_mostly(draw, st.just("201000") if code == "28" else st.just("")),
    )


@settings(max_examples=80, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ticket=tickets())
def test_nothing_invalid_reaches_the_exchange(service, sim, ticket):
    quote = service.quote("005930") if ticket.stock_code == "005930" else None
    market = MarketContext(base_price=quote.base, current_price=quote.current,
                           upper_limit=quote.upper, lower_limit=quote.lower) if quote else None
    before = sim.received(ticket.action.api_id)
    checked = check(ticket, market)
    event("sent" if checked.order is not None else "blocked")
    if checked.order is None:
        assert checked.report.errors  # a blocked ticket always says why
        assert sim.received(ticket.action.api_id) == before  # and nothing was sent
        return
    [record] = service.send(service.prepare(checked.order))[:1]
    assert sim.received(ticket.action.api_id) == before + 1
    assert record.status is not OrderStatus.SENDING
    event(f"exchange said {record.status.value}")
    assert record.error_code not in INPUT_ERRORS, (ticket, record.message)
