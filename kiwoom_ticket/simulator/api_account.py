"""POST /api/dostk/acnt: ka00001, ka10075 open orders, ka10076 fills, kt00018 balance,
kt00001 deposit, kt00010 orderable amount. Fields as the official spec dumps."""

from __future__ import annotations

from kiwoom_ticket.domain.exchange import Exchange

from . import errors
from .book import SimOrder
from .calls import OK_MSG, digits, one_of, paged, require, text_fields
from .core import Call, Core, Reply
from .fmt import padded, percent, signed
from .positions import Position, positions

# ka10075/ka10076 `stex_tp`: 0 통합 (all), 1 KRX, 2 NXT.
_VENUES = {"0": None, "1": "KRX", "2": "NXT"}
_SIDES = {"0": None, "1": "sell", "2": "buy"}
LIST_MSG = " 조회가 완료되었습니다."  # the spec's text for ka10075/ka10076, leading space included


def signed_io_tp_nm(o: SimOrder) -> str:
    text = "+매수" if o.side == "buy" else "-매도"
    return text + "정정" if o.is_modify else text


def venue_fields(o: SimOrder) -> dict:
    ex = Exchange(o.exchange)
    return {"stex_tp": ex.query_code, "stex_tp_txt": ex.value, "sor_yn": "Y" if ex is Exchange.SOR else "N"}


def _wanted(o: SimOrder, code: str | None, side: str | None, venue: str | None) -> bool:
    return (
        (code is None or o.stk_cd == code)
        and (side is None or o.side == side)
        and (venue is None or o.exchange == venue)
    )


def open_orders(core: Core, call: Call) -> Reply:
    """ka10075 미체결요청."""
    f = text_fields(call.body, ("all_stk_tp", "trde_tp", "stk_cd", "stex_tp"))
    require(f, ("all_stk_tp", "trde_tp", "stex_tp"))
    one_stock = one_of(f, "all_stk_tp", ("0", "1")) == "1"
    if one_stock:
        require(f, ("stk_cd",))
    side = _SIDES[one_of(f, "trde_tp", ("0", "1", "2"))]
    venue = _VENUES[one_of(f, "stex_tp", ("0", "1", "2"))]
    code = f["stk_cd"] if one_stock else None
    rows = sorted(
        (o for o in core.engine.orders.values() if o.is_open and _wanted(o, code, side, venue)),
        key=lambda o: o.ord_no, reverse=True,
    )
    account_no = core.config.account_no

    def row(o: SimOrder) -> dict:
        q = core.market.quote(o.stk_cd)
        base = q.stock.base_price
        return {
            "acnt_no": account_no, "ord_no": o.ord_no, "mang_empno": "", "stk_cd": o.stk_cd,
            "tsk_tp": "", "ord_stt": "체결" if o.filled else "접수", "stk_nm": q.stock.name,
            "ord_qty": str(o.qty), "ord_pric": str(o.price), "oso_qty": str(o.remaining),
            "cntr_tot_amt": str(o.filled_amount), "orig_ord_no": o.orig_ord_no,
            "io_tp_nm": signed_io_tp_nm(o), "trde_tp": o.tt.label.ko, "tm": o.time, "cntr_no": "",
            "cntr_pric": str(o.avg_fill_price), "cntr_qty": str(o.filled),
            "cur_prc": signed(q.price, base), "sel_bid": signed(q.ask, base),
            "buy_bid": signed(q.bid, base), "unit_cntr_pric": "", "unit_cntr_qty": "",
            "tdy_trde_cmsn": "0", "tdy_trde_tax": "0", "ind_invsr": "", **venue_fields(o),
            "stop_pric": str(o.stop_price) if o.stop_price else "",
        }

    return paged(call, "oso", rows, lambda o: o.ord_no, row, core.config.page_size,
                 {"return_msg": LIST_MSG}, descending=True)


