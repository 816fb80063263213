"""POST /api/dostk/acnt, what the account is worth: kt00004 계좌평가현황, kt00005 체결잔고,
kt00011 증거금율별주문가능수량, ka10085 계좌수익률.

Cash holdings and credit loan lots are rows of their own (crd_tp 00 / 03 자기융자). Trades
settle at once here, so D+1 and D+2 deposits equal today's; no commission, tax or interest
is charged. The practice account takes no 미수 (buys set the whole amount aside), so every
margin rate answers the same orderable amount; the cumulative investment figures count
from the account's opening cash (SimConfig.cash), and today's and this month's are not
kept (zero).
"""

from __future__ import annotations

from . import errors
from .api_stkinfo import lookup
from .calls import QUERY_OK_MSG, digits, one_of, paged, require, text_fields
from .core import Call, Core, Reply
from .fmt import padded, signed
from .positions import Position, positions

ACCOUNT_NAME = "연습계좌"
BRANCH_NAME = "연습거래소"


def n12(value: int) -> str:
    return padded(value, 12)


def _rate4(pl: int, cost: int) -> str:
    return f"{pl * 100 / cost if cost else 0.0:.4f}"


def _rate2(pl: int, cost: int) -> str:
    return f"{pl * 100 / cost if cost else 0.0:.2f}"


def _value(core: Core, p: Position) -> int:
    return p.h.qty * core.market.quote(p.code).price


def _totals(core: Core, held: list[Position]) -> tuple[int, int]:
    """(purchase cost, market value) of `held`."""
    return sum(p.h.cost for p in held), sum(_value(core, p) for p in held)


def evaluation(core: Core, call: Call) -> Reply:
    """kt00004 계좌평가현황요청."""
    f = text_fields(call.body, ("qry_tp", "dmst_stex_tp"))
    require(f, ("qry_tp", "dmst_stex_tp"))
    one_of(f, "qry_tp", ("0", "1"))  # 1: without delisted stocks (there are none)
    one_of(f, "dmst_stex_tp", ("KRX", "NXT"))
    a = core.account
    held = positions(core)
    cost, value = _totals(core, held)
    assets = a.cash + value - a.loan_total
    opening = core.config.cash

    def row(p: Position) -> dict:
        h, v = p.h, _value(core, p)
        return {
            "stk_cd": f"A{p.code}", "stk_nm": core.market.quote(p.code).stock.name,
            "rmnd_qty": n12(h.qty), "avg_prc": n12(h.avg_price),
            "cur_prc": n12(core.market.quote(p.code).price), "evlt_amt": n12(v),
            "pl_amt": n12(v - h.cost), "pl_rt": _rate4(v - h.cost, h.cost),
            "loan_dt": p.loan_dt, "pur_amt": n12(h.cost), "setl_remn": n12(h.qty),
            "pred_buyq": n12(0), "pred_sellq": n12(0), "tdy_buyq": n12(h.bought_today),
            "tdy_sellq": n12(h.sold_today),
        }

    totals = {
        "acnt_nm": ACCOUNT_NAME, "brch_nm": BRANCH_NAME, "entr": n12(a.cash),
        "d2_entra": n12(a.cash), "tot_est_amt": n12(value), "aset_evlt_amt": n12(assets),
        "tot_pur_amt": n12(cost), "prsm_dpst_aset_amt": n12(assets), "tot_grnt_sella": n12(0),
        "tdy_lspft_amt": n12(0), "invt_bsamt": n12(0), "lspft_amt": n12(opening),
        "tdy_lspft": n12(0), "lspft2": n12(0), "lspft": n12(assets - opening),
        "tdy_lspft_rt": "0.00", "lspft_ratio": "0.00",
        "lspft_rt": _rate2(assets - opening, opening), "return_msg": "조회가 완료되었습니다.",
    }
    return paged(call, "stk_acnt_evlt_prst", held, lambda p: p.key, row,
                 core.config.page_size, totals)


