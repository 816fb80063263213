"""POST /api/dostk/stkinfo: ka10001 basic quote and ka10100 stock lookup."""

from __future__ import annotations

from . import errors
from .calls import OK_MSG, require, text_fields
from .core import Call, Core, Reply
from .fmt import signed, signed_number, signed_percent
from .stocks import Stock

_SUFFIXES = ("_NX", "_AL")  # NXT and SOR quote codes (005930_NX, 005930_AL)


def _lookup(core: Core, raw: str) -> Stock:
    code = raw
    for suffix in _SUFFIXES:
        code = code.removesuffix(suffix)
    stock = core.market.stock(code)
    if stock is None:
        raise errors.unknown_stock(raw)
    return stock


def _direction(price: int, base: int, lower: int, upper: int) -> str:
    """pre_sig: 1 상한, 2 상승, 3 보합, 4 하한, 5 하락."""
    if price == upper:
        return "1"
    if price == lower:
        return "4"
    return "2" if price > base else "5" if price < base else "3"


def basic_info(core: Core, call: Call) -> Reply:
    """ka10001 주식기본정보요청."""
    f = text_fields(call.body, ("stk_cd",))
    require(f, ("stk_cd",))
    stock = _lookup(core, f["stk_cd"])
    q = core.market.quote(stock.code)
    base = stock.base_price
    change = q.price - base
    return Reply({
        "stk_cd": f["stk_cd"], "stk_nm": stock.name, "setl_mm": "12", "fav": "100",
        "cap": "", "flo_stk": str(stock.listed_shares // 1000), "crd_rt": "+0.00",
        "oyr_hgst": signed(max(q.high, base), base), "oyr_lwst": signed(min(q.low, base), base),
        "mac": str(q.price * stock.listed_shares // 100_000_000), "mac_wght": "",
        "for_exh_rt": "0.00", "repl_pric": "", "per": "", "eps": "", "roe": "", "pbr": "",
        "ev": "", "bps": "", "sale_amt": "0", "bus_pro": "0", "cup_nga": "0",
        "250hgst": signed(max(q.high, base), base), "250lwst": signed(min(q.low, base), base),
        "high_pric": signed(q.high, base), "open_pric": signed(q.open, base),
        "low_pric": signed(q.low, base), "upl_pric": signed(q.upper, base),
        "lst_pric": signed(q.lower, base), "base_pric": str(base), "exp_cntr_pric": "0",
        "exp_cntr_qty": "0", "250hgst_pric_dt": "", "250hgst_pric_pre_rt": "0.00",
        "250lwst_pric_dt": "", "250lwst_pric_pre_rt": "0.00", "cur_prc": signed(q.price, base),
        "pre_sig": _direction(q.price, base, q.lower, q.upper),
        "pred_pre": signed_number(change), "flu_rt": signed_percent(change * 100 / base),
        "trde_qty": str(q.volume), "trde_pre": "0.00", "fav_unit": "원",
        "dstr_stk": str(stock.listed_shares), "dstr_rt": "100.0",
        "return_code": 0, "return_msg": OK_MSG,
    })


def stock_lookup(core: Core, call: Call) -> Reply:
    """ka10100 종목정보 조회."""
    f = text_fields(call.body, ("stk_cd",))
    require(f, ("stk_cd",))
    stock = core.market.find(f["stk_cd"])
    if stock is None:
        raise errors.unknown_stock(f["stk_cd"])
    return Reply({
        "code": stock.code, "name": stock.name, "listCount": f"{stock.listed_shares:016d}",
        "auditInfo": "정상", "regDay": "", "lastPrice": f"{stock.base_price:08d}",
        "state": "증거금20%|담보대출|신용가능", "marketCode": stock.market_code,
        "marketName": stock.market_name, "upName": "", "upSizeName": "",
        "companyClassName": "", "orderWarning": "0",
        "nxtEnable": "Y" if stock.nxt_enable else "N",
        "return_code": 0, "return_msg": OK_MSG,
    })
