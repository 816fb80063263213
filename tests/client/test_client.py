"""The REST client against the practice exchange over loopback."""

import functools
import socket
from datetime import UTC, datetime, timedelta

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.numbers import kiwoom_int
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.kiwoom import (
    AuthError,
    BadResponse,
    KiwoomClient,
    NotSent,
    OrderRejected,
    OutcomeUnknown,
    RateLimited,
    Timeouts,
)
from kiwoom_ticket.kiwoom.errors import embedded_code
from kiwoom_ticket.kiwoom.token import KST, Token, parse_expires_dt

from .conftest import FAKE

MARKET_BUY = NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3")


def resting_buy(sim, qty=5):
    """A limit buy well under the market, so it rests on the book."""
    from kiwoom_ticket.domain.ticks import price_limits

    lower, _ = price_limits(_base(sim))
    return NewOrder(Action.BUY, Exchange.KRX, "005930", qty, "0", lower)


@functools.cache
def _base_at(base_url: str) -> int:
    """The stock's base price (fixed for the day): asked once per exchange."""
    c = KiwoomClient(base_url, FAKE)
    try:
        return kiwoom_int(c.stock_info("005930")["base_pric"])
    finally:
        c.close()


def _base(sim):
    return _base_at(sim.base_url)


def test_token_is_issued_with_a_kst_expiry(client):
    token = client.issue_token()
    assert token.value and token.expires_at.tzinfo is not None
    assert token.expires_at > datetime.now(UTC)


def test_expires_dt_is_read_as_korean_time():
    exp = parse_expires_dt("20241107083713")
    assert exp == datetime(2024, 11, 6, 23, 37, 13, tzinfo=UTC)
    assert exp.tzinfo.utcoffset(None) == timedelta(hours=9)


def test_token_refreshes_shortly_before_expiry(client):
    first = client.ensure_token()
    assert client.ensure_token() is first  # still fresh: reused
    # Pretend it expires in five minutes: inside the refresh margin.
    client._token = Token(first.value, datetime.now(KST) + timedelta(minutes=5))
    second = client.ensure_token()
    assert second.value != first.value


def test_market_buy_gets_an_order_number(client):
    ack = client.send_order(MARKET_BUY)
    assert len(ack.ord_no) == 7 and ack.ord_no.isdigit()
    assert ack.exchange == "KRX"


def test_modify_and_cancel_chain(sim, client):
    buy = client.send_order(resting_buy(sim))
    mod = client.send_order(ModifyOrder(Exchange.KRX, buy.ord_no, "005930", 0,
                                        resting_buy(sim).price + 100))
    assert mod.ord_no != buy.ord_no
    assert mod.base_orig_ord_no == buy.ord_no
    cancel = client.send_order(CancelOrder(Exchange.KRX, mod.ord_no, "005930", 0))
    assert cancel.base_orig_ord_no == buy.ord_no
    assert int(cancel.quantity) == 5  # "0" cancelled all that remained, and says how many


def test_an_8005_is_retried_once_with_a_new_token(sim, client):
    client.issue_token()
    old = client.token
    before = sim.received("kt10000")
    sim.faults.inject(api_id="kt10000", kind="expired_token", count=1)
    ack = client.send_order(MARKET_BUY)
    assert ack.ord_no
    assert client.token.value != old.value
    assert sim.received("kt10000") == before + 2  # refused once before processing, then taken


def test_a_second_8005_is_not_retried_again(sim, client):
    client.issue_token()
    sim.faults.inject(api_id="kt10000", kind="expired_token", count=2)
    with pytest.raises(AuthError) as err:
        client.send_order(MARKET_BUY)
    assert err.value.code == "8005"


def test_429_is_rate_limited_not_unknown(sim, client):
    sim.faults.inject(api_id="kt10000", kind="rate_limit", count=1)
    with pytest.raises(RateLimited) as err:
        client.send_order(MARKET_BUY)
    assert err.value.http_status == 429
    assert err.value.code == "1700"


def test_timeout_gives_outcome_unknown_after_exactly_one_request(sim, client):
    client.issue_token()
    before = sim.received("kt10000")
    sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=2.0)
    with pytest.raises(OutcomeUnknown) as err:
        client.send_order(MARKET_BUY)
    assert not isinstance(err.value, BadResponse)
    assert "within 1 s" in err.value.message  # names the read timeout
    assert sim.received("kt10000") == before + 1


