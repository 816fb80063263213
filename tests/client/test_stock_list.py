"""ka10099 stock list: every page of a market from the practice exchange, and rows that
are not Kiwoom's shape refused whole (a code taken from the list is what an order names)."""

from __future__ import annotations

import pytest

from kiwoom_ticket.kiwoom import BadResponse, KiwoomClient, Timeouts
from kiwoom_ticket.kiwoom.stock_list import MAX_ROWS

from . import hostile
from .conftest import FAKE


def test_each_market_comes_whole_over_its_pages(sim, client):
    kospi = client.stock_list("0")  # the practice exchange pages by three here
    kosdaq = client.stock_list("10")
    assert len(kospi) > 3 and len(kosdaq) > 3
    assert {r["market"] for r in kospi} == {"KOSPI"}
    assert {r["market"] for r in kosdaq} == {"KOSDAQ"}
    every = kospi + kosdaq
    assert sorted(r["code"] for r in every) == sorted(sim.market.codes())
    assert {"code": "005930", "name": "삼성전자", "market": "KOSPI"} in kospi
    assert client.stock_list("8") == []  # no ETFs on the practice exchange


@pytest.fixture
def server():
    s = hostile.HostileServer()
    yield s
    s.close()


def page(rows: list) -> hostile.Writer:
    return hostile.json_reply({"return_code": 0, "return_msg": "정상적으로 처리되었습니다",
                               "list": rows})


GOOD = {"code": "005930", "name": "삼성전자", "marketCode": "0", "marketName": "거래소"}


@pytest.mark.parametrize("row", [
    {**GOOD, "code": 5930},
    {**GOOD, "code": "05930"},
    {**GOOD, "code": "A005930"},
    {**GOOD, "code": "00593!"},
    {**GOOD, "name": None},
    {**GOOD, "name": ""},
    {**GOOD, "name": "가" * 61},
    {**GOOD, "name": "삼성\n전자"},
    {"name": "삼성전자"},
])
def test_a_row_that_is_not_kiwoom_shape_refuses_the_list(server, row):
    server.reply = page([GOOD, row])
    client = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=2.0))
    with pytest.raises(BadResponse) as err:
        client.stock_list("0")
    assert "Malformed stock list" in str(err.value)


def test_too_many_rows_refuse_the_list(server):
    rows = [{"code": f"{n:06d}", "name": f"종목{n}"} for n in range(MAX_ROWS + 1)]
    server.reply = page(rows)
    client = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=2.0))
    with pytest.raises(BadResponse):
        client.stock_list("10")


def test_spaces_around_kiwoom_fields_are_trimmed(server):
    server.reply = page([{**GOOD, "code": " 0001A0", "name": "덕양에너젠 "}])
    client = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=2.0))
    assert client.stock_list("10") == [{"code": "0001A0", "name": "덕양에너젠",
                                        "market": "KOSDAQ"}]
