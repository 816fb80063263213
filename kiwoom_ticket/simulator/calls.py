"""Reading request bodies the way Kiwoom does, and continuation paging."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from . import errors
from .core import Call, Reply

T = TypeVar("T")

OK_MSG = "정상적으로 처리되었습니다"
QUERY_OK_MSG = "조회가 완료되었습니다"


def text_fields(body: dict, names: Iterable[str]) -> dict[str, str]:
    """The named fields as stripped strings ("" when absent).

    Kiwoom sends every value as a string; whole JSON numbers are taken too.
    Anything else (lists, objects, booleans, fractions) is a 1517 format error.
    """
    out: dict[str, str] = {}
    for name in names:
        value = body.get(name, "")
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise errors.bad_format(name, "문자열이어야 합니다")
        out[name] = str(value).strip()
    return out


def require(fields: dict[str, str], names: Iterable[str]) -> None:
    for name in names:
        if not fields.get(name):
            raise errors.missing_field(name)


def digits(fields: dict[str, str], names: Iterable[str], max_len: int = 12) -> None:
    """Numeric fields hold ASCII digits only (or nothing)."""
    for name in names:
        v = fields.get(name, "")
        if v and (not v.isascii() or not v.isdigit() or len(v) > max_len):
            raise errors.bad_format(name, "숫자가 아닙니다")


def one_of(fields: dict[str, str], name: str, allowed: Sequence[str]) -> str:
    v = fields.get(name, "")
    if v not in allowed:
        raise errors.bad_format(name, f"허용값={','.join(allowed)}")
    return v


def paged(
    call: Call, list_name: str, rows: Sequence[T], key: Callable[[T], str],
    to_json: Callable[[T], dict], page_size: int, payload: dict | None = None,
    descending: bool = False,
) -> Reply:
    """One page of `rows` (already in order), continuing after `next-key` when cont-yn is Y.

    next-key holds the api-id and the key of the last row sent, so a page boundary
    stays put when rows are added or removed between pages.
    """
    start = 0
    if call.cont_yn == "Y" and call.next_key:
        prefix, _, last = call.next_key.partition(":")
        if prefix != call.api_id or not last:
            raise errors.bad_format("next-key", "연속조회키가 올바르지 않습니다")
        start = len(rows)
        for i, row in enumerate(rows):
            k = key(row)
            if (k < last) if descending else (k > last):
                start = i
                break
    page = rows[start:start + page_size]
    more = start + page_size < len(rows)
    extra = payload or {}
    body = {k: v for k, v in extra.items() if not k.startswith("return_")}
    body[list_name] = [to_json(r) for r in page]
    body["return_code"] = extra.get("return_code", 0)
    body["return_msg"] = extra.get("return_msg", QUERY_OK_MSG)
    if not more:
        return Reply(body)
    return Reply(body, "Y", f"{call.api_id}:{key(page[-1])}")
