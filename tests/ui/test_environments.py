"""Kiwoom mock and real: keys in the keyring (or for the session only), tokens,
logout, and real mode's confirmation and unmistakable look. Each Kiwoom environment
points at its own local simulator through KIWOOM_TICKET_*_URL."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.kiwoom import Credentials
from kiwoom_ticket.service import CredentialStore
from kiwoom_ticket.service.logs import setup_logging, stop_logging
from kiwoom_ticket.simulator import SimConfig, Simulator
from kiwoom_ticket.ui.session_bridge import ConnectionState

from .helpers import answer_dialog

APPKEY = "AxserEsdcredca1234567890abcdef"
SECRET = "SEefdcwcforehDre2fdvc0987654321zz"


@pytest.fixture
def mock_sim(monkeypatch):
    sim = Simulator(SimConfig(profile="mock", seed=1, rate_limits=False)).start()
    monkeypatch.setenv("KIWOOM_TICKET_MOCK_URL", sim.base_url)
    yield sim
    sim.stop()


@pytest.fixture
def real_sim(monkeypatch):
    sim = Simulator(SimConfig(profile="real", seed=1, rate_limits=False)).start()
    monkeypatch.setenv("KIWOOM_TICKET_REAL_URL", sim.base_url)
    yield sim
    sim.stop()


def _frame_colour(window) -> str:
    """The colour painted at the middle of the window frame's left border."""
    frame = window.centralWidget()
    image = frame.grab().toImage()
    return image.pixelColor(1, image.height() // 2).name()


def pick_env(window, env: Environment) -> None:
    """What a user's pick in the environment combo does."""
    combo = window.env_bar.env
    row = combo.row_of(env.value)
    combo.setCurrentIndex(row)
    combo.activated.emit(row)


def fill_keys_dialog(qtbot, window, appkey: str = APPKEY, secret: str = SECRET):
    qtbot.waitUntil(lambda: window.env_controls.credentials_dialog is not None, timeout=5_000)
    dialog = window.env_controls.credentials_dialog
    qtbot.keyClicks(dialog.appkey, appkey)
    qtbot.keyClicks(dialog.secretkey, secret)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def wait_connected(qtbot, window, env: Environment) -> None:
    qtbot.waitUntil(lambda: window.session.env is env and window.session.state in (
        ConnectionState.CONNECTED, ConnectionState.FAILED), timeout=15_000)
    assert window.session.connected, window.status_line.text()


def place_buy(qtbot, window, stock: str = "005930"):
    form = window.buy_form
    form.stock.setText(stock)
    qtbot.waitUntil(lambda: form.current_price() is not None, timeout=10_000)
    form.quantity.setText("1")
    form.price.setText(str(step_ticks(form.current_price(), -10)))
    return form, form.request_submit()


def test_kiwoom_mock_keys_token_and_order(window, qtbot, mock_sim, memory_keyring,
                                          private_home):
    log_file = setup_logging(private_home / "logs")  # as the app does at start
    pick_env(window, Environment.MOCK)
    dialog = fill_keys_dialog(qtbot, window)
    assert "OS 키링" in dialog.backend_note.text()
    wait_connected(qtbot, window, Environment.MOCK)
    assert memory_keyring.store[("kiwoom-ticket", "mock:appkey")] == APPKEY
    assert memory_keyring.store[("kiwoom-ticket", "mock:secretkey")] == SECRET
    assert mock_sim.received("au10001") == 1
    assert "토큰 만료" in window.env_bar.token.text()
    token = window.session.token.value
    assert "키움 모의투자" in window.windowTitle() and "[실전]" not in window.windowTitle()
    assert not window.buy_form.exchange.is_value_enabled("NXT")
    _form, task = place_buy(qtbot, window)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert mock_sim.received("kt10000") == 1
    assert len(mock_sim.ledger()) == 1
    # Logging out revokes the token.
    qtbot.mouseClick(window.env_bar.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.state is ConnectionState.LOGGED_OUT, timeout=10_000)
    assert mock_sim.received("au10002") == 1
    assert window.env_bar.connect_button.text() == "접속"
    # No key and no token reached a file: settings, journal, logs, anything the app wrote.
    window.shutdown()
    stop_logging()
    assert b"kt10000" in log_file.read_bytes()  # the log did record the session
    written = [p for p in private_home.rglob("*") if p.is_file()]
    assert {p.suffix for p in written} >= {".sqlite3", ".log", ".ini"}
    for path in written:
        data = path.read_bytes()
        for secret in (APPKEY, SECRET, token):
            assert secret.encode() not in data, path


def test_stored_keys_are_shown_masked_and_can_be_deleted(window, qtbot, memory_keyring):
    CredentialStore().save(Environment.MOCK, Credentials(APPKEY, SECRET))
    task = window.spawn(window.env_controls.edit_keys(Environment.MOCK))
    qtbot.waitUntil(lambda: window.env_controls.credentials_dialog is not None)
    dialog = window.env_controls.credentials_dialog
    shown = " ".join(w.text() for w in (dialog.appkey_stored, dialog.secret_stored,
                                        dialog.appkey, dialog.secretkey))
    assert SECRET not in shown and APPKEY not in shown
    assert SECRET[:4] not in dialog.secret_stored.text()  # the secret shows no characters
    assert "저장됨" in dialog.secret_stored.text() and f"({len(SECRET)})" in shown
    assert dialog.secretkey.text() == ""  # never filled back in
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done)
    assert not memory_keyring.store


