"""시간외단일가 (62): prices within ±10% of the close, on the grid."""

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.validation import Field, MarketContext, TicketInput, check

CLOSED_AT = MarketContext(base_price=195_000, current_price=200_000)


def single_price(price: str) -> TicketInput:
    return TicketInput(Action.BUY, "KRX", "005930", "1", "62", price)


def test_inside_the_band_passes():
    # 200,000 x 0.9 = 180,000 and x 1.1 = 220,000, both on the 500-won grid above 200,000
    # and the 100-won grid below it.
    for price in ("180000", "220000", "199900"):
        assert check(single_price(price), CLOSED_AT).order is not None, price


def test_outside_the_band_is_refused_next_to_the_price():
    checked = check(single_price("220500"), CLOSED_AT)
    assert checked.order is None
    [issue] = checked.report.errors
    assert issue.field is Field.PRICE and issue.code == "price.single_band"
    assert "180,000" in issue.text.ko and "220,000" in issue.text.en


def test_other_types_keep_the_daily_limit_only():
    limit = TicketInput(Action.BUY, "KRX", "005930", "1", "0", "230000")
    assert check(limit, CLOSED_AT).order is not None
