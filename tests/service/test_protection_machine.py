"""The protection machine (protection_machine.py), short and derandomized: watches,
brackets, prices, fills, a stream that is lost, crashes, restarts and day changes,
interleaved, against the practice exchange. bench/stateful.py --machine protection runs
it long (random)."""

from hypothesis import HealthCheck, settings

from .protection_machine import ProtectionMachine

TestProtectionMachine = ProtectionMachine.TestCase
TestProtectionMachine.settings = settings(
    max_examples=20, stateful_step_count=30, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
