"""A short seeded random run of the real window (tests/ui/window_fuzz.py): every order
the practice exchange received matches exactly one deliberate action the window showed,
and none arrived twice. bench/gui_fuzz.py runs many seeds at length (FUZZ_SEEDS,
FUZZ_STEPS)."""

from __future__ import annotations

import os

import pytest

from .window_fuzz import fuzz


def _seeds() -> list[int]:
    spec = os.environ.get("FUZZ_SEEDS", "21")
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last) + 1)) if last else [int(s) for s in spec.split(",")]


STEPS = int(os.environ.get("FUZZ_STEPS", "40"))


@pytest.mark.timeout(600)
@pytest.mark.parametrize("seed", _seeds())
def test_every_order_is_one_deliberate_action(window, qtbot, practice_sim, seed):
    run = fuzz(window, qtbot, practice_sim, seed=seed, steps=STEPS)
    print(f"fuzz seed={seed} steps={run.steps} acts={len(run.acts)} "
          f"questions={run.questions} early_keys={run.early_keys} counts={run.counts}")
    assert not run.findings, f"seed {seed}: " + "; ".join(run.findings)
    assert run.acts, "the run did nothing"
