"""Every validation rule: the right field, a Korean and an English text, and no order."""

from __future__ import annotations

import re

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.validation import (
    Checked,
    Field,
    MarketContext,
    Severity,
    TicketInput,
    check,
    normalise_order_no,
    normalise_stock_code,
)

_HANGUL = re.compile(r"[가-힣]")


def buy(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "10", "trade_type": "0", "price": "70000"}
    values.update(fields)
    return TicketInput(Action.BUY, **values)


def sell(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "10", "trade_type": "0", "price": "70000"}
    values.update(fields)
    return TicketInput(Action.SELL, **values)


def modify(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "1", "price": "199700",
              "orig_ord_no": "0000139"}
    values.update(fields)
    return TicketInput(Action.MODIFY, **values)


def cancel(**fields) -> TicketInput:
    values = {"stock_code": "005930", "quantity": "1", "orig_ord_no": "0000140"}
    values.update(fields)
    return TicketInput(Action.CANCEL, **values)


def assert_bilingual(issue) -> None:
    assert _HANGUL.search(issue.text.ko), issue
    assert issue.text.en.strip() and not _HANGUL.search(issue.text.en), issue


def assert_error(checked: Checked, field: Field, code: str) -> None:
    """Blocked: no order, and an error on `field` with `code` in both languages."""
    assert checked.order is None
    assert not checked.report.ok
    matches = [i for i in checked.report.for_field(field)
               if i.code == code and i.severity is Severity.ERROR]
    assert matches, checked.report.issues
    for issue in matches:
        assert_bilingual(issue)


def assert_clean(checked: Checked) -> None:
    assert checked.report.ok, checked.report.errors
    assert checked.order is not None


# --- stock code -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   "])
def test_stock_code_required(text):
    assert_error(check(buy(stock_code=text)), Field.STOCK_CODE, "stock.required")


@pytest.mark.parametrize(
    "text", ["00593", "0059301", "삼성전자", "A00593", "B005930", "AA05930", "00 5930", "x05930"]
)
def test_stock_code_format(text):
    assert_error(check(buy(stock_code=text)), Field.STOCK_CODE, "stock.format")


@pytest.mark.parametrize(
    ("text", "code"),
    [("A005930", "005930"), ("a005930", "005930"), (" 005930 ", "005930"),
     ("J123456", "123456"), ("Q12345K", "12345K"), ("0088M0", "0088M0")],
)
def test_stock_code_normalised(text, code):
    assert normalise_stock_code(text) == code
    checked = check(buy(stock_code=text))
    assert_clean(checked)
    assert checked.order.stock_code == code
    assert checked.order.body()["stk_cd"] == code


# --- quantity ---------------------------------------------------------------------------


@pytest.mark.parametrize("ticket", [buy(quantity=""), sell(quantity=" "),
                                    modify(quantity=""), cancel(quantity="")])
def test_quantity_required(ticket):
    assert_error(check(ticket), Field.QUANTITY, "qty.required")


@pytest.mark.parametrize(
    "text", ["-1", "1.5", "abc", "십", "１０", "١٠", "+5", "1e3", "9" * 13]
)
def test_quantity_must_be_a_whole_number(text):
    assert_error(check(buy(quantity=text)), Field.QUANTITY, "qty.format")


@pytest.mark.parametrize("ticket", [buy(quantity="0"), sell(quantity="000")])
def test_zero_quantity_refused_for_new_orders(ticket):
    assert_error(check(ticket), Field.QUANTITY, "qty.zero")


@pytest.mark.parametrize("ticket", [modify(quantity="0"), cancel(quantity="0")])
def test_zero_quantity_means_all_remaining_for_modify_and_cancel(ticket):
    checked = check(ticket)
    assert_clean(checked)
    assert checked.order.quantity == 0


@pytest.mark.parametrize(("text", "sent"), [("1,000", "1000"), ("12,345,678", "12345678")])
def test_quantity_accepts_thousands_separators(text, sent):
    checked = check(buy(quantity=text))
    assert_clean(checked)
    assert checked.order.body()["ord_qty"] == sent


