"""Figures 4 and 5: starting the app, against a bare PySide6 window and against an empty
journal.

Each sample is a fresh process (bench/app_probe.py), timed from just before it is
spawned to the moment its stage line arrives on the pipe; peak RSS comes from the child's
own getrusage. The OS file cache is warm and Python's bytecode cached (one unrecorded
pair first; PYTHONDONTWRITEBYTECODE is dropped for the children, as an installed app has
its .pyc files): this is a second start, not a first start after boot.

4. Cold start: process start to the window painted and the event loop turning, against a
   minimal PySide6 window (a QMainWindow with a QLabel) in the same venv, the same way.
5. Big journal: the practice journal holds N generated orders (bench/journal_fixture.py).
   a) the log's first read (service.factory.read_history: the newest whole trading days
      and the older open orders) in a bare process, against the same read of a journal
      that holds only the rows it returns (the same orders, without the years before);
   b) the app: process start to the order log painted with its history, against the
      same start with an empty journal; time and peak RSS.

    python bench/startup.py [--rounds 10] [--journal-rounds 6] [--orders 100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import common

PROBE = str(Path(__file__).with_name("app_probe.py"))
MB = 1024  # ru_maxrss is in KB


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIWOOM_TICKET_HOME=str(home))
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from .pyc files
    return env


def spawn(args: list[str], env: dict[str, str]) -> dict:
    """Run a child; returns {stage: seconds since spawn} plus its parsed values."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([common.PYTHON, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    out: dict = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        now = time.perf_counter() - t0
        word, *rest = line.split()
        out[word] = now
        if word == "rss":
            out["rss_kb"] = int(rest[0])
        elif word in ("history", "filled"):
            out[f"{word}_rows"] = int(rest[0])
        elif word == "loaded":
            out["rows"], out["load_s"] = int(rest[0]), float(rest[1])
    err = proc.stderr.read() if proc.stderr else ""
    out["exit"] = time.perf_counter() - t0 if proc.wait() == 0 else None
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return out


def cold_start(rounds: int, home: Path) -> dict:
    env = _env(home)
    res: dict = {"app": [], "bare": []}

    def run(mode: str):
        def sample() -> float:
            r = spawn([PROBE, mode], env)
            res[mode if mode == "bare" else "app"].append(r)
            return r["shown"]
        return sample

    common.alternate(run("window"), run("bare"), rounds, warmup=1)
    return {key: value[1:] for key, value in res.items()}  # without the warm-up pair


def big_journal(rounds: int, big: Path, small: Path, empty: Path) -> dict:
    res: dict = {"h_big": [], "h_small": [], "w_big": [], "w_empty": []}

    def probe(args: list[str], home: Path, key: str, stage: str):
        env = _env(home)

        def run() -> float:
            r = spawn([PROBE, *args], env)
            res[key].append(r)
            return r[stage]
        return run

    common.alternate(probe(["head"], big, "h_big", "load_s"),
                     probe(["head"], small, "h_small", "load_s"), rounds, warmup=1)
    common.alternate(probe(["window", "--fill"], big, "w_big", "filled"),
                     probe(["window", "--fill"], empty, "w_empty", "filled"), rounds, warmup=1)
    return {key: value[1:] for key, value in res.items()}


def _rss(runs: list[dict]) -> common.Summary:
    return common.Summary.of([r["rss_kb"] / MB for r in runs])


def _cold_row(r: dict) -> common.Row:
    a = common.Summary.of([x["shown"] for x in r["app"]])
    b = common.Summary.of([x["shown"] for x in r["bare"]])
    conn = common.Summary.of([x["connected"] for x in r["app"]])
    ratio = a.median / b.median
    met = ratio <= 2.0
    return common.Row(
        number="4",
        figure="(d) Cold start: process start to the window painted and the loop turning "
               "(offscreen)",
        measured=common.dist(a, common.s_or_ms) + f"; peak RSS {_rss(r['app']).median:.0f} MB",
        reference=f"bare PySide6 window {common.dist(b, common.s_or_ms)}; "
                  f"{_rss(r['bare']).median:.0f} MB",
        ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f})",
        target="ratio ≤ 2",
        status=common.status(met),
        notes="from source with bytecode cached, warm file cache; bench/app_probe.py mirrors "
              "app.run() (app.open_window: the practice exchange starts and the journal is "
              "read once the window has painted); practice exchange connected at "
              f"{common.s_or_ms(conn.median)} median. "
              + ("Largest cost" if met else "Limited by")
              + ": Python work a bare window does not do: the ui, service and domain "
                "modules (the window's own code, about a third of the start), asyncio for "
                "qasync, the Qt namespace's enums (PySide6 builds all ~100 on first use of "
                "Qt.*), and building the visible window (the Buy and Modify forms: Sell "
                "and Cancel are built on their first view, perf-start). The Kiwoom client (requests, "
                "urllib3) and keyring are no longer imported before the window shows (they "
                "load on the worker when it connects); the window's style is one sheet set "
                "before its widgets exist; the 미체결/체결 panels and the settings dialogs "
                "are built when first shown, the holiday calendar loads on a thread after "
                "the paint, and the app-wide key watcher sleeps through the build (bench/"
                "RESULTS.md, coldstart). A bare window pays only PySide6 and QApplication",
        raw={"app": a.__dict__, "bare": b.__dict__, "connected": conn.__dict__},
    )


