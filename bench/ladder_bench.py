"""Figure 14: the ladder (호가창) under a fast book.

The real ticket window (offscreen, 1280x720), connected to the practice exchange in a
process of its own, the ticket and its ladder on the bench's stock. A book (0D) arrives
50 times a second: a seeded random book around the market price, a few levels' quantities
changing each time and the whole ladder moving a tick every fifth update, handed to the
window as the live stream hands it over (LiveWiring.depths, on the GUI loop).

  A: one update: from handing the 0D over to the end of the ladder's next paint;
  B: Qt's floor: a bare QTableView over a QStandardItemModel of 21 rows (ten asks, ten
     bids, the totals) and the ladder's five columns, the ladder's size, changing the same
     cells' texts (only those that differ), until the end of its next paint.
A and B alternate inside each 20 ms slot (A at its start, B 10 ms later).

    python bench/ladder_bench.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import time

import common  # puts the repo on sys.path
import live_bench
from qt_floor import _painting_table
from window_bench import STOCK, _until

RATE = 50  # updates a second
LEVELS = 10
TARGET_RATIO = 1.5
FRAME_BUDGET = 1 / 60  # 16.7 ms
PAINT_TIMEOUT = 5.0


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


class FastBook:
    """0D values (Kiwoom's field ids) of a busy book: each `next()` changes 3-6 levels'
    quantities; every fifth moves the whole book one tick up or down."""

    def __init__(self, code: str, base: int, seed: int = 26) -> None:
        self.code, self.center = code, base
        self.rng = random.Random(seed)
        self.asks = [self.rng.randrange(100, 50_000) for _ in range(LEVELS)]
        self.bids = [self.rng.randrange(100, 50_000) for _ in range(LEVELS)]
        self.n = 0

    def next(self) -> dict[str, str]:
        from kiwoom_ticket.domain.ticks import step_ticks

        self.n += 1
        if self.n % 5 == 0:
            self.center = step_ticks(self.center, self.rng.choice((-1, 1)))
        changes = {}
        for side in (self.asks, self.bids):
            for _ in range(self.rng.randrange(1, 4)):
                i = self.rng.randrange(LEVELS)
                new = max(1, side[i] + self.rng.randrange(-3_000, 3_000))
                changes[(id(side), i)] = new - side[i]
                side[i] = new
        v: dict[str, str] = {"21": time.strftime("%H%M%S")}
        for n in range(1, LEVELS + 1):
            v[str(40 + n)] = str(step_ticks(self.center, n))
            v[str(50 + n)] = str(step_ticks(self.center, 1 - n))
            v[str(60 + n)] = str(self.asks[n - 1])
            v[str(70 + n)] = str(self.bids[n - 1])
            v[str(80 + n)] = str(changes.get((id(self.asks), n - 1), 0))
            v[str(90 + n)] = str(changes.get((id(self.bids), n - 1), 0))
        v["121"], v["125"] = str(sum(self.asks)), str(sum(self.bids))
        return v


def floor_texts(values: dict[str, str]) -> list[list[str]]:
    """The 21 rows x 5 columns a bare table shows of a 0D: asks (farthest first), bids,
    totals; columns sells | ask qty | price | bid qty | buys."""
    rows = []
    for n in range(LEVELS, 0, -1):
        rows.append(["", f"{int(values[str(60 + n)]):,}", f"{int(values[str(40 + n)]):,}",
                     "", ""])
    for n in range(1, LEVELS + 1):
        rows.append(["", "", f"{int(values[str(50 + n)]):,}", f"{int(values[str(70 + n)]):,}",
                     ""])
    rows.append(["", f"{int(values['121']):,}", "", f"{int(values['125']):,}", ""])
    return rows


class LadderFloor:
    """A bare QTableView + QStandardItemModel of 21 rows, the ladder's size."""

    def __init__(self, size, first: dict[str, str]) -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QHeaderView

        self.texts = floor_texts(first)
        self.model = QStandardItemModel(0, 5)
        for texts in self.texts:
            self.model.appendRow([QStandardItem(t) for t in texts])
        table = self.table = _painting_table()
        table.setModel(self.model)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resize(size)
        table.show()

    async def update_once(self, values: dict[str, str]) -> float:
        texts = floor_texts(values)
        done: asyncio.Future = asyncio.get_event_loop().create_future()

        def painted() -> None:
            if not done.done():
                done.set_result(time.perf_counter())

        self.table.painted.connect(painted)
        try:
            t0 = time.perf_counter()
            for r, row in enumerate(texts):
                for c, text in enumerate(row):
                    if text != self.texts[r][c]:
                        self.model.item(r, c).setText(text)
            self.texts = texts
            t1 = await asyncio.wait_for(done, PAINT_TIMEOUT)
        finally:
            self.table.painted.disconnect(painted)
        return t1 - t0

    def close(self) -> None:
        self.table.close()
        self.table.deleteLater()


async def ladder_once(window, values: dict[str, str]) -> float:
    view = window.ladder.view
    done: asyncio.Future = asyncio.get_event_loop().create_future()

    def painted(_rects) -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    view.painted.connect(painted)
    try:
        t0 = time.perf_counter()
        window.live.depths({STOCK: values})
        t1 = await asyncio.wait_for(done, PAINT_TIMEOUT)
    finally:
        view.painted.disconnect(painted)
    return t1 - t0


async def _run(seconds: float) -> dict:
    arrivals = live_bench.Arrivals()
    arrivals.install()
    live = await live_bench._open(arrivals, None)  # the feed at the exchange's own pace
    window = live.window
    try:
        window.resize(1280, 720)
        await _until(lambda: window.ladder.code == STOCK and window.ladder.view.isVisible(),
                     "the ladder on the ticket's stock")
        live.sim.market.freeze()  # no moves of its own: the bench's books are the ones shown
        base = (await window.session.quote(STOCK)).current
        book = FastBook(STOCK, base)
        floor = LadderFloor(window.ladder.view.size(), book.next())
        a: list[float] = []
        b: list[float] = []
        try:
            slot = 1 / RATE
            start = time.perf_counter()
            n = int(seconds * RATE)
            for i in range(n + RATE // 5):  # the first fifth of a second: warm-up
                values = book.next()
                await asyncio.sleep(max(0.0, start + i * slot - time.perf_counter()))
                sa = await ladder_once(window, values)
                await asyncio.sleep(max(0.0, start + (i + 0.5) * slot - time.perf_counter()))
                sb = await floor.update_once(values)
                if i >= RATE // 5:
                    a.append(sa)
                    b.append(sb)
            took = time.perf_counter() - start
        finally:
            floor.close()
            live.sim.market.unfreeze()
        return {"ladder": a, "floor": b, "rate": len(a) / took, "load": os.getloadavg()[0]}
    finally:
        live.close()


def row(r: dict) -> list[common.Row]:
    a, b = common.Summary.of(r["ladder"]), common.Summary.of(r["floor"])
    ratio = a.median / b.median
    worst = p99(r["ladder"])
    ok = ratio <= TARGET_RATIO and worst <= FRAME_BUDGET
    over = sum(1 for x in r["ladder"] if x > FRAME_BUDGET)
    return [common.Row(
        number="14",
        figure=f"The ladder under a fast book: 0D at {RATE}/s for the ticket's stock, each "
               f"update → the ladder painted (offscreen window)",
        measured=f"{common.dist(a)}; p99 {common.ms(worst)}",
        reference=f"Qt's floor: a bare QTableView + QStandardItemModel of 21 rows changing "
                  f"the same cells, until painted {common.dist(b)}; p99 "
                  f"{common.ms(p99(r['floor']))}",
        ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f})",
        target=f"ratio ≤ {TARGET_RATIO:g}, p99 ≤ 16.7 ms",
        status=common.status(ok),
        notes=f"updates handed over as the live stream does (LiveWiring.depths on the GUI "
              f"loop: Depth.from_0d, the ladder's rows, the repaint of what changed); "
              f"{r['rate']:.0f} updates/s achieved, {over} of {a.n} over 16.7 ms; the "
              f"exchange's market frozen (its 0B prints continue). Load {r['load']:.2f}",
        raw={"ladder": a.__dict__, "floor": b.__dict__, "ladder_p99": worst,
             "floor_p99": p99(r["floor"])})]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()
    common.emit(row(run_on_qt_loop(_run(args.seconds))), args.json)


if __name__ == "__main__":
    main()
