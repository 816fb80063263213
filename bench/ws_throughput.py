"""Figure 9: REAL entries a second the practice exchange pushes to one WebSocket client.

The exchange runs in this process on its own thread (as in the app), its market prints
trades as fast as the client reads (SimConfig.ws_tick_interval=0) for every stock it
lists; one client process logs in and registers 0B for all of them. Counted over a fixed
window after a short warm-up:
  A: entries handed over by the app's client (kiwoom.websocket.RealtimeSession: PINGs,
     parsing into RealEntry, the repeat filter) to a counting StreamEvents;
  B: entries in the frames a bare aiohttp reader receives (json.loads and a count only).
A and B alternate in the same run. Loopback, plain ws, rate limits off.

    python bench/ws_throughput.py [--runs 3] [--seconds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import statistics
import threading
import time

import common  # puts the repo on sys.path

TARGET = 20_000.0
WARMUP = 0.5


def _app_client(url: str, token: str, codes: list[str], seconds: float, out) -> None:
    from kiwoom_ticket.kiwoom.websocket import RealtimeSession, StreamEvents, Subscription

    class Count(StreamEvents):
        def __init__(self) -> None:
            self.n, self.live = 0, threading.Event()

        def on_status(self, status) -> None:
            if status.live:
                self.live.set()

        def on_entries(self, entries) -> None:
            self.n += len(entries)

    count = Count()
    session = RealtimeSession(url, lambda fresh: token, count, name="bench",
                              subscriptions=[Subscription.of(["0B"], codes)])
    session.start()
    count.live.wait(10)
    time.sleep(WARMUP)
    n0, t0 = count.n, time.perf_counter()
    time.sleep(seconds)
    n1, t1 = count.n, time.perf_counter()
    session.stop()
    out.put({"entries": n1 - n0, "seconds": t1 - t0, "frames": session.stats["frames"]})


def _bare_client(url: str, token: str, codes: list[str], seconds: float, out) -> None:
    import aiohttp

    async def go() -> dict:
        async with aiohttp.ClientSession() as http, http.ws_connect(url, heartbeat=None) as ws:
            await ws.send_str(json.dumps({"trnm": "LOGIN", "token": token}))
            await ws.receive()
            await ws.send_str(json.dumps({"trnm": "REG", "grp_no": "1", "refresh": "1",
                                          "data": [{"item": codes, "type": ["0B"]}]}))
            n = frames = 0
            start = time.perf_counter()
            t0 = n0 = None
            while True:
                msg = await ws.receive()
                frame = json.loads(msg.data)
                if frame["trnm"] == "PING":
                    await ws.send_str(msg.data)
                elif frame["trnm"] == "REAL":
                    n += len(frame["data"])
                    frames += 1
                now = time.perf_counter()
                if t0 is None and now - start >= WARMUP:
                    t0, n0 = now, n
                elif t0 is not None and now - t0 >= seconds:
                    return {"entries": n - n0, "seconds": now - t0, "frames": frames}

    out.put(asyncio.run(go()))


CLIENTS = {"app": _app_client, "bare": _bare_client}


def measure(sim, kind: str, seconds: float) -> dict:
    """One client process of `kind` for `seconds`; entries_per_s and what was counted."""
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    codes = sim.market.codes()
    p = ctx.Process(target=CLIENTS[kind],
                    args=(sim.ws_url, sim.issue_token(kind), codes, seconds, out))
    p.start()
    result = out.get(timeout=seconds + 60)
    p.join()
    result["entries_per_s"] = round(result["entries"] / result["seconds"], 1)
    result["stocks"] = len(codes)
    return result


def rows(runs: int, seconds: float) -> list[common.Row]:
    from kiwoom_ticket.simulator import SimConfig, Simulator

    config = SimConfig(profile="real", seed=1, rate_limits=False, ws_tick_interval=0.0)
    with Simulator(config) as sim:
        results = common.alternate(lambda: measure(sim, "app", seconds),
                                   lambda: measure(sim, "bare", seconds), runs)
    app = [r["entries_per_s"] for r in results[0]]
    bare = [r["entries_per_s"] for r in results[1]]
    median, worst = statistics.median(app), min(app)
    per_frame = statistics.median(r["entries"] / max(1, r["frames"]) for r in results[0])
    return [common.Row(
        number="9",
        figure="WebSocket REAL entries/s to one client, loopback",
        measured=f"{median:,.0f} entries/s median, worst {worst:,.0f} (n={runs} × {seconds:g} s)",
        reference=f"{statistics.median(bare):,.0f} entries/s (bare aiohttp reader)",
        ratio=f"{median / TARGET:.2f} × target",
        target=f"≥ {TARGET:,.0f} entries/s",
        status=common.status(median >= TARGET),
        notes=f"0B for {results[0][0]['stocks']} stocks, market printing as fast as read; "
              f"A: the app's RealtimeSession in a child process; about {per_frame:.0f} entries "
              "per frame",
        raw={"app": results[0], "bare": results[1]},
    )]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.runs, args.seconds), args.json)


if __name__ == "__main__":
    main()