def fills(core: Core, call: Call) -> Reply:
    """ka10076 체결요청: one row per order with fills, newest first."""
    f = text_fields(call.body, ("stk_cd", "qry_tp", "sell_tp", "ord_no", "stex_tp"))
    require(f, ("qry_tp", "sell_tp", "stex_tp"))
    digits(f, ("ord_no",), max_len=10)
    one_stock = one_of(f, "qry_tp", ("0", "1")) == "1"
    if one_stock:
        require(f, ("stk_cd",))
    side = _SIDES[one_of(f, "sell_tp", ("0", "1", "2"))]
    venue = _VENUES[one_of(f, "stex_tp", ("0", "1", "2"))]
    code = f["stk_cd"] if one_stock else None
    # Order numbers compare as numbers: "0000000005" is before "0000003" as text only.
    before = int(f["ord_no"]) if f["ord_no"] else None
    rows = sorted(
        (o for o in core.engine.orders.values()
         if o.filled and _wanted(o, code, side, venue)
         and (before is None or int(o.ord_no) < before)),
        key=lambda o: o.ord_no, reverse=True,
    )

    def row(o: SimOrder) -> dict:
        return {
            "ord_no": o.ord_no, "stk_nm": core.market.quote(o.stk_cd).stock.name,
            "io_tp_nm": signed_io_tp_nm(o), "ord_pric": str(o.price), "ord_qty": str(o.qty),
            "cntr_pric": str(o.avg_fill_price), "cntr_qty": str(o.filled),
            "oso_qty": str(o.remaining), "tdy_trde_cmsn": "0", "tdy_trde_tax": "0",
            "ord_stt": "체결", "trde_tp": o.tt.label.ko, "orig_ord_no": o.orig_ord_no,
            "ord_tm": o.time, "stk_cd": o.stk_cd, **venue_fields(o),
            "stop_pric": str(o.stop_price) if o.stop_price else "",
        }

    return paged(call, "cntr", rows, lambda o: o.ord_no, row, core.config.page_size,
                 {"return_msg": LIST_MSG}, descending=True)


def balance(core: Core, call: Call) -> Reply:
    """kt00018 계좌평가잔고내역요청: cash holdings and credit lots, one row each."""
    f = text_fields(call.body, ("qry_tp", "dmst_stex_tp"))
    require(f, ("qry_tp", "dmst_stex_tp"))
    one_of(f, "qry_tp", ("1", "2"))
    one_of(f, "dmst_stex_tp", ("KRX", "NXT"))
    account = core.account
    held = positions(core)
    total_cost = sum(p.h.cost for p in held)
    total_value = sum(p.h.qty * core.market.quote(p.code).price for p in held)
    loans = account.loan_total
    assets = account.cash + total_value - loans

    def row(p: Position) -> dict:
        h = p.h
        q = core.market.quote(p.code)
        value = h.qty * q.price
        pl = value - h.cost
        return {
            "stk_cd": f"A{p.code}", "stk_nm": q.stock.name, "evltv_prft": padded(pl),
            "prft_rt": percent(pl * 100 / h.cost if h.cost else 0.0),
            "pur_pric": padded(h.avg_price), "pred_close_pric": padded(q.stock.base_price, 12),
            "rmnd_qty": padded(h.qty), "trde_able_qty": padded(h.sellable),
            "cur_prc": padded(q.price, 12), "pred_buyq": padded(0), "pred_sellq": padded(0),
            "tdy_buyq": padded(h.bought_today), "tdy_sellq": padded(h.sold_today),
            "pur_amt": padded(h.cost), "pur_cmsn": padded(0), "evlt_amt": padded(value),
            "sell_cmsn": padded(0), "tax": padded(0), "sum_cmsn": padded(0),
            "poss_rt": percent(value * 100 / total_value if total_value else 0.0),
            "crd_tp": p.crd_tp, "crd_tp_nm": p.crd_tp_nm, "crd_loan_dt": p.loan_dt,
        }

    totals = {
        "tot_pur_amt": padded(total_cost), "tot_evlt_amt": padded(total_value),
        "tot_evlt_pl": padded(total_value - total_cost),
        "tot_prft_rt": percent((total_value - total_cost) * 100 / total_cost if total_cost else 0),
        "prsm_dpst_aset_amt": padded(assets), "tot_loan_amt": padded(loans),
        "tot_crd_loan_amt": padded(loans), "tot_crd_ls_amt": padded(0),
    }
    return paged(call, "acnt_evlt_remn_indv_tot", held, lambda p: p.key, row,
                 core.config.page_size, totals)


