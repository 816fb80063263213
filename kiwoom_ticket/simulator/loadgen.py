"""A load client for benchmarks: one keep-alive connection sending one-share market orders.

It lives in the package (not in bench/) so that spawned worker processes can import it
however the bench itself was loaded.
"""

from __future__ import annotations

import http.client
import json
import time

ORDER = {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "ord_uv": "",
         "trde_tp": "3", "cond_uv": ""}


def order_client(port: int, token: str, ready, go, seconds: float, results) -> None:
    """Buy then sell (so holdings never run out) until `seconds` after `go`; report counts.

    `ready` (a semaphore) is released once connected; `results` (a queue) gets (ok, errors).
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps(ORDER).encode()
    headers = {"Content-Type": "application/json;charset=UTF-8",
               "authorization": f"Bearer {token}", "cont-yn": "N", "next-key": ""}
    api_ids = ("kt10000", "kt10001")
    ok = errors = i = 0
    conn.connect()
    ready.release()
    go.wait()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        headers["api-id"] = api_ids[i & 1]
        conn.request("POST", "/api/dostk/ordr", body=body, headers=headers)
        reply = conn.getresponse().read()
        if b'"return_code":0' in reply:
            ok += 1
        else:
            errors += 1
        i += 1
    conn.close()
    results.put((ok, errors))
