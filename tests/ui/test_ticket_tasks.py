"""The ticket's async work (its quote lookups and its sends) runs on the UI's one task
runner: a failure is logged and said on the status line, never swallowed, and the form
is free again after it."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.tasks import TaskRunner

STOCK = "005930"


def test_the_forms_run_their_lookups_and_sends_on_a_task_runner(window, qtbot):
    form = window.buy_form
    assert isinstance(form.tasks, TaskRunner)
    form.stock.setText(STOCK)
    assert form.lookup_task is not None and form.tasks.running >= 1  # the runner holds it
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)


@pytest.mark.expect_log("send failed")
def test_a_send_that_fails_is_said_and_not_swallowed(window, qtbot, monkeypatch):
    form = window.buy_form
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(form.current_price(), -10)))

    async def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(window.session, "place", broken)
    task = form.request_submit()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=15_000)
    assert isinstance(task.exception(), OSError)  # the caller sees it too
    assert "disk full" in window.status_line.toolTip() or "disk full" in \
        window.status_line.text()
    assert not form.busy and form.submit_button.isEnabled()
