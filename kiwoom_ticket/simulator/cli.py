"""`kiwoom-sim`: run the practice exchange until Ctrl-C or SIGTERM.

The first line on stdout is `listening on http://HOST:PORT`.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from kiwoom_ticket.domain.clock import configure

from .admin import is_loopback
from .config import SimConfig
from .simulator import Simulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="kiwoom-sim",
        description="A local practice exchange that speaks Kiwoom's REST API.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    p.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    p.add_argument("--profile", choices=("mock", "real"), default="mock",
                   help="behave like mockapi.kiwoom.com (KRX only, 1 req/s) or api.kiwoom.com")
    p.add_argument("--seed", type=int, default=None, help="seed for the price walk")
    p.add_argument("--state", default=None, metavar="FILE",
                   help="keep the account and orders in this JSON file across restarts")
    p.add_argument("--clock", choices=("always", "krx"), default="always",
                   help="'always': open at any hour; 'krx': KRX trading hours (KST)")
    p.add_argument("--clock-start", default=None, metavar="TIME",
                   help="start the exchange's clock at this time (KST if no zone), e.g. "
                        "2026-12-07T23:59:40; also KIWOOM_TICKET_CLOCK")
    p.add_argument("--walk-interval", type=float, default=1.0, metavar="SECONDS",
                   help="seconds between price steps (0: prices move only when told)")
    p.add_argument("--ws-tick-interval", type=float, default=0.25, metavar="SECONDS",
                   help="seconds between the market's trade prints (0B) per subscribed stock "
                        "on the WebSocket (default 0.25; 0: trades only on moves and fills)")
    p.add_argument("--no-rate-limits", action="store_true", help="turn off the request quotas")
    p.add_argument("--page-size", type=int, default=100, help="rows per page of list replies")
    p.add_argument("--one-token-per-key", action="store_true",
                   help="a new token for an app key invalidates its earlier ones (as Kiwoom "
                        "is reported to do)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        configure(dict(os.environ), args.clock_start)
    except ValueError as exc:
        print(f"kiwoom-sim: --clock-start / KIWOOM_TICKET_CLOCK: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = SimConfig(
        profile=args.profile, seed=args.seed, rate_limits=not args.no_rate_limits,
        page_size=args.page_size, state_file=args.state, clock=args.clock,
        walk_interval=args.walk_interval or None, host=args.host, port=args.port,
        ws_tick_interval=args.ws_tick_interval if args.ws_tick_interval > 0 else None,
        one_token_per_key=args.one_token_per_key,
    )
    stopping = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        sim = Simulator(config).start()
    except (RuntimeError, OSError, ValueError) as e:
        print(f"kiwoom-sim: {e}", file=sys.stderr)
        return 1
    print(f"listening on {sim.base_url}", flush=True)
    if not is_loopback(args.host) and args.host != "localhost":
        print(f"kiwoom-sim: warning: serving on {args.host}; other machines can reach it",
              file=sys.stderr)
    try:
        # Wake now and then: on some platforms a signal does not interrupt Event.wait().
        while not stopping.wait(0.5):
            if not sim.running:
                print("kiwoom-sim: the server stopped unexpectedly", file=sys.stderr)
                return 1
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
