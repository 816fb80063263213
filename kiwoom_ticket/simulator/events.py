"""What the matching engine tells its observers (the WebSocket feed) when an order changes.

One event per change, sent from the place the change happens (engine.py), under the
simulator lock, after the change: the order it carries is the live object, so an observer
reads it at once (it may change again a moment later) and never keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .book import SimOrder


class Kind:
    ACCEPTED = "accepted"  # 접수: a new order, a modify or a cancel request was taken
    CONFIRMED = "confirmed"  # 확인: the exchange confirmed a modify or a cancel
    FILLED = "filled"  # 체결: part or all of an order traded
    CANCELLED = "cancelled"  # 취소: the exchange cancelled a rest (IOC/FOK, the day's end)
    REJECTED = "rejected"  # 거부: the engine refused the request (money, shares, original)


class Action:
    NEW = "new"
    MODIFY = "modify"
    CANCEL = "cancel"


@dataclass(frozen=True)
class OrderEvent:
    kind: str
    # The order the event is about. For a cancel request: the order being cancelled. For a
    # refusal: a draft of the request that was refused (never stored, no number of its own).
    order: SimOrder
    action: str = Action.NEW  # the kind of request behind the event's order number
    ord_no: str = ""  # the number the event carries when it is not order.ord_no (a cancel's)
    qty: int = 0  # filled, cancelled or confirmed-cancelled quantity
    price: int = 0  # the fill's price
    exec_no: str = ""  # the fill's number (kt00009 cntr_no)
    reason: str = ""  # the refusal's code (RC4025, 800033, RC4061, ...)

    @property
    def number(self) -> str:
        return self.ord_no or self.order.ord_no
