"""Kiwoom's realtime WebSocket (00 주문체결, 04 잔고, 0B 체결, 0D 호가잔량, ...). No Qt.

One RealtimeSession per environment, on its owner's asyncio loop (or a thread of its own);
it reports through StreamEvents. Addresses: kiwoom.environments (ws_url, practice_ws_url).
See docs/websocket.md. Every name loads on first use (PEP 562): the window names the
stream's states (events.py, light) before it shows, and must not wait for the frames'
parser, the client or aiohttp to do so.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .events import (
        CONNECTING,
        DOWN,
        LIVE,
        RECONNECTING,
        Backoff,
        Gap,
        Notice,
        StreamEvents,
        StreamStatus,
        Timing,
    )
    from .frames import RealEntry, Subscription
    from .session import RealtimeSession

_HOMES = {
    **dict.fromkeys(("CONNECTING", "DOWN", "LIVE", "RECONNECTING", "Backoff", "Gap", "Notice",
                     "StreamEvents", "StreamStatus", "Timing"), "events"),
    "RealEntry": "frames", "Subscription": "frames", "RealtimeSession": "session",
}

__all__ = [
    "CONNECTING", "DOWN", "LIVE", "RECONNECTING", "Backoff", "Gap", "Notice", "RealEntry",
    "RealtimeSession", "StreamEvents", "StreamStatus", "Subscription", "Timing",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
