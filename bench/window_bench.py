"""Figures 2 and 3: the real ticket window (offscreen) on a practice exchange.

2. Click to log row: a mouse click on 매수 (buy) until the log row shows the order number
   (the model has it and the table's viewport has repainted), against Qt's floor for
   the log's part of it: a bare QTableView over a QStandardItemModel (C++ storage and
   painting) of the same size, with the same rows, appending a row and painting it,
   alternating in the same process. The raw round trip of the same order by a keep-alive
   KiwoomClient is sampled alongside, to show what the click's time is made of.
3. GUI stall: a 1 ms QTimer probe notes every event-loop tick while N orders are in
   flight with the exchange answering in 300 ms; the reference is the same probe for the
   same length of time with nothing in flight, alternating. a) on the machine as it is;
   b) with a CPU hog (one busy process per core) running through both.

The window is built as app.py builds it, with a service factory that points the
Practice environment at this bench's exchange (rate limits off) and a journal in a
temporary home that already holds 1,000 orders (so the log's viewport is full, as on
any working day). Orders are limit buys of one to N shares of 035720 ten ticks under the
market (they rest; distinct quantities so no duplicate-order warning asks first).
Client pacing (5 orders/s, a deliberate wait) is off for figure 2, on as in the app for 3.

    python bench/window_bench.py [--clicks 100] [--stall-orders 100] [--stall-rounds 2]
                                 [--hog-rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # puts the repo on sys.path
from exchange_proc import practice_exchange
from qt_floor import CLICK_TIMEOUT, QtFloor
from window_rows import click_row, stall_row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STOCK = "035720"  # 카카오, ~60,000 won: a thousand resting buys stay under the value warning
LATENCY_MS = 300
HISTORY = 1_000  # orders already in the log: a trader's usual day, the table's viewport full
CASH = 100_000_000_000  # resting buys reserve cash; this lasts any run


async def _until(predicate, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


class Bench:
    def __init__(self, sim, window, client) -> None:
        self.sim, self.window, self.client = sim, window, client
        self.quantity = 0
        self.model_times: list[float] = []  # click -> the model holds the order number
        self._scratch = None  # a journal for journal_once
        # click -> the event loop's pass with the log's paint is over (the window's other
        # widgets repaint after an order too: the form, the status line)
        self.settle_times: list[float] = []
        self.place_times: list[float] = []  # click -> the form calls session.place

    # ---- figure 2 ----------------------------------------------------------------------

    async def prepare_buy_form(self) -> int:
        from kiwoom_ticket.domain.ticks import step_ticks

        form = self.window.buy_form
        self.window.tabs.setCurrentWidget(form)
        # History opens scrolled to the top and the log follows new rows only from the
        # bottom: scroll there, as a trader watching their orders would.
        self.window.log_view.table.scrollToBottom()
        form.stock.setText(STOCK)
        await _until(lambda: form.current_price(), "the quote")
        form.trade_type.select("0")
        price = step_ticks(form.current_price(), -10)
        form.price.setText(str(price))
        return price

    async def click_once(self) -> float:
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtTest import QTest

        form, model = self.window.buy_form, self.window.model
        table = self.window.log_view.table
        self.quantity += 1
        form.quantity.setText(str(self.quantity))
        row = model.rowCount()
        shown: asyncio.Future = asyncio.get_event_loop().create_future()
        settled: asyncio.Future = asyncio.get_event_loop().create_future()
        state = {"in_model": False}

        def check(*_args) -> None:
            rec = model.record(row)
            if rec is not None and rec.ord_no and not state["in_model"]:
                state["in_model"] = True
                self.model_times.append(time.perf_counter() - t0)

        def painted() -> None:
            # The end of the log's first paint after the model has the number: the row is
            # drawn, and the window's backing store goes to the screen after it.
            if state["in_model"] and not shown.done():
                shown.set_result(time.perf_counter())
                QTimer.singleShot(0, lambda: settled.done()
                                  or settled.set_result(time.perf_counter()))

        session = self.window.session
        place = session.place  # the core's, as the forms reach it

        def timed_place(*args, **kwargs):
            self.place_times.append(time.perf_counter() - t0)
            return place(*args, **kwargs)

        session.place = timed_place
        table.painted.connect(painted)
        model.rowsInserted.connect(check)
        model.dataChanged.connect(check)
        try:
            t0 = time.perf_counter()
            QTest.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
            t1 = await asyncio.wait_for(shown, CLICK_TIMEOUT)
            self.settle_times.append(await asyncio.wait_for(settled, CLICK_TIMEOUT) - t0)
        finally:
            session.place = place
            table.painted.disconnect(painted)
            model.rowsInserted.disconnect(check)
            model.dataChanged.disconnect(check)
        records = await form.last_task
        if not records or not records[0].ord_no:
            raise RuntimeError(f"the click did not place an order: {self.window.status_line.text()}")
        return t1 - t0

    def journal_once(self) -> float:
        """One durable insert and update of a record in a scratch journal beside the
        app's (same disk): what the click's two journal writes cost by themselves."""
        import uuid
        from dataclasses import replace

        from kiwoom_ticket.domain.exchange import Exchange
        from kiwoom_ticket.domain.orders import Action, NewOrder
        from kiwoom_ticket.domain.records import OrderRecord
        from kiwoom_ticket.domain.status import OrderStatus
        from kiwoom_ticket.journal import Journal

        if self._scratch is None:
            home = Path(os.environ["KIWOOM_TICKET_HOME"])
            self._scratch = Journal(home / "data" / "bench-scratch.sqlite3")
        order = NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "0", 60_000)
        rec = OrderRecord.from_request(uuid.uuid4().hex, "practice", order)
        t0 = time.perf_counter()
        self._scratch.insert(rec)
        self._scratch.update(replace(rec, status=OrderStatus.ACCEPTED))
        return time.perf_counter() - t0

    def raw_once(self, price: int) -> float:
        from kiwoom_ticket.domain.exchange import Exchange
        from kiwoom_ticket.domain.orders import Action, NewOrder

        self.quantity += 1
        order = NewOrder(Action.BUY, Exchange.KRX, STOCK, self.quantity, "0", price)
        t0 = time.perf_counter()
        self.client.send_order(order)
        return time.perf_counter() - t0

    async def click_to_row(self, rounds: int, warmup: int = 3) -> dict:
        price = await self.prepare_buy_form()
        floor = QtFloor(self.window.model, self.window.log_view.table)
        table = self.window.log_view.table
        a: list[float] = []
        b: list[float] = []
        raw: list[float] = []
        journal: list[float] = []
        rows_painted: list[int] = []
        try:
            for i in range(warmup + rounds):
                painted = table.rows_painted
                ta = await self.click_once()
                tb = await floor.insert_once()
                tr = self.raw_once(price)
                tj = self.journal_once()
                if i >= warmup:
                    a.append(ta)
                    b.append(tb)
                    raw.append(tr)
                    journal.append(tj)
                    rows_painted.append(table.rows_painted - painted)
                await asyncio.sleep(0)  # let the loop breathe between clicks
        finally:
            floor.close()
            if self._scratch is not None:
                self._scratch.close()
        return {"click": a, "floor": b, "raw": raw, "journal": journal,
                "model": self.model_times[warmup:], "settled": self.settle_times[warmup:],
                "place": self.place_times[warmup:],
                "rows_painted": rows_painted}

    def full_repaint(self, times: int = 20) -> tuple[float, int]:
        """Median seconds of one synchronous repaint of the whole log viewport, and how
        many rows it shows: what each inserted row costs the GUI thread."""
        import statistics

        table = self.window.log_view.table
        table.scrollToBottom()
        viewport = table.viewport()
        samples = []
        for _ in range(times):
            t0 = time.perf_counter()
            viewport.repaint()
            samples.append(time.perf_counter() - t0)
        first, last = table.rowAt(0), table.rowAt(viewport.height() - 1)
        return statistics.median(samples), (last - first + 1) if first >= 0 <= last else 0

    # ---- figure 3 ----------------------------------------------------------------------

    async def probe(self, seconds: float | None, work=None) -> tuple[list[float], float]:
        """Tick gaps while `work` (a coroutine) runs, or for `seconds` when idle."""
        from PySide6.QtCore import Qt, QTimer

        ticks: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        t0 = time.perf_counter()
        timer.start()
        try:
            if work is not None:
                await work
            else:
                await asyncio.sleep(seconds)
        finally:
            timer.stop()
        elapsed = time.perf_counter() - t0
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        return gaps, elapsed

    async def orders_in_flight(self, n: int) -> None:
        from kiwoom_ticket.domain.exchange import Exchange
        from kiwoom_ticket.domain.orders import Action, NewOrder
        from kiwoom_ticket.domain.ticks import step_ticks

        session = self.window.session
        self.window.log_view.table.scrollToBottom()
        price = step_ticks((await session.quote(STOCK)).current, -10)
        tasks = []
        for _ in range(n):
            self.quantity += 1
            order = NewOrder(Action.BUY, Exchange.KRX, STOCK, self.quantity, "0", price)
            tasks.append(self.window.spawn(session.place(order)))
        results = await asyncio.gather(*tasks)
        placed = sum(1 for r in results if r and r[0].ord_no)
        if placed != n:
            raise RuntimeError(f"only {placed} of {n} orders were placed")

    async def gui_stall(self, orders: int, rounds: int) -> dict:
        a_gaps: list[float] = []
        b_gaps: list[float] = []
        a_max: list[float] = []
        b_max: list[float] = []
        durations: list[float] = []
        for _ in range(rounds):
            self.sim.faults.set_latency(LATENCY_MS)
            try:
                gaps, elapsed = await self.probe(None, self.orders_in_flight(orders))
            finally:
                self.sim.faults.set_latency(0)
            a_gaps += gaps
            a_max.append(max(gaps))
            durations.append(elapsed)
            gaps, _ = await self.probe(elapsed)
            b_gaps += gaps
            b_max.append(max(gaps))
        return {"busy_gaps": a_gaps, "idle_gaps": b_gaps, "busy_max": a_max,
                "idle_max": b_max, "durations": durations, "load": os.getloadavg()[0]}


@contextlib.contextmanager
def cpu_hog(processes: int | None = None):
    """One busy process per core (a bare `while True: pass`) for the length of the block;
    each is ended by its own pid afterwards."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(processes or os.cpu_count() or 1)]
    try:
        time.sleep(0.5)  # let them get going
        yield len(hogs)
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()


