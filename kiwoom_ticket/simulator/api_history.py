"""POST /api/dostk/acnt, the day's orders: kt00007 계좌별주문체결내역상세, kt00009
계좌별주문체결현황, ka10088 미체결 분할주문 상세, ka10170 당일매매일지.

Wording the spec leaves open follows Kiwoom's HTS screens (OpenAPI+ opw00007): io_tp_nm
is 현금매수/현금매도 (신용매수/신용매도 for credit) for a new order and 매수정정/매도정정,
매수취소/매도취소 for a modify or cancel; acpt_tp is 접수 for a new order and 확인 once
the exchange confirmed a modify or cancel (here: at once), whose mdfy_cncl then reads
정정확인 or 취소확인. comm_ord_tp (통신구분) is "OpenAPI" for orders that came over the API.
"""

from __future__ import annotations

from kiwoom_ticket.domain.exchange import Exchange

from .api_account import LIST_MSG, signed_io_tp_nm
from .book import Execution, SimOrder
from .calls import QUERY_OK_MSG, digits, one_of, paged, require, text_fields
from .core import Call, Core, Reply
from .fmt import padded, percent
from .history import CANCEL, MODIFY, NEW, Line, lines_of_day, parse_day, stock_code

_SIDES = {"0": None, "1": "sell", "2": "buy"}
_SIDE_KO = {"buy": "매수", "sell": "매도"}
COMM_ORD_TP = "OpenAPI"


def io_tp_nm(line: Line) -> str:
    side = _SIDE_KO[line.side]
    if line.kind == MODIFY:
        return side + "정정"
    if line.kind == CANCEL:
        return side + "취소"
    return ("신용" if line.credit else "현금") + side


def credit_name(line: Line) -> str:
    return "자기융자" if line.credit else "보통매매"


def mdfy_cncl(line: Line) -> str:
    return {NEW: "", MODIFY: "정정확인", CANCEL: "취소확인"}[line.kind]


def filtered(core: Core, f: dict[str, str]) -> list[Line]:
    """The day's lines after the filters kt00007 and kt00009 share."""
    digits(f, ("ord_dt",), max_len=8)
    digits(f, ("fr_ord_no",), max_len=7)
    day = parse_day(core, f["ord_dt"])
    bonds_only = one_of(f, "stk_bond_tp", ("0", "1", "2")) == "2"
    side = _SIDES[one_of(f, "sell_tp", ("0", "1", "2"))]
    venue = one_of(f, "dmst_stex_tp", ("%", "KRX", "NXT", "SOR"))
    code = stock_code(f["stk_cd"]) if f["stk_cd"] else None
    start = int(f["fr_ord_no"]) if f["fr_ord_no"] else 0
    if bonds_only:  # the practice account trades stocks only
        return []
    return [
        line for line in lines_of_day(core, day)
        if (side is None or line.side == side)
        and (venue == "%" or line.exchange == venue)
        and (code is None or line.stk_cd == code)
        and int(line.ord_no) >= start
    ]


def order_detail(core: Core, call: Call) -> Reply:
    """kt00007 계좌별주문체결내역상세요청."""
    f = text_fields(call.body, ("ord_dt", "qry_tp", "stk_bond_tp", "sell_tp", "stk_cd",
                                "fr_ord_no", "dmst_stex_tp"))
    require(f, ("qry_tp", "stk_bond_tp", "sell_tp", "dmst_stex_tp"))
    qry = one_of(f, "qry_tp", ("1", "2", "3", "4"))
    lines = filtered(core, f)
    if qry == "3":  # 미체결: orders with a remainder still working
        lines = [line for line in lines if line.remaining > 0]
    elif qry == "4":  # 체결내역만
        lines = [line for line in lines if line.filled > 0]
    descending = qry == "2"
    if descending:
        lines.reverse()

    def row(line: Line) -> dict:
        confirmed_at = line.hhmmss if line.kind != NEW else ""
        return {
            "ord_no": line.ord_no, "stk_cd": "A" + line.stk_cd, "trde_tp": line.trade_label,
            "crd_tp": credit_name(line), "ord_qty": padded(line.qty, 10),
            "ord_uv": padded(line.price, 10), "cnfm_qty": padded(line.confirmed, 10),
            "acpt_tp": "접수" if line.kind == NEW else "확인", "rsrv_tp": "",
            "ord_tm": line.hhmmss, "ori_ord": line.orig,
            "stk_nm": core.market.quote(line.stk_cd).stock.name, "io_tp_nm": io_tp_nm(line),
            "loan_dt": line.loan_dt, "cntr_qty": padded(line.filled, 10),
            "cntr_uv": padded(line.avg_fill_price, 10), "ord_remnq": padded(line.remaining, 10),
            "comm_ord_tp": COMM_ORD_TP, "mdfy_cncl": mdfy_cncl(line), "cnfm_tm": confirmed_at,
            "dmst_stex_tp": Exchange(line.exchange).value,
            "cond_uv": padded(line.stop_price, 10),
        }

    return paged(call, "acnt_ord_cntr_prps_dtl", lines, lambda line: line.ord_no, row,
                 core.config.page_size, {"return_msg": QUERY_OK_MSG}, descending=descending)


