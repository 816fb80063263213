"""설정 → 주문 확인/착오 방지…: limits edited through the dialog's widgets drive the send
pipeline; block refuses next to the field, warn asks; real always confirms."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.precautions import PRACTICE_DEFAULTS, Precautions, Tier
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.domain.validation import Field
from kiwoom_ticket.ui.precaution_store import load_precautions, save_precautions
from kiwoom_ticket.ui.settings_store import open_settings

from .helpers import answer_dialog

STOCK = "005930"


def open_dialog(qtbot, window):
    window.precautions_action.trigger()
    qtbot.waitUntil(lambda: window.precautions_dialog is not None, timeout=5_000)
    return window.precautions_dialog


def retype(qtbot, setting_edit, text: str) -> None:
    setting_edit.edit.selectAll()
    setting_edit.edit.del_()
    qtbot.keyClicks(setting_edit.edit, text)


def tick(qtbot, checkbox) -> None:
    """Click the box itself (the widget spans the dialog; its middle is empty space)."""
    pos = QPoint(8, checkbox.height() // 2)
    qtbot.mouseClick(checkbox, Qt.MouseButton.LeftButton, pos=pos)


def save(qtbot, window, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.precautions_dialog is None, timeout=5_000)


def fill_buy(qtbot, window, qty: str, ticks: int = -14) -> None:
    form = window.buy_form
    form.stock.setText(STOCK)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText(qty)
    form.price.setText(str(step_ticks(form.current_price(), ticks)))


def test_a_tier_set_in_the_dialog_blocks_and_warns(window, qtbot, practice_sim):
    dialog = open_dialog(qtbot, window)
    page = dialog.pages[Environment.PRACTICE]
    assert dialog.tabs.currentWidget() is page  # opens on the environment in use
    warn, block = page.tiers["max_quantity"]
    retype(qtbot, warn, "3")
    retype(qtbot, block, "5")
    save(qtbot, window, dialog)
    assert "저장" in window.status_line.text()
    assert load_precautions(open_settings(), Environment.PRACTICE).max_quantity == Tier(3, 5)

    form = window.buy_form
    ledger = len(practice_sim.ledger())
    fill_buy(qtbot, window, qty="6")
    task = form.request_submit()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and window.dialogs.current is None  # refused, not asked
    message = form.boxes[Field.QUANTITY].message
    assert not message.isHidden() and "한도(5주)" in message.text()
    assert "(5 shares)" not in message.toolTip()  # one language (issue 24)
    assert len(practice_sim.ledger()) == ledger

    form.quantity.setText("4")  # over warn, under block: asks, and "no" sends nothing
    task = form.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    assert "한도(3주)" in text
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and len(practice_sim.ledger()) == ledger
    task = form.request_submit()
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert len(practice_sim.ledger()) == ledger + 1


def test_block_below_warn_is_refused_next_to_the_field(window, qtbot):
    dialog = open_dialog(qtbot, window)
    page = dialog.pages[Environment.MOCK]
    warn, block = page.tiers["max_value"]
    retype(qtbot, warn, "1,000,000")
    retype(qtbot, block, "999999")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.precautions_dialog is dialog and dialog.isVisible()
    assert dialog.tabs.currentWidget() is page  # the tab with the problem comes forward
    assert not block.message.isHidden() and "경고 기준 이상" in block.message.text()
    assert warn.message.isHidden()
    retype(qtbot, warn, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "정수" in warn.message.text()
    assert open_settings().value("precautions/mock/max_value_block") is None  # nothing stored
    dialog.reject()
    qtbot.waitUntil(lambda: window.precautions_dialog is None)
    assert load_precautions(open_settings(), Environment.MOCK) == PRACTICE_DEFAULTS


def test_real_always_confirms_every_order(window, qtbot):
    dialog = open_dialog(qtbot, window)
    real = dialog.pages[Environment.REAL].confirm_every_order
    assert real.isChecked() and not real.isEnabled()
    assert "끌 수 없음" in real.toolTip()
    tick(qtbot, real)
    assert real.isChecked()
    practice = dialog.pages[Environment.PRACTICE].confirm_every_order
    assert practice.isEnabled() and not practice.isChecked()
    tick(qtbot, practice)
    save(qtbot, window, dialog)
    settings = open_settings()
    assert load_precautions(settings, Environment.PRACTICE).confirm_every_order
    assert load_precautions(settings, Environment.REAL).confirm_every_order
    # Even a settings file that says otherwise cannot switch it off.
    settings.setValue("precautions/real/confirm_every_order", "false")
    assert load_precautions(settings, Environment.REAL).confirm_every_order
    relaxed = save_precautions(settings, Environment.REAL,
                               Precautions(confirm_every_order=False))
    assert relaxed.confirm_every_order
    assert load_precautions(settings, Environment.REAL).confirm_every_order


def test_confirm_every_order_asks_before_a_plain_order(window, qtbot, practice_sim):
    dialog = open_dialog(qtbot, window)
    tick(qtbot, dialog.pages[Environment.PRACTICE].confirm_every_order)
    save(qtbot, window, dialog)
    received = practice_sim.received("kt10000")
    fill_buy(qtbot, window, qty="1")
    task = window.buy_form.request_submit()
    text = answer_dialog(qtbot, window, yes=False)
    assert "매수 005930" in text and "Buy" not in text  # one language (issue 24)
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is None and practice_sim.received("kt10000") == received


def test_settings_survive_a_new_window_and_defaults_come_back(make_window, qtbot):
    first = make_window(connect=False)
    dialog = open_dialog(qtbot, first)
    page = dialog.pages[Environment.MOCK]
    retype(qtbot, page.tiers["distance_percent"][0], "2.5")
    retype(qtbot, page.tiers["distance_ticks"][1], "")
    retype(qtbot, page.duplicate_seconds, "45")
    save(qtbot, first, dialog)
    first.shutdown()

    second = make_window(connect=False)
    dialog = open_dialog(qtbot, second)
    page = dialog.pages[Environment.MOCK]
    assert page.tiers["distance_percent"][0].edit.text() == "2.5"
    assert page.tiers["distance_ticks"][1].edit.text() == ""  # no limit stays no limit
    assert page.duplicate_seconds.edit.text() == "45"
    mock = load_precautions(open_settings(), Environment.MOCK)
    assert mock.distance_percent == Tier(2.5, 29) and mock.duplicate_seconds == 45
    qtbot.mouseClick(page.defaults_button, Qt.MouseButton.LeftButton)
    assert page.tiers["distance_percent"][0].edit.text() == "5"
    assert page.large_order_value.edit.text() == "20,000,000"
    save(qtbot, second, dialog)
    assert load_precautions(open_settings(), Environment.MOCK) == PRACTICE_DEFAULTS


def test_unreadable_stored_values_fall_back_to_the_defaults():
    settings = open_settings()
    settings.setValue("precautions/practice/max_quantity_warn", "lots")
    settings.setValue("precautions/practice/max_value_warn", "900")
    settings.setValue("precautions/practice/max_value_block", "100")  # block < warn
    settings.setValue("precautions/practice/duplicate_seconds", "-3")
    settings.setValue("precautions/practice/distance_ticks_warn", "off")
    p = load_precautions(settings, Environment.PRACTICE)
    assert p.max_quantity == PRACTICE_DEFAULTS.max_quantity
    assert p.max_value == PRACTICE_DEFAULTS.max_value
    assert p.duplicate_seconds == PRACTICE_DEFAULTS.duplicate_seconds
    assert p.distance_ticks == Tier(None, None)  # "off" is the user's own "no limit"


def test_a_buy_over_the_cash_can_be_made_a_block_in_the_dialog(window, qtbot):
    dialog = open_dialog(qtbot, window)
    box = dialog.pages[Environment.PRACTICE].over_cash_block
    assert not box.isChecked() and "orderable cash" not in box.text()  # Korean UI, warn
    tick(qtbot, box)
    save(qtbot, window, dialog)
    settings = open_settings()
    assert load_precautions(settings, Environment.PRACTICE).over_cash_block
    assert not load_precautions(settings, Environment.MOCK).over_cash_block
    dialog = open_dialog(qtbot, window)
    assert dialog.pages[Environment.PRACTICE].over_cash_block.isChecked()
    qtbot.mouseClick(dialog.pages[Environment.PRACTICE].defaults_button,
                     Qt.MouseButton.LeftButton)
    assert not dialog.pages[Environment.PRACTICE].over_cash_block.isChecked()
    dialog.reject()
    qtbot.waitUntil(lambda: window.precautions_dialog is None)


def test_the_forms_read_the_saved_set_once_and_again_after_each_save():
    """saved_precautions (what the forms ask on every send) is read once per settings
    file, and a save or a reset is seen by the very next send."""
    from kiwoom_ticket.ui.precaution_store import reset_precautions, saved_precautions

    settings = open_settings()
    before = saved_precautions(Environment.PRACTICE)
    assert saved_precautions(Environment.PRACTICE) is before  # not re-read per send
    save_precautions(settings, Environment.PRACTICE,
                     Precautions(max_quantity=Tier(7, 9)))
    assert saved_precautions(Environment.PRACTICE).max_quantity == Tier(7, 9)
    reset_precautions(settings, Environment.PRACTICE)
    assert saved_precautions(Environment.PRACTICE) == PRACTICE_DEFAULTS
