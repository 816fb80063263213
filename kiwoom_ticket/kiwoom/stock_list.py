"""ka10099 종목정보 리스트, read strictly: the stock search offers what this returns, and a
code taken from it is what an order is sent for."""

from __future__ import annotations

import re
from typing import Any

from ..domain.text import Text
from .errors import BadResponse

API_ID = "ka10099"
# mrkt_tp of the markets the ticket trades, and what the search shows for each.
MARKETS = {"0": "KOSPI", "10": "KOSDAQ"}
STOCK_CODE = re.compile(r"[0-9][0-9A-Z]{5}")
MAX_NAME = 60  # characters; Kiwoom's field is 40 bytes
MAX_ROWS = 10_000  # one market: KOSDAQ lists under 2,000


def checked_stock_rows(rows: list[dict[str, Any]], market: str) -> list[dict[str, str]]:
    """Each row as {code, name, market}, or BadResponse for anything that is not Kiwoom's
    shape: a code that is not six characters, a name that is not text, too many rows."""
    def bad(why: str) -> BadResponse:
        return BadResponse(Text(f"종목 목록 형식 오류 ({why})", f"Malformed stock list ({why})"),
                           api_id=API_ID, return_code=0)

    if len(rows) > MAX_ROWS:
        raise bad(f"{len(rows)} rows")
    label = MARKETS.get(market, market)
    checked: list[dict[str, str]] = []
    for row in rows:
        code, name = row.get("code"), row.get("name")
        if not isinstance(code, str) or not STOCK_CODE.fullmatch(code.strip()):
            raise bad("code")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise bad("name")
        if not name.isprintable():
            raise bad("name")
        checked.append({"code": code.strip(), "name": name.strip(), "market": label})
    return checked
