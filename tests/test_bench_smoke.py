"""The benchmark harness still runs against today's code (no figure is judged here:
speed is measured in bench/, never in a test)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(600)  # every figure once, quickly: minutes on a shared 2-core machine
@pytest.mark.skipif(sys.platform == "win32",
                    reason="the bench reads peak memory with the POSIX resource module")
def test_quick_bench_runs_every_figure(tmp_path):
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=720,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    table = [line for line in out.read_text(encoding="utf-8").splitlines()
             if line.startswith("| ") and line.split("|")[1].strip()[:1].isdigit()]
    numbers = {line.split("|")[1].strip() for line in table}
    assert numbers >= {"1a", "1b", "2", "3a", "3b", "4", "5a", "5b", "6", "7", "8", "8b", "9", "10", "11",
                       "12", "13a", "13b", "14"}, table
    assert not any("FAILED" in line for line in table), table