def _journal_rows(r: dict, orders: int) -> list[common.Row]:
    hb = common.Summary.of([x["load_s"] for x in r["h_big"]])
    hs = common.Summary.of([x["load_s"] for x in r["h_small"]])
    head_rows = r["h_big"][0]["rows"]
    wb = common.Summary.of([x["filled"] for x in r["w_big"]])
    we = common.Summary.of([x["filled"] for x in r["w_empty"]])
    shown_b = common.Summary.of([x["shown"] for x in r["w_big"]])
    hist_b = common.Summary.of([x["history"] for x in r["w_big"]])
    rb, re_ = _rss(r["w_big"]), _rss(r["w_empty"])
    shown_rows = r["w_big"][0]["filled_rows"]
    h_ratio = hb.median / hs.median
    t_ratio, m_ratio = wb.median / we.median, rb.median / re_.median
    w_met = t_ratio <= 1.1 and m_ratio <= 1.2
    return [
        common.Row(
            number="5a",
            figure=f"Big journal: the log's first read of {orders:,} orders (read_history, "
                   "bare process)",
            measured=f"{common.dist(hb, common.s_or_ms)}; {head_rows} rows",
            reference=f"the same rows alone in a journal {common.dist(hs, common.s_or_ms)}",
            ratio=f"{h_ratio:.2f} (p95 {hb.p95 / hs.p95:.2f})",
            target="— (supports 5b)",
            status=common.INFO,
            notes="timed inside the child: open read-only, find where the newest whole "
                  "trading days start (at least 200 rows, yesterday's on), read them and the "
                  "older open/unknown orders (none: the app expires an earlier day's open "
                  "orders), close. Older rows are read a page (1,000 rows, whole days) at a "
                  "time as the log is scrolled up",
            raw={"big": hb.__dict__, "small": hs.__dict__, "rows": head_rows},
        ),
        common.Row(
            number="5b",
            figure=f"(e) Start with {orders:,} orders in the journal to the log painted "
                   "with its history",
            measured=f"{common.dist(wb, common.s_or_ms)}; peak RSS {rb.median:.0f} MB "
                     f"(p95 {rb.p95:.0f})",
            reference=f"empty journal {common.dist(we, common.s_or_ms)}; "
                      f"{re_.median:.0f} MB (p95 {re_.p95:.0f})",
            ratio=f"time {t_ratio:.2f} (p95 {wb.p95 / we.p95:.2f}); memory {m_ratio:.2f}",
            target="time ≤ 1.1, memory ≤ 1.2",
            status=common.status(w_met),
            notes=f"the app's own path, offscreen: the window shows at "
                  f"{common.s_or_ms(shown_b.median)}, then the journal's newest rows are read "
                  f"on a thread of their own ({shown_rows} rows in the log at "
                  f"{common.s_or_ms(hist_b.median)}), then the practice exchange starts. "
                  + ("Largest cost" if w_met else "Limited by")
                  + ": the start itself (figure 4); the history adds one read of the newest "
                    "rows (5a) and their paint",
            raw={"big": wb.__dict__, "empty": we.__dict__, "rss_mb": rb.__dict__,
                 "rss0_mb": re_.__dict__, "rows": shown_rows},
        ),
    ]


def rows(rounds: int, journal_rounds: int, orders: int) -> list[common.Row]:
    import journal_fixture

    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.service.factory import read_history

    out = []
    with tempfile.TemporaryDirectory(prefix="kt-bench-start-") as tmp:
        empty, big, small = Path(tmp) / "empty", Path(tmp) / "big", Path(tmp) / "small"
        empty.mkdir()
        if rounds:
            out.append(_cold_row(cold_start(rounds, empty)))
        if journal_rounds:
            journal_fixture.build(big, orders)
            shown = len(read_history(Environment.PRACTICE, big / "data"))  # setup, not timed
            journal_fixture.build(small, orders, tail=shown)
            out += _journal_rows(big_journal(journal_rounds, big, small, empty), orders)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--journal-rounds", type=int, default=6)
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.rounds, args.journal_rounds, args.orders), args.json)


if __name__ == "__main__":
    main()
