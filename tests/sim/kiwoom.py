"""A thin Kiwoom REST caller for the practice-exchange tests (requests, keep-alive)."""

from __future__ import annotations

import os

import requests

from kiwoom_ticket.simulator import Simulator

from .spec_check import path_of

ORDR = "/api/dostk/ordr"
ACNT = "/api/dostk/acnt"
STKINFO = "/api/dostk/stkinfo"
PATHS = {
    "kt10000": ORDR, "kt10001": ORDR, "kt10002": ORDR, "kt10003": ORDR,
    "ka00001": ACNT, "ka10075": ACNT, "ka10076": ACNT, "kt00018": ACNT, "kt00001": ACNT,
    "kt00010": ACNT, "ka10001": STKINFO, "ka10100": STKINFO,
}
# The practice exchange takes any non-empty pair: no key exists for it. Made up per run,
# so that nothing key-shaped is kept in the repository.
KEYS = {"grant_type": "client_credentials", "appkey": f"practice-{os.getpid()}",
        "secretkey": f"practice-{os.getpid()}-s"}


class Kiwoom:
    def __init__(self, sim: Simulator, token: str | None = None) -> None:
        self.sim = sim
        self.base = sim.base_url
        self.http = requests.Session()
        self.token = token if token is not None else self.issue()["token"]

    def issue(self, **body) -> dict:
        return self.http.post(self.base + "/oauth2/token", json={**KEYS, **body}, timeout=10).json()

    def headers(self, api_id: str, **extra: str) -> dict[str, str]:
        return {
            "Content-Type": "application/json;charset=UTF-8",
            "authorization": f"Bearer {self.token}",
            "cont-yn": "N",
            "next-key": "",
            "api-id": api_id,
            **extra,
        }

    def post(self, api_id: str, body: dict | None = None, path: str | None = None,
             timeout: float = 10, **headers: str) -> requests.Response:
        return self.http.post(
            self.base + (path or PATHS.get(api_id) or path_of(api_id)), headers=self.headers(api_id, **headers),
            json=body if body is not None else {}, timeout=timeout,
        )

    def call(self, api_id: str, body: dict | None = None, **headers: str) -> dict:
        r = self.post(api_id, body, **headers)
        assert r.headers["Content-Type"].startswith("application/json")
        return r.json()

    # --- orders --------------------------------------------------------------------

    def buy(self, stk_cd="005930", qty=1, price="", trde_tp="3", stop="", exchange="KRX"):
        return self.call("kt10000", _new(exchange, stk_cd, qty, price, trde_tp, stop))

    def sell(self, stk_cd="005930", qty=1, price="", trde_tp="3", stop="", exchange="KRX"):
        return self.call("kt10001", _new(exchange, stk_cd, qty, price, trde_tp, stop))

    def modify(self, orig, qty=0, price="", stk_cd="005930", stop="", exchange="KRX"):
        return self.call("kt10002", {
            "dmst_stex_tp": exchange, "orig_ord_no": orig, "stk_cd": stk_cd,
            "mdfy_qty": str(qty), "mdfy_uv": str(price), "mdfy_cond_uv": str(stop),
        })

    def cancel(self, orig, qty=0, stk_cd="005930", exchange="KRX"):
        return self.call("kt10003", {
            "dmst_stex_tp": exchange, "orig_ord_no": orig, "stk_cd": stk_cd,
            "cncl_qty": str(qty),
        })

    # --- queries -------------------------------------------------------------------

    def open_orders(self, **body) -> list[dict]:
        return self.call("ka10075", {"all_stk_tp": "0", "trde_tp": "0", "stk_cd": "",
                                     "stex_tp": "0", **body})["oso"]

    def fills(self, **body) -> list[dict]:
        return self.call("ka10076", {"stk_cd": "", "qry_tp": "0", "sell_tp": "0",
                                     "ord_no": "", "stex_tp": "0", **body})["cntr"]

    def history(self, **body) -> list[dict]:
        """kt00007 rows, one page (page through with `pages`)."""
        return self.call("kt00007", {**HISTORY_BODY, **body})["acnt_ord_cntr_prps_dtl"]

    def pages(self, api_id: str, body: dict, list_name: str) -> tuple[list, int]:
        """All rows over cont-yn/next-key, and how many pages they took."""
        rows, pages, headers = [], 0, {}
        while True:
            r = self.post(api_id, body, **headers)
            reply = r.json()
            assert reply["return_code"] == 0, reply
            rows += reply[list_name]
            pages += 1
            if r.headers["cont-yn"] != "Y":
                assert r.headers["next-key"] == ""
                return rows, pages
            assert 0 < len(r.headers["next-key"]) <= 50
            headers = {"cont-yn": "Y", "next-key": r.headers["next-key"]}

    def orderable_cash(self) -> int:
        return int(self.call("kt00001", {"qry_tp": "3"})["ord_alow_amt"])

    def cash(self) -> int:
        return int(self.call("kt00001", {"qry_tp": "3"})["entr"])

    def holding(self, code: str) -> int:
        rows = self.call("kt00018", {"qry_tp": "1", "dmst_stex_tp": "KRX"})
        for row in rows["acnt_evlt_remn_indv_tot"]:
            if row["stk_cd"] == "A" + code:
                return int(row["rmnd_qty"])
        return 0


HISTORY_BODY = {"ord_dt": "", "qry_tp": "1", "stk_bond_tp": "0", "sell_tp": "0", "stk_cd": "",
                "fr_ord_no": "", "dmst_stex_tp": "%"}


def _new(exchange, stk_cd, qty, price, trde_tp, stop) -> dict:
    return {"dmst_stex_tp": exchange, "stk_cd": stk_cd, "ord_qty": str(qty),
            "ord_uv": str(price), "trde_tp": trde_tp, "cond_uv": str(stop)}


def order_of(sim: Simulator, ord_no: str) -> dict:
    return next(o for o in sim.orders() if o["ord_no"] == ord_no)
