"""Every TR the practice exchange serves, held to its spec file (tests/sim/spec/*.json):
every response field present in its width and sign form, and each required request
field, when missing, answered with 1511 naming it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiwoom_ticket.simulator import SimConfig
from kiwoom_ticket.simulator.routes import PATH_OF

from .kiwoom import HISTORY_BODY, Kiwoom
from .spec_check import SPEC_DIR, path_of, problems, required_request_fields, spec

# Lists the practice account always has empty (kt00001: deposits per foreign stock market).
ALWAYS_EMPTY = {("kt00001", "stk_entr_prst")}
ORDER_TRS = ("kt10000", "kt10001", "kt10002", "kt10003", "kt10006", "kt10007", "kt10008",
             "kt10009")


def _resting(kw: Kiwoom, api_id: str = "kt10000") -> str:
    body = {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "3", "ord_uv": "199000",
            "trde_tp": "0", "cond_uv": ""}
    return kw.call(api_id, body)["ord_no"]


def _today(kw: Kiwoom) -> str:
    return kw.sim.clock.now().strftime("%Y%m%d")


BODIES: dict[str, Callable[[Kiwoom], dict]] = {
    "ka00001": lambda kw: {},
    "ka10001": lambda kw: {"stk_cd": "005930"},
    "ka10004": lambda kw: {"stk_cd": "005930"},
    "ka10075": lambda kw: {"all_stk_tp": "0", "trde_tp": "0", "stk_cd": "", "stex_tp": "0"},
    "ka10076": lambda kw: {"stk_cd": "", "qry_tp": "0", "sell_tp": "0", "ord_no": "",
                           "stex_tp": "0"},
    "ka10080": lambda kw: {"stk_cd": "005930", "tic_scope": "1", "upd_stkpc_tp": "1",
                           "base_dt": ""},
    "ka10081": lambda kw: {"stk_cd": "005930", "base_dt": _today(kw), "upd_stkpc_tp": "1"},
    "ka10085": lambda kw: {"stex_tp": "0"},
    "ka10088": lambda kw: {"ord_no": _resting(kw)},
    "ka10099": lambda kw: {"mrkt_tp": "0"},
    "ka10100": lambda kw: {"stk_cd": "005930"},
    "ka10170": lambda kw: {"base_dt": "", "ottks_tp": "2", "ch_crd_tp": "0"},
    "kt00001": lambda kw: {"qry_tp": "3"},
    "kt00004": lambda kw: {"qry_tp": "0", "dmst_stex_tp": "KRX"},
    "kt00005": lambda kw: {"dmst_stex_tp": "KRX"},
    "kt00007": lambda kw: dict(HISTORY_BODY),
    "kt00009": lambda kw: {"ord_dt": "", "stk_bond_tp": "0", "mrkt_tp": "0", "sell_tp": "0",
                           "qry_tp": "0", "stk_cd": "", "fr_ord_no": "", "dmst_stex_tp": "%"},
    "kt00010": lambda kw: {"io_amt": "", "stk_cd": "005930", "trde_tp": "2", "trde_qty": "",
                           "uv": "200000", "exp_buy_unp": ""},
    "kt00011": lambda kw: {"stk_cd": "005930", "uv": ""},
    "kt00018": lambda kw: {"qry_tp": "1", "dmst_stex_tp": "KRX"},
    "kt10000": lambda kw: {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                           "ord_uv": "", "trde_tp": "3", "cond_uv": ""},
    "kt10001": lambda kw: {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                           "ord_uv": "", "trde_tp": "3", "cond_uv": ""},
    "kt10002": lambda kw: {"dmst_stex_tp": "KRX", "orig_ord_no": _resting(kw),
                           "stk_cd": "005930", "mdfy_qty": "1", "mdfy_uv": "198000",
                           "mdfy_cond_uv": ""},
    "kt10003": lambda kw: {"dmst_stex_tp": "KRX", "orig_ord_no": _resting(kw),
                           "stk_cd": "005930", "cncl_qty": "1"},
    "kt10006": lambda kw: {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                           "ord_uv": "", "trde_tp": "3", "cond_uv": ""},
    "kt10007": lambda kw: {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
                           "ord_uv": "", "trde_tp": "3", "crd_deal_tp": "33",
                           "crd_loan_dt": _today(kw), "cond_uv": ""},
    "kt10008": lambda kw: {"dmst_stex_tp": "KRX", "orig_ord_no": _resting(kw, "kt10006"),
                           "stk_cd": "005930", "mdfy_qty": "1", "mdfy_uv": "198000",
                           "mdfy_cond_uv": ""},
    "kt10009": lambda kw: {"dmst_stex_tp": "KRX", "orig_ord_no": _resting(kw, "kt10006"),
                           "stk_cd": "005930", "cncl_qty": "1"},
}


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(profile="real", seed=3, rate_limits=False, page_size=100)


@pytest.fixture
def busy(sim, kw: Kiwoom) -> Kiwoom:
    """An account with a day behind it: fills, a resting order, a modify, a cancel, a loan."""
    sim.market.set_price("005930", 200_000)
    kw.call("kt10006", BODIES["kt10006"](kw))  # a loan lot of 1 share, bought at once
    kw.call("kt10006", BODIES["kt10006"](kw))
    kw.buy(qty=2)
    kw.sell(qty=1)
    orig = _resting(kw)
    kw.modify(orig, qty=1, price=198_000)
    kw.cancel(orig, qty=1)
    sim.market.step()
    return kw


def test_every_served_tr_has_its_spec_file():
    assert sorted(PATH_OF) == sorted(p.stem for p in SPEC_DIR.glob("*.json"))
    for api_id, path in PATH_OF.items():
        assert path == path_of(api_id), api_id


@pytest.mark.parametrize("api_id", sorted(BODIES))
def test_response_fields_as_the_spec_has_them(busy: Kiwoom, api_id: str):
    reply = busy.call(api_id, BODIES[api_id](busy))
    assert reply["return_code"] == 0, reply
    assert problems(api_id, reply) == []
    for name in (f[0] for f in spec(api_id)["response"] if f[3] == "LIST"):
        assert reply[name] or (api_id, name) in ALWAYS_EMPTY, f"{api_id}: {name} is empty; the fields of its rows went unchecked"
    if api_id in ORDER_TRS:  # nothing beyond the spec: clients compare these replies closely
        names = {f[0] for f in spec(api_id)["response"]} | {"return_code", "return_msg"}
        assert set(reply) == names


@pytest.mark.parametrize(
    ("api_id", "name"),
    [(a, n) for a in sorted(BODIES) for n in required_request_fields(a)],
)
def test_a_missing_required_field_is_1511(kw: Kiwoom, api_id: str, name: str):
    body = {k: v for k, v in BODIES[api_id](kw).items() if k != name}
    reply = kw.call(api_id, body)
    assert reply == {
        "return_code": 2,
        "return_msg": f"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터={name}]",
    }
