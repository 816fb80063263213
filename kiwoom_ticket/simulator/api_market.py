"""POST /api/dostk/mrkcond: ka10004 주식호가 (the ten-level book).

The practice market quotes one tick either side of the last price, and fills any order
that reaches those prices up to `step_liquidity_krw` per price step. The book shows that:
ten levels a tick apart from the best ask and best bid, each holding the market's own
quantity (what one step fills: step_liquidity_krw // price) plus the account's resting
limit orders at that price. An untriggered stop order is not in the book.
"""

from __future__ import annotations

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.trade_types import OrderPricing

from .api_stkinfo import lookup
from .calls import OK_MSG, require, text_fields
from .core import Call, Core, Reply
from .fmt import signed

LEVELS = 10


def _ladder(first: int, direction: int, lower: int, upper: int) -> list[int]:
    prices = [first]
    while len(prices) < LEVELS:
        nxt = step_ticks(prices[-1], direction)
        if not lower <= nxt <= upper or nxt == prices[-1]:
            break
        prices.append(nxt)
    return prices


def book(core: Core, code: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(asks, bids): up to ten (price, quantity) levels each, best first."""
    q = core.market.quote(code)
    own: dict[tuple[str, int], int] = {}
    for o in core.engine.orders.values():
        if o.stk_cd != code or not o.is_open or o.fill_rule is not OrderPricing.LIMIT or o.price <= 0:
            continue
        if o.tt.fill is OrderPricing.STOP_LIMIT and not o.triggered:
            continue
        own[(o.side, o.price)] = own.get((o.side, o.price), 0) + o.remaining
    liquidity = core.config.step_liquidity_krw

    def level(side: str, price: int) -> tuple[int, int]:
        return price, max(1, liquidity // price) + own.get((side, price), 0)

    asks = [level("sell", p) for p in _ladder(q.ask, 1, q.lower, q.upper)]
    bids = [level("buy", p) for p in _ladder(q.bid, -1, q.lower, q.upper)]
    return asks, bids


def _name(side: str, n: int, what: str) -> str:
    """Kiwoom's field names: level 1 is sel_fpr_bid/_req, then sel_2th_pre_bid, …"""
    if n == 1:
        return f"{side}_fpr_{what}"
    return f"{side}_{n}th_pre_{what}"


def order_book(core: Core, call: Call) -> Reply:
    """ka10004 주식호가요청."""
    f = text_fields(call.body, ("stk_cd",))
    require(f, ("stk_cd",))
    stock = lookup(core, f["stk_cd"])
    base = stock.base_price
    asks, bids = book(core, stock.code)
    body: dict = {"bid_req_base_tm": core.clock.now().strftime("%H%M%S")}
    # In the spec's order: asks from the tenth level down to the best, then bids outwards.
    for n in range(LEVELS, 0, -1):
        price, qty = asks[n - 1] if n <= len(asks) else (0, 0)
        body[f"sel_{n}th_pre_req_pre"] = "0"  # change since the last snapshot
        body[_name("sel", n, "req")] = str(qty)
        body[_name("sel", n, "bid")] = signed(price, base) if price else "0"
    for n in range(1, LEVELS + 1):
        price, qty = bids[n - 1] if n <= len(bids) else (0, 0)
        body[_name("buy", n, "bid")] = signed(price, base) if price else "0"
        body[_name("buy", n, "req")] = str(qty)
        body[f"buy_{n}th_pre_req_pre"] = "0"
    body.update({
        "tot_sel_req_jub_pre": "0", "tot_sel_req": str(sum(q for _, q in asks)),
        "tot_buy_req": str(sum(q for _, q in bids)), "tot_buy_req_jub_pre": "0",
        "ovt_sel_req_pre": "0", "ovt_sel_req": "0", "ovt_buy_req": "0", "ovt_buy_req_pre": "0",
        "return_code": 0, "return_msg": OK_MSG,
    })
    return Reply(body)
