"""Issue 24: the main window, each list and each dialog at 1024x700, 1280x720 and
1920x1080 in both languages: no word cut without its tooltip, no widget outside its
window, no word of the other language. With KIWOOM_TICKET_SHOTS=<folder> each screen is
also saved as a PNG, to look at."""

from __future__ import annotations

import asyncio
import csv
import os
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.ticks import step_ticks

from .helpers import answer_dialog
from .layout_audit import cut_words, other_language, outside

SIZES = [(1024, 700), (1280, 720), (1920, 1080)]


def stock_names() -> set[str]:
    raw = resources.files("kiwoom_ticket.simulator").joinpath("data", "stocks.csv")
    names = {row["name"] for row in csv.DictReader(raw.read_text("utf-8").splitlines())}
    return names


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def save(widget, name: str) -> None:
    folder = os.environ.get("KIWOOM_TICKET_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def check(widget, lang: str, what: str) -> list[str]:
    settle()
    problems = [f"{what}: cut: {p}" for p in cut_words(widget)]
    problems += [f"{what}: outside: {p}" for p in outside(widget)]
    names = sorted(stock_names(), key=len, reverse=True)  # 한화에어로스페이스 before 한화
    problems += [f"{what}: language: {p}" for p in other_language(widget, lang, names)]
    return problems


def place(qtbot, window, form, code: str, qty: str, ticks: int):
    form.stock.setText(code)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText(qty)
    form.price.setText(str(step_ticks(form.current_price(), ticks)))
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_screen_reads_whole_in_one_language(window, qtbot, lang, width, height):
    window.set_language(lang)
    place(qtbot, window, window.buy_form, "005930", "3", -10)
    place(qtbot, window, window.buy_form, "012450", "1", 3)  # 한화에어로스페이스: fills
    window.resize(width, height)
    settle()
    name = f"{width}x{height}-{lang}"
    problems = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        problems += check(window, lang, f"window tab {i}")
        save(window, f"window-tab{i}-{name}")
    window.tabs.setCurrentIndex(0)
    for i in range(window.lists.count()):
        window.lists.setCurrentIndex(i)
        if i == 2:
            qtbot.waitUntil(lambda: window.lists.fills_view.loaded, timeout=10_000)
        problems += check(window, lang, f"list {i}")
        save(window, f"list{i}-{name}")
    window.lists.setCurrentIndex(0)

    # 설정 -> 주문 확인/착오 방지
    task = asyncio.ensure_future(window.edit_precautions())
    qtbot.waitUntil(lambda: window.precautions_dialog is not None, timeout=5_000)
    dialog = window.precautions_dialog
    problems += check(dialog, lang, "precautions")
    save(dialog, f"precautions-{name}")
    dialog.reject()
    qtbot.waitUntil(task.done, timeout=5_000)
    # 도움말 -> 정보
    window.menus.about_action.trigger()
    box = window.menus.about.box
    problems += check(box, lang, "about")
    save(box, f"about-{name}")
    box.close()
    # A confirmation (far from the market: it asks).
    form = window.buy_form
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(form.current_price(), -40)))
    task = form.request_submit()
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    problems += check(window.dialogs.current, lang, "confirm")
    save(window.dialogs.current, f"confirm-{name}")
    answer_dialog(qtbot, window, yes=False)
    qtbot.waitUntil(task.done, timeout=5_000)
    problems += check(window, lang, "after a declined order")
    assert not problems, "\n".join(problems)
