"""Figure 12 (issue 22): orders first under a flood of live events.

A mouse click on 매수 in the real window (offscreen, Practice on its own practice
exchange) until the order's request leaves (`KiwoomClient.send_order` called on the
worker thread), while the live stream brings about 900 00 events a second for order
numbers nobody has (made up: each one waits, is counted, and asks REST once) plus about
4,000 0B trades a second of the ticket's stock; against the same click with the stream
quiet, alternating in the same run. Target: the flooded click within 2x the quiet one.

    python bench/flood_bench.py [--clicks 30] [--events 900] [--trades 4000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import threading
import time
from datetime import datetime

import common  # puts the repo on sys.path
import live_bench
import window_bench
from window_bench import STOCK, _until

from kiwoom_ticket.domain.sessions import KST

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK = 0.01  # the flood is posted in slices this far apart


class Flood:
    """A thread posting `events` made-up 00s and `trades` 0B trades a second."""

    def __init__(self, sim, events: int, trades: int) -> None:
        self.sim, self.events, self.trades = sim, events, trades
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sent_events = self.sent_trades = 0
        self._next_no = 8_000_000

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="flood", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        feed = self.sim.realtime.feed
        started = time.perf_counter()
        events_before, trades_before = self.sent_events, self.sent_trades
        while not self._stop.is_set():
            due = time.perf_counter() - started
            want_events = int(due * self.events) - (self.sent_events - events_before)
            want_trades = int(due * self.trades) - (self.sent_trades - trades_before)
            now = datetime.now(KST).strftime("%H%M%S")  # the exchange's clock: KST, this machine's
            entries = []
            for _ in range(max(0, want_events)):
                self._next_no += 1
                entries.append(("00", STOCK, {"9203": f"{self._next_no:07d}", "913": "접수",
                                              "9001": STOCK, "900": "1", "901": "1000",
                                              "902": "1", "907": "2", "908": now}))
            if entries:  # one request a slice when the exchange is in another process
                many = getattr(feed, "inject_many", None)
                if many is not None:
                    many(entries)
                else:
                    for type_, item, values in entries:
                        feed.inject(type_, item, values)
            self.sent_events += max(0, want_events)
            if want_trades > 0:
                feed.flood_trades(STOCK, want_trades)
                self.sent_trades += want_trades
            self._stop.wait(TICK)


class ClickToSent:
    def __init__(self, live: live_bench.LiveBench) -> None:
        self.live = live
        self.window = live.window
        self.bench = window_bench.Bench(live.sim, live.window, None)
        self.sent: list[float] = []
        from kiwoom_ticket.kiwoom.client import KiwoomClient

        original = KiwoomClient.send_order
        sent = self.sent

        def send_order(client, order):
            sent.append(time.perf_counter())
            return original(client, order)

        KiwoomClient.send_order = send_order

    async def click_once(self) -> float:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        form = self.window.buy_form
        self.bench.quantity += 1
        form.quantity.setText(str(self.bench.quantity))
        seen = len(self.sent)
        t0 = time.perf_counter()
        QTest.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
        await _until(lambda: len(self.sent) > seen, "the order sent", 60.0)
        t1 = self.sent[seen]
        records = await form.last_task
        if not records or not records[0].ord_no:
            raise RuntimeError(f"the click placed nothing: {self.window.status_line.text()}")
        return t1 - t0


async def _run(clicks: int, events: int, trades: int) -> list[common.Row]:
    arrivals = live_bench.Arrivals()
    live = await live_bench._open(arrivals, None)
    try:
        probe = ClickToSent(live)
        await probe.bench.prepare_buy_form()
        live.window.session.watch({STOCK})
        core = live.window.session.core
        flood = Flood(live.sim, events, trades)
        flooded: list[float] = []
        quiet: list[float] = []
        backlog_peak = 0
        for i in range(clicks + 2):
            flood.start()
            await asyncio.sleep(1.0)  # a second of flood before the click
            sample = await probe.click_once()
            backlog_peak = max(backlog_peak, core.stream.backlog)
            flood.stop()
            await _until(lambda: not core.stream.applying, "the backlog applied", 60.0)
            await asyncio.sleep(0.3)
            reference = await probe.click_once()
            if i >= 2:  # warm-up
                flooded.append(sample)
                quiet.append(reference)
        service = core.service
        counts = dict(service.stream_counts) if service is not None else {}
        seconds = flood.sent_events / max(events, 1)
    finally:
        live.close()
    return [row(flooded, quiet, flood, seconds, backlog_peak, counts)]


def row(flooded: list[float], quiet: list[float], flood: Flood, seconds: float,
        backlog_peak: int, counts: dict) -> common.Row:
    a, b = common.Summary.of(flooded), common.Summary.of(quiet)
    ratio = a.median / b.median
    return common.Row(
        number="12",
        figure=f"Click on 매수 → the order's request leaves, under ~{flood.events} made-up 00/s "
               f"+ ~{flood.trades} 0B/s (offscreen window)",
        measured=common.dist(a),
        reference=f"the same click, the stream quiet, same run: {common.dist(b)}",
        ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f})",
        target="ratio ≤ 2",
        status=common.status(ratio <= 2),
        notes=f"{flood.sent_events:,} 00 and {flood.sent_trades:,} 0B sent over "
              f"{seconds:.0f} s of flood; event work runs in the worker's later lane, one "
              f"batch at a time (backlog at the clicks ≤ {backlog_peak:,} events); "
              f"events for unknown numbers dropped past the caps: "
              f"{counts.get('dropped_unknown', 0):,}. Load {os.getloadavg()[0]:.2f}",
        raw={"flooded": a.__dict__, "quiet": b.__dict__, "counts": counts})


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clicks", type=int, default=30)
    p.add_argument("--events", type=int, default=900)
    p.add_argument("--trades", type=int, default=4000)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()
    common.emit(run_on_qt_loop(_run(args.clicks, args.events, args.trades)), args.json)


if __name__ == "__main__":
    main()
