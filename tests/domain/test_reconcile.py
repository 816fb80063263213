"""Which exchange row is an order whose reply never came (pure matching, no I/O)."""

from datetime import datetime

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.numbers import kiwoom_int
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.reconcile import find_match, parse_row
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.sessions import KST

SENT = datetime(2026, 11, 25, 10, 0, 0, tzinfo=KST)


def record(order) -> OrderRecord:
    return OrderRecord.from_request("x", "practice", order).moved(created_at=SENT)


def row(ord_no="0000050", io="+매수", qty="3", price="199000", tm="100001", orig="0000000",
        stex="KRX", stk="005930"):
    return parse_row({"ord_no": ord_no, "stk_cd": stk, "io_tp_nm": io, "ord_qty": qty,
                      "ord_pric": price, "tm": tm, "orig_ord_no": orig, "stex_tp_txt": stex,
                      "oso_qty": qty, "cntr_qty": "0"})


LIMIT_BUY = record(NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "0", 199_000))


def test_the_same_order_after_the_send_matches():
    assert find_match(LIMIT_BUY, [row()], set()).ord_no == "0000050"


def test_any_difference_in_what_was_sent_does_not_match():
    for other in (row(io="-매도"), row(qty="4"), row(price="199100"), row(stex="NXT"),
                  row(stk="000660")):
        assert find_match(LIMIT_BUY, [other], set()) is None


def test_a_row_from_before_the_send_is_not_it_but_clock_slack_is_allowed():
    assert find_match(LIMIT_BUY, [row(tm="095950")], set()) is None  # 10 s earlier
    assert find_match(LIMIT_BUY, [row(tm="095957")], set()) is not None  # 3 s: clocks differ


def test_an_order_number_the_journal_knows_is_never_matched_again():
    rows = [row("0000050"), row("0000051")]
    assert find_match(LIMIT_BUY, rows, {"0000050"}).ord_no == "0000051"
    assert find_match(LIMIT_BUY, rows, {"0000050", "0000051"}) is None


def test_of_two_candidates_the_earliest_wins():
    assert find_match(LIMIT_BUY, [row("0000052"), row("0000051")], set()).ord_no == "0000051"


def test_market_orders_match_price_zero():
    market = record(NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "3"))
    assert find_match(market, [row(price="0")], set()) is not None


def test_modify_and_cancel_match_by_their_original():
    modify = record(ModifyOrder(Exchange.KRX, "0000050", "005930", 0, 198_900))
    cancel = record(CancelOrder(Exchange.KRX, "0000050", "005930", 0))
    mod_row = row("0000060", io="+매수정정", orig="0000050")
    cancel_row = row("0000061", io="+매수취소", orig="0000050")
    assert find_match(modify, [cancel_row, mod_row], set()).ord_no == "0000060"
    assert find_match(cancel, [mod_row, cancel_row], set()).ord_no == "0000061"
    assert find_match(modify, [row("0000062", io="+매수정정", orig="0000049")], set()) is None


def test_balance_style_codes_and_signed_numbers_are_read():
    parsed = parse_row({"ord_no": "0000070", "stk_cd": "A005930", "io_tp_nm": "-매도",
                        "ord_qty": "000000000003", "ord_pric": "+199000", "sor_yn": "Y"})
    assert (parsed.stock_code, parsed.action, parsed.quantity, parsed.price, parsed.exchange) \
        == ("005930", Action.SELL, 3, 199_000, Exchange.SOR)
    assert parsed.orig_ord_no is None  # "" and "0000000" mean no original
    assert parsed.fill_price == 0  # no cntr_pric: nothing filled


def test_the_fill_price_is_read_from_cntr_pric():
    parsed = parse_row({"ord_no": "0000037", "stk_cd": "005930", "io_tp_nm": "-매도",
                        "ord_qty": "1", "ord_pric": "158200", "cntr_pric": "158200",
                        "cntr_qty": "1", "oso_qty": "0", "ord_tm": "153815"})
    assert (parsed.filled, parsed.fill_price, parsed.time_hhmmss) == (1, 158_200, "153815")


def test_kiwoom_numbers():
    assert [kiwoom_int(v) for v in ("+74100", "-60150", "000000000017534", "", None, "x")] \
        == [74100, 60150, 17534, 0, 0, 0]