def _day_executions(core: Core, lines: list[Line]) -> list[tuple[str, Line, Execution]]:
    """(cntr_no, line, execution) for the fills of `lines`; cntr_no counts the exchange's fills."""
    by_no = {line.ord_no: line for line in lines if line.kind != CANCEL}
    return [
        (f"{i + 1:07d}", by_no[x.ord_no], x)
        for i, x in enumerate(core.engine.executions) if x.ord_no in by_no
    ]


def order_status(core: Core, call: Call) -> Reply:
    """kt00009 계좌별주문체결현황요청: a row per fill, and one per order without fills (qry_tp 0).

    Kiwoom pages this TR about 30 rows at a time; so does the practice exchange.
    """
    f = text_fields(call.body, ("ord_dt", "stk_bond_tp", "mrkt_tp", "sell_tp", "qry_tp",
                                "stk_cd", "fr_ord_no", "dmst_stex_tp"))
    require(f, ("stk_bond_tp", "mrkt_tp", "sell_tp", "qry_tp", "dmst_stex_tp"))
    market = one_of(f, "mrkt_tp", ("0", "1", "2", "3", "4"))
    fills_only = one_of(f, "qry_tp", ("0", "1")) == "1"
    lines = filtered(core, f)
    if market != "0":
        wanted = {"1": "KOSPI", "2": "KOSDAQ"}.get(market)
        lines = [ln for ln in lines if core.market.quote(ln.stk_cd).stock.market == wanted]
    fills = _day_executions(core, lines)
    sold = sum(x.qty * x.price for _, _, x in fills if x.side == "sell")
    bought = sum(x.qty * x.price for _, _, x in fills if x.side == "buy")
    rows: list[tuple[str, Line, Execution | None]] = list(fills)
    if not fills_only:
        filled = {x.ord_no for _, _, x in fills}
        rows += [("", ln, None) for ln in lines if ln.ord_no not in filled]
    rows.sort(key=lambda r: (int(r[1].ord_no), r[0]))

    def row(item: tuple[str, Line, Execution | None]) -> dict:
        cntr_no, line, x = item
        return {
            "stk_bond_tp": "1", "ord_no": line.ord_no, "stk_cd": "A" + line.stk_cd,
            "trde_tp": line.trade_label, "io_tp_nm": io_tp_nm(line),
            "ord_qty": padded(line.qty, 10), "ord_uv": padded(line.price, 10),
            "cnfm_qty": padded(line.confirmed, 10), "rsrv_oppo": "", "cntr_no": cntr_no,
            "acpt_tp": "접수" if line.kind == NEW else "확인", "orig_ord_no": line.orig,
            "stk_nm": core.market.quote(line.stk_cd).stock.name, "setl_tp": "삼일결제",
            "crd_deal_tp": credit_name(line), "cntr_qty": padded(x.qty if x else 0, 10),
            "cntr_uv": padded(x.price if x else 0, 10), "comm_ord_tp": COMM_ORD_TP,
            "mdfy_cncl_tp": mdfy_cncl(line),
            "cntr_tm": f"{x.time[:2]}:{x.time[2:4]}:{x.time[4:6]}" if x else "",
            "dmst_stex_tp": line.exchange, "cond_uv": padded(line.stop_price, 10),
        }

    totals = {"sell_grntl_engg_amt": padded(sold, 12), "buy_engg_amt": padded(bought, 12),
              "engg_amt": padded(sold + bought, 12), "return_msg": QUERY_OK_MSG}
    return paged(call, "acnt_ord_cntr_prst_array", rows, lambda r: f"{r[1].ord_no}{r[0]:0>7}",
                 row, min(core.config.page_size, 30), totals)


