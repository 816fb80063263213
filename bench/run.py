"""Run every figure and print one Markdown table (see bench/README.md).

    python bench/run.py                  # the full run, a few minutes
    python bench/run.py --quick          # fewer samples, under a minute
    python bench/run.py --out FILE       # also write the table (and the machine) to FILE
    python bench/run.py --only 1,6       # some figures

Each group of figures runs in its own process (Qt, threads and memory don't carry over
from one group to the next) and hands its rows back as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent
KEEP_MARKER = "<!-- analysis (kept by run.py --out) -->"

# figure numbers -> (script, full arguments, quick arguments)
GROUPS: list[tuple[set[str], str, list[str], list[str]]] = [
    ({"1"}, "roundtrip.py", ["--rounds", "200"], ["--rounds", "40"]),
    ({"2", "3"}, "window_bench.py",
     ["--clicks", "100", "--stall-orders", "100", "--stall-rounds", "2", "--hog-rounds", "1"],
     ["--clicks", "20", "--stall-orders", "15", "--stall-rounds", "1", "--hog-rounds", "1"]),
    ({"4", "5"}, "startup.py",
     ["--rounds", "10", "--journal-rounds", "6"], ["--rounds", "3", "--journal-rounds", "2"]),
    ({"6"}, "throughput.py", ["--runs", "3", "--seconds", "5"], ["--runs", "1", "--seconds", "2"]),
    ({"7"}, "soak.py", ["--orders", "10000"], ["--orders", "300"]),
    ({"8"}, "stateful.py", ["--examples", "200", "--steps", "50"],
     ["--examples", "3", "--steps", "10"]),
    ({"9"}, "ws_throughput.py", ["--runs", "3", "--seconds", "3"],
     ["--runs", "1", "--seconds", "1.5"]),
    ({"10", "11"}, "live_bench.py", ["--fills", "60", "--stall-orders", "100",
                                     "--stall-rounds", "2"],
     ["--fills", "10", "--stall-orders", "15", "--stall-rounds", "1"]),
    ({"8b"}, "stateful.py", ["--examples", "60", "--steps", "40", "--machine", "live"],
     ["--examples", "3", "--steps", "10", "--machine", "live"]),
    ({"8c"}, "stateful.py", ["--examples", "100", "--steps", "50", "--machine", "protection"],
     ["--examples", "3", "--steps", "10", "--machine", "protection"]),
    ({"12"}, "flood_bench.py", ["--clicks", "30"], ["--clicks", "6"]),
    ({"13"}, "watch_bench.py", ["--seconds", "20", "--rounds", "3"],
     ["--seconds", "3", "--rounds", "1"]),
    ({"14"}, "ladder_bench.py", ["--seconds", "20"], ["--seconds", "2"]),
]


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    qt = "?"
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}"
    except ImportError:
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "qt": qt,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def run_group(script: str, args: list[str]) -> tuple[list[common.Row], float]:
    t0 = time.perf_counter()
    proc = subprocess.run([common.PYTHON, str(HERE / script), *args, "--json"],
                          capture_output=True, text=True, cwd=HERE.parent)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-12:]
        raise RuntimeError(f"{script} failed ({proc.returncode}):\n" + "\n".join(tail))
    last = proc.stdout.strip().splitlines()[-1]
    return [common.Row(**r) for r in json.loads(last)], elapsed


def report(rows: list[common.Row], info: dict[str, str], quick: bool, seconds: float) -> str:
    kind = "quick run (--quick: fewer samples)" if quick else "full run"
    lines = [
        f"Measured {info['date']}, {kind}, {seconds:.0f} s in all.",
        "",
        f"- Machine: {info['nproc']} cores ({info['cpu']}), {info['os']}",
        f"- Python {info['python']}; {info['qt']}",
        f"- Load average at start / end: {info['load']} / {info.get('load_end', '?')}",
        "- Practice exchange: " + ("in the app's process, on a thread (BENCH_EXCHANGE=thread, "
                                   "as before issue 26)" if os.environ.get("BENCH_EXCHANGE")
                                   == "thread" else "in a process of its own, as the app runs it"),
        "",
        common.table(rows),
    ]
    return "\n".join(lines) + "\n"


def kept_analysis(path: Path) -> str:
    """A hand-written part of an existing --out file, from KEEP_MARKER on, survives reruns."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = old.find(KEEP_MARKER)
    return "\n" + old[at:] if at >= 0 else ""


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer samples; under a minute")
    p.add_argument("--out", type=Path, help="also write the report to this file")
    p.add_argument("--only", help="comma-separated figure numbers, e.g. 1,6")
    p.add_argument("--json", type=Path, help="also write every row's raw numbers here")
    args = p.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    info = machine()
    started = time.perf_counter()
    rows: list[common.Row] = []
    failed = False
    for figures, script, full, quick in GROUPS:
        if wanted is not None and not figures & wanted:
            continue
        print(f"[bench] {script} ...", file=sys.stderr, flush=True)
        load_before = os.getloadavg()[0]
        try:
            got, took = run_group(script, quick if args.quick else full)
        except RuntimeError as exc:
            failed = True
            print(f"[bench] {exc}", file=sys.stderr)
            rows.append(common.Row(number="/".join(sorted(figures)), figure=script,
                                   measured="FAILED", status=common.MISSED,
                                   notes=str(exc).splitlines()[-1][:200]))
            continue
        print(f"[bench] {script} done in {took:.1f} s", file=sys.stderr, flush=True)
        load = f"Machine load (1-min average) {load_before:.2f} → {os.getloadavg()[0]:.2f} over " \
               f"this group's {took:.0f} s."
        for r in got:
            r.notes = f"{r.notes.rstrip('. ')}. {load}" if r.notes else load
        rows += [r for r in got if wanted is None or r.number.rstrip("ab") in wanted]
    info["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(rows, info, args.quick, time.perf_counter() - started)
    print(text)
    if args.out:
        args.out.write_text(text + kept_analysis(args.out), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "quick": args.quick,
                                         "rows": [r.__dict__ for r in rows]},
                                        ensure_ascii=False, indent=1, default=str),
                             encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
