"""Order records keep what was sent; every enum member has Korean and English labels."""

from __future__ import annotations

import re

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.sessions import MarketPhase
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.text import Text

_HANGUL = re.compile(r"[가-힣]")

STOP_BUY = NewOrder(Action.BUY, Exchange.NXT, "005930", 10, "28", 70_000, 71_000)
MODIFY = ModifyOrder(Exchange.KRX, "0000139", "005930", 1, 199_700)
CANCEL = CancelOrder(Exchange.KRX, "0000140", "005930", 0)


def test_record_from_a_new_order_keeps_body_and_numbers():
    record = OrderRecord.from_request("L1", "mock", STOP_BUY, stock_name="삼성전자")
    assert record.body == STOP_BUY.body()
    assert (record.local_id, record.env, record.stock_name) == ("L1", "mock", "삼성전자")
    assert record.action is Action.BUY
    assert record.exchange is Exchange.NXT
    assert (record.stock_code, record.quantity) == ("005930", 10)
    assert (record.trade_type, record.price, record.stop_price) == ("28", 70_000, 71_000)
    assert record.orig_ord_no is None and record.ord_no is None
    assert record.status is OrderStatus.SENDING
    assert record.filled_qty == 0


def test_record_from_a_modify_keeps_the_target_and_price():
    record = OrderRecord.from_request("L2", "mock", MODIFY)
    assert record.body == MODIFY.body()
    assert record.action is Action.MODIFY
    assert record.trade_type is None  # modify can't change the type; the body has none
    assert (record.price, record.stop_price) == (199_700, None)
    assert record.orig_ord_no == "0000139"
    assert record.lineage_root == "0000139"


def test_record_from_a_cancel_keeps_quantity_zero():
    record = OrderRecord.from_request("L3", "real", CANCEL)
    assert record.body == CANCEL.body()
    assert record.quantity == 0
    assert record.price is None and record.stop_price is None
    assert record.orig_ord_no == "0000140"


def test_moved_changes_fields_and_time_but_not_the_request():
    record = OrderRecord.from_request("L1", "mock", STOP_BUY)
    moved = record.moved(status=OrderStatus.ACCEPTED, ord_no="0000141")
    assert moved.status is OrderStatus.ACCEPTED and moved.ord_no == "0000141"
    assert moved.updated_at >= record.updated_at
    assert moved.created_at == record.created_at
    assert moved.body == record.body
    assert record.status is OrderStatus.SENDING  # the original is untouched


def test_lineage_root_prefers_the_chain_root():
    record = OrderRecord.from_request("L2", "mock", MODIFY).moved(ord_no="0000150")
    assert record.lineage_root == "0000139"
    assert record.moved(root_ord_no="0000100").lineage_root == "0000100"
    new = OrderRecord.from_request("L1", "mock", STOP_BUY).moved(ord_no="0000141")
    assert new.lineage_root == "0000141"


def assert_bilingual(text: Text) -> None:
    assert _HANGUL.search(text.ko), text
    assert text.en.strip() and not _HANGUL.search(text.en), text


@pytest.mark.parametrize("member", [*Exchange, *OrderStatus, *Action, *MarketPhase], ids=str)
def test_every_member_has_a_korean_and_an_english_label(member):
    assert_bilingual(member.label)


@pytest.mark.parametrize("enum", [Exchange, OrderStatus, Action, MarketPhase])
def test_labels_are_distinct(enum):
    labels = [m.label for m in enum]
    assert len({t.ko for t in labels}) == len(labels)
    assert len({t.en for t in labels}) == len(labels)


def test_text_picks_a_language():
    text = Text("매수", "Buy")
    assert text.get("ko") == "매수"
    assert text.get("en") == "Buy"
    assert str(text) == "매수 / Buy"


def test_exchange_query_codes_follow_ka10075():
    assert {e: e.query_code for e in Exchange} == {
        Exchange.SOR: "0", Exchange.KRX: "1", Exchange.NXT: "2"
    }


@pytest.mark.parametrize(("text", "exchange"), [
    ("KRX", Exchange.KRX), (" nxt ", Exchange.NXT), ("sor", Exchange.SOR),
    ("", None), ("KOSPI", None), ("%", None),
])
def test_exchange_parse(text, exchange):
    assert Exchange.parse(text) is exchange


def test_only_accepted_and_partly_filled_are_open():
    assert {s for s in OrderStatus if s.is_open} == {
        OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED
    }


def test_sending_and_unknown_are_unsettled():
    assert {s for s in OrderStatus if s.is_unsettled} == {
        OrderStatus.SENDING, OrderStatus.UNKNOWN
    }


def test_only_orders_known_never_placed_are_safe_to_resend():
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder
    from kiwoom_ticket.domain.records import OrderRecord
    from kiwoom_ticket.domain.status import OrderStatus

    rec = OrderRecord.from_request("x", "practice",
                                   NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3"))
    assert rec.moved(status=OrderStatus.NOT_RECEIVED).safe_to_resend
    assert rec.moved(status=OrderStatus.REJECTED, error_code="1700").safe_to_resend
    for status, code in ((OrderStatus.REJECTED, "RC4003"), (OrderStatus.UNKNOWN, "1700"),
                         (OrderStatus.ACCEPTED, None), (OrderStatus.SENDING, None)):
        assert not rec.moved(status=status, error_code=code).safe_to_resend, status
