"""POST /api/dostk/chart: ka10080 minute and ka10081 day candles, newest first.

Candles come from candles.py: today's from the live walk (the day candle is the quote
itself), the past generated for the seed, so charts and fills agree. Kiwoom sends up to
900 minute or 600 day candles a page; so does this exchange, or its page size if smaller.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kiwoom_ticket.domain.ticks import price_limits

from . import errors
from .api_stkinfo import direction, lookup
from .calls import OK_MSG, digits, one_of, paged, require, text_fields
from .candles import PAST_DAYS, Bar, bucket, day_bars, past_days, past_minutes
from .core import Call, Core, Reply
from .fmt import signed, signed_number, signed_percent
from .history import parse_day
from .stocks import Stock

MINUTE_PAGE, DAY_PAGE = 900, 600
SCOPES = ("1", "3", "5", "10", "15", "30", "45", "60")


def stock_days(core: Core, stock: Stock) -> list[Bar]:
    """Today's candle (the live quote) and the generated past, newest first."""
    q = core.market.quote(stock.code)
    live = (q.open, q.high, q.low, q.price, q.volume)
    return day_bars(stock, core.market.seed, core.clock.now().date(), live)


def _sig(b: Bar) -> str:
    lower, upper = price_limits(b.base)
    return direction(b.close, b.base, lower, upper)


def _read(core: Core, call: Call, names: tuple[str, ...]) -> tuple[dict[str, str], Stock]:
    f = text_fields(call.body, names)
    require(f, tuple(n for n in names if n != "base_dt" or call.api_id == "ka10081"))
    one_of(f, "upd_stkpc_tp", ("0", "1"))  # no corporate actions here: both are the same
    digits(f, ("base_dt",), max_len=8)
    return f, lookup(core, f["stk_cd"])


def day_chart(core: Core, call: Call) -> Reply:
    """ka10081 주식일봉차트조회요청: candles up to base_dt."""
    f, stock = _read(core, call, ("stk_cd", "base_dt", "upd_stkpc_tp"))
    until = parse_day(core, f["base_dt"], "base_dt")
    bars = [b for b in stock_days(core, stock) if b.at.date() <= until]

    def row(b: Bar) -> dict:
        return {
            "cur_prc": str(b.close), "trde_qty": str(b.volume),
            "trde_prica": str(b.volume * (b.high + b.low + b.close) // 3 // 1_000_000),
            "dt": b.at.strftime("%Y%m%d"), "open_pric": str(b.open), "high_pric": str(b.high),
            "low_pric": str(b.low), "pred_pre": signed_number(b.close - b.base),
            "pred_pre_sig": _sig(b),
            "trde_tern_rt": signed_percent(b.volume * 100 / stock.listed_shares),
        }

    return paged(call, "stk_dt_pole_chart_qry", bars, lambda b: b.at.strftime("%Y%m%d"), row,
                 min(core.config.page_size, DAY_PAGE), {"stk_cd": stock.code,
                                                        "return_msg": OK_MSG}, descending=True)


def _minutes(core: Core, stock: Stock, scope: int, until: date) -> Iterator[Bar]:
    """Minute candles newest first: today's live ones, then each generated past day."""
    today = core.clock.now().date()
    if until >= today:
        live = [b for b in core.market.tape.bars.get(stock.code, []) if b.at.date() == today]
        yield from reversed(bucket(live, scope))
    for i, day in enumerate(past_days(stock, core.market.seed, today)[:PAST_DAYS]):
        if day.at.date() <= until:
            yield from reversed(bucket(past_minutes(stock, core.market.seed, today, i), scope))


def minute_chart(core: Core, call: Call) -> Reply:
    """ka10080 주식분봉차트조회요청: candles of `tic_scope` minutes, up to base_dt's close."""
    f, stock = _read(core, call, ("stk_cd", "tic_scope", "upd_stkpc_tp", "base_dt"))
    scope = int(one_of(f, "tic_scope", SCOPES))
    until = parse_day(core, f["base_dt"], "base_dt")
    after = ""
    if call.cont_yn == "Y" and call.next_key:
        prefix, _, after = call.next_key.partition(":")
        if prefix != call.api_id or not after.isdigit():
            raise errors.bad_format("next-key", "연속조회키가 올바르지 않습니다")
    size = min(core.config.page_size, MINUTE_PAGE)
    page: list[Bar] = []
    for b in _minutes(core, stock, scope, until):
        if after and b.at.strftime("%Y%m%d%H%M%S") >= after:
            continue
        page.append(b)
        if len(page) > size:
            break
    more = len(page) > size
    page = page[:size]
    rows = [{
        "cur_prc": signed(b.close, b.base), "trde_qty": str(b.volume),
        "cntr_tm": b.at.strftime("%Y%m%d%H%M%S"), "open_pric": signed(b.open, b.base),
        "high_pric": signed(b.high, b.base), "low_pric": signed(b.low, b.base),
        "pred_pre": signed_number(b.close - b.base), "pred_pre_sig": _sig(b),
    } for b in page]
    body = {"stk_cd": stock.code, "stk_min_pole_chart_qry": rows, "return_code": 0,
            "return_msg": OK_MSG}
    if not more:
        return Reply(body)
    return Reply(body, "Y", f"{call.api_id}:{rows[-1]['cntr_tm']}")
