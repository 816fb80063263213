"""Figure 1: one order's round trip, the app's client against the seed document's style.

A: KiwoomClient.send_order (one keep-alive requests.Session, the app's code path).
B: a bare `requests.post(url, headers=..., json=...)` per order with the seed document's
   headers (000_91f135aae727d5d9.txt): a new connection, and over HTTPS a new TLS
   handshake, every time.
C (what limits A, in the notes): the same POST on one kept-alive http.client connection,
   no requests at all: the transport and the exchange's own time.
All hit the practice exchange in this process, rate limits off, over HTTPS (a throwaway
trustme certificate) and over plain HTTP. Orders alternate buy and sell of one share of
005930 (market), so cash and holdings never run out.

    python bench/roundtrip.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import http.client
import json
import ssl
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import common  # puts the repo on sys.path
import requests
import trustme

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import ORDER_PATH, Action, NewOrder
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient
from kiwoom_ticket.simulator import SimConfig, Simulator

KEYS = Credentials("bench-app-key-0123456789", "bench-secret-key-9876543210")
STOCK = "005930"


def seed_style(base_url: str, token: str, verify: str | bool) -> Callable[[str], dict]:
    """The seed document's fn_kt10000 / fn_kt10001, minus the printing."""

    def send(api_id: str) -> dict:
        headers = {
            "Content-Type": "application/json;charset=UTF-8",
            "authorization": f"Bearer {token}",
            "cont-yn": "N",
            "next-key": "",
            "api-id": api_id,
        }
        data = {"dmst_stex_tp": "KRX", "stk_cd": STOCK, "ord_qty": "1", "ord_uv": "",
                "trde_tp": "3", "cond_uv": ""}
        response = requests.post(base_url + ORDER_PATH, headers=headers, json=data,
                                 verify=verify, timeout=10)
        return response.json()

    return send


def minimal_keepalive(base_url: str, token: str, ca_path: str | None) -> Callable[[], float]:
    """One http.client connection kept alive: a POST with the seed's headers, no
    requests. Returns a sampler (seconds per order)."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=ca_path)
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, context=context, timeout=10)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    turn = {"n": 0}

    def send() -> float:
        api_id = ("kt10000", "kt10001")[turn["n"] & 1]
        turn["n"] += 1
        body = json.dumps({"dmst_stex_tp": "KRX", "stk_cd": STOCK, "ord_qty": "1",
                           "ord_uv": "", "trde_tp": "3", "cond_uv": ""})
        headers = {"Content-Type": "application/json;charset=UTF-8",
                   "authorization": f"Bearer {token}", "cont-yn": "N", "next-key": "",
                   "api-id": api_id}
        t0 = time.perf_counter()
        conn.request("POST", ORDER_PATH, body=body, headers=headers)
        reply = json.loads(conn.getresponse().read())
        elapsed = time.perf_counter() - t0
        if reply.get("return_code") != 0:
            raise RuntimeError(f"minimal client's order refused: {reply}")
        return elapsed

    send.close = conn.close  # type: ignore[attr-defined]
    return send


def measure_one(tls: bool, rounds: int, warmup: int = 5) -> dict:
    server_ctx = ca_path = None
    with tempfile.TemporaryDirectory(prefix="kt-bench-ca-") as tmp:
        if tls:
            common.quiet_ca_env()
            ca = trustme.CA()
            server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
            ca_path = str(Path(tmp) / "ca.pem")
            ca.cert_pem.write_to_path(ca_path)
        config = SimConfig(profile="real", seed=1, rate_limits=False, walk_interval=None,
                           ssl_context=server_ctx)
        with Simulator(config) as sim:
            client = KiwoomClient(sim.base_url, KEYS, verify=ca_path or True)
            try:
                token = client.issue_token().value
                app, seed = _samplers(client, seed_style(sim.base_url, token, ca_path or True))
                minimal = minimal_keepalive(sim.base_url, token, ca_path)
                c: list[float] = []

                def app_then_minimal() -> float:
                    c.append(minimal())
                    return app()

                a, b = common.alternate(app_then_minimal, seed, rounds, warmup)
                c = c[warmup:]
                minimal.close()  # type: ignore[attr-defined]
            finally:
                client.close()
    return {"tls": tls, "app": a, "seed": b, "minimal": c}


def _samplers(client: KiwoomClient, seed_send: Callable[[str], dict]
              ) -> tuple[Callable[[], float], Callable[[], float]]:
    orders = [NewOrder(a, Exchange.KRX, STOCK, 1, "3") for a in (Action.BUY, Action.SELL)]
    turn = {"a": 0, "b": 0}

    def app_client() -> float:
        order = orders[turn["a"] & 1]
        turn["a"] += 1
        t0 = time.perf_counter()
        client.send_order(order)  # raises on anything but an accepted order
        return time.perf_counter() - t0

    def seed() -> float:
        api_id = orders[turn["b"] & 1].api_id
        turn["b"] += 1
        t0 = time.perf_counter()
        reply = seed_send(api_id)
        elapsed = time.perf_counter() - t0
        if reply.get("return_code") != 0:
            raise RuntimeError(f"seed-style order refused: {reply}")
        return elapsed

    return app_client, seed


def rows(rounds: int) -> list[common.Row]:
    out = []
    for tls, target in ((True, 0.3), (False, 1.0)):
        r = measure_one(tls, rounds)
        a, b = common.Summary.of(r["app"]), common.Summary.of(r["seed"])
        c = common.Summary.of(r["minimal"])
        ratio = a.median / b.median
        met = ratio <= target
        proto = "HTTPS" if tls else "HTTP"
        out.append(common.Row(
            number="1a" if tls else "1b",
            figure=("(f) " if tls else "")
            + f"Order round trip, {proto}: app client (keep-alive) vs seed-style requests.post",
            measured=common.dist(a),
            reference=common.dist(b),
            ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f})",
            target=f"ratio ≤ {target:g}",
            status=common.status(met),
            notes="in-process practice exchange, limits off; 5 warm-up pairs dropped"
                  + ("; trustme self-signed CA" if tls else "")
                  + f". A minimal kept-alive http.client POST to the same exchange takes "
                    f"{common.dist(c)} ({c.median / b.median:.2f} of the reference). "
                  + ("Largest cost" if met else "Limited by") + ": "
                  + (f"the app client's per-call machinery (requests' adapter and urllib3 "
                     f"under the deadline socket, the client's checks; no Session per call): "
                     f"{common.ms(a.median - c.median)} over the minimal "
                     "client, which is within the target"
                     if c.median / b.median <= target else
                     "the exchange's own handling in this process, which even the minimal "
                     "client meets"),
            raw={"app": a.__dict__, "seed": b.__dict__, "minimal": c.__dict__,
                 "ratio": ratio},
        ))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.rounds), args.json)


if __name__ == "__main__":
    main()
