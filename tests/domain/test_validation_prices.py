"""Validation of prices: required or forbidden by type, grid, limits, stop, warnings."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.validation import Field, MarketContext, TicketInput, check

from .tickets import assert_clean, assert_error, buy, modify, sell, warnings_of

# --- order type and price ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["", "00", "1", "99", "시장가"])
def test_unknown_trade_type(code):
    assert_error(check(buy(trade_type=code)), Field.TRADE_TYPE, "type.unknown")


@pytest.mark.parametrize("code", ["0", "5", "62", "10", "20"])
def test_price_required_by_limit_types(code):
    assert_error(check(buy(trade_type=code, price="")), Field.PRICE, "price.required")


@pytest.mark.parametrize("code", ["3", "81", "61", "6", "7", "13", "16", "23", "26", "29",
                                  "30", "31"])
def test_price_forbidden_for_market_like_types(code):
    assert_error(check(buy(trade_type=code, price="70000")), Field.PRICE, "price.forbidden")


@pytest.mark.parametrize("code", ["3", "81", "61", "6", "29"])
def test_market_like_type_without_price_sends_empty_price(code):
    checked = check(buy(trade_type=code, price=""))
    assert_clean(checked)
    assert checked.order.body()["ord_uv"] == ""
    assert checked.order.body()["cond_uv"] == ""


@pytest.mark.parametrize("text", ["0", "abc", "-100", "70000.5", "７００００", "9" * 13])
def test_price_must_be_a_positive_whole_number(text):
    assert_error(check(buy(price=text)), Field.PRICE, "price.format")


@pytest.mark.parametrize("text", ["70010", "4999", "200100", "500500"])
def test_price_must_be_on_the_tick_grid(text):
    checked = check(buy(price=text))
    assert_error(checked, Field.PRICE, "price.tick")


def test_tick_error_suggests_the_neighbouring_grid_prices():
    (issue,) = check(buy(price="70010")).report.for_field(Field.PRICE)
    assert "70,000" in issue.text.ko and "70,100" in issue.text.ko
    assert "70,000" in issue.text.en and "70,100" in issue.text.en


@pytest.mark.parametrize("text", ["70,00", "7,0000", "70,000,"])
def test_price_with_misplaced_commas_is_refused(text):
    # "70,00" is not 7,000 won: a sell at a tenth of the intended price would fill at once.
    assert_error(check(sell(price=text)), Field.PRICE, "price.format")


def test_price_accepts_thousands_separators():
    checked = check(buy(price="70,000"))
    assert_clean(checked)
    assert checked.order.body()["ord_uv"] == "70000"


# --- daily price limits -----------------------------------------------------------------

BASE_135300 = MarketContext(base_price=135_300)  # limits (94,800, 175,800)


@pytest.mark.parametrize("price", ["94700", "175900", "200000"])
def test_price_outside_the_limits_from_the_base_price(price):
    assert_error(check(buy(price=price), BASE_135300), Field.PRICE, "price.limit")


@pytest.mark.parametrize("price", ["94800", "135300", "175800"])
def test_price_at_or_inside_the_limits_passes(price):
    assert_clean(check(buy(price=price), BASE_135300))


def test_limits_from_the_quote_win_over_the_base_price():
    market = MarketContext(base_price=135_300, lower_limit=100_000, upper_limit=150_000)
    assert_error(check(buy(price="160000"), market), Field.PRICE, "price.limit")
    assert_clean(check(buy(price="150000"), market))


def test_no_limit_check_when_nothing_is_known():
    assert_clean(check(buy(price="1000000")))
    assert_clean(check(buy(price="1000000"), MarketContext()))


def test_modify_price_is_checked_against_the_limits():
    assert_error(check(modify(price="199700"), BASE_135300), Field.PRICE, "price.limit")


# --- stop price (28) --------------------------------------------------------------------


def stop_buy(**fields) -> TicketInput:
    return buy(trade_type="28", price="71000", stop_price="70500", **fields)


def test_stop_limit_needs_a_stop_price():
    assert_error(check(buy(trade_type="28", price="71000")), Field.STOP_PRICE,
                 "stop_price.required")


@pytest.mark.parametrize("code", ["0", "3", "10"])
def test_stop_price_forbidden_for_other_types(code):
    price = "" if code == "3" else "70000"
    checked = check(buy(trade_type=code, price=price, stop_price="70500"))
    assert_error(checked, Field.STOP_PRICE, "stop_price.forbidden")


def test_stop_price_must_be_on_the_tick_grid():
    checked = check(buy(trade_type="28", price="71000", stop_price="70550"))
    assert_error(checked, Field.STOP_PRICE, "stop_price.tick")


def test_stop_price_must_be_a_positive_whole_number():
    checked = check(buy(trade_type="28", price="71000", stop_price="0"))
    assert_error(checked, Field.STOP_PRICE, "stop_price.format")


def test_stop_price_must_be_inside_the_limits():
    checked = check(buy(trade_type="28", price="135300", stop_price="180000"), BASE_135300)
    assert_error(checked, Field.STOP_PRICE, "stop_price.limit")


def test_stop_limit_order_carries_both_prices():
    checked = check(stop_buy())
    assert_clean(checked)
    assert checked.order.body()["ord_uv"] == "71000"
    assert checked.order.body()["cond_uv"] == "70500"


# --- warnings (need confirmation, do not block) -----------------------------------------


@pytest.mark.parametrize(
    ("ticket", "current"),
    [
        # A buy stop fires when the price rises to it: at or below the market it fires now.
        (buy(trade_type="28", price="70500", stop_price="70000"), 70_000),
        (buy(trade_type="28", price="70500", stop_price="69000"), 70_000),
        # A sell stop fires when the price falls to it.
        (sell(trade_type="28", price="69500", stop_price="70000"), 70_000),
        (sell(trade_type="28", price="69500", stop_price="71000"), 70_000),
    ],
)
def test_stop_that_triggers_at_once_is_warned(ticket, current):
    checked = check(ticket, MarketContext(current_price=current))
    assert_clean(checked)
    assert warnings_of(checked, Field.STOP_PRICE, "stop.immediate")


@pytest.mark.parametrize(
    "ticket",
    [buy(trade_type="28", price="71500", stop_price="71000"),
     sell(trade_type="28", price="68500", stop_price="69000")],
)
def test_stop_beyond_the_market_is_not_warned(ticket):
    checked = check(ticket, MarketContext(current_price=70_000))
    assert_clean(checked)
    assert not warnings_of(checked, Field.STOP_PRICE, "stop.immediate")


def test_no_stop_warning_without_a_current_price():
    checked = check(buy(trade_type="28", price="70500", stop_price="60000"))
    assert checked.report.warnings == ()


@pytest.mark.parametrize("price", ["77000", "80000", "63000", "50000"])
def test_price_far_from_the_current_price_is_warned(price):
    # 10% or more away from 70,000 (77,000 is exactly +10%).
    checked = check(buy(price=price), MarketContext(current_price=70_000))
    assert_clean(checked)
    (issue,) = warnings_of(checked, Field.PRICE, "price.distance")
    assert "70,000" in issue.text.ko and "70,000" in issue.text.en


@pytest.mark.parametrize("price", ["70000", "76900", "63100"])
def test_price_near_the_current_price_is_not_warned(price):
    checked = check(buy(price=price), MarketContext(current_price=70_000))
    assert_clean(checked)
    assert checked.report.warnings == ()


@pytest.mark.parametrize(
    "market",
    [
        MarketContext(base_price=-135_300),
        MarketContext(base_price=0),
        MarketContext(lower_limit=-94_800, upper_limit=175_800),
        MarketContext(current_price=-70_000),
    ],
)
def test_non_positive_market_values_count_as_unknown(market):
    # ka10001 sends signed prices; a bad one must not crash validation or invent limits.
    checked = check(buy(trade_type="28", price="70000", stop_price="60000"), market)
    assert_clean(checked)
    assert checked.report.warnings == ()