def test_without_a_keyring_keys_are_kept_for_the_session(make_window, qtbot, mock_sim):
    keyring.set_keyring(fail.Keyring())
    window = make_window()
    pick_env(window, Environment.MOCK)
    dialog = fill_keys_dialog(qtbot, window)
    assert "이번 세션" in dialog.backend_note.text()
    wait_connected(qtbot, window, Environment.MOCK)
    assert not window.env_bar.keys_note.isHidden()
    assert "이번 세션" in window.env_bar.keys_note.text()
    # Back to practice and to mock again: the session still has the keys, no dialog.
    pick_env(window, Environment.PRACTICE)
    wait_connected(qtbot, window, Environment.PRACTICE)
    assert window.env_bar.keys_note.isHidden()
    pick_env(window, Environment.MOCK)
    wait_connected(qtbot, window, Environment.MOCK)
    assert mock_sim.received("au10001") == 2


def test_switching_to_real_asks_and_then_cannot_be_missed(window, qtbot, real_sim):
    CredentialStore().save(Environment.REAL, Credentials(APPKEY, SECRET))
    practice_icon = window.windowIcon().pixmap(32).toImage()
    assert _frame_colour(window) != "#c62828"
    pick_env(window, Environment.REAL)
    text = answer_dialog(qtbot, window, yes=False)
    assert "실전" in text
    qtbot.waitUntil(lambda: window.env_bar.env.value() == "practice")
    assert window.session.env is Environment.PRACTICE and window.banner.isHidden()
    assert real_sim.received("au10001") == 0

    pick_env(window, Environment.REAL)
    answer_dialog(qtbot, window, yes=True)
    wait_connected(qtbot, window, Environment.REAL)
    assert window.windowTitle().startswith("[실전]")
    assert not window.banner.isHidden() and "실전" in window.banner.text()
    assert _frame_colour(window) == "#c62828"  # the red frame, as painted
    assert window.windowIcon().pixmap(32).toImage() != practice_icon
    # Every real order asks first, with the mouse.
    _form, task = place_buy(qtbot, window)
    qtbot.waitUntil(lambda: window.dialogs.current is not None, timeout=5_000)
    buttons = window.dialogs.current.buttons()
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)
    answer_dialog(qtbot, window, yes=True)
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result()[0].status is OrderStatus.ACCEPTED
    assert real_sim.received("kt10000") == 1

    pick_env(window, Environment.PRACTICE)
    wait_connected(qtbot, window, Environment.PRACTICE)
    assert window.banner.isHidden() and "[실전]" not in window.windowTitle()
    assert _frame_colour(window) != "#c62828"  # and the frame is not red any more


def test_unreachable_server_fails_in_words_not_a_traceback(window, qtbot, monkeypatch):
    monkeypatch.setenv("KIWOOM_TICKET_MOCK_URL", "http://127.0.0.1:9")  # nothing listens
    CredentialStore().save(Environment.MOCK, Credentials(APPKEY, SECRET))
    pick_env(window, Environment.MOCK)
    qtbot.waitUntil(lambda: window.session.state is ConnectionState.FAILED, timeout=15_000)
    status = window.status_line.text()
    # Issue 24: one language, and no exception class ("Error: Could not connect
    # (MaxRetryError)" was what a Korean trader read).
    assert status == "오류: 연결하지 못했습니다", status
    assert "Error" in window.status_line.toolTip()  # the library's reason, for support
    window.set_language("en")
    assert window.status_line.text() == "Error: Could not connect"
    window.set_language("ko")
    assert "연결 실패" in window.env_bar.state.text()
    assert window.env_bar.connect_button.text() == "접속"
    # Sending now is refused in words, and nothing is journaled.
    form = window.buy_form
    form.stock.setText("005930")
    form.quantity.setText("1")
    form.price.setText("70000")
    task = form.request_submit()
    qtbot.waitUntil(task.done)
    assert task.result() is None
    assert "Not connected" not in window.status_line.text()
    assert window.status_line.text().count("연결되지 않아") == 1
    assert window.model.rowCount() == 0
