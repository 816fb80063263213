"""Issue 24, one language at a time: every line the trader reads is in the UI's language
only (no "매수/Buy … 접수 / Accepted"), Qt's own dialogs included, and a switch says
the shown lines again in the new language."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from kiwoom_ticket.ui.i18n import language

from .test_window_state import buy

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# Latin letters a Korean screen keeps: codes, exchanges, units.
KEPT_LATIN = {"KRX", "NXT", "SOR", "KST", "CSV", "API", "KRW"}

def english_words(text: str) -> set[str]:
    return set(ENGLISH_WORD.findall(text)) - KEPT_LATIN

def test_an_order_result_reads_in_one_language_and_again_after_a_switch(window, qtbot):
    record = buy(qtbot, window, ticks=-10)
    status = window.status_line.text()
    assert record.ord_no in status and "접수" in status and "주문번호" in status
    assert not english_words(status), status  # was "매수/Buy … 접수 / Accepted (주문번호/No."
    window.set_language("en")
    status = window.status_line.text()
    assert "Accepted" in status and record.ord_no in status and "1 share" in status
    assert not HANGUL.search(status.replace(record.stock_name, "")), status

def test_qt_dialog_buttons_are_korean_in_korean(window, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "t", "q",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert any("예" in t for t in texts) and any("아니" in t for t in texts), texts
    window.set_language("en")
    box2 = QMessageBox(QMessageBox.Icon.Question, "t", "q",
                       QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    qtbot.addWidget(box2)
    assert {b.text().replace("&", "") for b in box2.buttons()} == {"Yes", "No"}

def test_the_csv_save_dialog_is_korean(window, qtbot):
    assert language.code == "ko"
    window.log_view.ask_export()
    dialog = window.log_view._export_dialog
    qtbot.waitUntil(dialog.isVisible)
    words = " ".join(b.text() for b in dialog.findChildren(QPushButton)
                     if b.isVisibleTo(dialog))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert "저장" in words and "취소" in words, words
    dialog.reject()

def test_english_says_krw_and_counts_orders_right(window, qtbot):

    window.set_language("en")
    form = window.buy_form
    form.stock.setText("005930")
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText("2")
    form.price.setText(str(form.current_price()))
    qtbot.waitUntil(lambda: "KRW" in form.estimate.text())
    assert "원" not in form.estimate.text()
    qtbot.waitUntil(lambda: "KRW" in window.account_panel.cash.text(), timeout=10_000)
    record = buy(qtbot, window, ticks=-10)
    text = window.lists.open_view.canceller.confirm_text([record], [])
    assert "of 1 order:" in text and "orders" not in text, text


def test_the_language_switch_is_in_sight_and_relabels_the_window_live(make_window, qtbot):
    from PySide6.QtCore import Qt

    from kiwoom_ticket.ui.settings_store import KEY_LANGUAGE, open_settings

    window = make_window(connect=False)
    switch = window.env_bar.language_switch
    assert switch.isVisible() and switch.buttons["ko"].isChecked()
    assert switch.buttons["ko"].text() == "한" and switch.buttons["en"].text() == "EN"
    corner = switch.mapTo(window, switch.rect().bottomRight())
    assert corner.x() <= window.width()  # inside the window, not cut off
    qtbot.mouseClick(switch.buttons["en"], Qt.MouseButton.LeftButton)
    assert language.code == "en" and switch.buttons["en"].isChecked()
    assert window.tabs.tabText(0) == "Buy" and window.env_bar.connect_button.text() == "Connect"
    assert open_settings().value(KEY_LANGUAGE) == "en"  # a pick, kept for the next start
    qtbot.mouseClick(switch.buttons["ko"], Qt.MouseButton.LeftButton)
    assert language.code == "ko" and window.tabs.tabText(0) == "매수"
