"""Money invariants of the practice account under random order flow (no HTTP, handlers direct).

After every step: cash set aside equals what open buys need, shares set aside equal what
open sells need, and cash and holdings moved exactly by the fills.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.simulator import SimConfig, Simulator
from kiwoom_ticket.simulator.api_orders import cancel_order, modify_order, new_order
from kiwoom_ticket.simulator.config import DEFAULT_HOLDINGS
from kiwoom_ticket.simulator.core import Call
from kiwoom_ticket.simulator.errors import KiwoomError, OrderRejected

CODES = ("005930", "035720")
TYPES = ("0", "3", "6", "7", "10", "13", "20", "23", "28", "29", "61", "81")
BASE = {"005930": 200_000, "035720": 60_000}

op = st.one_of(
    st.tuples(st.just("new"), st.sampled_from(("kt10000", "kt10001")), st.sampled_from(CODES),
              st.integers(1, 400), st.sampled_from(TYPES), st.integers(-6, 6),
              st.integers(-3, 3)),
    st.tuples(st.just("modify"), st.integers(0, 30), st.integers(0, 5), st.integers(-6, 6)),
    st.tuples(st.just("cancel"), st.integers(0, 30), st.integers(0, 5)),
    st.tuples(st.just("price"), st.sampled_from(CODES), st.integers(-8, 8)),
    st.tuples(st.just("step")),
)


def _apply(sim: Simulator, action: tuple) -> None:
    core = sim.core
    numbers = sorted(sim.engine.orders)
    kind = action[0]
    if kind == "new":
        _, api_id, code, qty, tt, ticks, stop_ticks = action
        cur = sim.market.price(code)
        price = str(step_ticks(cur, ticks)) if tt in ("0", "10", "20", "28") else ""
        stop = str(step_ticks(cur, stop_ticks)) if tt == "28" else ""
        body = {"dmst_stex_tp": "KRX", "stk_cd": code, "ord_qty": str(qty), "ord_uv": price,
                "trde_tp": tt, "cond_uv": stop}
        call = Call(api_id, "/api/dostk/ordr", body)
        handler = new_order
    elif kind in ("modify", "cancel") and numbers:
        o = sim.engine.orders[numbers[action[1] % len(numbers)]]
        body = {"dmst_stex_tp": "KRX", "orig_ord_no": o.ord_no, "stk_cd": o.stk_cd}
        if kind == "modify":
            body |= {"mdfy_qty": str(action[2]), "mdfy_cond_uv": "",
                     "mdfy_uv": str(step_ticks(sim.market.price(o.stk_cd), action[3]))}
            call, handler = Call("kt10002", "/api/dostk/ordr", body), modify_order
        else:
            body["cncl_qty"] = str(action[2])
            call, handler = Call("kt10003", "/api/dostk/ordr", body), cancel_order
    elif kind == "price":
        _, code, ticks = action
        q = sim.market.quote(code)
        target = min(max(step_ticks(q.price, ticks), q.lower), q.upper)
        sim.market.set_price(code, target)
        return
    elif kind == "step":
        sim.market.step(CODES)
        return
    else:
        return
    try:
        with core.lock:
            handler(core, call)
    except (KiwoomError, OrderRejected):
        pass


def _check(sim: Simulator) -> None:
    engine, account = sim.engine, sim.engine.account
    open_orders = [o for o in engine.orders.values() if o.is_open]
    assert account.reserved_cash == sum(
        o.remaining * o.reserve_price for o in open_orders if o.side == "buy")
    assert account.reserved_cash >= 0 and account.orderable >= 0
    start = {code: qty for code, qty, _ in DEFAULT_HOLDINGS}
    spent = sum(e.qty * e.price * (1 if e.side == "buy" else -1) for e in engine.executions)
    assert account.cash == 100_000_000 - spent
    for code in CODES:
        h = account.holding(code)
        assert h.reserved == sum(o.remaining for o in open_orders
                                 if o.side == "sell" and o.stk_cd == code)
        moved = sum(e.qty * (1 if e.side == "buy" else -1)
                    for e in engine.executions if e.stk_cd == code)
        assert h.qty == start.get(code, 0) + moved >= h.reserved >= 0
    for o in engine.orders.values():
        assert o.filled + o.remaining <= o.qty and o.filled >= 0 and o.remaining >= 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**16), st.lists(op, min_size=1, max_size=40))
def test_account_stays_consistent(seed, actions):
    sim = Simulator(SimConfig(seed=seed, rate_limits=False))  # not started: no HTTP needed
    for code, price in BASE.items():
        sim.market.set_price(code, price)
    for action in actions:
        _apply(sim, action)
        _check(sim)
