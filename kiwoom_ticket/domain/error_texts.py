"""Kiwoom's error codes in plain Korean and English, from the table in data/.

Kiwoom's own texts are terse, Korean only and sometimes misleading ("주문번호를 확인하세요"
for an order that is simply finished). The UI shows these instead, and keeps Kiwoom's
raw code and text for the tooltip and the log file.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

from .text import Text

TABLE = "kiwoom_errors.tsv"


@functools.cache
def _table() -> dict[str, Text]:
    raw = resources.files(__package__).joinpath("data", TABLE).read_text("utf-8")
    lines = [line for line in raw.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {row["code"].strip(): Text(row["ko"].strip(), row["en"].strip()) for row in rows}


def plain_error(code: str | None) -> Text | None:
    """What Kiwoom code `code` (1902, 8005, RC4061, 800033 ...) means, or None."""
    if not code:
        return None
    return _table().get(code.strip().upper())


def known_codes() -> frozenset[str]:
    return frozenset(_table())
