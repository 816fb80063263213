"""Screenshots of the session clock (the ticket's header and the trade-type combo greyed
in the opening auction) and of the 호가창's position line.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_clock_screenshots.py [lang]

Writes docs/screenshots/session-clock[-en].png, session-clock-types[-en].png and
ladder-position[-en].png (or --out). make_screenshots.py takes the same shots at its end.
Orders go to a throwaway practice journal.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


async def shoot_session_clock(window, suffix: str, settle, out: Path | None = None) -> None:
    """Kiwoom's hours (the practice exchange never closes) on a Monday at 08:45:10 KST:
    the header counts down to the regular session, and the combo greys what the opening
    auction does not take. The clock is put back afterwards."""
    from PySide6.QtGui import QGuiApplication

    from kiwoom_ticket.domain.clock import wall_clock
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.domain.sessions import KST

    out = out or OUT
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    wall_clock.start_at(datetime(2026, 12, 7, 8, 45, 10, tzinfo=KST))
    try:
        buy.session_header.environment = lambda: Environment.MOCK  # screenshot only
        buy.session_header.refresh_now()
        await settle()
        window.grab().save(str(out / f"session-clock{suffix}.png"))
        buy.trade_type.showPopup()
        await settle()
        geo = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, geo.x(), geo.y(), geo.width(), geo.height()).save(
            str(out / f"session-clock-types{suffix}.png"))
        buy.trade_type.hidePopup()
    finally:
        wall_clock.reset()
        buy.session_header.environment = lambda: window.session.env
        buy.session_header.refresh_now()


async def shoot_ladder_position(window, suffix: str, settle, out: Path | None = None) -> None:
    """005930 held (the practice account starts with 10), two buys and a sell resting:
    the position line, the quick quantities and the one-side cancels under the ladder."""
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.self_test import _send, _until

    out = out or OUT
    buy, sell = window.buy_form, window.sell_form
    view = window.ladder.view
    window.tabs.setCurrentWidget(buy)
    buy.trade_type.select("0")
    buy.stock.setText("005930")
    await _until(lambda: buy.current_price(), "quote")
    await _until(lambda: not view.depth.empty and view.depth.code == "005930", "order book")
    cur = buy.current_price()
    for qty, ticks in ((2, -3), (3, -5)):
        buy.quantity.setText(str(qty))
        buy.price.setText(str(step_ticks(cur, ticks)))
        await _send(buy)
    sell.trade_type.select("0")
    sell.stock.setText("005930")
    await _until(lambda: sell.current_price(), "quote")
    sell.quantity.setText("4")
    sell.price.setText(str(step_ticks(cur, 4)))
    await _send(sell)
    window.tabs.setCurrentWidget(buy)
    await _until(lambda: len(view.orders) >= 3, "badges")
    await _until(lambda: window.session.account is not None, "account")
    for _ in range(2):
        await settle()
    window.grab().save(str(out / f"ladder-position{suffix}.png"))
    window.ladder.panel.grab().save(str(out / f"ladder-position-panel{suffix}.png"))
    # 매수 일괄취소's one question, through the real (armed) dialog, answered no.
    from kiwoom_ticket.domain.orders import Action
    from kiwoom_ticket.ui.dialogs import DialogService

    tools = window.ladder.tools
    answers = tools.canceller.dialogs
    tools.canceller.dialogs = DialogService(window)
    task = tools.cancel_side(Action.BUY)
    await _until(lambda: tools.canceller.dialogs.armed, "cancel question")
    await settle()
    tools.canceller.dialogs.current.grab().save(str(out / f"ladder-cancel-buys{suffix}.png"))
    tools.canceller.dialogs.answer(False)
    await task
    tools.canceller.dialogs = answers
    # Settings -> 수량 프리셋, with a bad entry said under the field.
    dialog = tools.edit_presets(window)
    dialog.edit.setText("1, 10, 0")
    dialog.try_save()
    await settle()
    dialog.grab().save(str(out / f"quantity-presets{suffix}.png"))
    dialog.reject()


async def shoot(lang: str) -> None:
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import AnswerYes

    window = build_window(dialogs=AnswerYes())
    language.set(lang)
    window.show()
    window.resize(1280, 720)
    await window.start()
    suffix = "" if lang == "ko" else "-en"

    async def settle(n: int = 10) -> None:
        for _ in range(n):
            await asyncio.sleep(0.03)

    await shoot_session_clock(window, suffix, settle)
    await shoot_ladder_position(window, suffix, settle)
    window.shutdown()
    window.close()


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    OUT, lang = args.out, args.lang
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    OUT.mkdir(parents=True, exist_ok=True)
    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(lang))
    finally:
        stop_practice_exchange()


if __name__ == "__main__":
    main()
