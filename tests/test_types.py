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
import tomllib
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kiwoom_ticket"
# An ignore names its error code, and a comment after it gives the reason:
#     x = y  # type: ignore[attr-defined]  # why mypy can't see it
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
EXPLAINED = re.compile(r"^\[[a-z-]+(,\s*[a-z-]+)*\]\s*#\s*\S")
STRICT = ("kiwoom_ticket.domain.*", "kiwoom_ticket.kiwoom.*", "kiwoom_ticket.journal.*",
          "kiwoom_ticket.service.*")
# mypy 2.4's --strict, flag by flag (`strict` itself can't be set per module).
STRICT_FLAGS = ("disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls",
                "disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs",
                "disallow_untyped_decorators", "warn_redundant_casts", "warn_unused_ignores",
                "warn_return_any", "no_implicit_reexport", "strict_equality", "extra_checks")


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
    # (the Windows branches under Windows and Wine, the Linux ones here). Under Wine, mypy's
    # parser (ast_serialize, built with Rust) needs bcryptprimitives.dll's ProcessPrng,
    # which Wine 8 lacks: packaging/windows/wine_check.py's prefix has the shim.
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


def test_the_settings_stay_strict_where_they_should():
    """The gate can't be opened quietly: the core keeps every --strict flag, the rest is
    still checked inside untyped functions, and no module is let off altogether."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["kiwoom_ticket"] and config["check_untyped_defs"] is True
    overrides = config.get("overrides", [])
    core = [o for o in overrides if set(STRICT) <= set(o["module"])]
    assert core, f"no override holds {STRICT}"
    flags = {**config, **core[0]}
    assert [f for f in STRICT_FLAGS if flags.get(f) is not True] == []
    assert "strict" not in core[0], "per-module `strict` turns it on for every module"
    for override in overrides:
        assert not override.get("ignore_errors"), f"{override['module']} is not checked"
        assert not override.get("ignore_missing_imports") or not any(
            m.startswith("kiwoom_ticket") for m in override["module"])
