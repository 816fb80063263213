"""Figures 10 and 11: the real ticket window (offscreen) on the practice exchange's live
feed (Kiwoom's WebSocket protocol).

10. Live frame → row painted: the time from a 00 체결 entry's arrival at the app's
    WebSocket client (the moment the frame is read: on the GUI's loop) to the end of the log's
    paint that shows the order filled; against Qt's floor: a bare QTableView over a
    QStandardItemModel of the same rows changing one visible cell's text, until the end
    of its next paint. Alternating in the same process. Each sample is a resting buy the
    market then comes down to (the exchange fills it, the feed tells the app).
    Sampled alongside: the 0B trade's arrival → the ticket's quote line painted.
11. GUI stall under a live feed: a 1 ms QTimer probe notes every event-loop tick while
    100 orders are in flight (exchange answering in 300 ms) and the feed sends about 200
    frames a second of the ticket's stock (0B trades every 5 ms, 0D books on each move);
    the reference is the same probe, the same length, nothing in flight and the feed
    registered for nothing (idle), alternating.

    python bench/live_bench.py [--fills 60] [--stall-orders 100] [--stall-rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import common  # puts the repo on sys.path
import window_bench
from exchange_proc import practice_exchange
from qt_floor import QtFloor
from window_bench import CASH, HISTORY, STOCK, _until

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FEED_TICK = 0.005  # seconds between the feed's trades of a registered stock: ~200 frames/s


class Arrivals:
    """Wraps the app's feed so each REAL frame's arrival is timed as the client reads it
    (on the GUI's loop since issue 26; before it, on the client's thread, before the hop)."""

    def __init__(self) -> None:
        self.fills: list[float] = []  # arrival of 00 체결 entries
        self.trades: list[float] = []  # arrival of 0B entries
        self.frames = 0
        # (start, end) of each hand-over to the core (LiveFeed._drain) holding a 00 체결
        self.drains: list[tuple[float, float]] = []

    def install(self) -> None:
        from kiwoom_ticket.service import live_feed

        original = live_feed.LiveFeed.on_entries
        arrivals = self

        def on_entries(feed, entries) -> None:
            now = time.perf_counter()
            arrivals.frames += 1
            if any(e.type == "00" and e.values.get("913") == "체결" for e in entries):
                arrivals.fills.append(now)
            if any(e.type == "0B" for e in entries):
                arrivals.trades.append(now)
            original(feed, entries)

        drain = live_feed.LiveFeed._drain

        def timed_drain(feed, *args) -> None:
            fill = any(e.type == "00" and e.values.get("913") == "체결" for e in feed._pending)
            start = time.perf_counter()
            drain(feed, *args)
            if fill:
                arrivals.drains.append((start, time.perf_counter()))

        live_feed.LiveFeed.on_entries = on_entries
        live_feed.LiveFeed._drain = timed_drain


class LiveBench:
    def __init__(self, sim, window, arrivals: Arrivals) -> None:
        self.sim, self.window, self.arrivals = sim, window, arrivals
        self.quantity = 0
        self.quote_times: list[float] = []
        self.parts: dict[str, list[float]] = {"handover": [], "core": [], "paint": []}
        self.home: tempfile.TemporaryDirectory | None = None

    def close(self) -> None:
        self.window.shutdown()
        self.window.close()
        self.sim.stop()
        if self.home is not None:
            self.home.cleanup()

    async def fill_once(self, base: int) -> float:
        """One resting buy, then the market comes down to it: the 00 체결's arrival to
        the end of the log's paint with the row filled."""
        from kiwoom_ticket.domain.exchange import Exchange
        from kiwoom_ticket.domain.orders import Action, NewOrder
        from kiwoom_ticket.domain.status import OrderStatus
        from kiwoom_ticket.domain.ticks import step_ticks

        session, model = self.window.session, self.window.model
        table = self.window.log_view.table
        price = step_ticks(base, -3)
        self.quantity += 1
        [placed] = await session.place(NewOrder(Action.BUY, Exchange.KRX, STOCK,
                                                self.quantity, "0", price))
        row = model.row_of(placed.local_id)
        table.scrollToBottom()
        await asyncio.sleep(0.02)  # the placement's own paints are over
        shown: asyncio.Future = asyncio.get_event_loop().create_future()
        seen = len(self.arrivals.fills)
        drained = len(self.arrivals.drains)

        def painted() -> None:
            rec = model.record(row)
            if rec is not None and rec.status is OrderStatus.FILLED and not shown.done():
                shown.set_result(time.perf_counter())

        table.painted.connect(painted)
        try:
            self.sim.market.set_price(STOCK, price)
            t1 = await asyncio.wait_for(shown, 10.0)
        finally:
            table.painted.disconnect(painted)
            self.sim.market.set_price(STOCK, base)
        if len(self.arrivals.fills) <= seen:
            raise RuntimeError("the fill was painted before its frame arrived: a poll did it")
        t0 = self.arrivals.fills[seen]
        if len(self.arrivals.drains) > drained:  # where the time went
            start, end = self.arrivals.drains[drained]
            self.parts["handover"].append(start - t0)
            self.parts["core"].append(end - start)
            self.parts["paint"].append(t1 - end)
        return t1 - t0

    async def quote_once(self, base: int) -> float:
        """A trade moves the price: the 0B's arrival to the end of the quote's paint."""
        from kiwoom_ticket.domain.ticks import step_ticks

        form = self.window.buy_form
        link = form.quote_line.buttons["current"]
        target = step_ticks(base, 1)
        shown: asyncio.Future = asyncio.get_event_loop().create_future()
        seen = len(self.arrivals.trades)
        original = link.paintEvent

        def paint(event) -> None:
            original(event)
            if form.current_price() == target and not shown.done():
                shown.set_result(time.perf_counter())

        link.paintEvent = paint
        try:
            self.sim.market.set_price(STOCK, target)
            t1 = await asyncio.wait_for(shown, 10.0)
        finally:
            link.paintEvent = original
            self.sim.market.set_price(STOCK, base)
            await _until(lambda: form.current_price() == base, "the quote back")
        return t1 - self.arrivals.trades[seen]

    async def frame_to_row(self, rounds: int) -> dict:
        self.sim.market.freeze()
        base = (await self.window.session.quote(STOCK)).current
        floor = QtFloor(self.window.model, self.window.log_view.table)
        a: list[float] = []
        b: list[float] = []
        hops: list[float] = []
        turns: list[float] = []
        try:
            for i in range(rounds + 3):
                sample = await self.fill_once(base)
                reference = await update_once(floor, i)
                hop = await hop_once(floor, i)
                turn = await turn_once(floor, i)
                quote = await self.quote_once(base)
                if i >= 3:  # warm-up
                    a.append(sample)
                    b.append(reference)
                    hops.append(hop)
                    turns.append(turn)
                    self.quote_times.append(quote)
        finally:
            floor.close()
            self.sim.market.unfreeze()
        parts = {k: v[3:] for k, v in self.parts.items()}  # without the warm-up
        return {"frame": a, "floor": b, "hop": hops, "turn": turns, "parts": parts,
                "quote": self.quote_times,
                "load": os.getloadavg()[0]}

    async def stall(self, orders: int, rounds: int) -> dict:
        """Figure 3's probe with the feed on: 100 orders in flight, ~200 frames/s."""
        bench = window_bench.Bench(self.sim, self.window, None)
        bench.quantity = 1_000  # distinct from figure 10's; a few billion won in all
        busy, idle, busy_max, idle_max = [], [], [], []
        frames = []
        for _ in range(rounds):
            self.window.session.watch({STOCK})
            await asyncio.sleep(0.3)
            start = self.arrivals.frames
            self.sim.faults.set_latency(window_bench.LATENCY_MS)
            try:
                gaps, elapsed = await bench.probe(None, bench.orders_in_flight(orders))
            finally:
                self.sim.faults.set_latency(0)
            frames.append((self.arrivals.frames - start) / elapsed)
            busy += gaps
            busy_max.append(max(gaps))
            self.window.session.watch(set())  # idle: nothing registered, nothing in flight
            await asyncio.sleep(0.3)
            gaps, _ = await bench.probe(elapsed)
            idle += gaps
            idle_max.append(max(gaps))
        return {"busy_max": busy_max, "idle_max": idle_max, "busy_gaps": busy,
                "idle_gaps": idle, "frames_per_s": frames, "load": os.getloadavg()[0]}


