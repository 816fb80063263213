"""The command line: --version without Qt, no display, and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def launch(*args: str, env: dict[str, str] | None = None, timeout: float = 90):
    return subprocess.run(
        [sys.executable, "-m", "kiwoom_ticket", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=timeout,
    )


def bare_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["KIWOOM_TICKET_HOME"] = str(tmp_path)
    return env


def test_version_needs_no_qt(tmp_path):
    code = ("import sys, runpy; sys.argv=['kiwoom-ticket','--version'];"
            "from kiwoom_ticket.__main__ import main; rc=main();"
            "assert not any(m.startswith('PySide6') for m in sys.modules); sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=bare_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kiwoom-ticket 0.1.0"


def test_no_display_and_no_xvfb_exits_2_with_a_bilingual_message(tmp_path):
    env = bare_env(tmp_path)
    env["PATH"] = str(Path(sys.executable).parent)  # no xvfb-run on this PATH
    result = launch(env=env, timeout=60)
    assert result.returncode == 2
    assert "디스플레이" in result.stderr and "no display" in result.stderr
    assert "xvfb-run" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    # The same packages as the README's line, libgl1 and libegl1 included.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [line] = [ln for ln in readme.splitlines() if "apt-get install xvfb" in ln]
    wanted = line.split("apt-get install", 1)[1].split("`")[0].split()
    said = result.stderr.split("apt-get install", 1)[1].split(")")[0].split()
    assert said == wanted and {"libgl1", "libegl1"} <= set(said)


def test_self_test_runs_the_chain_headless(tmp_path):
    result = launch("--self-test", env=bare_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "self-test: OK" in out
    assert "buy" in out and "modify" in out and "cancel" in out
    assert "MODIFIED -> CANCELLED -> CANCELLED" in out
