"""Run as a child process by test_bracket_entry_crash.py: the application core places a
buy with its bracket set on entry (the Buy tab's way). The parent holds back the
exchange's reply to the buy and kills the child (SIGKILL) while it waits for it."""

import asyncio
import sys
from pathlib import Path

from child_core import connected_core

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.ticks import step_ticks

CODE = "035420"
QUANTITY = 3


async def main(url: str, data_dir: Path) -> None:
    core = await connected_core(url, data_dir)
    quote = await core.quote(CODE)
    target, stop = step_ticks(quote.current, 10), step_ticks(quote.current, -3)
    print("ready", quote.current, target, stop, flush=True)
    sys.stdin.readline()  # the parent holds the buy's reply back
    order = NewOrder(Action.BUY, Exchange.KRX, CODE, QUANTITY, "0", quote.current)
    await core.protection.brackets.buy_with_bracket(order, "NAVER", target, stop)
    await asyncio.sleep(3600)  # killed before this


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2])))
