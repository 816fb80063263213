"""Run the frozen app on this system the way a user's machine would, after build.py:

    python packaging/smoke.py               # the app in dist/: --version, then --self-test
    python packaging/smoke.py --installed   # first install the package from dist/ (tar.gz
                                            # with install.sh, setup.exe, or .dmg) into a
                                            # temporary folder, run the installed copy

Both runs start the app from a folder that is not the project, with its home and temporary
folders under a Hangul name with a space (C:\\Users\\홍길동 and the like), offscreen. On Linux
the environment is bare (no D-Bus, no user fonts), and when there is an X display (run it
under `xvfb-run -a`) the self-test runs a second time on it, through the bundled xcb plugin.
Exit 0 when every check passes. The release workflow runs `--installed` on every system it
builds for.

--self-test places a buy, modifies and cancels it on the built-in practice exchange and
checks the journal; it reports by exit code (a windowed Windows build has no stdout).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
DIST = ROOT / "dist"
APP = "kiwoom-ticket"
MAC_APP = "Kiwoom Ticket.app"
HANGUL = "사용자 홍길동"
RUN_SECONDS = 300


def app_version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def dist_executable(dist: Path = DIST) -> Path:
    if sys.platform == "darwin":
        return dist / MAC_APP / "Contents" / "MacOS" / APP
    return dist / APP / (APP + (".exe" if sys.platform == "win32" else ""))


def package(dist: Path, version: str) -> Path:
    """The installable file build.py made for this system."""
    arch = platform.machine() or "unknown"
    if sys.platform == "win32":
        name = f"{APP}-{version}-windows-setup.exe"
    elif sys.platform == "darwin":
        name = f"{APP}-{version}-macos-{arch}.dmg"
    else:
        name = f"{APP}-{version}-linux-{arch}.tar.gz"
    path = dist / name
    if not path.is_file():
        raise SystemExit(f"no package at {path}: run packaging/build.py first")
    return path


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(f'"{c}"' if " " in c else c for c in command), flush=True)
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=RUN_SECONDS, **kwargs)


def install_linux(archive: Path, into: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(into / "unpacked", filter="tar")
    (top,) = (into / "unpacked").iterdir()
    prefix = into / "prefix"
    done = run(["sh", str(top / "install.sh"), "--prefix", str(prefix)],
               env={"PATH": "/usr/bin:/bin", "HOME": str(into), "LANG": "C.UTF-8"})
    if done.returncode != 0:
        raise SystemExit(f"install.sh failed:\n{done.stdout}{done.stderr}")
    return prefix / "bin" / APP


def install_windows(installer: Path, into: Path, all_users: bool = False) -> Path:
    target = into / "설치 폴더"
    # Per user, as a double-click installs; --all-users where the system has no per-user
    # Program Files (Wine: Inno Setup's {autopf} fails under /CURRENTUSER there).
    mode = "/ALLUSERS" if all_users else "/CURRENTUSER"
    done = run([str(installer), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                mode, f"/DIR={target}", f"/LOG={into / 'setup.log'}"])
    if done.returncode != 0:
        log = (into / "setup.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"setup exited {done.returncode}:\n{log}")
    return target / f"{APP}.exe"


def uninstall_windows(exe: Path) -> None:
    """Run the uninstaller and wait for the program to be gone (it re-launches itself
    from a temporary copy, so its own exit says nothing)."""
    uninstaller = exe.parent / "unins000.exe"
    run([str(uninstaller), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"])
    deadline = time.monotonic() + 120
    while exe.exists() and time.monotonic() < deadline:
        time.sleep(1)
    if exe.exists():
        raise SystemExit(f"the uninstaller left {exe}")
    print("uninstalled: OK")


def install_macos(dmg: Path, into: Path) -> Path:
    """Mount the .dmg and copy the .app out, as dragging it to Applications does."""
    mount = into / "mnt"
    mount.mkdir()
    done = run(["hdiutil", "attach", "-nobrowse", "-readonly", "-mountpoint", str(mount),
                str(dmg)])
    if done.returncode != 0:
        raise SystemExit(f"hdiutil attach failed:\n{done.stdout}{done.stderr}")
    try:
        applications = into / "Applications"
        applications.mkdir()
        copied = run(["ditto", str(mount / MAC_APP), str(applications / MAC_APP)])
        if copied.returncode != 0:
            raise SystemExit(f"copying the .app failed:\n{copied.stderr}")
    finally:
        run(["hdiutil", "detach", str(mount)])
    return applications / MAC_APP / "Contents" / "MacOS" / APP


def app_env(base: Path) -> dict[str, str]:
    """What the frozen app gets: a fresh home and temp folder under a Hangul name."""
    home = base / HANGUL
    temp = home / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    if sys.platform.startswith("linux"):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    else:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PYTHON") and k not in ("VIRTUAL_ENV", "QT_QPA_FONTDIR")}
    env.update({"KIWOOM_TICKET_HOME": str(home / APP), "QT_QPA_PLATFORM": "offscreen",
                "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)})
    return env


def check(exe: Path, version: str, base: Path) -> list[str]:
    """--version and --self-test; returns what failed."""
    failures = []
    env = app_env(base)
    started = time.perf_counter()
    shown = run([str(exe), "--version"], env=env, cwd=base)
    print(shown.stdout + shown.stderr, end="")
    if shown.returncode != 0:
        failures.append(f"--version exited {shown.returncode}")
    elif sys.platform == "win32" and not shown.stdout:
        print("(a windowed Windows build prints nothing; exit code 0)")
    elif f"{APP} {version}" not in shown.stdout:
        failures.append(f"--version did not print {APP} {version}")
    tested = run([str(exe), "--self-test"], env=env, cwd=base)
    print(tested.stdout + tested.stderr, end="")
    if tested.returncode != 0:
        failures.append(f"--self-test exited {tested.returncode}")
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY"):
        x11 = dict(env, QT_QPA_PLATFORM="xcb", DISPLAY=os.environ["DISPLAY"])
        if os.environ.get("XAUTHORITY"):
            x11["XAUTHORITY"] = os.environ["XAUTHORITY"]
        print(f"on the X display {x11['DISPLAY']}:")
        tested = run([str(exe), "--self-test"], env=x11, cwd=base)
        print(tested.stdout + tested.stderr, end="")
        if tested.returncode != 0:
            failures.append(f"--self-test on X11 exited {tested.returncode}")
    print(f"{exe}: {'OK' if not failures else 'FAILED'} in {time.perf_counter() - started:.1f} s")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the frozen app's checks on this system.")
    parser.add_argument("--installed", action="store_true",
                        help="install the package from dist/ first and check the installed copy")
    parser.add_argument("--all-users", action="store_true",
                        help="Windows: install for all users (/ALLUSERS), not per user")
    parser.add_argument("--dist", type=Path, default=DIST, help="where build.py put its results")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # Hangul paths on a cp1252 pipe (Windows CI)
        stream.reconfigure(errors="backslashreplace")
    version = app_version()
    with tempfile.TemporaryDirectory(prefix="kt-smoke-", ignore_cleanup_errors=True) as scratch:
        base = Path(scratch)
        if not args.installed:
            exe = dist_executable(args.dist)
            if not exe.is_file():
                raise SystemExit(f"no app at {exe}: run packaging/build.py first")
            failures = check(exe, version, base)
        else:
            artifact = package(args.dist, version)
            print(f"installing {artifact.name}", flush=True)
            if sys.platform == "win32":
                exe = install_windows(artifact, base, args.all_users)
            elif sys.platform == "darwin":
                exe = install_macos(artifact, base)
            else:
                exe = install_linux(artifact, base)
            failures = check(exe, version, base)
            if sys.platform == "win32":
                uninstall_windows(exe)
        shutil.rmtree(base / HANGUL, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
