"""Order rejects: return_code 20 with "[2000](code:text)", no order number, nothing booked."""

from __future__ import annotations

import pytest

from .kiwoom import Kiwoom


def _rejected(reply: dict, text: str) -> None:
    assert reply == {"return_code": 20, "return_msg": text}


@pytest.fixture(autouse=True)
def _price(sim):
    sim.market.set_price("005930", 200_000)  # limits 140,000..260,000, tick 500 above 200,000


def test_off_tick_price_is_rc4003(sim, kw: Kiwoom):
    _rejected(kw.buy(price=200_100, trde_tp="0"), "[2000](RC4003:모의투자 호가단위 오류입니다.)")
    _rejected(kw.buy(price=199_950, trde_tp="0"), "[2000](RC4003:모의투자 호가단위 오류입니다.)")
    _rejected(kw.buy(price=0, trde_tp="0"), "[2000](RC4003:모의투자 호가단위 오류입니다.)")
    assert sim.ledger() == []


def test_price_outside_daily_limits_is_rc4027(sim, kw: Kiwoom):
    _rejected(kw.buy(price=261_000, trde_tp="0"), "[2000](RC4027:모의투자 상/하한가 오류입니다.)")
    _rejected(kw.sell(price=139_900, trde_tp="0"), "[2000](RC4027:모의투자 상/하한가 오류입니다.)")
    assert kw.buy(price=260_000, trde_tp="0")["return_code"] == 0  # the upper limit itself


def test_stop_price_is_checked_too(kw: Kiwoom):
    _rejected(kw.buy(price=201_000, trde_tp="28", stop=200_100),
              "[2000](RC4003:모의투자 호가단위 오류입니다.)")
    assert "[1511:" in kw.buy(price=201_000, trde_tp="28")["return_msg"]  # 28 needs cond_uv


def test_insufficient_cash_is_rc4025(sim, kw: Kiwoom):
    _rejected(kw.buy(qty=501, price=200_000, trde_tp="0"),
              "[2000](RC4025:모의투자 주문가능금액을 확인하세요.)")
    # A market buy sets aside the upper limit (260,000) per share: 385 shares is too much.
    _rejected(kw.buy(qty=385), "[2000](RC4025:모의투자 주문가능금액을 확인하세요.)")
    assert sim.ledger() == []


def test_resting_buys_use_up_orderable_cash(kw: Kiwoom):
    assert kw.buy(qty=400, price=199_000, trde_tp="0")["return_code"] == 0
    assert kw.orderable_cash() == 100_000_000 - 400 * 199_000
    _rejected(kw.buy(qty=103, price=199_000, trde_tp="0"),
              "[2000](RC4025:모의투자 주문가능금액을 확인하세요.)")


def test_selling_more_than_held_is_800033(sim, kw: Kiwoom):
    _rejected(kw.sell(qty=11), "[2000](800033:모의투자 매도가능수량이 부족합니다.)")
    _rejected(kw.sell(stk_cd="005380"), "[2000](800033:모의투자 매도가능수량이 부족합니다.)")
    # Shares promised to a resting sell can't be sold twice.
    assert kw.sell(qty=8, price=201_000, trde_tp="0")["return_code"] == 0
    _rejected(kw.sell(qty=3), "[2000](800033:모의투자 매도가능수량이 부족합니다.)")
    assert kw.sell(qty=2)["return_code"] == 0


def test_unknown_original_order_is_rc4061(kw: Kiwoom):
    _rejected(kw.modify("0009999", qty=1, price=199_000),
              "[2000](RC4061:모의투자 주문번호를 확인하세요.)")
    _rejected(kw.cancel("0009999"), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")
    _rejected(kw.cancel("0000000"), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")


def test_filled_or_closed_orders_cannot_be_modified_or_cancelled(sim, kw: Kiwoom):
    filled = kw.buy()["ord_no"]
    _rejected(kw.modify(filled, price=199_000), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")
    _rejected(kw.cancel(filled), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")
    resting = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    moved = kw.modify(resting, price=199_500)["ord_no"]
    _rejected(kw.cancel(resting), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")  # moved away
    assert kw.cancel(moved)["return_code"] == 0
    _rejected(kw.cancel(moved), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")  # cancelled
    assert len(sim.ledger()) == 4


def test_modify_or_cancel_must_name_the_orders_stock_and_exchange(kw: Kiwoom):
    resting = kw.buy(price=199_000, trde_tp="0")["ord_no"]
    _rejected(kw.cancel(resting, stk_cd="000660"), "[2000](RC4061:모의투자 주문번호를 확인하세요.)")


def test_more_than_remains_is_rc4034(kw: Kiwoom):
    resting = kw.buy(qty=2, price=199_000, trde_tp="0")["ord_no"]
    _rejected(kw.cancel(resting, qty=3), "[2000](RC4034:모의투자 정정/취소 가능수량을 초과하였습니다.)")
    _rejected(kw.modify(resting, qty=3, price=199_500),
              "[2000](RC4034:모의투자 정정/취소 가능수량을 초과하였습니다.)")


def test_mock_takes_krx_only_rc9000(sim, kw: Kiwoom):
    for exchange in ("NXT", "SOR"):
        _rejected(kw.buy(exchange=exchange), "[2000](RC9000:모의투자에서는 해당업무가 제공되지 않습니다.)")
    assert sim.ledger() == []


def test_real_profile_has_no_mock_prefix_and_takes_nxt(make_sim):
    kw = Kiwoom(make_sim(profile="real"))
    kw.sim.market.set_price("005930", 200_000)
    _rejected(kw.buy(price=200_100, trde_tp="0"), "[2000](RC4003:호가단위 오류입니다.)")
    _rejected(kw.buy(qty=10_000), "[2000](RC4025:주문가능금액을 확인하세요.)")
    assert kw.buy(exchange="SOR")["return_code"] == 0
    # 장전 시간외 (61) is a KRX-only order type.
    _rejected(kw.buy(trde_tp="61", exchange="NXT"), "[2000](RC9000:해당업무가 제공되지 않습니다.)")


def test_market_order_takes_an_empty_or_zero_price_but_not_a_real_one(kw: Kiwoom):
    assert kw.buy(price="")["return_code"] == 0
    assert kw.buy(price="0")["return_code"] == 0
    reply = kw.buy(price=200_000)
    assert reply["return_code"] == 2 and "[1517:" in reply["return_msg"] and "ord_uv" in reply["return_msg"]


def test_limit_order_without_price_is_1511(kw: Kiwoom):
    assert kw.buy(trde_tp="0")["return_msg"].endswith("필수입력 파라미터=ord_uv]")


def test_unknown_trade_type_and_exchange_are_format_errors(kw: Kiwoom):
    assert "파라미터=trde_tp" in kw.buy(trde_tp="99")["return_msg"]
    assert "파라미터=dmst_stex_tp" in kw.buy(exchange="NYSE")["return_msg"]
    assert "파라미터=ord_qty" in kw.buy(qty=0)["return_msg"]
    assert "파라미터=ord_qty" in kw.buy(qty="1.5")["return_msg"]


def test_orders_without_a_price_cannot_be_modified_rc4035(sim, kw: Kiwoom):
    big = kw.buy(qty=300)["ord_no"]  # 250 fill now, 50 rest as a market order
    _rejected(kw.modify(big, price=200_000), "[2000](RC4035:모의투자 정정할 수 없는 주문유형입니다.)")
    assert kw.cancel(big)["cncl_qty"] == "000000000050"
