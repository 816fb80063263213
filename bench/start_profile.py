"""Where figure 4's cold start goes: each stage of the app's start and of a bare PySide6
window's, timed from just before the process is spawned (as startup.py times figure 4),
alternated; and, with --importtime, every module the app imports before its first paint
(python -X importtime), by package, beside what the bare window imports.

Stages (each the moment its line reaches the parent):
  python    the child's first line ran (interpreter, site, the venv's .pth files)
  preqt     the window's Qt-free modules (app.import_before_qt, as app.run() does first;
            bare: nothing)
  qt        PySide6's QtCore/QtGui/QtWidgets imported
  modules   the app's own modules the start imports (kiwoom_ticket.app, ui.main_window,
            ui.single_instance, service.paths, service.logs) and qasync
  app       create_app + the single-instance lock + the log file + Qt's message routing
            (bare: the QApplication)
  built     the qasync loop made and MainWindow() built (bare: QMainWindow + QLabel)
  shown     the event loop's turn after the window's first paint (figure 4's end)

    python bench/start_profile.py [--rounds 6] [--importtime]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import common

REPO = Path(__file__).resolve().parents[1]

APP = r"""
import sys, time
print("python", flush=True)
sys.path.insert(0, {repo!r})
from kiwoom_ticket import app
app.import_before_qt()
print("preqt", flush=True)
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
print("qt", flush=True)
import asyncio
import qasync
from kiwoom_ticket import app
from kiwoom_ticket.service.paths import data_dir
from kiwoom_ticket.ui.single_instance import SingleInstance
import kiwoom_ticket.ui.main_window
print("modules", flush=True)
app.create_app([sys.argv[0]])
instance = SingleInstance(data_dir())
assert instance.acquire()
app.setup_logging()
app.route_qt_messages()
print("app", flush=True)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
loop = qasync.QEventLoop(QApplication.instance())
asyncio.set_event_loop(loop)
window = app.build_window()
print("built", flush=True)
done = loop.create_future()
def shown():  # said from the timer itself, as app_probe.py says it (figure 4)
    if not done.done():
        print("shown", flush=True)
        print("SHOWN", file=sys.stderr, flush=True)
        done.set_result(None)
class FirstPaint(QObject):
    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint and not done.done():
            QTimer.singleShot(0, shown)
        return False
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
loop.run_until_complete(done)
window.shutdown()
window.close()
loop.close()
instance.release()
"""

BARE = r"""
import sys
print("python", flush=True)
print("preqt", flush=True)
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
print("qt", flush=True)
print("modules", flush=True)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([sys.argv[0]])
print("app", flush=True)
window = QMainWindow()
window.setCentralWidget(QLabel("kiwoom-ticket"))
print("built", flush=True)
class FirstPaint(QObject):
    done = False
    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, shown)
        return False
def shown():
    print("shown", flush=True)
    print("SHOWN", file=sys.stderr, flush=True)
    app.quit()
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
"""

STAGES = ("python", "preqt", "qt", "modules", "app", "built", "shown")


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIWOOM_TICKET_HOME=home)
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def spawn(code: str, env: dict[str, str], flags: tuple[str, ...] = ()) -> tuple[dict, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([common.PYTHON, *flags, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out = {line.strip(): time.perf_counter() - t0 for line in proc.stdout}
    err = proc.stderr.read()
    if proc.wait() != 0:
        raise RuntimeError(f"the child failed: {err[-2000:]}")
    return out, err


def stages(rounds: int) -> None:
    samples: dict[str, list[dict]] = {"app": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="bench-start-") as home:
        env = _env(home)
        app_code, bare_code = APP.format(repo=str(REPO)), BARE

        def run(kind: str, code: str):
            def sample() -> float:
                out, _ = spawn(code, env)
                samples[kind].append(out)
                return out["shown"]
            return sample

        common.alternate(run("app", app_code), run("bare", bare_code), rounds, warmup=1)
    print(f"medians of {rounds} alternated starts each (ms from spawn; the stage's own "
          f"part in brackets), load {os.getloadavg()[0]:.2f}")
    print("| stage | app | bare |\n|---|---|---|")
    previous = {"app": 0.0, "bare": 0.0}
    for stage in STAGES:
        cells = []
        for kind in ("app", "bare"):
            at = statistics.median(s[stage] for s in samples[kind][1:])
            cells.append(f"{at * 1000:.0f} ({(at - previous[kind]) * 1000:+.0f})")
            previous[kind] = at
        print(f"| {stage} | {cells[0]} | {cells[1]} |")
    ratio = previous["app"] / previous["bare"]
    print(f"ratio shown: {ratio:.2f}")


def _imports(stderr: str) -> list[tuple[int, int, int, str]]:
    rows = []
    for line in stderr.split("SHOWN")[0].splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m[1]), int(m[2]), len(m[3]) // 2, m[4]))
    return rows


def importtime() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-start-") as home:
        env = _env(home)
        spawn(APP.format(repo=str(REPO)), env)  # warm: .pyc files written
        _, app_err = spawn(APP.format(repo=str(REPO)), env, ("-X", "importtime"))
        _, bare_err = spawn(BARE, env, ("-X", "importtime"))
    app_rows, bare_rows = _imports(app_err), _imports(bare_err)
    bare = {r[3] for r in bare_rows}
    extra = [r for r in app_rows if r[3] not in bare]
    print(f"before the first paint: the app imports {len(app_rows)} modules "
          f"({sum(r[0] for r in app_rows) / 1000:.0f} ms of their own time under "
          f"-X importtime), the bare window {len(bare_rows)} "
          f"({sum(r[0] for r in bare_rows) / 1000:.0f} ms); the app's extra "
          f"{len(extra)} modules: {sum(r[0] for r in extra) / 1000:.0f} ms")
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for own, _cum, _depth, name in extra:
        parts = name.split(".")
        key = ".".join(parts[:2]) if parts[0] == "kiwoom_ticket" else parts[0]
        by[key][0] += own
        by[key][1] += 1
    print("| package (not in the bare window) | own time | modules |\n|---|---|---|")
    for key, (own, count) in sorted(by.items(), key=lambda kv: -kv[1][0])[:25]:
        print(f"| {key} | {own / 1000:.1f} ms | {count} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=6)
    p.add_argument("--importtime", action="store_true",
                   help="also the modules imported before the first paint, by package")
    args = p.parse_args()
    stages(args.rounds)
    if args.importtime:
        importtime()


if __name__ == "__main__":
    sys.exit(main())
