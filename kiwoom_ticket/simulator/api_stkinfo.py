"""POST /api/dostk/stkinfo: ka10001 basic quote, ka10100 stock lookup, ka10099 stock list."""

from __future__ import annotations

from . import errors
from .calls import OK_MSG, one_of, paged, require, text_fields
from .candles import day_bars, extremes
from .core import Call, Core, Reply
from .fmt import signed, signed_number, signed_percent
from .stocks import Stock

_SUFFIXES = ("_NX", "_AL")  # NXT and SOR quote codes (005930_NX, 005930_AL)


def lookup(core: Core, raw: str) -> Stock:
    """A stock by its code on any venue (005930, 005930_NX, 005930_AL); 1902 when unknown."""
    code = raw
    for suffix in _SUFFIXES:
        code = code.removesuffix(suffix)
    stock = core.market.stock(code)
    if stock is None:
        raise errors.unknown_stock(raw)
    return stock


def direction(price: int, base: int, lower: int, upper: int) -> str:
    """pre_sig: 1 상한, 2 상승, 3 보합, 4 하한, 5 하락."""
    if price == upper:
        return "1"
    if price == lower:
        return "4"
    return "2" if price > base else "5" if price < base else "3"


def basic_info(core: Core, call: Call) -> Reply:
    """ka10001 주식기본정보요청. 250-day and yearly highs and lows come from the day candles."""
    f = text_fields(call.body, ("stk_cd",))
    require(f, ("stk_cd",))
    stock = lookup(core, f["stk_cd"])
    q = core.market.quote(stock.code)
    base = stock.base_price
    change = q.price - base
    today = core.clock.now().date()
    bars = day_bars(stock, core.market.seed, today, (q.open, q.high, q.low, q.price, q.volume))
    high250, low250 = extremes(bars[:250])
    high_yr, low_yr = extremes([b for b in bars if b.at.year == today.year])

    def off(level: int) -> str:
        return signed_percent((q.price - level) * 100 / level)

    return Reply({
        "stk_cd": f["stk_cd"], "stk_nm": stock.name, "setl_mm": "12", "fav": "100",
        "cap": str(stock.listed_shares * stock.par_value // 100_000_000),
        "flo_stk": str(stock.listed_shares // 1000), "crd_rt": "+0.00",
        "oyr_hgst": signed(high_yr.high, base), "oyr_lwst": signed(low_yr.low, base),
        "mac": str(q.price * stock.listed_shares // 100_000_000), "mac_wght": "",
        "for_exh_rt": "0.00", "repl_pric": str(base * 7 // 10), "per": "", "eps": "",
        "roe": "", "pbr": "", "ev": "", "bps": "", "sale_amt": "0", "bus_pro": "0",
        "cup_nga": "0", "250hgst": signed(high250.high, base),
        "250lwst": signed(low250.low, base), "high_pric": signed(q.high, base),
        "open_pric": signed(q.open, base), "low_pric": signed(q.low, base),
        "upl_pric": signed(q.upper, base), "lst_pric": signed(q.lower, base),
        "base_pric": str(base), "exp_cntr_pric": "0", "exp_cntr_qty": "0",
        "250hgst_pric_dt": high250.at.strftime("%Y%m%d"), "250hgst_pric_pre_rt": off(high250.high),
        "250lwst_pric_dt": low250.at.strftime("%Y%m%d"), "250lwst_pric_pre_rt": off(low250.low),
        "cur_prc": signed(q.price, base), "pre_sig": direction(q.price, base, q.lower, q.upper),
        "pred_pre": signed_number(change), "flu_rt": signed_percent(change * 100 / base),
        "trde_qty": str(q.volume), "trde_pre": "0.00", "fav_unit": "원",
        "dstr_stk": str(stock.listed_shares), "dstr_rt": "+100.0",
        "return_code": 0, "return_msg": OK_MSG,
    })


def stock_lookup(core: Core, call: Call) -> Reply:
    """ka10100 종목정보 조회."""
    f = text_fields(call.body, ("stk_cd",))
    require(f, ("stk_cd",))
    stock = core.market.find(f["stk_cd"])
    if stock is None:
        raise errors.unknown_stock(f["stk_cd"])
    return Reply({**stock_row(stock), "return_code": 0, "return_msg": OK_MSG})


def stock_row(stock: Stock) -> dict:
    """One stock as ka10100 and ka10099 describe it."""
    return {
        "code": stock.code, "name": stock.name, "listCount": f"{stock.listed_shares:016d}",
        "auditInfo": "정상", "regDay": stock.listed_on, "lastPrice": f"{stock.base_price:08d}",
        "state": "증거금20%|담보대출|신용가능", "marketCode": stock.market_code,
        "marketName": stock.market_name, "upName": stock.sector, "upSizeName": stock.size,
        "companyClassName": stock.kosdaq_class, "orderWarning": "0",
        "nxtEnable": "Y" if stock.nxt_enable else "N",
    }


# ka10099 mrkt_tp: 0 코스피, 10 코스닥; the rest are markets the practice exchange does not list.
_MARKETS = ("0", "10", "30", "50", "60", "70", "80", "90", "2", "3", "4", "5", "6", "7", "8", "9")


def stock_list(core: Core, call: Call) -> Reply:
    """ka10099 종목정보 리스트: every stock of one market, by code, paged."""
    f = text_fields(call.body, ("mrkt_tp",))
    require(f, ("mrkt_tp",))
    market = one_of(f, "mrkt_tp", _MARKETS)
    stocks = sorted(
        (s for s in (core.market.stock(c) for c in core.market.codes())
         if s is not None and s.market_code == market),
        key=lambda s: s.code,
    )
    return paged(call, "list", stocks, lambda s: s.code, stock_row, core.config.page_size,
                 {"return_msg": OK_MSG})
