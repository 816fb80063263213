"""Kiwoom's numbers arrive as strings: signed against yesterday ("+74100", "-60150"),
zero-padded ("000000000017534") or empty. The sign is direction, not value."""

from __future__ import annotations

from typing import Any


def kiwoom_int(value: Any) -> int:
    """The magnitude of a Kiwoom number string; 0 for empty or unreadable text."""
    text = str(value if value is not None else "").strip().lstrip("+-").replace(",", "")
    try:
        return int(text or 0)
    except ValueError:
        return 0
