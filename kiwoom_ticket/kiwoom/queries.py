"""The TRs the app reads, each as one call: quotes, the book, the stock list, open
orders, fills, the day's orders, the account. Part of KiwoomClient (a base class of it:
`query` and `call_pages` do the paging, deadlines and checks)."""

from __future__ import annotations

from typing import Any

from ..domain.market_depth import KA10004_FIELDS, is_number_text
from ..domain.text import Text, clip
from .errors import BadResponse
from .stock_list import checked_stock_rows

ACCOUNT_PATH = "/api/dostk/acnt"
STOCK_INFO_PATH = "/api/dostk/stkinfo"
MARKET_PATH = "/api/dostk/mrkcond"


class KiwoomQueries:
    def query(self, path: str, api_id: str, body: dict[str, Any]) -> Any:  # ApiResponse
        raise NotImplementedError

    def call_pages(self, path: str, api_id: str, body: dict[str, Any],
                   list_key: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def stock_info(self, stock_code: str) -> dict[str, Any]:
        """ka10001: name, current price, base price, upper and lower limit."""
        info: dict[str, Any] = self.query(STOCK_INFO_PATH, "ka10001", {"stk_cd": stock_code}).body
        return info

    def order_book(self, stock_code: str) -> dict[str, Any]:
        """ka10004 주식호가요청: the ten-level book. Every level, quantity and total must be
        Kiwoom's number text (a sign and digits, or empty), else BadResponse."""
        resp = self.query(MARKET_PATH, "ka10004", {"stk_cd": stock_code})
        bad = [k for k in KA10004_FIELDS if not is_number_text(resp.body.get(k, ""))]
        if bad:
            field = clip(bad[0], 40)
            raise BadResponse(Text(f"호가 응답 형식 오류 ({field})",
                                   f"Malformed order book reply ({field})"), api_id="ka10004",
                              http_status=resp.http_status)
        book: dict[str, Any] = resp.body
        return book

    def stock_list(self, market: str) -> list[dict[str, str]]:
        """ka10099, every page: one market's stocks (mrkt_tp 0 KOSPI, 10 KOSDAQ), checked."""
        return checked_stock_rows(
            self.call_pages(STOCK_INFO_PATH, "ka10099", {"mrkt_tp": market}, "list"), market)

    def open_orders(self, exchange_code: str = "0") -> list[dict[str, Any]]:
        """ka10075, every page."""
        body = {"all_stk_tp": "0", "trde_tp": "0", "stk_cd": "", "stex_tp": exchange_code}
        return self.call_pages(ACCOUNT_PATH, "ka10075", body, "oso")

    def fills(self, exchange_code: str = "0") -> list[dict[str, Any]]:
        """ka10076, every page."""
        body = {"stk_cd": "", "qry_tp": "0", "sell_tp": "0", "ord_no": "", "stex_tp": exchange_code}
        return self.call_pages(ACCOUNT_PATH, "ka10076", body, "cntr")

    def order_history(self, order_date: str = "") -> list[dict[str, Any]]:
        """kt00007 계좌별주문체결내역상세, every page: every order of the day (today, or
        `order_date` YYYYMMDD), modify and cancel orders with their originals (ori_ord)."""
        body = {"ord_dt": order_date, "qry_tp": "1", "stk_bond_tp": "1", "sell_tp": "0",
                "stk_cd": "", "fr_ord_no": "", "dmst_stex_tp": "%"}
        return self.call_pages(ACCOUNT_PATH, "kt00007", body, "acnt_ord_cntr_prps_dtl")

    def order_status(self, order_date: str = "") -> list[dict[str, Any]]:
        """kt00009 계좌별주문체결현황, every page (Kiwoom sends ~30 rows a page): a row per
        fill (cntr_no) and, with qry_tp 0, one per order without fills. Fills only here."""
        body = {"ord_dt": order_date, "stk_bond_tp": "1", "mrkt_tp": "0", "sell_tp": "0",
                "qry_tp": "1", "stk_cd": "", "fr_ord_no": "", "dmst_stex_tp": "%"}
        return self.call_pages(ACCOUNT_PATH, "kt00009", body, "acnt_ord_cntr_prst_array")

    def deposit(self, query_type: str = "3") -> dict[str, Any]:
        """kt00001 예수금상세현황 (qry_tp 3: estimated, 2: plain): ord_alow_amt and more."""
        deposit: dict[str, Any] = self.query(ACCOUNT_PATH, "kt00001", {"qry_tp": query_type}).body
        return deposit

    def balance(self, query_type: str = "1", exchange: str = "KRX") -> list[dict[str, Any]]:
        """kt00018 계좌평가잔고내역, every page: one row per holding."""
        body = {"qry_tp": query_type, "dmst_stex_tp": exchange}
        return self.call_pages(ACCOUNT_PATH, "kt00018", body, "acnt_evlt_remn_indv_tot")
