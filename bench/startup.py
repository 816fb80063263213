"""Figures 4 and 5: starting the app, with an empty journal and with 100,000 orders.

Each sample is a fresh process (bench/app_probe.py), timed from just before it is
spawned to the moment its stage line arrives on the pipe; peak RSS comes from the child's
own getrusage. The OS file cache is warm (one unrecorded pair first): this is a second
start, not a first start after boot.

4. Cold start: process start to the window shown and the event loop turning, against
   `python -c pass` (the interpreter alone), alternating.
5. Big journal: the practice journal holds N generated orders (bench/journal_fixture.py).
   a) the journal alone: Journal(path).all() in a bare process, against an empty journal;
   b) the app: process start to the order log's first paint with every row in it,
      against the same start with an empty journal.

    python bench/startup.py [--rounds 10] [--journal-rounds 4] [--orders 100000]
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
        elif word == "filled":
            out["rows"] = int(rest[0])
        elif word == "loaded":
            out["rows"], out["load_s"] = int(rest[0]), float(rest[1])
    err = proc.stderr.read() if proc.stderr else ""
    out["exit"] = time.perf_counter() - t0 if proc.wait() == 0 else None
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return out


def cold_start(rounds: int, home: Path) -> dict:
    env = _env(home)
    windows: list[dict] = []

    def app() -> float:
        r = spawn([PROBE, "window"], env)
        windows.append(r)
        return r["shown"]

    def bare() -> float:
        return spawn(["-c", "pass"], env)["exit"]

    a, b = common.alternate(app, bare, rounds, warmup=1)
    windows = windows[1:]
    return {"shown": a, "python": b, "connected": [w["connected"] for w in windows],
            "rss_kb": [w["rss_kb"] for w in windows]}


def big_journal(rounds: int, big: Path, empty: Path, orders: int) -> dict:
    big_env, empty_env = _env(big), _env(empty)
    res: dict = {"j_big": [], "j_empty": [], "w_big": [], "w_empty": []}

    def journal(env: dict, key: str):
        def run() -> float:
            r = spawn([PROBE, "journal"], env)
            res[key].append(r)
            return r["load_s"]
        return run

    def window(env: dict, key: str, rows: int):
        def run() -> float:
            r = spawn([PROBE, "window", "--fill", str(rows)], env)
            res[key].append(r)
            return r["filled"]
        return run

    common.alternate(journal(big_env, "j_big"), journal(empty_env, "j_empty"), rounds, warmup=1)
    common.alternate(window(big_env, "w_big", orders), window(empty_env, "w_empty", 0), rounds,
                     warmup=1)
    for key in res:
        res[key] = res[key][1:]  # the warm-up pair
    for r in res["j_big"] + res["w_big"]:
        if r["rows"] != orders:
            raise RuntimeError(f"expected {orders} rows, the child saw {r['rows']}")
    return res


def _cold_row(r: dict) -> common.Row:
    a, b = common.Summary.of(r["shown"]), common.Summary.of(r["python"])
    conn = common.Summary.of(r["connected"])
    return common.Row(
        number="4",
        figure="Cold start: process start to the window shown and interactive (offscreen)",
        measured=common.dist(a, common.s_or_ms),
        reference=f"`python -c pass` {common.dist(b, common.s_or_ms)}",
        ratio=f"{a.median / b.median:.1f}",
        target="≤ 1.0 s median",
        status=common.status(a.median <= 1.0),
        notes=f"from source, warm file cache; bench/app_probe.py mirrors app.run() (app.py has no "
              f"ready hook); practice exchange connected at {common.s_or_ms(conn.median)} median; "
              f"peak RSS {max(r['rss_kb']) / MB:.0f} MB",
        raw={"shown": a.__dict__, "python": b.__dict__, "connected": conn.__dict__,
             "rss_kb_max": max(r["rss_kb"])},
    )


def _journal_rows(r: dict, orders: int) -> list[common.Row]:
    jb = common.Summary.of([x["load_s"] for x in r["j_big"]])
    je = common.Summary.of([x["load_s"] for x in r["j_empty"]])
    j_rss = max(x["rss_kb"] for x in r["j_big"]) / MB
    j_rss0 = max(x["rss_kb"] for x in r["j_empty"]) / MB
    wb = common.Summary.of([x["filled"] for x in r["w_big"]])
    we = common.Summary.of([x["filled"] for x in r["w_empty"]])
    w_rss = max(x["rss_kb"] for x in r["w_big"]) / MB
    w_rss0 = max(x["rss_kb"] for x in r["w_empty"]) / MB
    conn = common.Summary.of([x["connected"] for x in r["w_big"]])
    first = common.Summary.of([x["first"] for x in r["w_big"]])
    jb_ok = jb.median <= 1.0 and j_rss <= 250
    wb_ok = wb.median <= 1.0 and w_rss <= 250

    def limit(met: bool) -> str:
        return "Largest cost" if met else "Limited by"

    return [
        common.Row(
            number="5a",
            figure=f"Big journal: Journal.all() of {orders:,} orders (bare process)",
            measured=f"{common.dist(jb, common.s_or_ms)}; peak RSS {j_rss:.0f} MB",
            reference=f"empty journal {common.dist(je, common.s_or_ms)}; {j_rss0:.0f} MB",
            ratio=f"RSS +{j_rss - j_rss0:.0f} MB",
            target="≤ 1 s, ≤ 250 MB",
            status=common.status(jb_ok),
            notes="open + read every row into OrderRecords, timed inside the child. "
                  f"{limit(jb_ok)}: decoding each row into a record (JSON body, two timestamps); "
                  f"{(j_rss - j_rss0) * MB / orders:.1f} KB per order at the peak",
            raw={"big": jb.__dict__, "empty": je.__dict__, "rss_mb": j_rss, "rss0_mb": j_rss0},
        ),
        common.Row(
            number="5b",
            figure=f"Big journal: process start to the log panel painted with {orders:,} rows",
            measured=f"{common.dist(wb, common.s_or_ms)}; peak RSS {w_rss:.0f} MB",
            reference=f"empty journal {common.dist(we, common.s_or_ms)}; {w_rss0:.0f} MB",
            ratio=f"{wb.median / we.median:.2f}; +{wb.median - we.median:.2f} s, "
                  f"+{w_rss - w_rss0:.0f} MB",
            target="≤ 1 s, ≤ 250 MB",
            status=common.status(wb_ok),
            notes="the app's own path: the journal is read while the practice exchange starts "
                  "and logs in, the newest 2,000 rows first, then all; offscreen. Log painted "
                  f"with the newest rows at {common.s_or_ms(first.median)} median; connected at "
                  f"{common.s_or_ms(conn.median)}. {limit(wb_ok)}: reading all rows into records "
                  "(see 5a), which the full history waits for",
            raw={"big": wb.__dict__, "empty": we.__dict__, "rss_mb": w_rss, "rss0_mb": w_rss0},
        ),
    ]


def rows(rounds: int, journal_rounds: int, orders: int) -> list[common.Row]:
    import journal_fixture

    out = []
    with tempfile.TemporaryDirectory(prefix="kt-bench-start-") as tmp:
        empty, big = Path(tmp) / "empty", Path(tmp) / "big"
        empty.mkdir()
        if rounds:
            out.append(_cold_row(cold_start(rounds, empty)))
        if journal_rounds:
            journal_fixture.build(big, orders)
            out += _journal_rows(big_journal(journal_rounds, big, empty, orders), orders)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--journal-rounds", type=int, default=4)
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--json", action="store_true", help="rows as JSON (for run.py)")
    args = p.parse_args()
    common.emit(rows(args.rounds, args.journal_rounds, args.orders), args.json)


if __name__ == "__main__":
    main()
