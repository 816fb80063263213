"""The GUI fuzz run at length: many seeds of tests/ui/window_fuzz.py, each a fresh
window on the practice exchange, driven with real key and mouse events (issue 21).

    .venv/bin/python bench/gui_fuzz.py --seeds 1-50 --steps 120

Prints one line per seed (what it did) and a summary: runs, steps, orders, questions,
keys pressed before a question was armed, and every finding (an order no deliberate
action showed, or one that arrived twice). Exit status 1 when there is a finding. The
suite runs one short seed (tests/ui/test_window_fuzz.py)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-20", help="'1-50' or '3,7,9'")
    parser.add_argument("--steps", type=int, default=120)
    args = parser.parse_args()
    env = dict(os.environ, FUZZ_SEEDS=args.seeds, FUZZ_STEPS=str(args.steps),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    cmd = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
           "tests/ui/test_window_fuzz.py", "-o", "addopts="]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    # pytest -q puts a test's dot right before the next test's own line: search, not split.
    lines = re.findall(r"fuzz seed=.*", out)
    for line in lines:
        print(line)
    failed = re.findall(r"AssertionError: (seed \d+: .*)", out)
    steps = sum(int(m) for m in re.findall(r"steps=(\d+)", "\n".join(lines)))
    questions = sum(int(m) for m in re.findall(r"questions=(\d+)", "\n".join(lines)))
    early = sum(int(m) for m in re.findall(r"early_keys=(\d+)", "\n".join(lines)))
    summary = re.findall(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", out, re.MULTILINE)
    print(f"\nruns: {len(lines)} seeds, {steps} steps, {questions} questions answered, "
          f"{early} keys pressed at questions before they were armed")
    print(f"pytest: {summary[-1] if summary else proc.returncode}")
    for finding in failed:
        print(f"FINDING {finding}")
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
