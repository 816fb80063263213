"""Issue 22's stateful test, short: orders, REST faults, restarts and day changes with a
live stream delivering the exchange's true events in order, repeated, late, early and
lost, plus made-up numbers and lies; journal = exchange after settling, every step
(bench/stateful.py --machine live runs it long)."""

import pytest
from hypothesis import HealthCheck, settings

from .live_ledger_machine import LiveLedgerMachine

# Lies are refused or, when they match their order, corrected by the exchange's lists;
# a ghost can still land after a poll called its row not taken (the ledger machine's).
TestLiveLedgerMachine = pytest.mark.allow_log(
    "late order", "live event refused", "corrected to the exchange's",
)(LiveLedgerMachine.TestCase)
# A few runs, derandomized: each step is a loopback round trip or several (too_slow is
# about that, not about the strategies).
TestLiveLedgerMachine.settings = settings(
    max_examples=8, stateful_step_count=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
