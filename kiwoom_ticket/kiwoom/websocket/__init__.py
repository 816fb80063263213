"""Kiwoom's realtime WebSocket (00 주문체결, 04 잔고, 0B 체결, 0D 호가잔량, ...). No Qt.

One RealtimeSession per environment, on its own thread; it reports through StreamEvents.
Addresses: kiwoom.environments (ws_url, practice_ws_url). See docs/websocket.md.
"""

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

__all__ = [
    "CONNECTING", "DOWN", "LIVE", "RECONNECTING", "Backoff", "Gap", "Notice", "RealEntry",
    "RealtimeSession", "StreamEvents", "StreamStatus", "Subscription", "Timing",
]
