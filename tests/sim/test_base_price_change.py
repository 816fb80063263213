"""A new day's base price (권리락, 액면분할) through the admin route: the day's limits and
the quote (ka10001) follow it; off the grid or an unknown stock is refused."""

from __future__ import annotations

import requests

from kiwoom_ticket.domain.ticks import price_limits


def test_set_base_moves_the_limits_and_the_quote(sim, kw):
    url = sim.base_url + "/_admin/market"
    reply = requests.post(url, json={"action": "set_base", "stk_cd": "005930",
                                     "base_price": 100_000}, timeout=5)
    assert reply.status_code == 200
    quote = kw.call("ka10001", {"stk_cd": "005930"})
    lower, upper = price_limits(100_000)
    assert int(quote["base_pric"].lstrip("+-")) == 100_000
    assert int(quote["upl_pric"].lstrip("+-")) == upper
    assert int(quote["lst_pric"].lstrip("+-")) == lower
    assert int(quote["cur_prc"].lstrip("+-")) == 100_000
    for bad in ({"stk_cd": "005930", "base_price": 100_001}, {"stk_cd": "999999",
                                                                "base_price": 1000}):
        refused = requests.post(url, json={"action": "set_base", **bad}, timeout=5)
        assert refused.status_code == 400
