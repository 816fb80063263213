"""Run as a child process by test_watch_crash.py: the application core buys, puts a
bracket on the buy (its target rests at the exchange) and lets a price fire the stop.
The parent kills it (SIGKILL) while the exchange holds back the reply to the cancel of
the target (the bracket's other side)."""

import asyncio
import sys
from pathlib import Path

from child_core import connected_core

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.ticks import step_ticks

CODE = "035420"


async def main(url: str, data_dir: Path) -> None:
    core = await connected_core(url, data_dir)
    [buy, *_] = await core.place(NewOrder(Action.BUY, Exchange.KRX, CODE, 3, "3"))
    await core.refresh(full=True)
    await core.load_account()
    quote = await core.quote(CODE)
    bracket = await core.protection.brackets.add(buy, step_ticks(quote.current, 20), 2)
    watches = core.protection.watches
    [stop] = [w for w in watches.all() if w.watch_id == bracket.stop_watch_id]
    print("ready", stop.watch_id, stop.trigger, quote.base, flush=True)
    sys.stdin.readline()  # the parent holds the cancel's reply back
    watches.see(CODE, stop.trigger, quote.base, "child")
    await asyncio.sleep(3600)  # killed while the cancel's reply is held


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2])))
