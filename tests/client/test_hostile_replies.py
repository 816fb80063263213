"""The client against a server that lies, stalls, floods and redirects.

Every case must end as a typed error within the request's deadline: an order never
becomes "accepted" with a junk number, and nothing is left waiting on the server.
"""

import time

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.kiwoom import (
    BadResponse,
    KiwoomClient,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    Timeouts,
)
from kiwoom_ticket.kiwoom.environments import checked_base_url
from kiwoom_ticket.kiwoom.errors import ApiError

from . import hostile
from .conftest import FAKE

BUY = NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3")
DEADLINE = 1.5


@pytest.fixture
def server():
    s = hostile.HostileServer()
    yield s
    s.close()


@pytest.fixture
def elsewhere():
    """Where a redirect points: it must never be sent anything."""
    s = hostile.HostileServer()
    yield s
    s.close()


def client_for(server) -> KiwoomClient:
    return KiwoomClient(server.base_url, FAKE,
                        timeouts=Timeouts(connect=1.0, read=DEADLINE, total=DEADLINE))


def test_a_redirected_order_is_outcome_unknown_and_not_followed(server, elsewhere):
    server.reply = hostile.redirect(elsewhere.base_url + "/api/dostk/ordr")
    client = client_for(server)
    with pytest.raises(OutcomeUnknown) as err:
        client.send_order(BUY)
    assert "127.0.0.1" in err.value.message and "redirect" in err.value.message
    assert server.received("kt10000") == 1
    assert elsewhere.requests == []


@pytest.mark.parametrize("status", ["301 Moved Permanently", "302 Found", "303 See Other",
                                    "307 Temporary Redirect", "308 Permanent Redirect"])
def test_a_redirected_token_request_names_the_host_and_sends_no_keys_on(server, status):
    server.token_reply = hostile.redirect("http://evil.example/oauth2/token", status)
    client = client_for(server)
    with pytest.raises(BadResponse) as err:
        client.issue_token()
    assert "evil.example" in err.value.message
    with pytest.raises(NotSent) as err:
        client.send_order(BUY)  # no token, so the order never left
    assert "evil.example" in err.value.message
    assert server.received("au10001") == 2 and server.received("kt10000") == 0


@pytest.mark.parametrize("writer", [hostile.drip_body, hostile.drip_headers],
                         ids=["body", "headers"])
def test_a_dripping_reply_ends_at_the_deadline(server, writer):
    server.reply = writer(0.1)
    client = client_for(server)
    client.issue_token()
    started = time.monotonic()
    with pytest.raises(OutcomeUnknown) as err:
        client.send_order(BUY)
    waited = time.monotonic() - started
    assert "within 1.5 s" in err.value.message
    # Loose on purpose: the bound that matters is "ends", not how fast.
    assert waited < DEADLINE + 3


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_an_oversized_order_reply_is_outcome_unknown(server, declared):
    server.reply = hostile.flood(10 * 1024 * 1024, declared=declared)
    client = client_for(server)
    with pytest.raises(BadResponse) as err:
        client.send_order(BUY)
    assert "too large" in err.value.message


def test_an_oversized_query_page_is_an_error(server):
    server.reply = hostile.flood(6 * 1024 * 1024)
    client = client_for(server)
    with pytest.raises(BadResponse):
        client.open_orders()


@pytest.mark.parametrize("body", [
    {"ord_no": 1234567, "return_code": 0},
    {"ord_no": {"no": "0000001"}, "return_code": 0},
    {"ord_no": ["0000001"], "return_code": 0},
    {"ord_no": "00024", "return_code": 0},
    {"ord_no": "00000001", "return_code": 0},
    {"ord_no": "000000a", "return_code": 0},
    {"ord_no": "", "return_code": 0},
    {"ord_no": "0000001", "return_code": True},
    {"ord_no": "0000001", "return_code": 0.0},
    {"ord_no": "0000001", "return_code": "zero"},
    {"ord_no": "0000001", "return_code": 0, "dmst_stex_tp": "NYSE"},
    {"ord_no": "0000001", "return_code": 0, "base_orig_ord_no": 7},
    {"ord_no": "0000001", "return_code": 0, "cncl_qty": {"qty": 1}},
    {"ord_no": "0000001"},
    [0, "0000001"],
    "accepted",
], ids=lambda b: repr(b)[:40])
def test_a_mistyped_order_reply_is_outcome_unknown(server, body):
    server.reply = hostile.json_reply(body)
    with pytest.raises(BadResponse):
        client_for(server).send_order(BUY)


