"""POST /api/dostk/ordr: kt10000 buy, kt10001 sell, kt10002 modify, kt10003 cancel.

Bodies are checked with the domain's own validation (trade-type price rules, tick
grid, daily limits); its findings become Kiwoom's reject codes.
"""

from __future__ import annotations

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.trade_types import BY_CODE, TradeType
from kiwoom_ticket.domain.validation import (
    Checked,
    MarketContext,
    TicketInput,
    check_cancel,
    check_modify,
    check_new,
)

from . import errors
from .book import SimOrder
from .calls import digits, require, text_fields
from .clock import hours_reject
from .core import Call, Core, Reply
from .errors import OrderRejected

NEW_FIELDS = ("dmst_stex_tp", "stk_cd", "ord_qty", "ord_uv", "trde_tp", "cond_uv")
MODIFY_FIELDS = ("dmst_stex_tp", "orig_ord_no", "stk_cd", "mdfy_qty", "mdfy_uv", "mdfy_cond_uv")
CANCEL_FIELDS = ("dmst_stex_tp", "orig_ord_no", "stk_cd", "cncl_qty")

# Which body field each validation field came from, per request kind.
_NEW_NAMES = {"qty": "ord_qty", "price": "ord_uv", "stop_price": "cond_uv"}
_MODIFY_NAMES = {"qty": "mdfy_qty", "price": "mdfy_uv", "stop_price": "mdfy_cond_uv"}
_CANCEL_NAMES = {"qty": "cncl_qty"}

_SIDE_KO = {"buy": "매수", "sell": "매도"}


def _exchange(core: Core, text: str) -> Exchange:
    ex = Exchange.parse(text)
    if ex is None:
        raise errors.bad_format("dmst_stex_tp", "KRX, NXT, SOR 중 하나여야 합니다")
    if core.config.is_mock and ex is not Exchange.KRX:
        raise OrderRejected("RC9000")  # mockapi.kiwoom.com is KRX only
    return ex


def _stock(core: Core, code: str):
    stock = core.market.stock(code)
    if stock is None:
        raise errors.unknown_stock(code)
    return stock


def _raise_first(checked: Checked, names: dict[str, str]) -> None:
    """Turn the first validation error into Kiwoom's reply for it."""
    issue = checked.report.errors[0]
    field, _, what = issue.code.partition(".")
    name = names.get(field, {"exchange": "dmst_stex_tp", "type": "trde_tp",
                             "stock": "stk_cd", "orig": "orig_ord_no"}.get(field, field))
    if field == "exchange":
        raise OrderRejected("RC9000")  # a type this exchange does not take
    if field == "stock":
        raise errors.missing_field(name) if what == "required" else errors.unknown_stock("")
    if field == "orig":
        raise OrderRejected("RC4061")
    if what == "required":
        raise errors.missing_field(name)
    if what in ("tick", "format") and field in ("price", "stop_price"):
        raise OrderRejected("RC4003")  # a price of 0 is off the grid too
    if what == "limit":
        raise OrderRejected("RC4027")
    raise errors.bad_format(name, issue.text.ko)


def _check_hours(core: Core, tt: TradeType, ex: Exchange) -> None:
    if core.config.clock == "krx":
        code = hours_reject(tt, ex, core.clock.now())
        if code:
            raise OrderRejected(code)


def _success(core: Core, ex: Exchange, what: str) -> str:
    """Kiwoom's success text; `what` is 매수, 매도, 정정 or 취소 (with the side for real)."""
    if core.config.is_mock:
        return f"모의투자 {what}주문완료"
    return f"{ex.value} {what}주문이 완료되었습니다."


def new_order(core: Core, call: Call) -> Reply:
    side = "buy" if call.api_id == Action.BUY.api_id else "sell"
    o, ex = place(core, call, side)
    return Reply({
        "ord_no": o.ord_no,
        "dmst_stex_tp": ex.value,
        "return_code": 0,
        "return_msg": _success(core, ex, _SIDE_KO[side]),
    })