def settled_balance(core: Core, call: Call) -> Reply:
    """kt00005 체결잔고요청."""
    f = text_fields(call.body, ("dmst_stex_tp",))
    require(f, ("dmst_stex_tp",))
    one_of(f, "dmst_stex_tp", ("KRX", "NXT"))
    a = core.account
    held = positions(core)
    cost, value = _totals(core, held)
    loans = a.loan_total
    on_loan = sum(_value(core, p) for p in held if p.loan_dt)
    free = padded(a.orderable, 12)

    def row(p: Position) -> dict:
        h, v = p.h, _value(core, p)
        return {
            "crd_tp": p.crd_tp, "loan_dt": p.loan_dt, "expr_dt": p.expiry,
            "stk_cd": f"A{p.code}", "stk_nm": core.market.quote(p.code).stock.name,
            "setl_remn": n12(h.qty), "cur_qty": n12(h.qty),
            "cur_prc": n12(core.market.quote(p.code).price), "buy_uv": n12(h.avg_price),
            "pur_amt": n12(h.cost), "evlt_amt": n12(v), "evltv_prft": n12(v - h.cost),
            "pl_rt": _rate4(v - h.cost, h.cost),
        }

    totals = {
        "entr": n12(a.cash), "entr_d1": n12(a.cash), "entr_d2": n12(a.cash),
        "pymn_alow_amt": free, "uncl_stk_amt": n12(0), "repl_amt": n12(0),
        "rght_repl_amt": n12(0), "ord_alowa": free, "ch_uncla": n12(0),
        "crd_int_npay_gold": n12(0), "etc_loana": n12(0), "nrpy_loan": n12(loans),
        "profa_ch": n12(a.reserved_cash), "repl_profa": n12(0), "stk_buy_tot_amt": n12(cost),
        "evlt_amt_tot": n12(value), "tot_pl_tot": n12(value - cost),
        "tot_pl_rt": _rate4(value - cost, cost), "tot_re_buy_alowa": free,
        **{f"{rate}ord_alow_amt": free for rate in ("20", "30", "40", "50", "60", "100")},
        "crd_loan_tot": n12(loans), "crd_loan_ls_tot": n12(loans),
        "crd_grnt_rt": _rate2(on_loan, loans) if loans else "0.00",
        "dpst_grnt_use_amt_amt": n12(0), "grnt_loan_amt": n12(0),
        "return_msg": "조회가 완료되었습니다.",
    }
    return paged(call, "stk_cntr_remn", held, lambda p: p.key, row, core.config.page_size,
                 totals)


def orderable_by_margin(core: Core, call: Call) -> Reply:
    """kt00011 증거금율별주문가능수량조회요청: at price `uv` (the last price when empty)."""
    f = text_fields(call.body, ("stk_cd", "uv"))
    require(f, ("stk_cd",))
    digits(f, ("uv",), max_len=10)
    stock = lookup(core, f["stk_cd"])
    uv = int(f["uv"]) if f["uv"] else core.market.quote(stock.code).price
    if uv <= 0:
        raise errors.bad_format("uv", "0보다 커야 합니다")
    a = core.account
    amount, qty = padded(a.orderable, 12), padded(a.orderable // uv, 12)
    body: dict = {"stk_profa_rt": "20%", "profa_rt": "100%", "aplc_rt": "100%"}
    for rate in ("20", "30", "40", "50", "60", "100"):
        body.update({
            f"profa_{rate}ord_alow_amt": amount, f"profa_{rate}ord_alowq": qty,
            f"profa_{rate}pred_reu_amt": padded(0, 12), f"profa_{rate}tdy_reu_amt": padded(0, 12),
        })
    body.update({
        "min_ord_alow_amt": amount, "min_ord_alowq": qty, "min_pred_reu_amt": padded(0, 12),
        "min_tdy_reu_amt": padded(0, 12), "entr": padded(a.cash, 12),
        "repl_amt": padded(0, 12), "uncla": padded(0, 12), "ord_pos_repl": padded(0, 12),
        "ord_alowa": amount, "return_code": 0, "return_msg": "자료를 조회하였습니다.",
    })
    return Reply(body)


def profit_rates(core: Core, call: Call) -> Reply:
    """ka10085 계좌수익률요청 (the account's holdings are the same on every venue)."""
    f = text_fields(call.body, ("stex_tp",))
    require(f, ("stex_tp",))
    one_of(f, "stex_tp", ("0", "1", "2"))
    held = positions(core)

    def row(p: Position) -> dict:
        h, q = p.h, core.market.quote(p.code)
        return {
            "dt": "", "stk_cd": p.code, "stk_nm": q.stock.name,
            "cur_prc": signed(q.price, q.stock.base_price), "pur_pric": str(h.avg_price),
            "pur_amt": str(h.cost), "rmnd_qty": str(h.qty),
            "tdy_sel_pl": str(h.sold_amount_today - h.sold_cost_today),
            "tdy_trde_cmsn": "0", "tdy_trde_tax": "0", "crd_tp": p.crd_tp,
            "loan_dt": p.loan_dt or "00000000", "setl_remn": str(h.qty),
            "clrn_alow_qty": str(h.sellable), "crd_amt": str(p.principal), "crd_int": "0",
            "expr_dt": p.expiry or "00000000",
        }

    return paged(call, "acnt_prft_rt", held, lambda p: p.key, row, core.config.page_size,
                 {"return_msg": " " + QUERY_OK_MSG + "."})
