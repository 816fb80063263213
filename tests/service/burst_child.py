"""Run as a child process by test_crash.py: log in and send a burst of orders.

Uses the same service path as the window's worker (prepare -> send)."""

import sys
from pathlib import Path

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.kiwoom import Credentials
from kiwoom_ticket.service import open_service


def main() -> None:
    url, data_dir, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    svc = open_service(Environment.MOCK, Credentials("crash-app-key-01", "crash-secret-01"),
                       base_url=url, data_dir=data_dir, pacing=False)
    print("ready", flush=True)
    for i in range(count):
        record = svc.prepare(NewOrder(Action.BUY, Exchange.KRX, "001510", 200 + i, "3"))
        svc.send(record)


if __name__ == "__main__":
    main()
