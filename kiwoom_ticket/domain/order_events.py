"""Kiwoom's live order events (WebSocket type 00 주문체결), read and applied to a record.

Pure: the service hands in the values of a 00 entry (field id → text, as Kiwoom wrote
them) and gets back what the order now is. Applying is forward-only, so an event seen
twice, or late behind a REST poll that already moved the order on, changes nothing.

Field ids (spec 00): 9203 주문번호, 904 원주문번호, 9001 종목코드, 913 주문상태
(접수/체결/확인/취소/거부), 900 주문수량, 901 주문가격, 902 미체결수량, 903 체결누계금액,
905 주문구분, 907 매도수구분 (1 매도, 2 매수), 908 주문/체결시간, 909 체결번호,
910 체결가, 911 체결량, 914 단위체결가, 915 단위체결량, 919 거부사유, 938/939 수수료/세금.
What 910/911 hold (this fill or the running total) is not on record for the REST
WebSocket, so the filled quantity is read as 900 − 902 and the average price as
903 / filled, which mean the same either way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from .numbers import kiwoom_int
from .orders import Action
from .records import OrderRecord, trading_day
from .sessions import KST
from .status import OrderStatus

NO_ORDER = "0000000"
RAW_LIMIT = 300  # characters of a refused event's text kept for the log
# How far the exchange's clock (an event's 908) may be from this computer's: an event
# stamped more than this before an order was placed can't be about it; one stamped more
# than this after it arrived is from the day before (23:59:58 arriving at 00:00:02).
EVENT_CLOCK_SLACK = timedelta(seconds=30)


class EventKind(Enum):
    ACCEPTED = "접수"
    FILLED = "체결"
    CONFIRMED = "확인"  # a modify or cancel applied to its original
    CANCELLED = "취소"  # the exchange ended what was left (IOC/FOK rest, the day's end)
    REJECTED = "거부"


_KINDS = {k.value: k for k in EventKind}


@dataclass(frozen=True, slots=True)
class OrderEvent:
    ord_no: str  # "" for a refusal (Kiwoom sends 0000000)
    orig_ord_no: str
    kind: EventKind
    stock_code: str
    quantity: int  # 900: of this request
    remaining: int  # 902: not yet filled
    filled_amount: int  # 903: won filled so far
    fill_no: str  # 909
    fill_price: int  # 914 (this fill), else 910
    fill_qty: int  # 915 (this fill), else 911
    fees: int  # 938 + 939
    time: str  # 908 HHMMSS
    side: str  # 907: "1" sell, "2" buy
    reason: str  # 919 on a refusal
    price: int = 0  # 901: the order's price (0 for a market order)
    received: datetime | None = None  # when the app read it (its own clock)
    raw: str = ""  # the entry as sent, cut short: what a refusal logs

    @property
    def filled(self) -> int:
        """How much of this request has filled (what 900 − 902 says, never below 0)."""
        return max(0, self.quantity - self.remaining)

    @property
    def average_price(self) -> int | None:
        if self.filled and self.filled_amount:
            return round(self.filled_amount / self.filled)
        return self.fill_price or None


def _digits(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) == n and text.isascii() and text.isdigit() else ""


def _int(values: Mapping[str, str], fid: str) -> int:
    try:
        return abs(kiwoom_int(values.get(fid)))
    except (TypeError, ValueError):
        return 0


def parse_event(values: Mapping[str, object]) -> OrderEvent | None:
    """One 00 entry, or None when it isn't one the app can place (no known state, a
    malformed number). Every value is read as text; a stranger shape reads as absent."""
    text = {k: v for k, v in values.items() if isinstance(k, str) and isinstance(v, str)}
    kind = _KINDS.get(text.get("913", "").strip())
    if kind is None:
        return None
    ord_no = _digits(text.get("9203", ""), 7)
    if ord_no == NO_ORDER:
        ord_no = ""
    if not ord_no and kind is not EventKind.REJECTED:
        return None
    orig = _digits(text.get("904", ""), 7)
    code = text.get("9001", "").strip().upper()
    if code.startswith("A") and len(code) == 7:  # Kiwoom prefixes some codes with A
        code = code[1:]
    return OrderEvent(
        ord_no=ord_no,
        orig_ord_no="" if orig == NO_ORDER else orig,
        kind=kind,
        stock_code=code[:12],
        quantity=_int(text, "900"),
        remaining=_int(text, "902"),
        filled_amount=_int(text, "903"),
        fill_no=text.get("909", "").strip()[:20],
        fill_price=_int(text, "914") or _int(text, "910"),
        fill_qty=_int(text, "915") or _int(text, "911"),
        fees=_int(text, "938") + _int(text, "939"),
        time=text.get("908", "").strip()[:6],
        side=text.get("907", "").strip()[:1],
        reason=text.get("919", "").strip()[:40],
        price=_int(text, "901"),
        raw=_raw(values),
    )


def _raw(values: Mapping[str, object]) -> str:
    try:
        text = json.dumps(dict(values), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(values)[:RAW_LIMIT]
    return text[:RAW_LIMIT]


def event_moment(event: OrderEvent, received: datetime) -> datetime:
    """When the event happened, by its own 908 (KST HHmmss), placed on the day it was
    received, or the day before when that would put it in the future (an event of
    23:59:58 read at 00:00:02 is yesterday's). Without a readable time: when received."""
    t = event.time
    if len(t) != 6 or not t.isdigit():
        return received
    hour, minute, second = int(t[:2]), int(t[2:4]), int(t[4:])
    if hour > 23 or minute > 59 or second > 59:
        return received
    local = received.astimezone(KST)
    moment = local.replace(hour=hour, minute=minute, second=second, microsecond=0)
    if moment - local > EVENT_CLOCK_SLACK:
        moment -= timedelta(days=1)
    return moment


def event_day(event: OrderEvent, received: datetime, epoch: int = 0) -> str:
    """The trading day an event belongs to (the day its number names one order in)."""
    return trading_day(event_moment(event, received), epoch)


def mismatch(record: OrderRecord, event: OrderEvent, received: datetime) -> str | None:
    """Why `event` (of `record`'s number and day) can't be about `record`, or None when
    it can: the same stock, side, quantity and price; a fill within the order's
    quantity and limit; and not read, nor stamped, before the order was placed (an
    order number is reused every day: yesterday's events name today's orders)."""
    # Both on this computer's clock; an adopted outside order is timed by the exchange's.
    if not record.outside and received < record.created_at:
        return "arrived before the order was placed"
    if event_moment(event, received) < record.created_at - EVENT_CLOCK_SLACK:
        return f"stamped {event.time}, before the order was placed"
    if event.stock_code and event.stock_code != record.stock_code:
        return f"stock {event.stock_code}, not {record.stock_code}"
    new = record.action in (Action.BUY, Action.SELL)
    if new and event.side in ("1", "2"):
        side = Action.SELL if event.side == "1" else Action.BUY
        if side is not record.action:
            return f"side {event.side}, not {record.action.name.lower()}"
    if new and event.quantity and record.quantity and event.quantity != record.quantity:
        return f"quantity {event.quantity}, not {record.quantity}"
    if record.quantity and (event.remaining > record.quantity
                            or (event.kind is EventKind.FILLED
                                and event.filled > record.quantity)):
        return f"{event.filled} filled, {event.remaining} left of {record.quantity}"
    limit = record.price or 0
    if new and limit and event.price and event.price != limit:
        return f"price {event.price}, not {limit}"
    if new and limit and event.kind is EventKind.FILLED and event.filled:
        price = event.average_price or 0
        worse = price > limit if record.action is Action.BUY else price < limit
        if price and worse:
            return f"filled at {price}, beyond the limit {limit}"
    return None


def checked_step(record: OrderRecord, event: OrderEvent,
                 received: datetime) -> OrderRecord | None:
    """`record` moved on by `event` only if the event is of the record's trading day and
    matches it (what a view may show before the journal has it); else None."""
    if record.trade_day.split(".")[0] != event_day(event, received):
        return None
    if mismatch(record, event, received) is not None:
        return None
    return apply_event(record, event, received)


def apply_event(record: OrderRecord, event: OrderEvent, now: datetime) -> OrderRecord | None:
    """`record` moved on by `event` (its own number's event), or None when the event
    tells nothing new. Fills only grow; a finished order never reopens."""
    if event.kind is EventKind.FILLED:
        filled = event.filled  # within the order's quantity: mismatch() refused the rest
        if record.amended_qty and event.quantity == record.quantity:
            # 900 is the order's first quantity and 902 what is open now: the shares
            # partial modifies and cancels took off are in neither and never filled.
            filled = max(0, filled - record.amended_qty)
        if filled <= record.filled_qty:
            return None
        status = record.status
        if status in (OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED):
            done = event.remaining == 0 and filled >= record.quantity - record.amended_qty
            status = OrderStatus.FILLED if done else OrderStatus.PARTLY_FILLED
        changes: dict[str, object] = {"status": status, "filled_qty": filled, "filled_at": now}
        if (price := event.average_price) is not None:
            changes["avg_fill_price"] = price
        return record.moved(**changes)
    if event.kind is EventKind.CANCELLED and record.status.is_open:
        # What was left of it ended at the exchange (an IOC/FOK rest, the day's end).
        return record.moved(status=OrderStatus.CANCELLED)
    return None
