"""Reading a Kiwoom reply: trust no field until it has Kiwoom's shape.

A reply decides what happens to money, so anything that isn't exactly what Kiwoom
sends (a number where text belongs, a 1e999 return code, JSON nested a thousand deep,
an order number of the wrong length) is not guessed at: it is a `BadResponse`, which for
an order means outcome unknown, settled from the exchange's own records.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..domain.records import RATE_LIMIT_CODES
from ..domain.text import Text, clip
from .errors import (
    ApiError,
    AuthError,
    BadResponse,
    OrderRejected,
    RateLimited,
    embedded_code,
)

ORD_NO = re.compile(r"\d{7}")
QUANTITY = re.compile(r"[+-]?\d{1,15}")
EXCHANGES = frozenset({"KRX", "NXT", "SOR"})
MAX_RETURN_CODE = 10**6
# Codes that say the request itself is wrong: asking again, later, gets the same no. Kiwoom
# sends 1634 (more than 100 codes in one request) with return_code 5 and the very text of
# a rate limit around it, so the bracketed code decides before return_code or HTTP 429 do.
PERMANENT_CODES = frozenset({
    "1501", "1504", "1505", "1511", "1512", "1513", "1514", "1515", "1516", "1517", "1634",
    "1687", "1901", "1902", "1903",
})
TOO_MANY_ITEMS = "1634"


@dataclass(frozen=True, slots=True)
class OrderAck:
    """The exchange took the request: it now has `ord_no`."""

    api_id: str
    ord_no: str
    base_orig_ord_no: str | None
    exchange: str
    quantity: str | None  # mdfy_qty / cncl_qty as echoed (the actual quantity for "0")
    message: str
    raw: dict[str, Any] = field(repr=False)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-JSON number {name}")


def decode(raw: bytes) -> Any:
    """JSON text to Python, or ValueError for anything that isn't plain JSON."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, RecursionError, MemoryError) as exc:
        raise ValueError(type(exc).__name__) from None


def _return_code(value: Any) -> int | None:
    """Kiwoom sends an int; a digit string is tolerated. Anything else is no code."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) < MAX_RETURN_CODE else None
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,6}", value.strip()):
        return int(value)
    return None


def check(status: int, content_type: str, data: Any, api_id: str) -> dict[str, Any]:
    """The reply's body if it says return_code 0; otherwise the right error."""
    if status == 429 and not isinstance(data, dict):
        raise RateLimited(Text("요청 한도 초과", "Rate limited"), api_id=api_id, http_status=429)
    if not isinstance(data, dict):
        kind = clip(content_type.split(";")[0] or "?", 40)
        raise BadResponse(
            Text(f"서버 응답을 읽을 수 없습니다 ({kind})", f"Unreadable reply from the server ({kind})"),
            api_id=api_id, http_status=status)
    raw_msg = data.get("return_msg")
    msg = clip(raw_msg.strip()) if isinstance(raw_msg, str) else ""
    code = embedded_code(msg)
    rc = _return_code(data.get("return_code"))
    kwargs: dict[str, Any] = dict(api_id=api_id, http_status=status, return_code=rc, code=code)
    if code in RATE_LIMIT_CODES:
        raise RateLimited(msg or Text("요청 한도 초과", "Rate limited"), **kwargs)
    if code in PERMANENT_CODES and status < 500:
        if code == TOO_MANY_ITEMS:
            raise ApiError(Text(f"한 번에 요청한 종목이 너무 많습니다: {msg}",
                                f"Too many codes in one request: {msg}"), **kwargs)
        raise ApiError(msg, **kwargs)
    if status == 429 or rc == 5:
        raise RateLimited(msg or Text("요청 한도 초과", "Rate limited"), **kwargs)
    if status >= 500:
        raise BadResponse(msg or Text(f"서버 오류 {status}", f"Server error {status}"), **kwargs)
    if rc is None:
        raise BadResponse(Text("return_code 없는 응답", "Reply without a valid return_code"),
                          **kwargs)
    if rc == 0:
        if status != 200:
            raise BadResponse(Text(f"예상 밖의 HTTP {status}", f"Unexpected HTTP {status}"), **kwargs)
        return data
    if rc == 3 or _is_auth_code(code):
        raise AuthError(msg, **kwargs)
    if rc == 20 or _is_order_reject_code(code):
        raise OrderRejected(msg, **kwargs)
    raise ApiError(msg, **kwargs)


def order_ack(api_id: str, data: dict[str, Any], sent_exchange: str, http_status: int) -> OrderAck:
    """An accepted order's reply, checked field by field against Kiwoom's shape."""
    def bad(why: str) -> BadResponse:
        return BadResponse(Text(f"주문 응답 형식 오류 ({why})", f"Malformed order reply ({why})"),
                           api_id=api_id, http_status=http_status, return_code=0)

    ord_no = data.get("ord_no")
    if not isinstance(ord_no, str) or not ORD_NO.fullmatch(ord_no.strip()):
        # return_code 0 without a usable number is not an acceptance we can track.
        raise bad("ord_no")
    base = data.get("base_orig_ord_no")
    if base is not None and not (isinstance(base, str)
                                 and (base.strip() == "" or ORD_NO.fullmatch(base.strip()))):
        raise bad("base_orig_ord_no")
    exchange = data.get("dmst_stex_tp")
    if exchange is not None and exchange not in EXCHANGES:
        raise bad("dmst_stex_tp")
    quantity = data.get("mdfy_qty", data.get("cncl_qty"))
    if quantity is not None and not (isinstance(quantity, str)
                                     and QUANTITY.fullmatch(quantity.strip())):
        raise bad("quantity")
    message = data.get("return_msg")
    return OrderAck(
        api_id=api_id,
        ord_no=ord_no.strip(),
        base_orig_ord_no=(base or "").strip() or None,
        exchange=exchange or sent_exchange,
        quantity=quantity.strip() if quantity else None,
        message=clip(message.strip()) if isinstance(message, str) else "",
        raw=data,
    )


def _is_auth_code(code: str | None) -> bool:
    return code is not None and len(code) == 4 and code.startswith("8")


def _is_order_reject_code(code: str | None) -> bool:
    # RC4003-style, or six digits such as 800033 (not enough shares to sell).
    return code is not None and (code.startswith("RC") or len(code) == 6)
