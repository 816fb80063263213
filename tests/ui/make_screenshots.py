"""Screenshots of the real window for the README and for looking at it.

Run under a display (or Xvfb), with the screen size the window should open on:
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_screenshots.py [lang]
    ... make_screenshots.py en --out /tmp/shots --screen
Without a display (no Xvfb), Qt's offscreen platform gets a screen of --size:
    .venv/bin/python tests/ui/make_screenshots.py en --size 1280x720
Writes docs/screenshots/*.png (or --out): the window as it opens on that screen; with
--screen also the whole screen (screen.png, screen-en.png), to see that nothing is cut
off. Orders go to a throwaway practice journal. tests/ui/test_screens.py checks every
screen at three sizes in both languages (KIWOOM_TICKET_SHOTS=<folder> saves them too).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


async def shoot(lang: str, screen: bool = False) -> None:
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import AnswerYes, _send, _until

    window = build_window(dialogs=AnswerYes())
    language.set(lang)
    window.show()  # at its default size, fitted to the screen
    await window.start()
    suffix = "" if lang == "ko" else "-en"

    async def settle() -> None:
        for _ in range(10):
            await asyncio.sleep(0.03)

    buy = window.buy_form
    buy.stock.setText("005930")
    await _until(lambda: buy.current_price(), "quote")
    cur = buy.current_price()
    buy.quantity.setText("10")
    buy.price.setText(str(step_ticks(cur, -10)))
    first = (await _send(buy))[0]
    sell = window.sell_form
    sell.stock.setText("000660")
    await _until(lambda: sell.current_price(), "quote")
    sell.quantity.setText("2")
    sell.price.setText(str(step_ticks(sell.current_price(), 12)))
    await _send(sell)
    window.log_view.select_row(window.model.row_of(first.local_id))
    modify = window.modify_form
    modify.price.setText(str(step_ticks(cur, -12)))
    modified = (await _send(modify))[0]
    window.log_view.select_row(window.model.row_of(modified.local_id))
    cancel = window.cancel_form
    await _send(cancel)
    # A marketable buy: it fills, and the log shows its fill price and time.
    buy.stock.setText("035720")
    await _until(lambda: buy.current_price(), "quote")
    buy.quantity.setText("4")
    buy.price.setText(str(step_ticks(buy.current_price(), 3)))
    await _send(buy)
    buy.stock.setText("005930")
    await _until(lambda: buy.current_price(), "quote")
    buy2 = window.buy_form
    buy2.trade_type.select("28")
    buy2.quantity.setText("5")
    buy2.price.setText(str(step_ticks(cur, 3)))
    buy2.stop_price.setText(str(step_ticks(cur, 2)))
    await _send(buy2)
    # An error shown next to its field.
    sell.quantity.setText("")
    sell.price.setText(str(cur + 7))
    window.tabs.setCurrentWidget(sell)
    await sell.request_submit()
    window.log_view.select_row(window.model.row_of(modified.local_id))
    window.refresh_action.trigger()  # fills and the quote's time, as after a poll
    for _ in range(20):
        await asyncio.sleep(0.05)
    await settle()
    window.grab().save(str(OUT / f"window-log-chain{suffix}.png"))
    # The 호가창 beside the ticket: a resting buy and sell of 005930 as badges.
    window.tabs.setCurrentWidget(buy)
    buy.trade_type.select("0")
    buy.stop_price.clear()
    buy.quantity.setText("8")
    await _until(lambda: not window.ladder.view.depth.empty, "order book")
    buy.price.setText(str(window.ladder.view.depth.bids[2].price))
    await _send(buy)
    sell.stock.setText("005930")
    await _until(lambda: sell.current_price(), "quote")
    sell.quantity.setText("3")
    sell.price.setText(str(step_ticks(sell.current_price(), 4)))
    await _send(sell)
    window.tabs.setCurrentWidget(buy)
    buy.quantity.setText("1")
    buy.price.setText(str(window.ladder.view.depth.bids[0].price))
    for _ in range(30):
        await asyncio.sleep(0.05)
    await settle()
    window.grab().save(str(OUT / f"window-ladder{suffix}.png"))
    window.ladder.panel.grab().save(str(OUT / f"ladder{suffix}.png"))
    if screen:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.primaryScreen().grabWindow(0).save(str(OUT / f"screen{suffix}.png"))
    for i, name in enumerate(("buy", "sell", "modify", "cancel")):
        window.tabs.setCurrentIndex(i)
        await settle()
        window.grab().save(str(OUT / f"tab-{name}{suffix}.png"))
    window.tabs.setCurrentIndex(0)
    await shoot_stock_search(window, suffix, settle)
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.kiwoom import Credentials
    from kiwoom_ticket.service import practice_exchange

    # A rate-limited buy (1700): its row offers "resend"; the row menu on its own.
    buy.trade_type.select("0")
    buy.stop_price.clear()
    buy.quantity.setText("3")
    buy.price.setText(str(step_ticks(cur, -14)))
    practice_exchange().faults.inject(api_id="kt10000", kind="rate_limit", count=1)
    refused = (await _send(buy))[0]
    row = window.model.row_of(refused.local_id)
    window.log_view.select_row(row)
    await settle()
    menu = window.log_view.build_menu(window.model.record(row))
    rect = window.log_view.table.visualRect(window.model.index(row, 2))
    menu.popup(window.log_view.table.viewport().mapToGlobal(rect.center()))
    await settle()
    menu.grab().save(str(OUT / f"log-row-menu{suffix}.png"))
    menu.close()
    window.grab().save(str(OUT / f"window-rate-limited{suffix}.png"))
    # A rate-limited buy that the exchange registers late anyway: adopted, red, alarmed.
    from datetime import timedelta

    window.session.service.settle_after = timedelta(0)  # screenshot only: settle at once
    buy.quantity.setText("6")
    buy.price.setText(str(step_ticks(cur, -16)))
    practice_exchange().faults.inject(api_id="kt10000", kind="late_ghost", seconds=1.0)
    await _send(buy)

    async def refreshed() -> None:
        while (task := window.refresh_orders()) is None:  # a poll may be running
            await asyncio.sleep(0.05)
        await task

    await refreshed()  # not at the exchange yet: called not taken
    await asyncio.sleep(1.3)
    await refreshed()  # there after all
    await settle()
    window.grab().save(str(OUT / f"window-late-order{suffix}.png"))
    # 미체결 with an order placed outside the app (as from HTS), then 체결.
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder
    from kiwoom_ticket.kiwoom import KiwoomClient

    def place_in_hts() -> None:
        hts = KiwoomClient(practice_exchange().base_url,
                           Credentials("hts-app-key-0123", "hts-secret-key-0123"))
        try:
            hts.issue_token()
            current = abs(int(hts.stock_info("000660")["cur_prc"]))
            hts.send_order(NewOrder(Action.BUY, Exchange.KRX, "000660", 3, "0",
                                    step_ticks(current, -15)))
        finally:
            hts.close()

    await asyncio.to_thread(place_in_hts)
    window.session.look_outside_soon()
    await refreshed()
    window.lists.setCurrentIndex(1)
    await settle()
    window.grab().save(str(OUT / f"lists-open-orders{suffix}.png"))
    window.lists.setCurrentIndex(2)  # its first look loads today's fills
    await _until(lambda: window.lists.fills_model.rowCount(), "fills")
    await settle()
    window.grab().save(str(OUT / f"lists-fills{suffix}.png"))
    window.lists.setCurrentIndex(0)
    # 정정 확인: a resting buy moved far enough to ask, through the real dialog.
    from kiwoom_ticket.ui.dialogs import DialogService

    buy.quantity.setText("7")
    buy.price.setText(str(step_ticks(cur, -8)))
    resting = (await _send(buy))[0]
    window.log_view.select_row(window.model.row_of(resting.local_id))
    window.tabs.setCurrentWidget(modify)
    modify.price.setText(str(step_ticks(cur, -40)))
    modify.dialogs = DialogService(window)
    asked = modify.request_submit()
    await _until(lambda: modify.dialogs.armed, "modify confirmation")  # not greyed
    await settle()
    modify.dialogs.current.grab().save(str(OUT / f"modify-confirm{suffix}.png"))
    modify.dialogs.answer(False)
    await asked
    modify.dialogs = window.dialogs
    window.tabs.setCurrentIndex(0)
    # 설정 -> 주문 확인/착오 방지, on the real tab (its confirm box is locked on).
    prec = asyncio.ensure_future(window.edit_precautions())
    await _until(lambda: window.precautions_dialog is not None, "precautions dialog")
    dialog = window.precautions_dialog
    dialog.tabs.setCurrentWidget(dialog.pages[Environment.REAL])
    await settle()
    dialog.grab().save(str(OUT / f"precautions-dialog{suffix}.png"))
    dialog.reject()
    await prec

    # The keys dialog, with keys stored for this session.
    await window.session.save_credentials(Environment.MOCK, Credentials("AxserEsdcredca", "SEefdcwcforehDre2fdvc"))
    keys = asyncio.ensure_future(window.env_controls.edit_keys(Environment.MOCK))
    await _until(lambda: window.env_controls.credentials_dialog is not None, "keys dialog")
    await settle()
    window.env_controls.credentials_dialog.grab().save(str(OUT / f"keys-dialog{suffix}.png"))
    window.env_controls.credentials_dialog.reject()
    await keys
    # 도움말 -> 정보 / Help -> About.
    window.menus.about_action.trigger()
    await settle()
    window.menus.about.box.grab().save(str(OUT / f"about-box{suffix}.png"))
    window.menus.about.box.close()
    # The session clock on Kiwoom's hours and the 호가창's position line (issue 27).
    from make_clock_screenshots import shoot_ladder_position, shoot_session_clock

    await shoot_session_clock(window, suffix, settle, OUT)
    await shoot_ladder_position(window, suffix, settle, OUT)
    # The real-mode look only (no real connection: the session is not switched).
    window.session.core._env = Environment.REAL  # screenshot only
    window.session.env_changed.emit(Environment.REAL)  # every panel, as a switch tells it
    await settle()
    window.grab().save(str(OUT / f"real-mode{suffix}.png"))
    window.shutdown()
    window.close()


async def shoot_stock_search(window, suffix: str, settle) -> None:
    """The stock search: 초성 typed, the list open under the field, the recent stocks
    beside it. The list is a window of its own: the screen is grabbed, not the window."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from kiwoom_ticket.ui.self_test import _until
    from kiwoom_ticket.ui.stock_source import StockSource

    buy = window.buy_form
    await _until(lambda: StockSource.of(window.session).directory, "stock list")
    before = buy.stock.text()
    buy.stock.clear()
    buy.stock.setFocus()
    for ch in "ㅅㅅ":  # as typed: each character its own key event
        QTest.sendKeyEvent(QTest.KeyAction.Click, buy.stock, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
    await settle()
    geo = window.frameGeometry()
    shot = QGuiApplication.primaryScreen().grabWindow(0, geo.x(), geo.y(), geo.width(),
                                                      geo.height())
    shot.save(str(OUT / f"stock-search{suffix}.png"))
    buy.stock_search.close()
    buy.stock.setText(before)
    await settle()


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--screen", action="store_true", help="also grab the whole screen")
    parser.add_argument("--size", default="", help="WxH: an offscreen screen of that size")
    args = parser.parse_args()
    if args.size and not os.environ.get("DISPLAY"):
        width, height = (int(n) for n in args.size.lower().split("x"))
        config = Path(tempfile.mkdtemp(prefix="kt-screen-")) / "screen.json"
        config.write_text(json.dumps({"screens": [{
            "name": "shots", "x": 0, "y": 0, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    OUT, lang = args.out, args.lang
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    OUT.mkdir(parents=True, exist_ok=True)
    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(lang, args.screen))
    finally:
        stop_practice_exchange()


if __name__ == "__main__":
    main()
