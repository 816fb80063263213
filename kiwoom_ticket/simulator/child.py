"""The app's practice exchange as a child process (`kiwoom-ticket --practice-exchange`).

In its own process the exchange's aiohttp server, market walk and WebSocket feed no
longer compete with the window's thread for one GIL.

Handshake: once serving, one JSON line on stdout, {"port": N, "pid": P}; if it cannot
serve, {"error": "..."} and a non-zero exit. Nothing else is written to stdout; log lines
go to stderr as `LEVEL logger: message` (the app relays them into its own log).

It never outlives the app: it stops when its stdin reaches end of file (the app closes
its end to stop it, and the OS closes it when the app dies, on every system); on Linux
also on PR_SET_PDEATHSIG; on Windows the app's job object kills it. It refuses to run
when another exchange holds the same state file (state_lock).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from .config import SimConfig
from .simulator import Simulator
from .state_lock import StateFileBusy, StateLock

log = logging.getLogger(__name__)

FLAG = "--practice-exchange"  # the app's argument that starts this instead of the window
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
PR_SET_PDEATHSIG = 1


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog=f"kiwoom-ticket {FLAG}",
                                description="the app's practice exchange, run by the app")
    p.add_argument("--state", required=True, type=Path, help="the account's JSON state file")
    p.add_argument("--parent-pid", type=int, default=None,
                   help="stop if this process is not (or no longer) the parent")
    p.add_argument("--seed", type=int, default=None, help="seed for the price walk")
    p.add_argument("--walk-interval", type=float, default=1.0, metavar="SECONDS")
    return p.parse_args(argv)


def app_config(args: argparse.Namespace) -> SimConfig:
    """What the app's Practice environment has always been: api.kiwoom.com's profile and
    quotas, prices stepping once a second, the account kept in the data folder."""
    return SimConfig(profile="real", rate_limits=True, seed=args.seed,
                     walk_interval=args.walk_interval or None, state_file=args.state)


def open_exchange(config: SimConfig) -> Simulator:
    """The exchange on `config`'s state file; a file that can't be read is moved aside
    and the account starts afresh (as the in-process exchange does)."""
    assert config.state_file is not None  # --state is required
    state = Path(config.state_file)
    try:
        return Simulator(config)
    except (ValueError, KeyError, TypeError) as exc:
        aside = state.with_name(state.name + ".unreadable")
        state.replace(aside)
        log.warning("practice exchange state unreadable (%s); moved to %s", exc, aside)
        return Simulator(config)


def answer(message: dict) -> bool:
    """The handshake line. False when there is no stdout to write it to."""
    if sys.stdout is None:
        return False
    try:
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        return False
    return True


def die_with_parent(parent_pid: int | None, stopping: threading.Event) -> None:
    """Linux: SIGTERM (a clean stop) when the thread that started us ends. If the parent
    is already gone by now, the signal will never come: stop at once."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the stdin watchdog still stops us
    if parent_pid is not None and os.getppid() != parent_pid:
        stopping.set()


def watch_stdin(stopping: threading.Event) -> None:
    """Set `stopping` when stdin ends: the parent closed its end, or died."""
    try:
        fd = sys.stdin.fileno() if sys.stdin is not None else None
    except (OSError, ValueError):
        fd = None
    if fd is None:
        return  # nothing to watch (no pipe was given): the other two mechanisms remain
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    stopping.set()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if sys.stderr is not None:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format=LOG_FORMAT)
    stopping = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    die_with_parent(args.parent_pid, stopping)
    lock = StateLock(args.state)
    try:
        lock.acquire()
    except (StateFileBusy, OSError) as exc:
        answer({"error": str(exc)})
        return 3
    try:
        try:
            sim = open_exchange(app_config(args)).start()
        except (RuntimeError, OSError, ValueError) as exc:
            answer({"error": f"{type(exc).__name__}: {exc}"})
            return 1
        try:
            if not answer({"port": sim.port, "pid": os.getpid()}):
                return 2
            threading.Thread(target=watch_stdin, args=(stopping,), name="parent-watch",
                             daemon=True).start()
            # Wake now and then: on some platforms a signal does not interrupt Event.wait().
            while not stopping.wait(1.0):
                if not sim.running:
                    log.error("the practice exchange's server stopped unexpectedly")
                    return 1
        finally:
            sim.stop()  # writes the state file
    finally:
        lock.release()
    return 0