def split_orders(core: Core, call: Call) -> Reply:
    """ka10088 미체결 분할주문 상세: the open parts of one order (it, and modifies split off it)."""
    f = text_fields(call.body, ("ord_no",))
    require(f, ("ord_no",))
    digits(f, ("ord_no",), max_len=10)
    wanted = f"{int(f['ord_no']):07d}"
    asked = core.engine.orders.get(wanted)
    root = asked.root_ord_no if asked else wanted
    parts = sorted(
        (o for o in core.engine.orders.values()
         if o.is_open and o.root_ord_no == root and int(o.ord_no) >= int(wanted)),
        key=lambda o: o.ord_no,
    )
    account_no = core.config.account_no

    def row(o: SimOrder) -> dict:
        return {
            "stk_cd": o.stk_cd, "acnt_no": account_no,
            "stk_nm": core.market.quote(o.stk_cd).stock.name, "ord_no": o.ord_no,
            "ord_qty": str(o.qty), "ord_pric": str(o.price), "osop_qty": str(o.remaining),
            "io_tp_nm": signed_io_tp_nm(o), "trde_tp": o.tt.label.ko,
            "sell_tp": "1" if o.side == "sell" else "2", "cntr_qty": str(o.filled),
            "ord_stt": "체결" if o.filled else "접수",
            "cur_prc": str(core.market.quote(o.stk_cd).price),
            "stex_tp": Exchange(o.exchange).query_code, "stex_tp_txt": o.exchange,
        }

    return paged(call, "osop", parts, lambda o: o.ord_no, row, core.config.page_size,
                 {"return_msg": LIST_MSG})


def _won(value: int) -> str:
    return str(value)


def _rate(pl: int, cost: int) -> str:
    return percent(pl * 100 / cost if cost else 0.0)


def trade_journal(core: Core, call: Call) -> Reply:
    """ka10170 당일매매일지요청: per stock, today's buys and sells and the profit they made.

    ottks_tp 1 pairs today's sells with today's buys (at their average prices); 2 takes
    every sell of the day against the cost the account carried for those shares. The
    practice exchange charges no commission or tax, and keeps no journal of past days:
    another base_dt answers an empty journal.
    """
    f = text_fields(call.body, ("base_dt", "ottks_tp", "ch_crd_tp"))
    require(f, ("ottks_tp", "ch_crd_tp"))
    digits(f, ("base_dt",), max_len=8)
    day = parse_day(core, f["base_dt"], "base_dt")
    pairs_only = one_of(f, "ottks_tp", ("1", "2")) == "1"
    kind = one_of(f, "ch_crd_tp", ("0", "1", "2"))
    today = core.clock.now().date()
    lines = [ln for ln in lines_of_day(core, day) if day == today
             and (kind == "0" or bool(ln.credit) == (kind == "2"))]
    per: dict[str, dict[str, int]] = {}
    for _, line, x in _day_executions(core, lines):
        t = per.setdefault(line.stk_cd, {"bq": 0, "ba": 0, "sq": 0, "sa": 0})
        if x.side == "buy":
            t["bq"] += x.qty
            t["ba"] += x.qty * x.price
        else:
            t["sq"] += x.qty
            t["sa"] += x.qty * x.price
    rows = []
    for code in sorted(per):
        t = per[code]
        if not t["sq"]:
            continue
        buy_avg, sell_avg = t["ba"] // max(t["bq"], 1), t["sa"] // t["sq"]
        if pairs_only:
            qty = min(t["bq"], t["sq"])
            if not qty:
                continue
            bq, sq, ba, sa = qty, qty, buy_avg * qty, sell_avg * qty
            cost = ba
        else:
            bq, sq, ba, sa = t["bq"], t["sq"], t["ba"], t["sa"]
            h = core.account.holding(code)
            cost = h.sold_cost_today if h.sold_today == sq else ba * sq // max(bq, 1)
        rows.append((code, bq, sq, ba, sa, cost))

    def row(r: tuple) -> dict:
        code, bq, sq, ba, sa, cost = r
        return {
            "stk_nm": core.market.quote(code).stock.name, "buy_avg_pric": _won(ba // max(bq, 1)),
            "buy_qty": str(bq), "sel_avg_pric": _won(sa // sq), "sell_qty": str(sq),
            "cmsn_alm_tax": "0", "pl_amt": _won(sa - cost), "sell_amt": _won(sa),
            "buy_amt": _won(ba), "prft_rt": _rate(sa - cost, cost), "stk_cd": code,
        }

    sold, bought = sum(r[4] for r in rows), sum(r[3] for r in rows)
    cost = sum(r[5] for r in rows)
    totals = {
        "tot_sell_amt": _won(sold), "tot_buy_amt": _won(bought), "tot_cmsn_tax": "0",
        "tot_exct_amt": _won(sold - bought), "tot_pl_amt": _won(sold - cost),
        "tot_prft_rt": _rate(sold - cost, cost), "return_msg": LIST_MSG,
    }
    return paged(call, "tdy_trde_diary", rows, lambda r: r[0], row, core.config.page_size,
                 totals)
