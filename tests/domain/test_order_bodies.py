"""Request bodies built through validation equal the seed document's four examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import (
    ORDER_PATH,
    Action,
    CancelOrder,
    ModifyOrder,
    NewOrder,
    order_from_body,
)
from kiwoom_ticket.domain.validation import TicketInput, check

# The seed document's four order examples, excerpted verbatim into tests/domain/spec.
SEED = "seed_order_examples.txt"

# Literal copies of the seed document's request bodies (its `params` dicts).
SEED_BODIES = {
    "kt10000": {
        "dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
        "ord_uv": "", "trde_tp": "3", "cond_uv": "",
    },
    "kt10001": {
        "dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1",
        "ord_uv": "", "trde_tp": "3", "cond_uv": "",
    },
    "kt10002": {
        "dmst_stex_tp": "KRX", "orig_ord_no": "0000139", "stk_cd": "005930",
        "mdfy_qty": "1", "mdfy_uv": "199700", "mdfy_cond_uv": "",
    },
    "kt10003": {
        "dmst_stex_tp": "KRX", "orig_ord_no": "0000140", "stk_cd": "005930", "cncl_qty": "1",
    },
}

# The same four orders as a user would type them into the ticket.
SEED_TICKETS = {
    "kt10000": TicketInput(Action.BUY, "KRX", "005930", "1", "3"),
    "kt10001": TicketInput(Action.SELL, "KRX", "005930", "1", "3"),
    "kt10002": TicketInput(
        Action.MODIFY, "KRX", "005930", "1", price="199700", orig_ord_no="0000139"
    ),
    "kt10003": TicketInput(Action.CANCEL, "KRX", "005930", "1", orig_ord_no="0000140"),
}

_PARAM_ROW = re.compile(r"^\s*'(\w+)':\s*'([^']*)',")


def seed_bodies_from_document(path: Path) -> dict[str, dict[str, str]]:
    """The `params = {...}` dict after each `'api-id': 'kt1000N'` in the seed document."""
    bodies: dict[str, dict[str, str]] = {}
    api_id, in_params = None, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.search(r"'api-id':\s*'(kt\d{5})'", line):
            api_id = m.group(1)
        elif api_id and line.strip().startswith("params = {"):
            in_params, bodies[api_id] = True, {}
        elif in_params and line.strip() == "}":
            in_params, api_id = False, None
        elif in_params and (m := _PARAM_ROW.match(line)):
            bodies[api_id][m.group(1)] = m.group(2)
    return bodies


@pytest.fixture(params=["literal", SEED])
def seed_bodies(request, spec_file) -> dict[str, dict[str, str]]:
    if request.param == "literal":
        return SEED_BODIES
    return seed_bodies_from_document(spec_file(request.param))


@pytest.mark.parametrize("api_id", list(SEED_TICKETS))
def test_body_equals_the_seed_example_field_for_field(api_id, seed_bodies):
    checked = check(SEED_TICKETS[api_id])
    assert checked.report.ok, checked.report.errors
    order = checked.order
    assert order is not None
    assert order.api_id == api_id
    body = order.body()
    # Same keys in the same order, and every value a string equal to the example's.
    assert list(body.items()) == list(seed_bodies[api_id].items())


def test_document_holds_all_four_examples(spec_file):
    assert set(seed_bodies_from_document(spec_file(SEED))) == set(SEED_BODIES)


def test_actions_map_to_their_api_ids_and_one_path():
    assert [a.api_id for a in Action] == ["kt10000", "kt10001", "kt10002", "kt10003"]
    assert ORDER_PATH == "/api/dostk/ordr"
    assert Action.BUY.is_new and Action.SELL.is_new
    assert not Action.MODIFY.is_new and not Action.CANCEL.is_new


def test_cancel_with_zero_quantity_sends_0_meaning_all_that_remains():
    checked = check(TicketInput(Action.CANCEL, "KRX", "005930", "0", orig_ord_no="140"))
    assert checked.order is not None
    assert checked.order.body()["cncl_qty"] == "0"
    assert checked.order.body()["orig_ord_no"] == "0000140"


def test_stop_limit_body_carries_the_stop_price_as_cond_uv():
    order = NewOrder(Action.BUY, Exchange.NXT, "005930", 10, "28", 70_000, 71_000)
    assert order.body() == {
        "dmst_stex_tp": "NXT", "stk_cd": "005930", "ord_qty": "10",
        "ord_uv": "70000", "trde_tp": "28", "cond_uv": "71000",
    }


@pytest.mark.parametrize(
    "order",
    [
        NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3"),
        NewOrder(Action.SELL, Exchange.SOR, "000660", 7, "0", 180_500),
        NewOrder(Action.BUY, Exchange.NXT, "005930", 10, "28", 70_000, 71_000),
        ModifyOrder(Exchange.KRX, "0000139", "005930", 1, 199_700),
        ModifyOrder(Exchange.KRX, "0000139", "005930", 0, 199_700, 201_000),
        CancelOrder(Exchange.KRX, "0000140", "005930", 0),
    ],
)
def test_order_from_body_inverts_body(order):
    assert order_from_body(order.api_id, order.body()) == order


def test_new_order_refuses_modify_action_and_unknown_type():
    with pytest.raises(ValueError):
        NewOrder(Action.MODIFY, Exchange.KRX, "005930", 1, "0", 1000)
    with pytest.raises(ValueError):
        NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "00", 1000)


def test_order_from_body_refuses_an_unknown_api_id():
    with pytest.raises(ValueError):
        order_from_body("kt10004", SEED_BODIES["kt10000"])


# ---- orders as objects: every kind answers the same questions ------------------------


def _kinds():
    from kiwoom_ticket.domain.orders import Action, NewOrder

    buy = NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "28", 70_000, 69_500)
    modify = buy.modify("0000123", 70_100, quantity=2, stop_price=69_600)
    cancel = modify.cancel("0000124", quantity=1)
    return buy, modify, cancel


def test_each_kind_knows_its_price_fields_and_what_it_changes():
    buy, modify, cancel = _kinds()
    assert (buy.price, buy.stop_price, buy.orig_ord_no, buy.trade_type) == (
        70_000, 69_500, None, "28")
    assert (modify.price, modify.stop_price, modify.orig_ord_no, modify.trade_type) == (
        70_100, 69_600, "0000123", None)
    assert (cancel.price, cancel.stop_price, cancel.orig_ord_no, cancel.trade_type) == (
        None, None, "0000124", None)
    assert (buy.amends, modify.amends, cancel.amends) == (False, True, True)


def test_a_new_order_builds_its_modify_and_its_cancel():
    buy, modify, cancel = _kinds()
    assert modify.body() == {"dmst_stex_tp": "KRX", "orig_ord_no": "0000123",
                             "stk_cd": "005930", "mdfy_qty": "2", "mdfy_uv": "70100",
                             "mdfy_cond_uv": "69600"}
    assert cancel.body() == {"dmst_stex_tp": "KRX", "orig_ord_no": "0000124",
                             "stk_cd": "005930", "cncl_qty": "1"}
    assert buy.cancel("0000123").quantity == 0  # all that is open, unless told


def test_every_kind_reads_back_from_its_body():
    for order in _kinds():
        assert order_from_body(order.api_id, order.body()) == order
