"""The type gate: mypy passes over kiwoom_ticket with the settings in pyproject.toml
([tool.mypy]: strict on domain, kiwoom, journal and service; untyped bodies checked
everywhere else)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """mypy's cache, outside the work tree: one per checkout and Python (a second run
    only re-checks what changed)."""
    key = hashlib.sha256(f"{ROOT}|{sys.version}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"kiwoom-ticket-mypy-{key}"


def test_mypy_passes():
    if find_spec("mypy") is None:
        pytest.fail(f"mypy is missing from {sys.executable}: install the test extras "
                    "(pip install -e .[test])")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "MYPY_FORCE_COLOR": "0"}
    # Files and settings come from pyproject.toml; the host's platform is the one checked
    # (the Windows branches under Wine, the Linux ones here).
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(cache_dir()), "--no-color-output"],
        cwd=ROOT, env=env, capture_output=True, encoding="utf-8", errors="replace",
        timeout=110, check=False,
    )
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}\n{result.stderr}"

