"""kill -9 right after a buy with a bracket on entry was sent (its reply held back): the
bracket was written before the buy left, so the next start finds it, settles the buy from
the exchange's records (never sending it again) and puts the target and the stop on what
was bought."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kiwoom_ticket.domain.brackets import BracketState
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.watches import WatchState
from kiwoom_ticket.service.paths import journal_path

from .test_watches import run_core, until

CHILD = Path(__file__).with_name("bracket_entry_child.py")


def test_sigkill_after_the_buy_left_keeps_its_bracket(sim, tmp_path):
    sim.faults.clear()
    sim.market.freeze()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen([sys.executable, str(CHILD), sim.base_url, str(tmp_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        try:
            line = child.stdout.readline().split()
            assert line[0] == b"ready", line
            target, stop = int(line[2]), int(line[3])
            buys = sim.received("kt10000")
            # The buy is carried out at the exchange, its reply held back.
            sim.faults.inject(api_id="kt10000", kind="latency", count=1, seconds=30)
            child.stdin.write(b"go\n")
            child.stdin.flush()
            deadline = time.monotonic() + 30
            while sim.received("kt10000") == buys and time.monotonic() < deadline:
                time.sleep(0.005)
            assert sim.received("kt10000") == buys + 1
            child.kill()  # SIGKILL: no handler, no cleanup
        finally:
            child.wait(10)
            sim.faults.clear()
        assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
        with sqlite3.connect(journal_path("practice", tmp_path)) as db:  # what it left
            [(buy_id, state, saved_target, saved_stop)] = db.execute(
                "SELECT buy_local_id, state, target_price, stop_price FROM brackets")
            [(status,)] = db.execute("SELECT status FROM orders WHERE local_id=?", (buy_id,))
        assert state == BracketState.WAITING.value and status == OrderStatus.SENDING.value
        assert (saved_target, saved_stop) == (target, stop)
        sells = sim.received("kt10001")

        async def restart(core):
            await core.refresh(full=True, look_outside=True)
            keeper = core.protection.brackets
            await until(lambda: keeper.all()[0].stop_watch_id is not None
                        and len(keeper.all()[0].target_ids) == 1, seconds=20)
            await asyncio.sleep(0)
            rows = await core._run(core.service.journal.all)
            return keeper.all()[0], core.protection.watches.all(), rows

        bracket, watches, rows = run_core(sim, tmp_path, restart)
    finally:
        sim.market.unfreeze()
    assert sim.received("kt10000") == buys + 1  # the buy was never sent again
    assert sim.received("kt10001") == sells + 1  # its target, once
    [buy] = [r for r in rows if r.local_id == buy_id]
    assert buy.status is OrderStatus.FILLED and buy.filled_qty == 3
    assert bracket.state is BracketState.ACTIVE and bracket.covered == 3
    [sell] = [r for r in rows if r.local_id in bracket.target_ids]
    assert sell.quantity == 3 and sell.price == target
    [w] = [w for w in watches if w.watch_id == bracket.stop_watch_id]
    assert w.state is WatchState.ARMED and w.trigger == stop and w.quantity == 3
