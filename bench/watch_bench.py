"""Figure 13: CPU while the trader just watches.

The real ticket window (offscreen), connected to the practice exchange in a process of
its own (as the app runs Practice), the live feed at about 200 frames/s: trades (0B)
every 5 ms and the book (0D) on each move, for the ticket's stock and 20 others
registered (REG 0B/0D, as the window registers its stocks); nothing clicked.

  A: the app's CPU time (this process: user + system, every thread) per second of wall
     time over the window;
  B: the same feed (same exchange, same 21 stocks, 0B/0D) consumed by a bare aiohttp
     reader in a child process (json.loads and a count), its own CPU per wall second;
  idle: the app connected, nothing registered (no feed), CPU per wall second.
A, B and idle alternate in the same run, `--rounds` times each for `--seconds`.

    python bench/watch_bench.py [--seconds 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import resource
import statistics
import time

import common  # puts the repo on sys.path
import live_bench
from window_bench import STOCK

TARGET_RATIO = 2.0
TARGET_IDLE = 0.01  # of one core
SETTLE = 1.0  # seconds after a REG/REMOVE before counting
OTHERS = 20


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def watched_codes() -> list[str]:
    """The ticket's stock and the first 20 others of the exchange's list."""
    from kiwoom_ticket.simulator.stocks import load_stocks

    others = [c for c in load_stocks() if c != STOCK][:OTHERS]
    return [STOCK, *others]


# The practice exchange takes any non-empty pair (no real key exists for it). A pair of
# its own, not the app's: one app key has one live session (R10001 would kick the app).
# Made up per run, so that nothing key-shaped is kept in the repository.
BARE_READER_LOGIN = {"appkey": f"bare-reader-{os.getpid()}", "secretkey": f"bare-{os.getpid()}"}


def _bare_reader(base_url: str, ws_url: str, codes: list[str], seconds: float, out) -> None:
    """A bare reader of the same feed: its own token, one REG of 0B/0D for `codes`,
    json.loads of every frame and a count; its CPU over `seconds` after SETTLE."""
    import aiohttp

    async def go() -> dict:
        async with aiohttp.ClientSession() as http:
            async with http.post(base_url + "/oauth2/token", json={
                    "grant_type": "client_credentials", **BARE_READER_LOGIN}) as reply:
                token = (await reply.json())["token"]
            async with http.ws_connect(ws_url, heartbeat=None) as ws:
                await ws.send_str(json.dumps({"trnm": "LOGIN", "token": token}))
                await ws.receive()
                await ws.send_str(json.dumps({"trnm": "REG", "grp_no": "2", "refresh": "1",
                                              "data": [{"item": codes, "type": ["0B", "0D"]}]}))
                frames = entries = 0
                start = time.perf_counter()
                t0 = c0 = None
                f0 = e0 = 0
                while True:
                    msg = await ws.receive(timeout=10)
                    frame = json.loads(msg.data)
                    if frame.get("trnm") == "PING":
                        await ws.send_str(msg.data)
                    elif frame.get("trnm") == "REAL":
                        frames += 1
                        entries += len(frame["data"])
                    now = time.perf_counter()
                    if t0 is None and now - start >= SETTLE:
                        t0, c0, f0, e0 = now, time.process_time(), frames, entries
                    elif t0 is not None and now - t0 >= seconds:
                        wall = now - t0
                        return {"cpu": (time.process_time() - c0) / wall, "wall": wall,
                                "frames_per_s": (frames - f0) / wall,
                                "entries_per_s": (entries - e0) / wall}

    out.put(asyncio.run(go()))


def bare_once(sim, codes: list[str], seconds: float) -> dict:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    ws_url = sim.base_url.replace("http://", "ws://") + "/api/dostk/websocket"
    p = ctx.Process(target=_bare_reader, args=(sim.base_url, ws_url, codes, seconds, out))
    p.start()
    try:
        return out.get(timeout=seconds + 60)
    finally:
        p.join(30)


async def app_once(live, codes: list[str], seconds: float) -> dict:
    """The window's CPU over `seconds` with `codes` registered (none: idle)."""
    live.window.session.watch(set(codes))
    await asyncio.sleep(SETTLE)
    frames0, c0, t0 = live.arrivals.frames, cpu_seconds(), time.perf_counter()
    await asyncio.sleep(seconds)
    wall = time.perf_counter() - t0
    return {"cpu": (cpu_seconds() - c0) / wall, "wall": wall,
            "frames_per_s": (live.arrivals.frames - frames0) / wall}


