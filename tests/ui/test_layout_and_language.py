"""Issue 11, layout and first run: the window fits small screens with every button and
the log's status in view, the environment list fits its English labels, and the
language follows the system until the user picks one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.ui import i18n
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.order_log_model import Column
from kiwoom_ticket.ui.settings_store import KEY_LANGUAGE, open_settings


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def right_edge_inside(widget, window) -> bool:
    corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
    return widget.isVisible() and corner.x() <= window.width() and corner.y() <= window.height()


def test_the_window_opens_inside_a_small_screen(make_window, qtbot):
    window = make_window(connect=False)
    screen = window.screen().availableGeometry()  # offscreen: 800x800, under the default
    qtbot.waitUntil(lambda: screen.contains(window.frameGeometry()), timeout=2_000)
    # A size saved on a bigger screen is brought back inside too.
    window.resize(1600, 1000)
    window.shutdown()
    again = make_window(connect=False)
    qtbot.waitUntil(lambda: screen.contains(again.frameGeometry()), timeout=2_000)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 700)])
def test_nothing_is_cut_off_on_a_laptop_screen(make_window, lang, width, height):
    window = make_window(connect=False)
    settle()  # its own fit to the (smaller) offscreen screen first
    window.set_language(lang)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height
    window.resize(width, height)
    window.show_status("매수/Buy 005930 삼성전자 " * 20)  # a long line is elided, not widened
    settle()
    assert (window.width(), window.height()) == (width, height)
    for button in (window.env_bar.keys_button, window.env_bar.connect_button,
                   window.log_view.refresh_button, window.buy_form.submit_button):
        assert right_edge_inside(button, window), button.text()
    table = window.log_view.table
    status_right = (table.columnViewportPosition(int(Column.STATUS))
                    + table.columnWidth(int(Column.STATUS)))
    assert status_right <= table.viewport().width()  # no sideways scrolling to see it
    assert int(Column.MESSAGE) == table.model().columnCount() - 1  # the long one is last


def test_the_environment_list_fits_its_english_labels(make_window):
    window = make_window(connect=False)
    combo = window.env_bar.env
    window.set_language("en")
    settle()
    metrics = combo.fontMetrics()
    longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.width() >= combo.sizeHint().width()
    assert combo.width() > longest


def test_the_language_follows_the_system_until_one_is_picked(make_window, monkeypatch):
    settings = open_settings()
    settings.setValue("ui/language", "en")  # what 0.1.0 wrote on every exit, picked or not
    settings.sync()
    first = make_window(connect=False)
    assert language.code == "ko"  # the system's (the test session's), not the stale value
    first.shutdown()
    assert open_settings().value(KEY_LANGUAGE) is None  # closing does not pick for the user

    second = make_window(connect=False)
    second.set_language("en")  # Settings -> Language: this one is kept
    second.shutdown()
    language.set("ko")
    third = make_window(connect=False)
    assert language.code == "en" and third.tabs.tabText(0) == "Buy"


def test_the_system_language_is_korean_only_for_a_korean_locale(monkeypatch):
    from PySide6.QtCore import QLocale

    for locale, expected in ((QLocale(QLocale.Language.Korean), "ko"),
                             (QLocale(QLocale.Language.English), "en"),
                             (QLocale.c(), "en")):
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda loc=locale: loc))
        assert i18n.system_language() == expected
