"""The type gate: mypy passes over kiwoom_ticket with the settings in pyproject.toml
([tool.mypy]: strict on domain, kiwoom, journal and service; untyped bodies checked
everywhere else), and every `# type: ignore` left in the code says why."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kiwoom_ticket"
# An ignore names its error code, and a comment after it gives the reason:
#     x = y  # type: ignore[attr-defined]  # why mypy can't see it
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
EXPLAINED = re.compile(r"^\[[a-z-]+(,\s*[a-z-]+)*\]\s*#\s*\S")


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


def test_every_type_ignore_says_why():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = IGNORE.search(line)
            if found and not EXPLAINED.match(found["rest"].strip()):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not unexplained, ("a `# type: ignore[code]` needs a reason in a comment after "
                             "it:\n" + "\n".join(unexplained))
