"""The account snapshot: kt00001 orderable cash and kt00018 holdings, parsed from Kiwoom's
zero-padded signed strings, every page followed."""

from __future__ import annotations

import pytest

from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, Timeouts
from kiwoom_ticket.service import AccountSnapshot, Holding, fetch_account
from kiwoom_ticket.service.account import orderable_cash, parse_holding, signed_int
from kiwoom_ticket.simulator import SimConfig, Simulator

FAKE = Credentials("acct-app-key-0123456789", "acct-secret-key-9876543210")
SPEC_ROW = {  # the first row of the kt00018 response example
    "stk_cd": "A005930", "stk_nm": "삼성전자", "evltv_prft": "-00000000196888",
    "prft_rt": "-52.71", "pur_pric": "000000000124500", "rmnd_qty": "000000000000003",
    "trde_able_qty": "000000000000003", "cur_prc": "000000059000",
}


@pytest.mark.parametrize(("text", "value"), [
    ("-00000000196888", -196888), ("000000008138825", 8138825), ("+0000123", 123),
    ("", 0), (None, 0), ("abc", 0),
])
def test_signed_int(text, value):
    assert signed_int(text) == value


def test_a_spec_row_parses():
    h = parse_holding(SPEC_ROW)
    assert h == Holding("005930", "삼성전자", 3, 3, 124_500, 59_000, -196_888, -52.71)


def test_orderable_cash_and_what_it_buys():
    snap = AccountSnapshot(orderable_cash({"ord_alow_amt": "000000001000000"}))
    assert snap.orderable_cash == 1_000_000
    assert snap.buyable(70_000) == 14
    assert snap.buyable(None) is None and snap.buyable(0) is None
    assert AccountSnapshot(-5).buyable(100) == 0


def test_sellable_sums_lots_and_is_zero_when_not_held():
    lot = parse_holding(SPEC_ROW)
    snap = AccountSnapshot(0, (lot, parse_holding({**SPEC_ROW, "trde_able_qty": "8"})))
    assert snap.sellable("005930") == 11 and snap.sellable("A005930") == 11
    assert snap.sellable("000660") == 0
    assert snap.total_profit == 2 * lot.profit


def test_fetch_account_from_the_practice_exchange_follows_pages():
    holdings = (("005930", 10, 190_000), ("000660", 2, 520_000), ("035720", 20, 62_000))
    config = SimConfig(profile="real", seed=5, rate_limits=False, page_size=2,
                       cash=12_345_678, holdings=holdings)
    with Simulator(config) as sim:
        client = KiwoomClient(sim.base_url, FAKE, timeouts=Timeouts(connect=1.0, read=2.0))
        try:
            snap = fetch_account(client)
        finally:
            client.close()
        assert sim.received("kt00018") == 2  # two pages of two and one
    assert snap.orderable_cash == 12_345_678
    assert sorted(h.code for h in snap.holdings) == ["000660", "005930", "035720"]
    samsung = next(h for h in snap.holdings if h.code == "005930")
    assert samsung.quantity == samsung.sellable == 10
    assert samsung.avg_price == 190_000 and samsung.name
    assert samsung.profit == 10 * (samsung.current_price - 190_000)
    assert (samsung.profit < 0) == (samsung.profit_rate < 0)
