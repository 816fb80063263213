"""Run as a child process by test_watch_crash.py: the application core (no window) on
the practice exchange holds a stock, arms a stop-loss on it and lets a price fire it.
The parent kills it (SIGKILL) while the sell's reply is held back by the exchange."""

import asyncio
import sys
from pathlib import Path

from child_core import connected_core

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind

CODE = "000660"  # the same stock as test_watches.py


async def main(url: str, data_dir: Path) -> None:
    core = await connected_core(url, data_dir)
    await core.place(NewOrder(Action.BUY, Exchange.KRX, CODE, 3, "3"))
    await core.refresh(full=True)
    await core.load_account()
    quote = await core.quote(CODE)
    trigger = step_ticks(quote.current, -1)
    keeper = core.protection.watches
    watch = await keeper.add(CODE, WatchKind.STOP_LOSS, TriggerUnit.PRICE, trigger, 2,
                             quote.current)
    print("armed", watch.watch_id, trigger, quote.base, flush=True)
    sys.stdin.readline()  # the parent has held the sell's reply back
    keeper.see(CODE, trigger, quote.base, "child")
    await asyncio.sleep(3600)  # killed while the reply is held


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2])))
