"""The code-quality gate: ruff and the import contracts pass over the whole repo."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Where this Python installs commands: the venv's bin/ (Scripts\ on Windows, with .exe).
BIN = Path(sysconfig.get_path("scripts"))
LINTED = ["kiwoom_ticket", "tests", "bench", "packaging"]


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(name, path=str(BIN))
    if tool is None:
        pytest.fail(f"{name} is missing from {BIN}: install the test extras (pip install -e .[test])")
    return subprocess.run(
        [tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=110, check=False
    )


def test_ruff_passes():
    paths = [p for p in LINTED if (ROOT / p).exists()]
    result = run_tool("ruff", "check", "--no-cache", *paths)
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}\n{result.stderr}"


def test_import_contracts_hold():
    # --no-cache: the cache directory would land in the work tree.
    result = run_tool("lint-imports", "--no-cache", "--no-logo")
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"
