"""The throughput bench runs and books what it sends (its speed is measured in bench/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "sim_throughput.py"


def test_measure_returns_its_figures():
    spec = importlib.util.spec_from_file_location("sim_throughput", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.measure(0.2, clients=1)
    assert result["orders"] > 0 and result["errors"] == 0
    assert result["ledger"] >= result["orders"]
    assert set(result) >= {"orders", "orders_per_s", "seconds", "clients"}
