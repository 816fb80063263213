"""ka10004 주식호가요청 through the client: the practice exchange's book read as ten
levels a side, and a reply whose numbers are not Kiwoom's text refused."""

import pytest

from kiwoom_ticket.domain.market_depth import Depth
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.kiwoom import BadResponse, KiwoomClient, Timeouts

from . import hostile
from .conftest import FAKE


def test_the_book_has_ten_levels_a_tick_apart(client):
    body = client.order_book("005930")
    depth = Depth.from_ka10004(body, "005930")
    assert [lv.price for lv in depth.asks] == [step_ticks(depth.asks[0].price, n)
                                               for n in range(10)]
    assert [lv.price for lv in depth.bids] == [step_ticks(depth.bids[0].price, -n)
                                               for n in range(10)]
    assert depth.asks[0].price > depth.bids[0].price
    assert all(lv.qty > 0 for lv in depth.asks + depth.bids)
    assert depth.ask_total == sum(lv.qty for lv in depth.asks)
    assert depth.bid_total == sum(lv.qty for lv in depth.bids)


@pytest.fixture
def server():
    s = hostile.HostileServer()
    yield s
    s.close()


@pytest.mark.parametrize("bad", [{"sel_fpr_bid": 201000}, {"buy_fpr_req": "1e9"},
                                 {"tot_sel_req": ["1"]}, {"sel_3th_pre_bid": "+2O1000"}])
def test_a_book_with_numbers_that_are_not_kiwoom_text_is_refused(server, bad):
    server.reply = hostile.json_reply({"sel_fpr_bid": "+201000", "sel_fpr_req": "5",
                                       "return_code": 0, "return_msg": "ok"} | bad)
    client = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=1.5,
                                                                   total=1.5))
    try:
        with pytest.raises(BadResponse, match="호가 응답 형식 오류"):
            client.order_book("005930")
    finally:
        client.close()
