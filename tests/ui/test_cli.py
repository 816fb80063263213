"""The command line: --version without Qt, no display, and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


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
    assert result.stdout.strip() == f"kiwoom-ticket {VERSION}"


def test_version_prints_pyprojects_version_and_exits_0_without_a_display(tmp_path):
    result = launch("--version", env=bare_env(tmp_path), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kiwoom-ticket {VERSION}"
    assert result.stderr == ""


def test_help_survives_a_pipe_that_cannot_encode_hangul(tmp_path):
    # A pipe on an English Windows is cp1252: Hangul in --help must not crash the app.
    env = bare_env(tmp_path)
    env["PYTHONIOENCODING"] = "ascii"
    result = launch("--help", env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "--self-test" in result.stdout and "\\u" in result.stdout


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="Windows and macOS always have a display; only X11/Wayland can lack one")
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
    # From a folder that is not the project (as a .app or a Start-menu shortcut starts it),
    # with Hangul in every path it writes: its home, the temporary folder.
    user = tmp_path / "사용자 홍길동"
    (user / "temp").mkdir(parents=True)
    env = bare_env(user / "home")
    for name in ("TMPDIR", "TEMP", "TMP"):
        env[name] = str(user / "temp")
    result = subprocess.run(
        [sys.executable, "-m", "kiwoom_ticket", "--self-test"], cwd=user, env=env,
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=90,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "self-test: OK" in out
    assert "buy" in out and "modify" in out and "cancel" in out
    assert "MODIFIED -> CANCELLED -> CANCELLED" in out


@pytest.mark.skipif(not (sys.platform.startswith("linux") and os.environ.get("DISPLAY")),
                    reason="needs an X display (CI runs the suite under xvfb-run)")
def test_self_test_on_a_real_x11_display(tmp_path):
    # The widget tests run offscreen (focus needs a window manager under Xvfb); this puts the
    # whole app through Qt's xcb platform plugin once.
    env = bare_env(tmp_path)
    env["DISPLAY"] = os.environ["DISPLAY"]
    env["QT_QPA_PLATFORM"] = "xcb"
    result = launch("--self-test", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test: OK" in result.stdout
