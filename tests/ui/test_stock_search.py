"""Issue 14: the stock field searches as you type (names, parts of names, 초성, codes),
Enter or a click takes a match without sending, and recent stocks are one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiwoom_ticket.domain.stock_search import Stock
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.i18n import language
from kiwoom_ticket.ui.stock_source import StockSource

from .helpers import type_text


def stock_list_loaded(qtbot, window) -> StockSource:
    source = StockSource.of(window.session)
    qtbot.waitUntil(lambda: source.directory is not None, timeout=15_000)
    return source


def quoted_name(qtbot, form) -> str:
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    return form.stock_name()


def test_the_list_is_asked_for_once_after_connecting(window, qtbot, practice_sim):
    source = stock_list_loaded(qtbot, window)
    assert source.directory.by_code("005930").name == "삼성전자"
    assert window.buy_form.stock_search.source is window.sell_form.stock_search.source
    asked = practice_sim.received("ka10099")
    for text in ("삼", "삼성", "ㅅ", "ㅅㅅ"):  # typing searches what is here
        window.buy_form.stock.clear()
        type_text(window.buy_form.stock, text)
    assert practice_sim.received("ka10099") == asked


def test_a_name_typed_offers_the_stock_and_enter_takes_it_without_sending(
        window, qtbot, practice_sim):
    stock_list_loaded(qtbot, window)
    form, sent = window.buy_form, practice_sim.received("kt10000")
    search = form.stock_search
    form.stock.setFocus()
    type_text(form.stock, "삼성")
    assert search.is_open
    shown = search.popup.model()
    assert [shown.index(0, c).data() for c in range(3)] == ["005930", "삼성전자", "KOSPI"]
    assert all(s.name.startswith("삼성") for s in search.matches())
    QTest.keyClick(search.popup, Qt.Key.Key_Return)  # where keys go while the list is open
    assert form.stock.text() == "005930" and not search.is_open
    assert quoted_name(qtbot, form) == "삼성전자"
    assert "삼성전자" in form.stock_info.text()
    assert form.last_task is None and practice_sim.received("kt10000") == sent


def test_initials_offer_the_stock_and_arrows_choose_among_matches(window, qtbot):
    stock_list_loaded(qtbot, window)
    form = window.sell_form
    search = form.stock_search
    type_text(form.stock, "ㅅㅅㅈㅈ")
    assert [s.name for s in search.matches()] == ["삼성전자"]
    form.stock.clear()
    type_text(form.stock, "삼성")
    second = search.matches()[1]
    QTest.keyClick(form.stock, Qt.Key.Key_Down)  # a key that reached the field itself
    QTest.keyClick(form.stock, Qt.Key.Key_Return)
    assert form.stock.text() == second.code and form.last_task is None
    assert quoted_name(qtbot, form) == second.name


def compose(edit, preedit: str, commit: str = "") -> None:
    """What a Hangul input method sends: the syllable being composed, and what is done."""
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(commit)
    QApplication.sendEvent(edit, event)


def test_a_syllable_still_being_composed_already_searches(window, qtbot):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    search = form.stock_search
    form.stock.setFocus()
    compose(form.stock, "카")  # nothing committed yet
    qtbot.waitUntil(lambda: search.is_open, timeout=2_000)
    assert form.stock.text() == ""
    assert [s.name for s in search.matches()][:2] == ["카카오", "카카오게임즈"]
    compose(form.stock, "ㄱ", commit="카카오")  # 카카오 done, ㄱ of 게임즈 under way
    qtbot.waitUntil(lambda: [s.name for s in search.matches()] == ["카카오게임즈"],
                    timeout=2_000)


def test_a_click_in_the_list_takes_that_stock(window, qtbot):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    type_text(form.stock, "sk")  # Latin, either case
    search = form.stock_search
    names = [s.name for s in search.matches()]
    assert "SK하이닉스" in names and names[0] == "SK"  # the exact name first
    row = names.index("SK하이닉스")
    view = search.popup
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.stock.text() == "000660" and not search.is_open


def test_a_typed_code_is_looked_up_as_before_and_enter_sends(window, qtbot, practice_sim):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    QTest.keyClicks(form.stock, "00593")
    assert form.stock_search.is_open  # part of a code offers the codes it starts
    QTest.keyClicks(form.stock, "0")
    assert not form.stock_search.is_open  # a whole code needs no list: Enter sends it
    assert quoted_name(qtbot, form) == "삼성전자"
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(form.current_price(), -10)))  # rests, asks nothing
    QTest.keyClick(form.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.last_task is not None and form.last_task.done(), timeout=15_000)
    assert form.last_task.result()[0].ord_no, window.status_line.text()


def test_a_name_that_matches_nothing_shows_the_field_error_and_sends_nothing(
        window, qtbot, practice_sim):
    stock_list_loaded(qtbot, window)
    form, sent = window.buy_form, practice_sim.received("kt10000")
    form.stock.setFocus()
    type_text(form.stock, "없는회사")
    assert not form.stock_search.is_open and form.stock_search.matches() == []
    # Said as it is typed (issue 24), not only at the send.
    assert form.quote_line.info.text() == "일치하는 종목이 없습니다"
    form.quantity.setText("1")
    form.price.setText("70000")
    QTest.keyClick(form.stock, Qt.Key.Key_Return)  # the list is closed: Enter sends
    qtbot.waitUntil(lambda: form.last_task is not None and form.last_task.done(), timeout=15_000)
    assert form.last_task.result() is None
    box = form.boxes[Field.STOCK_CODE]
    assert "종목 없는회사를 찾을 수 없습니다" in box.message.text()
    assert "There is no stock" not in box.message.toolTip()
    assert practice_sim.received("kt10000") == sent


def test_escape_closes_the_list_and_keeps_the_form(window, qtbot):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    form.quantity.setText("5")
    type_text(form.stock, "카카오")
    assert form.stock_search.is_open
    QTest.keyClick(form.stock, Qt.Key.Key_Escape)
    assert not form.stock_search.is_open
    assert form.stock.text() == "카카오" and form.quantity.text() == "5"
    type_text(form.stock, "게")
    assert form.stock_search.is_open
    form.stock.setText("035720")  # put in by the program (a holding, a log row)
    assert not form.stock_search.is_open


def test_recent_stocks_are_one_click_away_and_kept(window, qtbot, make_window):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    for code in ("005930", "035720"):
        form.stock.setText(code)
        quoted_name(qtbot, form)
    chips = form.stock_search.recent
    # A stock joins the chips once its name is known (its lookup): under load that can
    # come a turn after the quote line shows the price.
    qtbot.waitUntil(lambda: [c.property("code") for c in chips.chips] == ["035720", "005930"],
                    timeout=10_000)
    assert [c.text() for c in chips.chips] == ["카카오", "삼성전자"]
    assert chips.visible_codes() == ["035720", "005930"]
    sell = window.sell_form.stock_search.recent  # the Sell tab shows the same stocks
    qtbot.waitUntil(lambda: [c.property("code") for c in sell.chips] == ["035720", "005930"],
                    timeout=10_000)
    form.stock.setText("000660")
    quoted_name(qtbot, form)
    samsung = next(c for c in chips.chips if c.property("code") == "005930")
    assert "005930" in samsung.toolTip() and "삼성전자" in samsung.toolTip()
    QTest.mouseClick(samsung, Qt.MouseButton.LeftButton)
    assert form.stock.text() == "005930"
    assert quoted_name(qtbot, form) == "삼성전자"
    language.set("en")
    assert "Recent stock 005930" in form.stock_search.recent.chips[0].toolTip()
    window.shutdown()
    again = make_window()
    kept = again.buy_form.stock_search.recent
    assert [c.property("code") for c in kept.chips] == ["005930", "000660", "035720"]


def test_saved_recent_stocks_that_are_not_a_list_of_stocks_are_dropped():
    from kiwoom_ticket.ui.stock_source import _recent_from

    assert _recent_from('[["005930", "삼성전자"], ["12", "짧은코드"], [1, 2], "x"]') == [
        Stock("005930", "삼성전자")]
    assert _recent_from("{not json") == [] and _recent_from('{"a": 1}') == []
    assert len(_recent_from(str([["005930", "삼성전자"]] * 20).replace("'", '"'))) == 6


def test_the_no_match_hint_goes_when_the_typing_matches_again(window, qtbot):
    stock_list_loaded(qtbot, window)
    form = window.buy_form
    form.stock.setFocus()
    type_text(form.stock, "ㅋㅋㅋㅋ")
    assert form.quote_line.info.text() == "일치하는 종목이 없습니다"
    form.stock.clear()
    type_text(form.stock, "삼성")
    assert form.quote_line.info.text() != "일치하는 종목이 없습니다"
