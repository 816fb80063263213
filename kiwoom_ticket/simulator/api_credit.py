"""POST /api/dostk/crdordr: kt10006 신용 매수, kt10007 신용 매도, kt10008 정정, kt10009 취소.

A credit buy borrows the purchase amount against the account's credit limit (자기융자,
crd_tp 03) and opens a loan lot dated today; a credit sell (crd_deal_tp 33 융자 with the
lot's crd_loan_dt, or 99 융자합: the oldest lot that holds the quantity) sells shares of
one lot and repays its loan. Modify and cancel work as kt10002/kt10003 do. Kiwoom's mock
server offers no credit trading, so the mock profile answers RC9000, as it does for other
services it lacks.
"""

from __future__ import annotations

from datetime import datetime

from . import errors
from .api_orders import cancel_order, modify_order, place
from .calls import require, text_fields
from .core import Call, Core, Reply
from .errors import OrderRejected

NOT_OFFERED = "RC9000"


def _real_only(core: Core) -> None:
    if core.config.is_mock:
        raise OrderRejected(NOT_OFFERED)


def credit_buy(core: Core, call: Call) -> Reply:
    """kt10006 신용 매수주문."""
    _real_only(core)
    o, ex = place(core, call, "buy", credit="03")
    return Reply({"ord_no": o.ord_no, "dmst_stex_tp": ex.value, "return_code": 0,
                  "return_msg": "신용 매수주문이 완료되었습니다."})


def credit_sell(core: Core, call: Call) -> Reply:
    """kt10007 신용 매도주문: crd_deal_tp 33 (융자, crd_loan_dt required) or 99 (융자합)."""
    _real_only(core)
    f = text_fields(call.body, ("dmst_stex_tp", "stk_cd", "ord_qty", "trde_tp", "crd_deal_tp",
                                "crd_loan_dt"))
    require(f, ("dmst_stex_tp", "stk_cd", "ord_qty", "trde_tp", "crd_deal_tp"))
    deal = f["crd_deal_tp"]
    if deal not in ("33", "99"):
        raise errors.bad_format("crd_deal_tp", "허용값=33,99")
    loan_dt = f["crd_loan_dt"] if deal == "33" else ""
    if deal == "33":
        require(f, ("crd_loan_dt",))
        try:
            datetime.strptime(loan_dt, "%Y%m%d")
        except ValueError:
            raise errors.bad_format("crd_loan_dt", "YYYYMMDD 형식이어야 합니다") from None
    o, ex = place(core, call, "sell", credit=deal, loan_dt=loan_dt)
    return Reply({"ord_no": o.ord_no, "dmst_stex_tp": ex.value, "return_code": 0,
                  "return_msg": "신용 매도주문이 완료되었습니다."})


def credit_modify(core: Core, call: Call) -> Reply:
    """kt10008 신용 정정주문 (the kt10002 body and reply)."""
    _real_only(core)
    return modify_order(core, call)


def credit_cancel(core: Core, call: Call) -> Reply:
    """kt10009 신용 취소주문 (the kt10003 body and reply; the spec's text ends with a stop)."""
    _real_only(core)
    reply = cancel_order(core, call)
    reply.payload["return_msg"] += "."
    return reply