def place(
    core: Core, call: Call, side: str, credit: str = "", loan_dt: str = ""
) -> tuple[SimOrder, Exchange]:
    """Check a buy or sell body (kt10000/kt10001 and the credit kt10006/kt10007) and place it."""
    f = text_fields(call.body, NEW_FIELDS)
    require(f, ("dmst_stex_tp", "stk_cd", "ord_qty", "trde_tp"))
    digits(f, ("ord_qty", "ord_uv", "cond_uv"))
    ex = _exchange(core, f["dmst_stex_tp"])
    tt = BY_CODE.get(f["trde_tp"])
    if tt is None:
        raise errors.bad_format("trde_tp", "정의되지 않은 매매구분입니다")
    stock = _stock(core, f["stk_cd"])
    # Many clients send "0" as "no price" for market-type orders; take it as empty.
    price = "" if tt.is_market_like and f["ord_uv"].strip("0") == "" else f["ord_uv"]
    stop = "" if not tt.stop_price_required and f["cond_uv"].strip("0") == "" else f["cond_uv"]
    action = Action.BUY if side == "buy" else Action.SELL
    checked = check_new(
        TicketInput(action, ex.value, stock.code, f["ord_qty"], tt.code, price, stop),
        MarketContext(base_price=stock.base_price),
    )
    if not checked.report.ok:
        _raise_first(checked, _NEW_NAMES)
    _check_hours(core, tt, ex)
    order = checked.order
    assert isinstance(order, NewOrder)  # what check_new makes of a ticket it passed
    o = core.engine.place(
        call.api_id, side, ex.value, stock.code, tt, order.quantity, order.price,
        order.stop_price, call.body, credit=credit, loan_dt=loan_dt,
    )
    return o, ex


def modify_order(core: Core, call: Call) -> Reply:
    f = text_fields(call.body, MODIFY_FIELDS)
    require(f, ("dmst_stex_tp", "orig_ord_no", "stk_cd", "mdfy_qty", "mdfy_uv"))
    digits(f, ("mdfy_qty", "mdfy_uv", "mdfy_cond_uv"))
    digits(f, ("orig_ord_no",), max_len=10)
    ex = _exchange(core, f["dmst_stex_tp"])
    stock = _stock(core, f["stk_cd"])
    checked = check_modify(
        TicketInput(Action.MODIFY, ex.value, stock.code, f["mdfy_qty"], price=f["mdfy_uv"],
                    stop_price=f["mdfy_cond_uv"], orig_ord_no=f["orig_ord_no"]),
        MarketContext(base_price=stock.base_price),
    )
    if not checked.report.ok:
        _raise_first(checked, _MODIFY_NAMES)
    order = checked.order
    assert isinstance(order, ModifyOrder)  # what check_modify makes of a ticket it passed
    orig = core.engine.orders.get(order.orig_ord_no)
    if orig is not None:
        _check_hours(core, orig.tt, ex)
    new, moved = core.engine.modify(
        call.api_id, order.orig_ord_no, ex.value, stock.code, order.quantity, order.price,
        order.stop_price, call.body,
    )
    what = "정정" if core.config.is_mock else f"{_SIDE_KO[new.side]}정정"
    return Reply({
        "ord_no": new.ord_no,
        "base_orig_ord_no": new.root_ord_no,
        "mdfy_qty": f"{moved:012d}",
        "dmst_stex_tp": ex.value,
        "return_code": 0,
        "return_msg": _modify_cancel_text(core, ex, what),
    })


def cancel_order(core: Core, call: Call) -> Reply:
    f = text_fields(call.body, CANCEL_FIELDS)
    require(f, ("dmst_stex_tp", "orig_ord_no", "stk_cd", "cncl_qty"))
    digits(f, ("cncl_qty",))
    digits(f, ("orig_ord_no",), max_len=10)
    ex = _exchange(core, f["dmst_stex_tp"])
    stock = _stock(core, f["stk_cd"])
    checked = check_cancel(
        TicketInput(Action.CANCEL, ex.value, stock.code, f["cncl_qty"],
                    orig_ord_no=f["orig_ord_no"]),
    )
    if not checked.report.ok:
        _raise_first(checked, _CANCEL_NAMES)
    order = checked.order
    assert isinstance(order, CancelOrder)  # what check_cancel makes of a ticket it passed
    orig = core.engine.orders.get(order.orig_ord_no)
    if orig is not None:
        _check_hours(core, orig.tt, ex)
    cancel_no, root, cancelled = core.engine.cancel(
        call.api_id, order.orig_ord_no, ex.value, stock.code, order.quantity, call.body,
    )
    side = orig.side if orig is not None else "buy"
    what = "취소" if core.config.is_mock else f"{_SIDE_KO[side]}취소"
    return Reply({
        "ord_no": cancel_no,
        "base_orig_ord_no": root,
        "cncl_qty": f"{cancelled:012d}",  # the spec's cancel reply has no dmst_stex_tp
        "return_code": 0,
        "return_msg": _modify_cancel_text(core, ex, what),
    })


def _modify_cancel_text(core: Core, ex: Exchange, what: str) -> str:
    # Real texts follow the spec's examples ("매수정정 주문입력이 완료되었습니다").
    if core.config.is_mock:
        return f"모의투자 {what}주문완료"
    return f"{what} 주문입력이 완료되었습니다"
