"""The stateful property test, short: a few random runs of buys, sells, modifies,
cancels, faults, restarts, crashes and day changes (bench/stateful.py runs it long)."""

import pytest
from hypothesis import HealthCheck, settings

from .ledger_machine import LedgerMachine

# A ghost can still land after a poll called its row not taken: adopted, with a warning.
TestLedgerMachine = pytest.mark.allow_log("late order")(LedgerMachine.TestCase)
TestLedgerMachine.settings = settings(
    max_examples=5, stateful_step_count=14, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