@pytest.mark.parametrize("text", ["1,5", "10,00", "1,,000", ",100", "100,", "1,0000"])
def test_quantity_with_misplaced_commas_is_refused(text):
    # "1,5" is not 15 shares: a comma only ever groups thousands.
    assert_error(check(buy(quantity=text)), Field.QUANTITY, "qty.format")


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


def warnings_of(checked: Checked, field: Field, code: str):
    found = [i for i in checked.report.warnings if i.field is field and i.code == code]
    for issue in found:
        assert_bilingual(issue)
    return found


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


# --- exchange ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "KOSPI", "NYSE", "K R X"])
def test_unknown_exchange(text):
    assert_error(check(buy(exchange=text)), Field.EXCHANGE, "exchange.unknown")


@pytest.mark.parametrize("text", ["krx", " nxt ", "Sor"])
def test_exchange_text_is_case_and_space_insensitive(text):
    checked = check(buy(exchange=text))
    assert_clean(checked)
    assert checked.order.body()["dmst_stex_tp"] == text.strip().upper()


@pytest.mark.parametrize(
    "ticket", [buy(exchange="NXT"), modify(exchange="SOR"), cancel(exchange="NXT")]
)
def test_exchange_not_available_in_the_environment(ticket):
    # Kiwoom's mock server takes KRX only.
    checked = check(ticket, allowed_exchanges=(Exchange.KRX,))
    assert_error(checked, Field.EXCHANGE, "exchange.environment")


@pytest.mark.parametrize(
    ("code", "price"), [("5", "70000"), ("62", "70000"), ("61", ""), ("81", "")]
)
@pytest.mark.parametrize("exchange", ["NXT", "SOR"])
def test_krx_only_types_refused_elsewhere(code, price, exchange):
    checked = check(buy(trade_type=code, price=price, exchange=exchange))
    assert_error(checked, Field.EXCHANGE, "exchange.type")


@pytest.mark.parametrize(("code", "price"), [("5", "70000"), ("61", "")])
def test_krx_only_types_pass_on_krx(code, price):
    assert_clean(check(buy(trade_type=code, price=price, exchange="KRX")))


# --- original order number (modify, cancel) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [("139", "0000139"), ("0000139", "0000139"), (" 140 ", "0000140"), ("1234567", "1234567")],
)
def test_original_order_number_padded_to_seven_digits(text, normalised):
    assert normalise_order_no(text) == normalised
    for ticket in (modify(orig_ord_no=text), cancel(orig_ord_no=text)):
        checked = check(ticket)
        assert_clean(checked)
        assert checked.order.body()["orig_ord_no"] == normalised


@pytest.mark.parametrize("text", ["", "0", "0000000", "12345678", "abc", "12-34", "１３９"])
@pytest.mark.parametrize("make", [modify, cancel])
def test_original_order_number_format(text, make):
    assert_error(check(make(orig_ord_no=text)), Field.ORIG_ORD_NO, "orig.format")


# --- modify and cancel ------------------------------------------------------------------


def test_modify_requires_a_price():
    assert_error(check(modify(price="")), Field.PRICE, "price.required")


def test_modify_stop_price_is_optional_and_checked_when_given():
    checked = check(modify(stop_price="199500"))
    assert_clean(checked)
    assert checked.order == ModifyOrder(Exchange.KRX, "0000139", "005930", 1, 199_700, 199_500)
    assert_error(check(modify(stop_price="199550")), Field.STOP_PRICE, "stop_price.tick")


def test_cancel_ignores_price_fields():
    checked = check(cancel(price="garbage", stop_price="garbage"))
    assert_clean(checked)
    assert checked.order == CancelOrder(Exchange.KRX, "0000140", "005930", 1)


# --- the report as a whole --------------------------------------------------------------


def test_all_problems_are_reported_at_once():
    checked = check(TicketInput(Action.BUY, "XX", "", "", "0", ""))
    fields = {i.field for i in checked.report.errors}
    assert fields == {Field.EXCHANGE, Field.STOCK_CODE, Field.QUANTITY, Field.PRICE}
    assert checked.order is None


def test_clean_ticket_builds_the_expected_order():
    checked = check(buy(exchange="SOR", quantity="3", price="70,100"))
    assert checked.report.issues == ()
    assert checked.order == NewOrder(Action.BUY, Exchange.SOR, "005930", 3, "0", 70_100)


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
