"""The stateful property test, long: many random runs of the order service against the
practice exchange (buys, sells, modifies, cancels, ten fault kinds, restarts, crashes
mid-send, day changes), the journal checked against the exchange's ledger after every
step. The suite runs a short, derandomized version (tests/service/test_ledger_machine.py).

    python bench/stateful.py [--examples 60] [--steps 40] [--machine live|protection]
"""

from __future__ import annotations

import argparse
import time

import common  # puts the repo on sys.path
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.service import ledger_machine


def rows(examples: int, steps: int, machine: str = "ledger") -> list[common.Row]:
    if machine == "live":
        return live_rows(examples, steps)
    if machine == "protection":
        return protection_rows(examples, steps)
    started = time.perf_counter()
    ok, failure = True, ""
    try:
        run_state_machine_as_test(ledger_machine.LedgerMachine, settings=settings(
            max_examples=examples, stateful_step_count=steps, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    except AssertionError as exc:
        ok, failure = False, str(exc).splitlines()[0][:200]
    seconds = time.perf_counter() - started
    return [common.Row(
        number="8",
        figure=f"Stateful property test: {examples} random runs of up to {steps} steps",
        measured=(f"{ledger_machine.steps_taken:,} steps, {ledger_machine.requests_sent:,} "
                  "order requests; journal = ledger after every step")
                 if ok else f"FAILED: {failure}",
        reference="-", ratio="-", target="no doubled, lost or unsettled order",
        status=common.status(ok),
        notes=f"{seconds:.0f} s; faults, restarts, crashes mid-send and day changes drawn "
              "by hypothesis",
        raw={"examples": examples, "steps": steps, "steps_taken": ledger_machine.steps_taken,
             "requests": ledger_machine.requests_sent,
             "seconds": seconds, "ok": ok},
    )]


def live_rows(examples: int, steps: int) -> list[common.Row]:
    """Issue 22's machine: the same, with a live stream (true events in order, repeated,
    late, early, lost; made-up numbers; lies), journal = exchange after every step."""
    from tests.service import live_ledger_machine

    started = time.perf_counter()
    ok, failure = True, ""
    try:
        run_state_machine_as_test(live_ledger_machine.LiveLedgerMachine, settings=settings(
            max_examples=examples, stateful_step_count=steps, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    except AssertionError as exc:
        ok, failure = False, str(exc).splitlines()[0][:200]
    seconds = time.perf_counter() - started
    return [common.Row(
        number="8b",
        figure=f"Stateful test with a live stream: {examples} random runs of up to {steps} "
               "steps",
        measured=(f"{ledger_machine.steps_taken:,} steps, {ledger_machine.requests_sent:,} "
                  f"order requests, {live_ledger_machine.events_delivered:,} live events; "
                  "journal = exchange after every step") if ok else f"FAILED: {failure}",
        reference="-", ratio="-", target="journal = exchange (state and fills), every step",
        status=common.status(ok),
        notes=f"{seconds:.0f} s; events true, repeated, late, out of order, lost in "
              "reconnects, across day changes, for made-up numbers, and lying",
        raw={"examples": examples, "steps": steps, "ok": ok, "seconds": seconds,
             "events": live_ledger_machine.events_delivered},
    )]


def protection_rows(examples: int, steps: int) -> list[common.Row]:
    """Issue 27's machine: watches, brackets, prices, fills, a lost stream, crashes,
    restarts and day changes against the practice exchange (tests/service/
    protection_machine.py; the suite runs it short and derandomized)."""
    from tests.service import protection_machine

    started = time.perf_counter()
    ok, failure = True, ""
    try:
        run_state_machine_as_test(protection_machine.ProtectionMachine, settings=settings(
            max_examples=examples, stateful_step_count=steps, deadline=None,
            suppress_health_check=[HealthCheck.too_slow]))
    except AssertionError as exc:
        ok, failure = False, str(exc).splitlines()[0][:200]
    seconds = time.perf_counter() - started
    return [common.Row(
        number="8c",
        figure=f"Protection machine: {examples} random runs of up to {steps} steps",
        measured=(f"{protection_machine.steps_taken:,} steps, "
                  f"{protection_machine.watches_fired:,} watches fired; checked after every "
                  "step") if ok else f"FAILED: {failure}",
        reference="-", ratio="-",
        target="no watch fired twice or on a bad price, no bracket sold beyond its buy",
        status=common.status(ok),
        notes=f"{seconds:.0f} s; watches, brackets, prices, partial fills, a lost stream, "
              "crashes, restarts, unseen days and base-price changes drawn by hypothesis",
        raw={"examples": examples, "steps": steps, "ok": ok, "seconds": seconds,
             "steps_taken": protection_machine.steps_taken,
             "fired": protection_machine.watches_fired},
    )]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--examples", type=int, default=200)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--machine", choices=("ledger", "live", "protection"), default="ledger",
                   help="live: issue 22's machine, with a live stream and lying events; "
                        "protection: issue 27's watches and brackets")
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.examples, args.steps, args.machine), args.json)


if __name__ == "__main__":
    main()
