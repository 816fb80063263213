"""Order-error precautions as pure rules: the price distance said once, a buy over the
orderable cash (warn by default, block when set), which orders need the mouse, and
English that counts ("1 share", "1 tick")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, ModifyOrder, NewOrder
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS, Tier, assess, combined
from kiwoom_ticket.domain.text import count_en, ticks_en
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import (
    Field,
    MarketContext,
    Severity,
    TicketInput,
    check,
)

CURRENT = 70_000
MARKET = MarketContext(70_000, CURRENT, 91_000, 49_000)


def buy(qty: int = 1, price: int | None = CURRENT, trade_type: str = "0") -> NewOrder:
    return NewOrder(Action.BUY, Exchange.KRX, "005930", qty, trade_type, price)


def test_a_far_price_is_one_issue_with_percent_direction_and_ticks():
    price = step_ticks(CURRENT, -80)  # past 10% (validation), 5% and 30 ticks (precautions)
    ticket = TicketInput(Action.BUY, "KRX", "005930", "1", "0", str(price))
    checked = check(ticket, MARKET)
    assert [i.code for i in checked.report.warnings] == ["price.distance"]
    assessed = assess(checked.order, PRACTICE_DEFAULTS, MARKET).report
    report = combined(checked.report, assessed)
    (issue,) = report.for_field(Field.PRICE)
    assert issue.code == "precaution.distance" and issue.severity is Severity.WARNING
    assert issue.text.ko.count("70,000") == 1 and issue.text.en.count("70,000") == 1
    assert "낮은" in issue.text.ko and "80호가" in issue.text.ko
    assert "below" in issue.text.en and "80 ticks" in issue.text.en


def test_the_stricter_tier_decides_the_distance_severity():
    settings = replace(PRACTICE_DEFAULTS, distance_percent=Tier(None, None),
                       distance_ticks=Tier(5, 10))
    (issue,) = assess(buy(price=step_ticks(CURRENT, 11)), settings, MARKET).report.issues
    assert issue.severity is Severity.ERROR and "above" in issue.text.en


def test_validations_own_distance_warning_stays_when_no_precaution_says_it():
    price = step_ticks(CURRENT, -80)
    checked = check(TicketInput(Action.BUY, "KRX", "005930", "1", "0", str(price)), MARKET)
    off = replace(PRACTICE_DEFAULTS, distance_percent=Tier(None, None),
                  distance_ticks=Tier(None, None))
    report = combined(checked.report, assess(checked.order, off, MARKET).report)
    assert [i.code for i in report.warnings] == ["price.distance"]


def cash_market(cash: int) -> MarketContext:
    return replace(MARKET, orderable_cash=cash)


def test_a_buy_over_the_orderable_cash_warns_by_default():
    (issue,) = assess(buy(qty=10), PRACTICE_DEFAULTS, cash_market(600_000)).report.issues
    assert issue.code == "precaution.cash" and issue.severity is Severity.WARNING
    assert "700,000" in issue.text.ko and "600,000" in issue.text.en
    assert not assess(buy(qty=8), PRACTICE_DEFAULTS, cash_market(600_000)).report.issues


def test_the_settings_can_make_it_a_block():
    settings = replace(PRACTICE_DEFAULTS, over_cash_block=True)
    assessment = assess(buy(qty=10), settings, cash_market(600_000))
    assert assessment.blocked
    assert assessment.report.errors[0].code == "precaution.cash"


def test_a_market_buy_counts_the_upper_limit_and_sells_are_never_checked():
    (issue,) = assess(buy(qty=10, price=None, trade_type="3"), PRACTICE_DEFAULTS,
                      cash_market(800_000)).report.issues
    assert "910,000" in issue.text.ko  # 10 x the 91,000 upper limit
    sell = NewOrder(Action.SELL, Exchange.KRX, "005930", 10, "0", CURRENT)
    assert not assess(sell, PRACTICE_DEFAULTS, cash_market(0)).report.issues


def test_unknown_cash_checks_nothing():
    assert not assess(buy(qty=10), PRACTICE_DEFAULTS, MARKET).report.issues


@pytest.mark.parametrize(("value_qty", "mouse"), [(285, False), (286, True)])
def test_large_orders_need_the_mouse_even_without_a_warning(value_qty, mouse):
    # 20,000,000 won is the practice line: 285 x 70,000 is under it, 286 x 70,000 over.
    settings = replace(PRACTICE_DEFAULTS, max_value=Tier(None, None),
                       max_quantity=Tier(None, None))
    assessment = assess(buy(qty=value_qty), settings, MARKET)
    assert not assessment.report.issues
    assert assessment.require_mouse is mouse


def test_a_modify_is_assessed_for_distance_but_not_for_cash():
    order = ModifyOrder(Exchange.KRX, "0000001", "005930", 10, step_ticks(CURRENT, -45))
    codes = [i.code for i in assess(order, PRACTICE_DEFAULTS, cash_market(0)).report.issues]
    assert codes == ["precaution.distance"]


def test_english_counts():
    assert count_en(1, "share") == "1 share"
    assert count_en(2, "share") == "2 shares"
    assert count_en(1000, "share") == "1,000 shares"
    assert ticks_en(1) == "+1 tick" and ticks_en(-1) == "-1 tick" and ticks_en(-3) == "-3 ticks"
    settings = replace(PRACTICE_DEFAULTS, max_quantity=Tier(warn=0, block=None))
    (issue,) = assess(buy(qty=1), settings, MARKET).report.issues
    assert issue.text.en.startswith("1 share:") and "(0 shares)" in issue.text.en
