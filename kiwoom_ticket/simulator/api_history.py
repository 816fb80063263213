"""POST /api/dostk/acnt, the day's order history: kt00007 계좌별주문체결내역상세.

Wording the spec leaves open follows Kiwoom's HTS screens (OpenAPI+ opw00007): io_tp_nm
is 현금매수/현금매도 (신용매수/신용매도 for credit) for a new order and 매수정정/매도정정,
매수취소/매도취소 for a modify or cancel; acpt_tp is 접수 for a new order and 확인 once
the exchange confirmed a modify or cancel (here: at once), whose mdfy_cncl then reads
정정확인 or 취소확인. comm_ord_tp (통신구분) is "OpenAPI" for orders that came over the API.
"""

from __future__ import annotations

from kiwoom_ticket.domain.exchange import Exchange

from .calls import QUERY_OK_MSG, digits, one_of, paged, require, text_fields
from .core import Call, Core, Reply
from .fmt import padded
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


def filtered(core: Core, call: Call, f: dict[str, str]) -> list[Line]:
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
    lines = filtered(core, call, f)
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
