"""What every bench shares: alternating A/B sampling, median and p95, and one table row.

A figure and its reference are sampled in turn (A, B, A, B ...) in the same run, so a
noisy shared machine slows both alike and the ratio stays fair.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
MET, MISSED, INFO = "met", "MISSED", "—"


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Summary:
    median: float
    p95: float
    n: int

    @classmethod
    def of(cls, samples: list[float]) -> Summary:
        if not samples:
            raise ValueError("no samples")
        return cls(statistics.median(samples), p95(samples), len(samples))


def alternate(a: Callable[[], float], b: Callable[[], float], rounds: int,
              warmup: int = 0) -> tuple[list[float], list[float]]:
    """Call a, b, a, b ... `rounds` times each (after `warmup` unrecorded pairs); each call
    returns one sample."""
    for _ in range(warmup):
        a()
        b()
    sa: list[float] = []
    sb: list[float] = []
    for _ in range(rounds):
        sa.append(a())
        sb.append(b())
    return sa, sb


@dataclass
class Row:
    """One line of the results table."""

    number: str
    figure: str
    measured: str
    reference: str = "—"
    ratio: str = "—"
    target: str = "—"
    status: str = INFO
    notes: str = ""
    raw: dict = field(default_factory=dict)  # the numbers behind the row, for --json


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def s_or_ms(seconds: float) -> str:
    return ms(seconds) if seconds < 1 else f"{seconds:.2f} s"


def dist(summary: Summary, fmt: Callable[[float], str] = ms) -> str:
    return f"{fmt(summary.median)} / {fmt(summary.p95)} (n={summary.n})"


def status(ok: bool) -> str:
    return MET if ok else MISSED


def quiet_ca_env() -> None:
    """requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a Session's `verify`
    path; a bench that trusts a throwaway CA must not inherit them."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(name, None)


def table(rows: list[Row]) -> str:
    head = ["#", "Figure", "Measured (median / p95)", "Reference (median / p95)", "Ratio",
            "Target", "Status", "Notes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        cells = [r.number, r.figure, r.measured, r.reference, r.ratio, r.target, r.status,
                 r.notes]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def emit(rows: list[Row], as_json: bool) -> None:
    """Print rows as a Markdown table, or as JSON for bench/run.py."""
    if as_json:
        import json

        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, default=str))
    else:
        print(table(rows))
