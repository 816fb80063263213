"""Which api-ids each URI serves."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.orders import ORDER_PATH
from . import (
    api_account,
    api_chart,
    api_credit,
    api_evaluation,
    api_history,
    api_market,
    api_orders,
    api_stkinfo,
)
from .core import Call, Core, Reply

Handler = Callable[[Core, Call], Reply]

ACCOUNT_PATH = "/api/dostk/acnt"
STKINFO_PATH = "/api/dostk/stkinfo"
MRKCOND_PATH = "/api/dostk/mrkcond"
CREDIT_PATH = "/api/dostk/crdordr"
CHART_PATH = "/api/dostk/chart"

ROUTES: dict[str, dict[str, Handler]] = {
    ORDER_PATH: {
        "kt10000": api_orders.new_order,
        "kt10001": api_orders.new_order,
        "kt10002": api_orders.modify_order,
        "kt10003": api_orders.cancel_order,
    },
    CREDIT_PATH: {
        "kt10006": api_credit.credit_buy,
        "kt10007": api_credit.credit_sell,
        "kt10008": api_credit.credit_modify,
        "kt10009": api_credit.credit_cancel,
    },
    ACCOUNT_PATH: {
        "ka00001": api_account.account_number,
        "ka10075": api_account.open_orders,
        "ka10076": api_account.fills,
        "kt00018": api_account.balance,
        "kt00001": api_account.deposit,
        "kt00010": api_account.orderable,
        "kt00007": api_history.order_detail,
        "kt00009": api_history.order_status,
        "ka10088": api_history.split_orders,
        "ka10170": api_history.trade_journal,
        "kt00004": api_evaluation.evaluation,
        "kt00005": api_evaluation.settled_balance,
        "kt00011": api_evaluation.orderable_by_margin,
        "ka10085": api_evaluation.profit_rates,
    },
    STKINFO_PATH: {
        "ka10001": api_stkinfo.basic_info,
        "ka10100": api_stkinfo.stock_lookup,
        "ka10099": api_stkinfo.stock_list,
    },
    CHART_PATH: {
        "ka10080": api_chart.minute_chart,
        "ka10081": api_chart.day_chart,
    },
    MRKCOND_PATH: {
        "ka10004": api_market.order_book,
    },
}

PATH_OF: dict[str, str] = {api_id: path for path, table in ROUTES.items() for api_id in table}

TOKEN_API_ID = "au10001"
REVOKE_API_ID = "au10002"
