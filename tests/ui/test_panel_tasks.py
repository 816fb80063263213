"""The panels' async work runs on the window's one TaskRunner (issue 23): a failure is
said where the trader looks (under the list, under the ladder, in the status line),
never swallowed and never an unhandled task exception; what still runs when the window
closes is cancelled. Faults come from the practice exchange itself."""

from __future__ import annotations

from kiwoom_ticket.ui.i18n import tr
from kiwoom_ticket.ui.order_lists import FILLS_TAB

from .helpers import type_text


def test_fills_that_fail_to_load_say_so_and_load_on_f5(window, qtbot, practice_sim):
    lists, view = window.lists, window.lists.fills_view
    practice_sim.faults.inject(api_id="kt00009", kind="http500", count=1)
    lists.setCurrentIndex(FILLS_TAB)  # the first look loads today's fills
    # Said once the runner has seen the task end (its callback runs after the task).
    qtbot.waitUntil(lambda: view.note.text() == tr("lists.fills_failed"), timeout=10_000)
    assert view.last_task.exception() is not None  # failed through the runner, not hidden
    assert not view.loaded
    assert tr("lists.fills_failed") in window.status_line.text()
    lists.refresh()  # F5 with the tab in view
    qtbot.waitUntil(lambda: view.loaded, timeout=10_000)
    assert view.note.text() == tr("lists.fills_loaded", n=0)


def test_a_book_that_fails_to_load_says_so_under_the_ladder(window, qtbot, practice_sim):
    window.resize(1280, 720)  # the ladder shows (it folds away below 1180 px)
    ladder = window.ladder
    practice_sim.faults.inject(api_id="ka10004", kind="http500", count=1)
    type_text(window.buy_form.stock, "005930")
    # (Not the task's own state: the window's poll may have started the next load.)
    qtbot.waitUntil(lambda: ladder.view._note == tr("ladder.failed"), timeout=10_000)
    ladder.refresh()  # the next poll
    qtbot.waitUntil(lambda: not ladder.view.depth.empty, timeout=10_000)


def test_work_still_running_at_close_is_cancelled(make_window, qtbot, practice_sim):
    window = make_window()
    view = window.lists.fills_view
    practice_sim.faults.inject(api_id="kt00009", kind="latency", seconds=1.0)
    window.lists.setCurrentIndex(FILLS_TAB)
    task = view.last_task
    assert task is not None and not task.done() and window.tasks.running >= 1
    window.close()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.cancelled() and window.tasks.running == 0
