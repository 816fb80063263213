"""`kiwoom-ticket` / `python -m kiwoom_ticket`.

Arguments are read before Qt is imported: `--version` needs no Qt, and with no display
Qt would abort the process, so that case is handled first (xvfb-run or a clear message).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys

# What a virtual display needs on Debian/Ubuntu: the same list as the README's.
XVFB_PACKAGES = ("xvfb libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 "
                 "libgl1 libegl1")
NO_DISPLAY_MESSAGE = f"""\
kiwoom-ticket: 화면(디스플레이)을 찾을 수 없습니다.
kiwoom-ticket: no display found.

  - 데스크톱에서 실행하거나 DISPLAY를 설정하세요 / run it on a desktop or set DISPLAY
  - 가상 화면: xvfb-run -a kiwoom-ticket / a virtual display: xvfb-run -a kiwoom-ticket
    (Debian: apt-get install {XVFB_PACKAGES})
  - 화면 없이: QT_QPA_PLATFORM=offscreen kiwoom-ticket / headless: QT_QPA_PLATFORM=offscreen
  - 설치 점검: kiwoom-ticket --self-test / check the install: kiwoom-ticket --self-test
"""
XVFB_GUARD = "KIWOOM_TICKET_UNDER_XVFB"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kiwoom-ticket",
        description="키움 REST 주문표 / an order ticket for Kiwoom's REST API",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--self-test", action="store_true",
        help="headless buy -> modify -> cancel on the practice exchange, then exit",
    )
    parser.add_argument(
        "--clock-start", metavar="TIME", default=None,
        help="start the app's clock (and the practice exchange's) at this time, e.g. "
             "2026-12-07T23:59:40 (KST); also KIWOOM_TICKET_CLOCK",
    )
    return parser.parse_args(argv)


def has_display() -> bool:
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def relaunch_command() -> list[str]:
    """The command that started us, to run again under xvfb-run."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    original = list(getattr(sys, "orig_argv", [])) or [sys.executable, *sys.argv]
    return [sys.executable, *original[1:]]


def ensure_display() -> int | None:
    """None when Qt can start; otherwise re-exec under xvfb-run or return exit code 2."""
    if has_display() or sys.platform in ("win32", "darwin"):
        return None
    xvfb = shutil.which("xvfb-run")
    if xvfb and not os.environ.get(XVFB_GUARD):
        print("kiwoom-ticket: 화면이 없어 xvfb-run으로 다시 시작합니다 / "
              "no display: restarting under xvfb-run -a", file=sys.stderr)
        os.environ[XVFB_GUARD] = "1"
        sys.stderr.flush()
        os.execv(xvfb, [xvfb, "-a", *relaunch_command()])
    print(NO_DISPLAY_MESSAGE, file=sys.stderr, end="")
    return 2


def tolerant_stdio() -> None:
    """Never fail on printing Hangul. A pipe takes the locale's encoding (cp1252 on an
    English Windows), which has no Hangul: such characters are escaped instead. A windowed
    Windows build has no stdout/stderr at all (None), and print() then does nothing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


PRACTICE_EXCHANGE_FLAG = "--practice-exchange"  # = simulator.child.FLAG (no import here)


def main(argv: list[str] | None = None) -> int:
    tolerant_stdio()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [PRACTICE_EXCHANGE_FLAG]:
        # The app starting its practice exchange as a child: this same entry, so the frozen
        # bundle can start it too (its executable is the only Python it has). No Qt.
        from .simulator.child import main as practice_exchange

        return practice_exchange(argv[1:])
    args = parse_args(argv)
    if args.version:
        from . import __version__

        print(f"kiwoom-ticket {__version__}")
        return 0
    from .domain.clock import configure

    try:
        configure(dict(os.environ), args.clock_start)
    except ValueError as exc:
        print(f"kiwoom-ticket: --clock-start / KIWOOM_TICKET_CLOCK: {exc}", file=sys.stderr)
        return 2
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .app import run_self_test

        return run_self_test()
    code = ensure_display()
    if code is not None:
        return code
    from .app import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
