"""A sell over the account's sellable quantity (매매가능수량) is an error on the quantity."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.validation import Field, MarketContext, check

from .tickets import assert_clean, assert_error, buy, sell

MARKET = MarketContext(70_000, 70_000, 91_000, 49_000)


def with_sellable(n: int | None) -> MarketContext:
    return MarketContext(70_000, 70_000, 91_000, 49_000, sellable=n)


@pytest.mark.parametrize(("qty", "sellable"), [("11", 10), ("1", 0), ("1,000", 999)])
def test_selling_more_than_sellable_is_an_error(qty, sellable):
    checked = check(sell(quantity=qty), with_sellable(sellable))
    assert_error(checked, Field.QUANTITY, "qty.sellable")
    issue = next(i for i in checked.report.errors if i.code == "qty.sellable")
    assert f"{sellable:,}주" in issue.text.ko and f"{sellable:,} shares" in issue.text.en


@pytest.mark.parametrize(("qty", "sellable"), [("10", 10), ("1", 5)])
def test_selling_up_to_sellable_is_fine(qty, sellable):
    assert_clean(check(sell(quantity=qty), with_sellable(sellable)))


def test_unknown_sellable_is_not_checked():
    assert_clean(check(sell(quantity="500"), MARKET))
    assert_clean(check(sell(quantity="500"), with_sellable(None)))
    assert_clean(check(sell(quantity="500"), MarketContext(sellable=None)))


def test_sellable_only_applies_to_sells():
    assert_clean(check(buy(quantity="500"), with_sellable(0)))


def test_sellable_alone_still_checks_without_a_quote():
    assert_error(check(sell(quantity="3"), MarketContext(sellable=2)), Field.QUANTITY,
                 "qty.sellable")


def test_a_bad_quantity_reports_its_format_not_sellable():
    checked = check(sell(quantity="abc"), with_sellable(0))
    assert [i.code for i in checked.report.for_field(Field.QUANTITY)] == ["qty.format"]