# kt00001 fields that the practice account always has at zero.
_DEPOSIT_ZERO = (
    "bncr_profa_ch", "nxdy_bncr_sell_exct", "fc_stk_krw_repl_set_amt", "crd_grnta_ch",
    "crd_grnt_ch", "add_grnt_ch", "etc_profa", "uncl_stk_amt", "shrts_prica", "crd_set_grnta",
    "chck_ina_amt", "etc_chck_ina_amt", "crd_grnt_ruse", "knx_asset_evltv", "elwdpst_evlta",
    "crd_ls_rght_frcs_amt", "lvlh_join_amt", "lvlh_trns_alowa", "repl_amt", "remn_repl_evlta",
    "trst_remn_repl_evlta", "bncr_remn_repl_evlta", "profa_repl", "crd_grnta_repl",
    "crd_grnt_repl", "add_grnt_repl", "rght_repl_amt", "wrap_pymn_alow_amt", "ch_uncla",
    "ch_uncla_dlfe", "ch_uncla_tot", "crd_int_npay", "int_npay_amt_dlfe", "int_npay_amt_tot",
    "etc_loana", "etc_loana_dlfe", "etc_loan_tot", "nrpy_loan", "loan_sum", "ls_sum",
    "mdstrm_usfe", "min_ord_alow_yn", "loan_remn_evlt_amt", "dpst_grntl_remn",
    "sell_grntl_remn", "d1_slby_exct_amt", "d1_buy_exct_amt", "d1_out_rep_mor",
    "d1_sel_exct_amt", "d2_slby_exct_amt", "d2_buy_exct_amt", "d2_out_rep_mor", "d2_sel_exct_amt",
)


def deposit(core: Core, call: Call) -> Reply:
    """kt00001 예수금상세현황요청. Trades settle at once here, so D+1/D+2 equal today."""
    f = text_fields(call.body, ("qry_tp",))
    require(f, ("qry_tp",))
    one_of(f, "qry_tp", ("2", "3"))
    a = core.account
    free = padded(a.orderable)
    body: dict[str, object] = {"entr": padded(a.cash), "profa_ch": padded(a.reserved_cash)}
    body.update({name: padded(0) for name in _DEPOSIT_ZERO})
    body.update({
        "pymn_alow_amt": free, "ord_alow_amt": free, "bncr_buy_alowa": free,
        "20stk_ord_alow_amt": free, "30stk_ord_alow_amt": free, "40stk_ord_alow_amt": free,
        "50stk_ord_alow_amt": free, "60stk_ord_alow_amt": free, "100stk_ord_alow_amt": free,
        "crd_grnt_rt": "0.00", "d1_entra": padded(a.cash), "d1_pymn_alow_amt": free,
        "d2_entra": padded(a.cash), "d2_pymn_alow_amt": free, "stk_entr_prst": [],
        "return_code": 0, "return_msg": "조회가 완료되었습니다.",
    })
    return Reply(body)


def orderable(core: Core, call: Call) -> Reply:
    """kt00010 주문인출가능금액요청: cash and shares available at price `uv`."""
    f = text_fields(call.body, ("io_amt", "stk_cd", "trde_tp", "trde_qty", "uv", "exp_buy_unp"))
    require(f, ("stk_cd", "trde_tp", "uv"))
    digits(f, ("io_amt", "trde_qty", "uv", "exp_buy_unp"))
    buying = one_of(f, "trde_tp", ("1", "2")) == "2"
    if core.market.stock(f["stk_cd"]) is None:
        raise errors.unknown_stock(f["stk_cd"])
    uv = int(f["uv"])
    if uv <= 0:
        raise errors.bad_format("uv", "0보다 커야 합니다")
    a = core.account
    qty = a.orderable // uv if buying else a.holding(f["stk_cd"]).sellable
    amount, shares = padded(a.orderable, 12), padded(qty, 10)
    body: dict = {}
    for rate in ("20", "30", "40", "50", "60", "rdex_60", "100"):
        body[f"profa_{rate}ord_alow_amt"] = amount
        body[f"profa_{rate}ord_alowq"] = shares
    body.update({
        "pred_reu_alowa": padded(0, 12), "tdy_reu_alowa": padded(0, 12),
        "entr": padded(a.cash, 12), "repl_amt": padded(0, 12), "uncla": padded(0, 12),
        "ord_pos_repl": padded(0, 12), "ord_alowa": amount, "wthd_alowa": amount,
        "nxdy_wthd_alowa": amount, "pur_amt": padded(0, 12), "cmsn": padded(0, 12),
        "pur_exct_amt": padded(0, 12), "d2entra": padded(a.cash, 12), "profa_rdex_aplc_tp": "0",
        "return_code": 0, "return_msg": "주문/인출가능금액 시뮬레이션 조회완료하였습니다.",
    })
    return Reply(body)


def account_number(core: Core, call: Call) -> Reply:
    """ka00001 계좌번호조회."""
    return Reply({"acctNo": core.config.account_no, "return_code": 0, "return_msg": OK_MSG})