async def _run(clicks: int, stall_orders: int, stall_rounds: int,
               hog_rounds: int) -> list[common.Row]:
    import journal_fixture

    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.kiwoom import Credentials, KiwoomClient
    from kiwoom_ticket.service import open_service
    from kiwoom_ticket.ui.self_test import AnswerYes

    keys = Credentials("bench-app-key-0123456789", "bench-secret-key-9876543210")
    rows: list[common.Row] = []
    with tempfile.TemporaryDirectory(prefix="kt-bench-win-") as home, \
            practice_exchange(profile="real", seed=5, rate_limits=False, cash=CASH) as sim:
        os.environ["KIWOOM_TICKET_HOME"] = home
        journal_fixture.build(Path(home), HISTORY)
        pacing = {"on": False}

        def factory(env, credentials=None):
            return open_service(env, credentials, base_url=sim.base_url,
                                data_dir=Path(home) / "data", pacing=pacing["on"])

        window = build_window(service_factory=factory, dialogs=AnswerYes())
        client = KiwoomClient(sim.base_url, keys)
        try:
            window.show()
            await window.start()
            if not window.session.connected:
                raise RuntimeError(f"not connected: {window.status_line.text()}")
            client.issue_token()
            bench = Bench(sim, window, client)
            if clicks:
                r = await bench.click_to_row(clicks)
                rows.append(click_row(r, *bench.full_repaint()))
            if stall_orders:
                pacing["on"] = True
                await window.session.connect(window.session.env)  # reopen with app pacing
                r = await bench.gui_stall(stall_orders, stall_rounds)
                rows.append(stall_row(r, stall_orders, *bench.full_repaint()))
                if hog_rounds:
                    with cpu_hog() as hogs:
                        r = await bench.gui_stall(stall_orders, hog_rounds)
                    rows.append(stall_row(r, stall_orders, *bench.full_repaint(), hogs=hogs))
        finally:
            client.close()
            window.shutdown()
            window.close()
    return rows


def rows(clicks: int, stall_orders: int, stall_rounds: int,
         hog_rounds: int = 1) -> list[common.Row]:
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()  # Qt's chatter to the (unconfigured) log, as in the app
    return run_on_qt_loop(_run(clicks, stall_orders, stall_rounds, hog_rounds))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clicks", type=int, default=100)
    p.add_argument("--stall-orders", type=int, default=100)
    p.add_argument("--stall-rounds", type=int, default=2)
    p.add_argument("--hog-rounds", type=int, default=1,
                   help="rounds of figure 3b (with a CPU hog); 0 leaves it out")
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.clicks, args.stall_orders, args.stall_rounds, args.hog_rounds),
                args.json)


if __name__ == "__main__":
    main()