async def _run(seconds: float, rounds: int) -> dict:
    arrivals = live_bench.Arrivals()
    arrivals.install()
    codes = watched_codes()
    live = await live_bench._open(arrivals, live_bench.FEED_TICK)
    try:
        a, b, idle = [], [], []
        for _ in range(rounds):
            a.append(await app_once(live, codes, seconds))
            live.window.session.watch(set())  # the app hears nothing while B reads
            await asyncio.sleep(SETTLE)
            b.append(await asyncio.get_running_loop().run_in_executor(
                None, bare_once, live.sim, codes, seconds))
            idle.append(await app_once(live, [], seconds))
        return {"app": a, "bare": b, "idle": idle, "load": os.getloadavg()[0]}
    finally:
        live.close()


def row(r: dict, seconds: float) -> list[common.Row]:
    a = [x["cpu"] for x in r["app"]]
    b = [x["cpu"] for x in r["bare"]]
    idle = [x["cpu"] for x in r["idle"]]
    am, bm, im = statistics.median(a), statistics.median(b), statistics.median(idle)
    ratio = am / bm if bm > 0 else float("inf")
    fa = statistics.median(x["frames_per_s"] for x in r["app"])
    fb = statistics.median(x["frames_per_s"] for x in r["bare"])
    eb = statistics.median(x["entries_per_s"] for x in r["bare"])

    def cores(xs: list[float]) -> str:
        return ", ".join(f"{x * 100:.1f}%" for x in xs)

    n = len(a)
    return [
        common.Row(
            number="13a",
            figure=f"CPU while watching: the window connected, live feed for the ticket's "
                   f"stock and {OTHERS} others (0B every 5 ms, 0D on moves), nothing clicked",
            measured=f"{am * 100:.1f}% of a core (n={n} × {seconds:g} s)",
            reference=f"a bare aiohttp reader of the same feed (json.loads, count) "
                      f"{bm * 100:.1f}% of a core",
            ratio=f"{ratio:.2f}",
            target=f"ratio ≤ {TARGET_RATIO:g}",
            status=common.status(ratio <= TARGET_RATIO),
            notes=f"CPU seconds per wall second of the app's process (every thread; the "
                  f"practice exchange runs in its own process and is not counted). Rounds: "
                  f"app {cores(a)}; bare {cores(b)}. Frames/s seen: app {fa:.0f}, bare "
                  f"{fb:.0f} ({eb:.0f} entries/s). Load {r['load']:.2f}",
            raw={"app": r["app"], "bare": r["bare"]}),
        common.Row(
            number="13b",
            figure="Idle CPU: the window connected, nothing registered (no feed)",
            measured=f"{im * 100:.2f}% of a core (n={n} × {seconds:g} s)",
            target=f"≤ {TARGET_IDLE * 100:g}% of a core",
            status=common.status(im <= TARGET_IDLE),
            notes=f"rounds {cores(idle)}. Load {r['load']:.2f}",
            raw={"idle": r["idle"]}),
    ]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=20.0, help="length of each sample")
    p.add_argument("--rounds", type=int, default=3, help="samples of each of A, B, idle")
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()
    common.emit(row(run_on_qt_loop(_run(args.seconds, args.rounds)), args.seconds), args.json)


if __name__ == "__main__":
    main()
