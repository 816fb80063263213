"""Validation of the non-price fields: code, quantity, exchange, order number, report."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.validation import (
    Field,
    Severity,
    TicketInput,
    check,
    normalise_order_no,
    normalise_stock_code,
)

from .tickets import assert_clean, assert_error, buy, cancel, modify, sell

# --- stock code -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   "])
def test_stock_code_required(text):
    assert_error(check(buy(stock_code=text)), Field.STOCK_CODE, "stock.required")


@pytest.mark.parametrize(
    "text", ["00593", "0059301", "A00593", "B005930", "AA05930", "00 5930", "x05930"]
)
def test_stock_code_format(text):
    assert_error(check(buy(stock_code=text)), Field.STOCK_CODE, "stock.format")


@pytest.mark.parametrize("text", ["삼성전자", "ㅅㅅㅈㅈ", "NAVER", " kakao ", "삼성 전자"])
def test_a_name_no_stock_was_taken_for_is_an_unknown_stock(text):
    checked = check(buy(stock_code=text))
    assert checked.order is None  # nothing is sent
    [issue] = checked.report.for_field(Field.STOCK_CODE)
    assert issue.code == "stock.unknown" and issue.severity is Severity.ERROR
    # The text as typed, in both languages (the English keeps the Hangul name).
    assert text.strip() in issue.text.ko and text.strip() in issue.text.en
    assert issue.text.en.startswith("There is no stock")


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


@pytest.mark.parametrize("text", ["0", "0000000", "12345678", "abc", "12-34", "１３９"])
@pytest.mark.parametrize("make", [modify, cancel])
def test_original_order_number_format(text, make):
    assert_error(check(make(orig_ord_no=text)), Field.ORIG_ORD_NO, "orig.format")


@pytest.mark.parametrize("text", ["", "  "])
@pytest.mark.parametrize("make", [modify, cancel])
def test_no_original_order_says_to_select_one_in_the_log(text, make):
    """Nothing selected is not "longer than 7 digits": it says where to pick the order."""
    assert_error(check(make(orig_ord_no=text)), Field.ORIG_ORD_NO, "orig.required")
    (issue,) = check(make(orig_ord_no=text)).report.for_field(Field.ORIG_ORD_NO)
    assert "주문 내역에서" in issue.text.ko and "order log" in issue.text.en
    assert "7" not in issue.text.ko + issue.text.en


@pytest.mark.parametrize("text", ["0", "-1", "1.5"])
def test_a_buy_quantity_says_one_share_or_more(text):
    (issue,) = check(buy(quantity=text)).report.for_field(Field.QUANTITY)
    assert "1주 이상" in issue.text.ko and "1" in issue.text.en
    assert "0 이상" not in issue.text.ko


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
