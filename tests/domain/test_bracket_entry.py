"""A bracket set on the Buy ticket: each side as a price, a % or ticks from the buy's
price, on the tick grid of its own price band, inside the day's limits."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.bracket_entry import BracketPlan, BracketPrices, estimate, resolve
from kiwoom_ticket.domain.ticket_report import Field
from kiwoom_ticket.domain.watches import TriggerUnit

P, PCT, T = TriggerUnit.PRICE, TriggerUnit.PERCENT, TriggerUnit.TICKS
LIMITS = (1_400, 2_600)  # base 2,000


def plan(tu, t, su, s):
    return BracketPlan(tu, t, su, s)


def test_ticks_cross_a_price_band_each_on_its_own_grid():
    # 2,000 is a band edge: 1 won under it, 5 won from it up.
    prices, report = resolve(plan(T, "2", T, "2"), 1_999, LIMITS)
    assert report.ok and prices == BracketPrices(2_005, 1_997)
    prices, _ = resolve(plan(T, "1", T, "1"), 2_000, LIMITS)
    assert prices == BracketPrices(2_005, 1_999)


def test_percent_goes_no_further_than_asked():
    # 3% of 1,995 = 59.85: the target rounds down to the grid, the stop up.
    prices, report = resolve(plan(PCT, "3", PCT, "3"), 1_995, LIMITS)
    assert report.ok and prices == BracketPrices(2_050, 1_936)


@pytest.mark.parametrize(("p", "field", "code"), [
    (plan(P, "1995", T, "2"), Field.BRACKET_TARGET, "bracket_target_low"),
    (plan(T, "2", P, "2010"), Field.BRACKET_STOP, "bracket_stop_high"),
    (plan(P, "2003", T, "2"), Field.BRACKET_TARGET, "bracket_tick"),
    (plan(P, "2700", T, "2"), Field.BRACKET_TARGET, "bracket_above_limit"),
    (plan(T, "2", PCT, "50"), Field.BRACKET_STOP, "bracket_below_limit"),
    (plan(T, "", T, "2"), Field.BRACKET_TARGET, "bracket_target_missing"),
    (plan(T, "2", T, "0"), Field.BRACKET_STOP, "bracket_stop_missing"),
    (plan(T, "2", PCT, "100"), Field.BRACKET_STOP, "bracket_stop_percent"),
    (plan(T, "2.5", T, "2"), Field.BRACKET_TARGET, "bracket_target_ticks"),
])
def test_each_bad_side_is_said_against_its_own_field(p, field, code):
    prices, report = resolve(p, 2_000, LIMITS)
    assert prices is None
    [issue] = report.errors
    assert (issue.field, issue.code) == (field, code)
    assert issue.text.ko and issue.text.en and issue.text.ko != issue.text.en


def test_no_buy_price_yet_is_said_not_guessed():
    prices, report = resolve(plan(T, "2", T, "2"), None, LIMITS)
    assert prices is None and report.errors[0].code == "bracket_no_price"


def test_the_estimate_line():
    text = estimate(BracketPrices(255_000, 245_000), 250_000, 4)
    assert text.ko == "목표 +20,000원 (+2.00%), 손절 -20,000원 (-2.00%)"
    assert text.en == "Target +₩20,000 (+2.00%), stop -₩20,000 (-2.00%)"