async def update_once(floor: QtFloor, i: int) -> float:
    """Qt's floor for a live change: one visible cell's text set, until painted."""
    done: asyncio.Future = asyncio.get_event_loop().create_future()

    def painted() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    row = floor.model.rowCount() - 1
    item = floor.model.item(row, 1)
    floor.table.painted.connect(painted)
    try:
        t0 = time.perf_counter()
        item.setText(f"체결 {i}")
        t1 = await asyncio.wait_for(done, 10.0)
    finally:
        floor.table.painted.disconnect(painted)
    return t1 - t0


async def turn_once(floor: QtFloor, i: int) -> float:
    """The floor with the hop a frame makes on the GUI's own loop (issue 26): the change
    handed to a later turn of the loop (call_soon, as the feed hands a batch to the core),
    timed from the call to the paint."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()
    posted: list[float] = []

    def painted() -> None:
        if posted and not done.done():
            done.set_result(time.perf_counter())

    item = floor.model.item(floor.model.rowCount() - 1, 1)
    floor.table.painted.connect(painted)
    try:
        posted.append(time.perf_counter())
        loop.call_soon(item.setText, f"turn {i}")
        t1 = await asyncio.wait_for(done, 10.0)
    finally:
        floor.table.painted.disconnect(painted)
    return t1 - posted[0]


async def hop_once(floor: QtFloor, i: int) -> float:
    """The floor with the thread hop a frame makes: another thread posts the cell's
    change to the GUI loop (call_soon_threadsafe), timed from the post to the paint."""
    import threading

    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()
    posted: list[float] = []

    def painted() -> None:
        if posted and not done.done():
            done.set_result(time.perf_counter())

    item = floor.model.item(floor.model.rowCount() - 1, 1)

    def post() -> None:
        posted.append(time.perf_counter())
        loop.call_soon_threadsafe(item.setText, f"hop {i}")

    floor.table.painted.connect(painted)
    try:
        threading.Thread(target=post).start()
        t1 = await asyncio.wait_for(done, 10.0)
    finally:
        floor.table.painted.disconnect(painted)
    return t1 - posted[0]


async def _run(fills: int, stall_orders: int, stall_rounds: int) -> list[common.Row]:
    arrivals = Arrivals()
    arrivals.install()
    rows: list[common.Row] = []
    if fills:  # the practice exchange as the app runs it: a trade per stock every 0.25 s
        live = await _open(arrivals, None)
        try:
            rows += frame_rows(await live.frame_to_row(fills))
        finally:
            live.close()
    if stall_orders:  # the feed at ~200 frames/s
        live = await _open(arrivals, FEED_TICK)
        try:
            rows.append(stall_row(await live.stall(stall_orders, stall_rounds), stall_orders))
        finally:
            live.close()
    return rows


async def _open(arrivals: Arrivals, tick: float | None) -> LiveBench:
    """A window as app.py builds it on its own practice exchange (trades every `tick`
    seconds, or the default), journal holding HISTORY orders, the ticket on STOCK."""
    import journal_fixture

    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.service import open_service
    from kiwoom_ticket.ui.self_test import AnswerYes

    extra = {"ws_tick_interval": tick} if tick else {}
    # In a process of its own, as the app runs Practice (issue 26; BENCH_EXCHANGE=thread:
    # in this process, as before).
    sim = practice_exchange(profile="real", seed=5, rate_limits=False, cash=CASH,
                            **extra).start()
    home = tempfile.TemporaryDirectory(prefix="kt-bench-live-")
    os.environ["KIWOOM_TICKET_HOME"] = home.name
    journal_fixture.build(Path(home.name), HISTORY)

    def factory(env, credentials=None):
        return open_service(env, credentials, base_url=sim.base_url,
                            data_dir=Path(home.name) / "data", pacing=False)

    window = build_window(service_factory=factory, dialogs=AnswerYes())
    live = LiveBench(sim, window, arrivals)
    live.home = home
    window.show()
    await window.start()
    await _until(lambda: window.session.stream_live, "the live stream", 15.0)
    window.buy_form.stock.setText(STOCK)  # the ticket's stock: REG 0B/0D
    await _until(lambda: window.buy_form.current_price() is not None, "a quote")
    return live


def frame_rows(r: dict) -> list[common.Row]:
    a, b, q, hop = (common.Summary.of(r[k]) for k in ("frame", "floor", "quote", "hop"))
    ratio = a.median / b.median
    turn = common.Summary.of(r["turn"]) if r.get("turn") else None
    turn_note = (f"; the floor with a turn of its own loop (call_soon, the GUI thread) "
                 f"{common.dist(turn)}: ratio {a.median / turn.median:.2f} against it"
                 if turn is not None else "")
    parts = r.get("parts") or {}
    if parts.get("core"):
        turn_note += (
            ". Medians of the app's parts: frame read → the core has the batch "
            f"{common.ms(statistics.median(parts['handover']))}, the core's work on it "
            f"(events parsed, emitted, the row moved) "
            f"{common.ms(statistics.median(parts['core']))}, then → the row painted "
            f"{common.ms(statistics.median(parts['paint']))}")
    return [common.Row(
        number="10",
        figure="Live frame (00 체결) → its log row painted filled (offscreen window)",
        measured=common.dist(a),
        reference=f"Qt's floor: a bare QTableView + QStandardItemModel of the same rows "
                  f"changing one visible cell, until painted {common.dist(b)}",
        ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f})",
        target="ratio ≤ 1.5",
        status=common.status(ratio <= 1.5),
        notes=f"from the frame read by the client (on the GUI's loop since issue 26; "
              f"before, on its own thread): the hand-over to the core (a later turn of the "
              f"loop; before, the hop to the GUI loop), the "
              f"row moved from the event at once (the journal's durable write follows on "
              f"the worker), the row's paint. The floor with a thread hop (another "
              f"thread posts the cell change to the loop) {common.dist(hop)}: ratio "
              f"{a.median / hop.median:.2f} against it{turn_note}. Alongside: a 0B trade's arrival → "
              f"the ticket's price painted {common.dist(q)}. Load {r['load']:.2f}",
        raw={"frame": a.__dict__, "floor": b.__dict__, "hop": hop.__dict__,
             "quote": q.__dict__, **({"turn": turn.__dict__} if turn is not None else {})})]


def stall_row(r: dict, orders: int) -> common.Row:
    a, b = common.Summary.of(r["busy_max"]), common.Summary.of(r["idle_max"])
    ratio = a.median / b.median
    rate = sum(r["frames_per_s"]) / len(r["frames_per_s"])
    return common.Row(
        number="11",
        figure=f"(b) Longest GUI stall: {orders} orders in flight and the live feed "
               f"(~{rate:.0f} frames/s)",
        measured=f"max gap {common.dist(a)}",
        reference=f"the idle stall, same length, same run: {common.dist(b)}",
        ratio=f"{ratio:.2f}",
        target="ratio ≤ 1.2",
        status=common.status(ratio <= 1.2),
        notes=f"rounds: busy max {', '.join(common.ms(x) for x in r['busy_max'])}; idle "
              f"max {', '.join(common.ms(x) for x in r['idle_max'])}. Frames coalesce per "
              f"turn of the loop (one batch, the last trade and book of each stock). "
              f"Load {r['load']:.2f}",
        raw={"busy": a.__dict__, "idle": b.__dict__, "frames_per_s": r["frames_per_s"]})


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fills", type=int, default=60)
    p.add_argument("--stall-orders", type=int, default=100)
    p.add_argument("--stall-rounds", type=int, default=2)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()
    common.emit(run_on_qt_loop(_run(args.fills, args.stall_orders, args.stall_rounds)),
                args.json)


if __name__ == "__main__":
    main()
