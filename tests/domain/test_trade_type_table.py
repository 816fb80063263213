"""The trde_tp table against Kiwoom's own texts: codes, order, labels, price rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.trade_types import BY_CODE, TRADE_TYPES, TimeInForce, trade_type

# Verbatim copy of the `trde_tp` description in kt10000/kt10001 (request.body); the
# spec dumps themselves are in tests/domain/spec.
SPEC_TRDE_TP_LINE = (
    "0:보통 , 3:시장가 , 5:조건부지정가 , 81:장마감후시간외 , 61:장시작전시간외, 62:시간외단일가 , "
    "6:최유리지정가 , 7:최우선지정가 , 10:보통(IOC) , 13:시장가(IOC) , 16:최유리(IOC) , "
    "20:보통(FOK) , 23:시장가(FOK) , 26:최유리(FOK) , 28:스톱지정가,29:중간가,30:중간가(IOC),"
    "31:중간가(FOK)"
)

# The English order-type names of order_price_policies.csv, mapped to trde_tp codes.
POLICY_NAME_TO_CODE = {
    "limit": "0",
    "market": "3",
    "conditional-limit": "5",
    "after-hours-close": "81",
    "pre-open": "61",
    "after-hours-single": "62",
    "best-limit": "6",
    "top-priority": "7",
    "limit-ioc": "10",
    "market-ioc": "13",
    "best-ioc": "16",
    "limit-fok": "20",
    "market-fok": "23",
    "best-fok": "26",
    "stop-limit": "28",
    "mid": "29",
    "mid-ioc": "30",
    "mid-fok": "31",
}

# Literal copy of the credit-buy rows of order_price_policies.csv:
# code -> (price_policy, condition_price_policy).
LITERAL_POLICIES = {
    "0": ("required", ""),
    "3": ("forbidden", ""),
    "5": ("required", ""),
    "81": ("forbidden", ""),
    "61": ("forbidden", ""),
    "62": ("required", ""),
    "6": ("forbidden", ""),
    "7": ("forbidden", ""),
    "10": ("required", ""),
    "13": ("forbidden", ""),
    "16": ("forbidden", ""),
    "20": ("required", ""),
    "23": ("forbidden", ""),
    "26": ("forbidden", ""),
    "28": ("required", "required"),
    "29": ("forbidden", ""),
    "30": ("forbidden", ""),
    "31": ("forbidden", ""),
}

# Rows of the csv that are about domestic stock orders (gold and overseas are not ours).
DOMESTIC_STOCK_COMMANDS = {
    "kiwoomcli domestic orders buy",
    "kiwoomcli domestic orders sell",
    "kiwoomcli domestic orders credit-buy",
    "kiwoomcli domestic orders credit-sell",
}


def parse_trde_tp_line(line: str) -> list[tuple[str, str]]:
    pairs = []
    for item in line.split(","):
        code, label = item.split(":", 1)
        pairs.append((code.strip(), label.strip()))
    return pairs


def trde_tp_line_from_spec_dump(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if cells and cells[0] == "trde_tp":
            return cells[-1]
    raise AssertionError(f"no trde_tp row in {path}")


def policies_from_csv(path: Path) -> dict[str, set[tuple[str, str]]]:
    """code -> every (price_policy, condition_price_policy) seen in domestic stock rows."""
    seen: dict[str, set[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["command_path"] not in DOMESTIC_STOCK_COMMANDS:
                continue
            code = POLICY_NAME_TO_CODE[row["order_type"]]
            policy = (row["price_policy"], row["condition_price_policy"])
            seen.setdefault(code, set()).add(policy)
    return seen


@pytest.fixture(params=["literal", "kt10000.txt", "kt10001.txt"])
def spec_trde_tp(request, spec_file) -> list[tuple[str, str]]:
    if request.param == "literal":
        return parse_trde_tp_line(SPEC_TRDE_TP_LINE)
    return parse_trde_tp_line(trde_tp_line_from_spec_dump(spec_file(request.param)))


def test_literal_spec_line_lists_18_codes():
    assert len(parse_trde_tp_line(SPEC_TRDE_TP_LINE)) == 18


def test_table_codes_order_and_korean_labels_match_the_spec(spec_trde_tp):
    assert [(t.code, t.label.ko) for t in TRADE_TYPES] == spec_trde_tp


def test_every_type_has_an_english_label():
    for t in TRADE_TYPES:
        assert t.label.en.strip(), t.code


def test_by_code_indexes_every_type_once():
    assert len(BY_CODE) == len(TRADE_TYPES) == 18
    for t in TRADE_TYPES:
        assert BY_CODE[t.code] is t


@pytest.fixture(params=["literal", "order_price_policies_domestic.csv"])
def price_policies(request, spec_file) -> dict[str, tuple[str, str]]:
    if request.param == "literal":
        return LITERAL_POLICIES
    seen = policies_from_csv(spec_file(request.param))
    for code, policies in seen.items():
        # buy, sell and credit rows must agree with one another.
        assert len(policies) == 1, (code, policies)
    return {code: next(iter(policies)) for code, policies in seen.items()}


def test_policies_cover_all_18_codes(price_policies):
    assert set(price_policies) == set(BY_CODE)


@pytest.mark.parametrize("code", list(LITERAL_POLICIES))
def test_price_required_or_forbidden_follows_the_policy(code, price_policies):
    price, condition = price_policies[code]
    tt = BY_CODE[code]
    assert tt.price_required is (price == "required")
    assert tt.is_market_like is (price == "forbidden")
    assert tt.stop_price_required is (condition == "required")


def test_only_28_requires_a_stop_price():
    assert [t.code for t in TRADE_TYPES if t.stop_price_required] == ["28"]


@pytest.mark.parametrize("code", ["5", "61", "62", "81"])
def test_krx_only_types_refuse_nxt_and_sor(code):
    tt = BY_CODE[code]
    assert tt.allows(Exchange.KRX)
    assert not tt.allows(Exchange.NXT)
    assert not tt.allows(Exchange.SOR)


def test_other_types_go_to_every_exchange():
    for t in TRADE_TYPES:
        if t.code not in {"5", "61", "62", "81"}:
            assert t.exchanges == frozenset(Exchange), t.code


def test_time_in_force_matches_the_label():
    for t in TRADE_TYPES:
        expected = (
            TimeInForce.IOC if "(IOC)" in t.label.ko
            else TimeInForce.FOK if "(FOK)" in t.label.ko
            else TimeInForce.DAY
        )
        assert t.tif is expected, t.code


@pytest.mark.parametrize("text", ["0", " 28 ", "31"])
def test_trade_type_lookup_trims_whitespace(text):
    assert trade_type(text) is BY_CODE[text.strip()]


@pytest.mark.parametrize("text", ["", "00", "01", "1", "99", "보통"])
def test_trade_type_lookup_rejects_unknown_codes(text):
    # "00"/"01" are a third-party library's wrong codes; the spec's are single-digit.
    assert trade_type(text) is None
