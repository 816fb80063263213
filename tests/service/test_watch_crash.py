"""kill -9 between a watch's "firing" and its order's reply: on the next start the watch
is fired for good (its order found and settled from the exchange's records like any
unknown order) and a price past its trigger sends nothing more."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import WatchState
from kiwoom_ticket.journal.protection_store import INTERRUPTED_FIRING
from kiwoom_ticket.service.paths import journal_path

from .test_watches import run_core, sells

CHILD = Path(__file__).with_name("watch_child.py")


def test_sigkill_between_firing_and_the_reply_never_fires_again(sim, tmp_path):
    sim.faults.clear()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen([sys.executable, str(CHILD), sim.base_url, str(tmp_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        line = child.stdout.readline().split()
        assert line[0] == b"armed", line
        watch_id, trigger, base = line[1].decode(), int(line[2]), int(line[3])
        sent = sim.received("kt10001")
        # The sell is carried out at the exchange, its reply held back: the window
        # between "firing" and the reply.
        sim.faults.inject(api_id="kt10001", kind="latency", count=1, seconds=30)
        child.stdin.write(b"go\n")
        child.stdin.flush()
        deadline = time.monotonic() + 30
        while sim.received("kt10001") == sent and time.monotonic() < deadline:
            time.sleep(0.005)
        assert sim.received("kt10001") == sent + 1
        child.kill()  # SIGKILL: no handler, no cleanup
    finally:
        child.wait(10)
    assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    sim.faults.clear()
    path = journal_path("practice", tmp_path)
    with sqlite3.connect(path) as db:  # what the killed run left on disk
        [(state,)] = db.execute("SELECT state FROM watches WHERE watch_id=?", (watch_id,))
    assert state == WatchState.FIRING.value

    async def restart(core):
        await core.refresh(full=True, look_outside=True)
        keeper = core.protection.watches
        [w] = keeper.all()
        keeper.day_changed(w.trade_day)
        keeper.see(w.stock_code, step_ticks(trigger, -3), base, "after restart")
        await asyncio.sleep(0)
        rows = await core._run(core.service.journal.all)
        return w, rows

    before = sim.received("kt10001")
    w, rows = run_core(sim, tmp_path, restart)
    assert sim.received("kt10001") == before  # nothing more left
    assert w.state is WatchState.FIRED and w.message == INTERRUPTED_FIRING
    [sell] = [r for r in sells(rows) if r.action is Action.SELL]
    assert w.order_local_id == sell.local_id
    assert sell.status not in (OrderStatus.SENDING, OrderStatus.UNKNOWN)  # settled
    assert sell.ord_no  # the exchange had taken it


BRACKET_CHILD = Path(__file__).with_name("bracket_child.py")


def test_sigkill_during_a_brackets_cancel_of_its_target_sells_nothing_twice(sim, tmp_path):
    sim.faults.clear()
    sim.market.freeze()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen([sys.executable, str(BRACKET_CHILD), sim.base_url, str(tmp_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        line = child.stdout.readline().split()
        assert line[0] == b"ready", line
        watch_id, trigger, base = line[1].decode(), int(line[2]), int(line[3])
        sells_sent, cancels = sim.received("kt10001"), sim.received("kt10003")
        sim.faults.inject(api_id="kt10003", kind="latency", count=1, seconds=30)
        child.stdin.write(b"go\n")
        child.stdin.flush()
        deadline = time.monotonic() + 30
        while sim.received("kt10003") == cancels and time.monotonic() < deadline:
            time.sleep(0.005)
        assert sim.received("kt10003") == cancels + 1
        child.kill()
    finally:
        child.wait(10)
        sim.faults.clear()
    try:
        assert sim.received("kt10001") == sells_sent  # the stop's sell never left

        async def restart(core):
            await core.refresh(full=True, look_outside=True)
            watches = core.protection.watches
            [stop] = [w for w in watches.all() if w.watch_id == watch_id]
            watches.day_changed(stop.trade_day)
            watches.see(stop.stock_code, step_ticks(trigger, -3), base, "after restart")
            await asyncio.sleep(0)
            rows = await core._run(core.service.journal.all)
            return stop, core.protection.brackets.all(), rows

        stop, [bracket], rows = run_core(sim, tmp_path, restart)
    finally:
        sim.market.unfreeze()
    assert sim.received("kt10001") == sells_sent  # nor after the restart
    assert stop.state is WatchState.FIRED and stop.message == INTERRUPTED_FIRING
    [target] = [r for r in rows if r.local_id in bracket.target_ids]
    assert target.status is OrderStatus.CANCELLED  # settled from the exchange's records
    cancel = [r for r in rows if r.action is Action.CANCEL]
    assert len(cancel) == 1 and cancel[0].status not in (OrderStatus.SENDING,
                                                         OrderStatus.UNKNOWN)
