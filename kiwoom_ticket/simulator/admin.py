"""Loopback-only admin endpoints: faults, prices, ledger and request counts.

POST /_admin/faults  {"action": "inject", "api_id": "kt10000", "kind": "http500", "count": 1,
                      "seconds": 0, "phase": "after"}
                     {"action": "random", "rate": 0.1, "seed": 7, "kinds": [...], "api_ids": [...]}
                     {"action": "latency", "ms": 200}   {"action": "clear"}
POST /_admin/market  {"action": "set_price", "stk_cd": "005930", "price": 200000}
                     {"action": "set_base", "stk_cd": "005930", "base_price": 100000}
                     (a new day's base price: 권리락, 액면분할; the limits follow it)
                     {"action": "step"}  {"action": "freeze"}  {"action": "unfreeze"}
POST /_admin/account {"action": "reset"}   (the account back to its start: the app's
                     reset-practice-account, across the process boundary)
GET  /_admin/ledger  GET /_admin/received  GET /_admin/orders
A request from any address that is not loopback gets 403.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Callable
from typing import Protocol

from aiohttp import web

from .core import Core
from .faults import Faults

RequestCounts = Callable[[], dict[str, int]]


def is_loopback(remote: str | None) -> bool:
    if not remote:
        return False
    try:
        ip = ipaddress.ip_address(remote.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _reply(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def add_routes(app: web.Application, core: Core, faults: Faults, received: RequestCounts,
               reset: Callable[[], None] | None = None, feed: LiveEntries | None = None) -> None:
    """The admin endpoints on `app`: they act on the exchange's `core` and `faults`, and
    report `received()` (requests counted by api-id); `reset` resets the account; `feed`
    (the WebSocket's, if it has one) takes made-up entries: a flooding or lying feed for
    benches and tests run against an exchange in another process."""

    async def handle(request: web.Request) -> web.Response:
        if not is_loopback(request.remote):
            return _reply({"error": "admin endpoints answer loopback callers only"}, 403)
        try:
            body = await request.json() if request.method == "POST" and request.can_read_body else {}
            if not isinstance(body, dict):
                raise ValueError("body must be a JSON object")
            name = request.match_info["name"]
            if name == "account" and reset is not None:
                return _reply(await _reset(reset, request.method, body))
            if name == "realtime" and feed is not None:
                return _reply(_realtime(feed, request.method, body))
            return _reply(_act(core, faults, received, request.method, name, body))
        except (ValueError, KeyError, TypeError) as e:
            return _reply({"error": f"{type(e).__name__}: {e}"}, 400)

    app.router.add_route("*", "/_admin/{name}", handle)


class LiveEntries(Protocol):
    def inject(self, type_: str, item: str, values: dict[str, str]) -> int: ...

    def flood_trades(self, code: str, count: int) -> int: ...


def _realtime(feed: LiveEntries, method: str, body: dict) -> object:
    """`inject`: entries [{type, item, values}] the exchange never made, to the account's
    sessions; `flood_trades`: `count` market trades of `stk_cd` at once. Each says how
    many entries went out."""
    action = body.get("action")
    if method != "POST":
        raise ValueError(f"{method} /_admin/realtime: POST an action")
    if action == "inject":
        entries = body["entries"]
        if not isinstance(entries, list):
            raise ValueError("entries must be a list")
        return {"sent": sum(feed.inject(str(e["type"]), str(e.get("item", "")),
                                        {str(k): str(v) for k, v in dict(e["values"]).items()})
                            for e in entries)}
    if action == "flood_trades":
        return {"sent": feed.flood_trades(str(body["stk_cd"]), int(body["count"]))}
    raise ValueError(f"unknown realtime action {action!r}")


async def _reset(reset: Callable[[], None], method: str, body: dict) -> object:
    if method != "POST" or body.get("action") != "reset":
        raise ValueError(f"{method} /_admin/account: the one action is reset")
    # Off the loop: the reset writes the state file (an fsync) and must not stall the feed.
    await asyncio.get_running_loop().run_in_executor(None, reset)
    return {"ok": True}


def _act(
    core: Core, faults: Faults, received: RequestCounts, method: str, name: str, body: dict
) -> object:
    if method == "GET" and name == "ledger":
        with core.lock:
            return [e.to_dict() for e in core.engine.ledger]
    if method == "GET" and name == "orders":
        with core.lock:
            return [o.to_dict() for o in core.engine.orders.values()]
    if method == "GET" and name == "received":
        return received()
    if method != "POST":
        raise KeyError(f"{method} /_admin/{name}")
    action = body.get("action")
    if name == "faults":
        if action == "inject":
            faults.inject(body.get("api_id"), body["kind"], int(body.get("count", 1)),
                          float(body.get("seconds", 0.0)), body.get("phase", "after"))
        elif action == "random":
            faults.random(float(body["rate"]), body.get("seed"), body.get("kinds"),
                          body.get("api_ids"), float(body.get("latency_seconds", 0.2)))
        elif action == "latency":
            faults.set_latency(float(body["ms"]))
        elif action == "clear":
            faults.clear()
        else:
            raise ValueError(f"unknown faults action {action!r}")
        return {"ok": True}
    if name == "market":
        market = core.market
        if action == "set_price":
            market.set_price(str(body["stk_cd"]), int(body["price"]))
        elif action == "set_base":
            market.set_base(str(body["stk_cd"]), int(body["base_price"]))
        elif action == "step":
            market.step()
        elif action == "freeze":
            market.freeze()
        elif action == "unfreeze":
            market.unfreeze()
        else:
            raise ValueError(f"unknown market action {action!r}")
        return {"ok": True}
    raise KeyError(f"POST /_admin/{name}")
