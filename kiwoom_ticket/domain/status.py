"""Where an order stands, as the app tracks it."""

from __future__ import annotations

from enum import Enum

from .text import Text


class OrderStatus(Enum):
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNKNOWN = "unknown"  # the request may have left; we don't know if it became an order
    NOT_RECEIVED = "not_received"  # reconciled: the exchange never took it
    PARTLY_FILLED = "partly_filled"
    FILLED = "filled"
    CANCELLED = "cancelled"
    MODIFIED = "modified"  # its remainder moved to a modify order
    DONE = "done"  # a modify/cancel request that the exchange applied
    EXPIRED = "expired"  # its trading day ended: the exchange closed what was left

    @property
    def label(self) -> Text:
        return _LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still able to fill, or still unsettled."""
        return self in (OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED)

    @property
    def is_unsettled(self) -> bool:
        return self in (OrderStatus.SENDING, OrderStatus.UNKNOWN)


_LABELS = {
    OrderStatus.SENDING: Text("전송중", "Sending"),
    OrderStatus.ACCEPTED: Text("접수", "Accepted"),
    OrderStatus.REJECTED: Text("거부", "Rejected"),
    OrderStatus.UNKNOWN: Text("결과 미확인", "Outcome unknown"),
    OrderStatus.NOT_RECEIVED: Text("미접수 확인", "Not received"),
    OrderStatus.PARTLY_FILLED: Text("부분체결", "Partly filled"),
    OrderStatus.FILLED: Text("체결", "Filled"),
    OrderStatus.CANCELLED: Text("취소됨", "Cancelled"),
    OrderStatus.MODIFIED: Text("정정됨", "Modified"),
    OrderStatus.DONE: Text("처리완료", "Done"),
    OrderStatus.EXPIRED: Text("만료(장 종료)", "Expired (end of day)"),
}
