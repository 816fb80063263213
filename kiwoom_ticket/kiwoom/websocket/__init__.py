"""Kiwoom's realtime WebSocket (00 주문체결, 04 잔고, 0B 체결, 0D 호가잔량, ...). No Qt.

One RealtimeSession per environment, on its own thread; it reports through StreamEvents.
Addresses: kiwoom.environments (ws_url, practice_ws_url). See docs/websocket.md.
RealtimeSession (and aiohttp with it) loads on first use (PEP 562): the window names the
stream's states before it shows, and must not wait for aiohttp to do so.
"""

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from .session import RealtimeSession

__all__ = [
    "CONNECTING", "DOWN", "LIVE", "RECONNECTING", "Backoff", "Gap", "Notice", "RealEntry",
    "RealtimeSession", "StreamEvents", "StreamStatus", "Subscription", "Timing",
]


def __getattr__(name: str) -> object:
    if name != "RealtimeSession":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .session import RealtimeSession

    globals()[name] = RealtimeSession
    return RealtimeSession