def test_dropped_connection_after_accept_is_unknown(sim, client):
    client.issue_token()
    before = len(sim.ledger())
    sim.faults.inject(api_id="kt10000", kind="drop_after_accept", count=1)
    with pytest.raises(OutcomeUnknown):
        client.send_order(MARKET_BUY)
    assert len(sim.ledger()) == before + 1  # the exchange took it: hence "unknown", not "failed"


def test_malformed_json_is_a_clear_error(sim, client):
    client.issue_token()
    sim.faults.inject(api_id="kt10000", kind="bad_json", count=1)
    with pytest.raises(BadResponse) as err:
        client.send_order(MARKET_BUY)
    assert "Unreadable reply" in str(err.value)


def test_html_500_is_a_clear_error(sim, client):
    client.issue_token()
    sim.faults.inject(api_id="kt10000", kind="http500", count=1)
    with pytest.raises(BadResponse) as err:
        client.send_order(MARKET_BUY)
    assert err.value.http_status == 500


def test_off_tick_price_is_rejected_with_its_code(sim, client):
    base = _base(sim)
    with pytest.raises(OrderRejected) as err:
        client.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "0", base + 1))
    assert err.value.code == "RC4003"


def test_paging_follows_next_key_to_the_end(sim, client):
    for _ in range(7):  # page_size is 3
        client.send_order(resting_buy(sim, qty=1))
    rows = client.open_orders()
    assert len(rows) >= 7
    assert len({r["ord_no"] for r in rows}) == len(rows)


def test_nothing_listening_means_not_sent():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = KiwoomClient(f"http://127.0.0.1:{port}", FAKE, timeouts=Timeouts(1, 1))
    with pytest.raises(NotSent):
        c.issue_token()


def test_secrets_never_show_in_repr_or_errors(sim, client):
    client.issue_token()
    text = repr(client) + str(client.credentials) + repr(client.token)
    sim.faults.inject(api_id="kt10000", kind="http500", count=1)
    with pytest.raises(BadResponse) as err:
        client.send_order(MARKET_BUY)
    text += str(err.value) + repr(err.value)
    for secret in (FAKE.appkey, FAKE.secretkey, client.token.value):
        assert secret not in text


def test_tls_verification_cannot_be_switched_off():
    with pytest.raises(ValueError):
        KiwoomClient("https://api.kiwoom.com", FAKE, verify=False)
    with pytest.raises(ValueError):
        KiwoomClient("http://api.kiwoom.com", FAKE)


@pytest.mark.parametrize(("msg", "code"), [
    ("인증에 실패했습니다[8005:Token이 유효하지 않습니다]", "8005"),
    ("[2000](RC4003:모의투자 호가단위 오류입니다.)", "RC4003"),
    ("[2000](800033:모의투자 매도가능수량이 부족합니다.)", "800033"),
    ("허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 초과하였습니다. 유량=5, API ID=kt10000]", "1700"),
    ("토큰 인증에 실패했습니다 [CODE=8005, MESSAGE=Token이 유효하지 않습니다]", "8005"),
    ("정상적으로 처리되었습니다", None),
])
def test_embedded_codes_are_found(msg, code):
    assert embedded_code(msg) == code


def test_an_order_whose_token_call_times_out_was_not_sent(sim, client):
    """The order never left if its token could not be had: not 'outcome unknown'."""
    before = sim.received("kt10000")
    sim.faults.inject(api_id="au10001", kind="latency", count=1, seconds=2.0, phase="before")
    with pytest.raises(NotSent) as err:
        client.send_order(MARKET_BUY)
    assert "no token" in str(err.value)
    assert sim.received("kt10000") == before


def test_a_rate_limited_query_is_asked_again_but_an_order_never(sim):
    waits = []
    c = KiwoomClient(sim.base_url, FAKE, sleep=waits.append)
    try:
        before = sim.received("ka10001")
        sim.faults.inject(api_id="ka10001", kind="rate_limit", count=1)
        assert c.stock_info("005930")["stk_nm"]
        assert sim.received("ka10001") == before + 2 and waits == [1.0]
        orders = sim.received("kt10000")
        sim.faults.inject(api_id="kt10000", kind="rate_limit", count=1)
        with pytest.raises(RateLimited):
            c.send_order(MARKET_BUY)
        assert sim.received("kt10000") == orders + 1
    finally:
        sim.faults.clear()
        c.close()