@pytest.mark.parametrize("raw", [
    b'{"ord_no":"0000001","return_code":1e999,"return_msg":"ok"}',
    b'{"ord_no":"0000001","return_code":NaN}',
    b'{"ord_no":"0000001","return_code":Infinity}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000 + b"0" + b"}" * 50_000,
    b"\xff\xfe not utf-8",
    b'{"ord_no":"0000001","return_code":0',
], ids=["1e999", "NaN", "Infinity", "deep-list", "deep-object", "not-utf8", "truncated"])
def test_unreadable_json_is_outcome_unknown(server, raw):
    server.reply = hostile.json_reply(raw)
    with pytest.raises(BadResponse):
        client_for(server).send_order(BUY)


def test_a_huge_return_msg_is_cut(server):
    server.reply = hostile.json_reply({"return_code": 20, "return_msg": "거부 " * 5_000})
    with pytest.raises(ApiError) as err:
        client_for(server).send_order(BUY)
    assert len(err.value.message) <= 300


@pytest.mark.parametrize("url", [
    "http://api.kiwoom.com", "http://api.kiwoom.com.", "http://API.KIWOOM.COM:443",
    "http://user:pw@api.kiwoom.com", "https://user@api.kiwoom.com", "http://mockapi.kiwoom.com./",
    "http://example.com", "ftp://api.kiwoom.com", "api.kiwoom.com", "http://10.0.0.1:8080",
])
def test_plain_http_goes_only_to_loopback(url):
    with pytest.raises(ValueError):
        checked_base_url(url)
    with pytest.raises(ValueError):
        KiwoomClient(url, FAKE)


@pytest.mark.parametrize(("url", "normal"), [
    ("HTTPS://API.Kiwoom.com./", "https://api.kiwoom.com"),
    ("https://mockapi.kiwoom.com:10000", "https://mockapi.kiwoom.com:10000"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("http://localhost:1", "http://localhost:1"),
    ("http://[::1]:9", "http://[::1]:9"),
])
def test_addresses_are_normalised(url, normal):
    assert checked_base_url(url) == normal


# Kiwoom answers both "over 100 codes" (1634) and "too many requests" (1700) with
# return_code 5 and the same words; only the bracketed code tells them apart.
RC5_TEXT = "허용된 요청 개수를 초과하였습니다[{code}:{what}]"
TOO_MANY_CODES = RC5_TEXT.format(code=1634, what="요청 종목 수가 100개를 초과하였습니다")
TOO_FAST = RC5_TEXT.format(code=1700, what="허용된 API 요청 개수를 초과하였습니다. 유량=1, "
                                        "API ID=ka10001")


@pytest.mark.parametrize("status", ["200 OK", "429 Too Many Requests"])
def test_1634_is_a_permanent_error_not_a_rate_limit_and_is_not_asked_again(server, status):
    server.reply = hostile.json_reply({"return_code": 5, "return_msg": TOO_MANY_CODES}, status)
    waits: list[float] = []
    c = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=1.0),
                     sleep=waits.append)
    try:
        with pytest.raises(ApiError) as err:
            c.stock_info("005930")
        assert not isinstance(err.value, RateLimited)
        assert err.value.code == "1634" and err.value.return_code == 5
        assert "Too many codes" in err.value.message
        assert server.received("ka10001") == 1 and waits == []  # a retry would get the same no
    finally:
        c.close()


def test_1700_with_return_code_5_is_still_a_rate_limit_and_asked_again(server):
    server.reply = hostile.json_reply({"return_code": 5, "return_msg": TOO_FAST})
    waits: list[float] = []
    c = KiwoomClient(server.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=1.0),
                     sleep=waits.append)
    try:
        with pytest.raises(RateLimited) as err:
            c.stock_info("005930")
        assert err.value.code == "1700"
        assert server.received("ka10001") == 3 and len(waits) == 2
    finally:
        c.close()
