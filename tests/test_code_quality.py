"""The code-quality gate: ruff and the import contracts pass over the whole repo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the venv running pytest holds the tools too
LINTED = ["kiwoom_ticket", "tests", "bench", "packaging"]


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{tool} is missing: install the test extras (pip install -e .[test])")
    return subprocess.run(
        [str(tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=110, check=False
    )


def test_ruff_passes():
    paths = [p for p in LINTED if (ROOT / p).exists()]
    result = run_tool("ruff", "check", "--no-cache", *paths)
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}\n{result.stderr}"


def test_import_contracts_hold():
    # --no-cache: the cache directory would land in the work tree.
    result = run_tool("lint-imports", "--no-cache", "--no-logo")
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"
