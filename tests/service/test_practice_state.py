"""The built-in practice exchange keeps its account and order numbers in the data folder:
a restart of the app continues them."""

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.service import open_service, practice_exchange, stop_practice_exchange
from kiwoom_ticket.service.factory import PRACTICE_STATE


def resting_buy(service):
    lower = service.quote("005930").lower
    return NewOrder(Action.BUY, Exchange.KRX, "005930", 3, "0", lower)


def test_the_practice_account_continues_across_restarts(tmp_path):
    stop_practice_exchange()
    try:
        first = open_service(Environment.PRACTICE, data_dir=tmp_path)
        [buy] = first.send(first.prepare(resting_buy(first)))
        first.close()
        stop_practice_exchange()  # the app quits
        assert (tmp_path / PRACTICE_STATE).exists()

        second = open_service(Environment.PRACTICE, data_dir=tmp_path)
        try:
            [again] = second.send(second.prepare(resting_buy(second)))
            assert int(again.ord_no) == int(buy.ord_no) + 1  # numbering continues
            still_open = {r["ord_no"] for r in second.client.open_orders()}
            assert buy.ord_no in still_open  # the resting order survived the restart
            assert second.journal.get(buy.local_id).status is OrderStatus.ACCEPTED
            assert second.refresh() == [] or all(r.local_id != buy.local_id
                                                 for r in second.refresh())
        finally:
            second.close()
    finally:
        stop_practice_exchange()


@pytest.mark.expect_log("state unreadable")
def test_an_unreadable_state_file_is_moved_aside(tmp_path):
    stop_practice_exchange()
    (tmp_path / PRACTICE_STATE).write_text("{not json", encoding="utf-8")
    try:
        sim = practice_exchange(tmp_path)
        assert sim.running
        assert (tmp_path / (PRACTICE_STATE + ".unreadable")).exists()
    finally:
        stop_practice_exchange()
