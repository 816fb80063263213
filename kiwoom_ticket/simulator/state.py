"""The --state file: the account, orders and prices as JSON, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FORMAT = 1


def load(path: Path) -> dict | None:
    """The saved state, or None when there is no file yet."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ValueError(f"{path}: not a practice-exchange state file ({e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a practice-exchange state file of format {FORMAT}")
    return data


def save(path: Path, data: dict) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"format": FORMAT, **data}, ensure_ascii=False, separators=(",", ":"))
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
