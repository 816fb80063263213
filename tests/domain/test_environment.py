"""The environments' rules: which exchanges each takes, keys, pacing, confirmations, and
the one text for an exchange an environment does not take."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.environment import (
    Environment,
    exchange_not_taken,
    exchange_unavailable_reason,
)
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.validation import Field, check

from .tickets import buy


def test_only_kiwoom_mock_limits_exchanges():
    # exchange_not_taken names Kiwoom mock: it must stay the only one that limits them.
    limited = [env for env in Environment if set(env.exchanges) != set(Exchange)]
    assert limited == [Environment.MOCK]
    assert Environment.MOCK.exchanges == (Exchange.KRX,)


@pytest.mark.parametrize("env", list(Environment))
@pytest.mark.parametrize("exchange", list(Exchange))
def test_unavailable_reason_is_the_one_text(env, exchange):
    reason = exchange_unavailable_reason(env, exchange)
    if exchange in env.exchanges:
        assert reason is None
    else:
        assert reason == exchange_not_taken(exchange)


@pytest.mark.parametrize("exchange", [Exchange.NXT, Exchange.SOR])
def test_validation_says_the_same_as_the_ticket(exchange):
    checked = check(buy(exchange=exchange.value), allowed_exchanges=Environment.MOCK.exchanges)
    texts = [i.text for i in checked.report.for_field(Field.EXCHANGE)
             if i.code == "exchange.environment"]
    assert texts == [exchange_unavailable_reason(Environment.MOCK, exchange)]
    assert "KRX" in texts[0].ko and "KRX only" in texts[0].en


def test_only_real_always_confirms():
    assert [env for env in Environment if env.always_confirms] == [Environment.REAL]


def test_keys_and_pacing():
    assert not Environment.PRACTICE.needs_credentials
    assert Environment.MOCK.needs_credentials and Environment.REAL.needs_credentials
    assert Environment.MOCK.orders_per_second == 1.0  # mockapi.kiwoom.com: 1 request/s
    assert Environment.REAL.orders_per_second == Environment.PRACTICE.orders_per_second == 5.0
