"""Hypothesis properties: validation never raises, clean orders round-trip, the grid holds."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, order_from_body
from kiwoom_ticket.domain.ticks import (
    is_on_tick,
    price_limits,
    round_down_to_tick,
    step_ticks,
    tick_size,
    ticks_between,
)
from kiwoom_ticket.domain.trade_types import BY_CODE
from kiwoom_ticket.domain.validation import MarketContext, TicketInput, check

# In CI the examples are fixed (derandomized) so a red run can be reproduced.
DOMAIN = settings(
    max_examples=300,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

# --- strategies -------------------------------------------------------------------------

_TYPING = "0123456789,. -+가나다라한글원주AaJQxX\t１０"


def _messy_text() -> st.SearchStrategy[str]:
    """What a user or a paste could put in a field: anything, digits, Hangul, commas."""
    return st.one_of(
        st.text(max_size=16),
        st.text(alphabet=_TYPING, max_size=16),
        st.integers(-(10**16), 10**16).map(str),
        st.integers(0, 10**16).map(lambda n: f"{n:,}"),
    )


def _grid_price() -> st.SearchStrategy[int]:
    return st.integers(1, 3_000_000).map(round_down_to_tick)


def _price_text() -> st.SearchStrategy[str]:
    return st.one_of(
        _grid_price().map(str),
        _grid_price().map(lambda p: f"{p:,}"),
        _grid_price().map(lambda p: f" {p} "),
    )


def _field(draw, plausible: st.SearchStrategy[str]) -> str:
    """Mostly something a careful user would type, sometimes anything at all."""
    return draw(_messy_text() if draw(st.integers(0, 5)) == 0 else plausible)


@st.composite
def tickets(draw) -> TicketInput:
    action = draw(st.sampled_from(Action))
    code = _field(draw, st.sampled_from(sorted(BY_CODE)))
    tt = BY_CODE.get(code.strip())
    needs_price = action is Action.MODIFY or (tt is not None and tt.price_required)
    needs_stop = action.is_new and tt is not None and tt.stop_price_required
    min_qty = 1 if action.is_new else 0
    return TicketInput(
        action=action,
        exchange=_field(draw, st.sampled_from(["KRX", "nxt", " SOR "])),
        stock_code=_field(draw, st.sampled_from(
            ["005930", "A005930", " 000660 ", "0088M0", "a005930", "J12345K"]
        )),
        quantity=_field(draw, st.integers(min_qty, 10**9).map(lambda n: f"{n:,}")),
        trade_type=code,
        price=_field(draw, _price_text() if needs_price else st.just("")),
        stop_price=_field(draw, _price_text() if needs_stop else st.just("")),
        orig_ord_no=_field(draw, st.integers(1, 9_999_999).map(str)),
    )


@st.composite
def markets(draw) -> MarketContext | None:
    kind = draw(st.sampled_from(["none", "quote", "anything"]))
    if kind == "none":
        return None
    if kind == "quote":
        return MarketContext(base_price=draw(_grid_price()), current_price=draw(_grid_price()))
    maybe = st.one_of(st.none(), st.integers(-(10**7), 10**7))
    return MarketContext(draw(maybe), draw(maybe), draw(maybe), draw(maybe))


allowed = st.sampled_from([tuple(Exchange), (Exchange.KRX,)])


def ticket_from_body(action: Action, body: dict[str, str]) -> TicketInput:
    """What a user would type to get exactly `body`."""
    if action.is_new:
        return TicketInput(action, body["dmst_stex_tp"], body["stk_cd"], body["ord_qty"],
                           body["trde_tp"], body["ord_uv"], body["cond_uv"])
    if action is Action.MODIFY:
        return TicketInput(action, body["dmst_stex_tp"], body["stk_cd"], body["mdfy_qty"],
                           price=body["mdfy_uv"], stop_price=body["mdfy_cond_uv"],
                           orig_ord_no=body["orig_ord_no"])
    return TicketInput(action, body["dmst_stex_tp"], body["stk_cd"], body["cncl_qty"],
                       orig_ord_no=body["orig_ord_no"])


# --- (a) validation ---------------------------------------------------------------------


@DOMAIN
@given(ticket=tickets(), market=markets(), allowed_exchanges=allowed)
def test_check_never_raises_and_clean_orders_round_trip(ticket, market, allowed_exchanges):
    checked = check(ticket, market, allowed_exchanges)  # must not raise
    event("order built" if checked.order else "rejected")
    if not checked.report.ok:
        assert checked.order is None
        return
    order = checked.order
    assert order is not None
    assert order.action is ticket.action
    body = order.body()
    assert all(isinstance(v, str) for v in body.values())
    assert order_from_body(order.api_id, body) == order
    again = check(ticket_from_body(order.action, body), market, allowed_exchanges)
    assert again.report.ok, again.report.errors
    assert again.order == order
    assert again.report.warnings == checked.report.warnings


@DOMAIN
@given(ticket=tickets())
def test_errors_are_bilingual(ticket):
    for issue in check(ticket).report.issues:
        assert issue.text.ko.strip() and issue.text.en.strip()


# --- (b) tick grid ----------------------------------------------------------------------


@DOMAIN
@given(p=_grid_price(), n=st.integers(-400, 400))
def test_step_ticks_there_and_back(p, n):
    q = step_ticks(p, n)
    # Below 1 won step_ticks stops at 1; only unclamped moves are reversible.
    assume(ticks_between(q, p) == -n)
    assert is_on_tick(q)
    assert step_ticks(q, -n) == p


@DOMAIN
@given(price=st.integers(0, 3_000_000))
def test_rounding_lands_on_the_grid_within_one_tick(price):
    down = round_down_to_tick(price)
    assert down <= price < down + tick_size(down) or down == 0
    if price > 0:
        assert is_on_tick(down) or down == 0


@DOMAIN
@given(base=_grid_price().filter(lambda p: p >= 4))
def test_price_limits_on_grid_and_around_the_base(base):
    # Below 4 won 30% truncates to 0 and both limits equal the base (KRX's rule applied
    # literally), so those bases are left out here.
    lower, upper = price_limits(base)
    assert is_on_tick(lower) and is_on_tick(upper)
    assert 1 <= lower < base < upper
    # Never wider than 30%, and the upper limit is the last grid price within it.
    assert (upper - base) * 100 <= 30 * base
    assert (base - lower) * 100 <= 30 * base
    assert (step_ticks(upper, 1) - base) * 100 > 30 * base
