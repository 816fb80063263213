"""Screenshots of the session clock (the ticket's header and the trade-type combo greyed
in the opening auction) and of the 호가창's position line.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_clock_screenshots.py [lang]

Writes docs/screenshots/session-clock[-en].png, session-clock-types[-en].png and
ladder-position[-en].png (or --out). make_screenshots.py takes the same shots at its end.
Orders go to a throwaway practice journal.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import screenshot_kit


async def shoot_session_clock(window, suffix: str, settle, out: Path) -> None:
    """Kiwoom's hours (the practice exchange never closes) on a Monday at 08:45:10 KST:
    the header counts down to the regular session, and the combo greys what the opening
    auction does not take. The clock is put back afterwards."""
    from PySide6.QtGui import QGuiApplication

    from kiwoom_ticket.domain.clock import wall_clock
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.domain.sessions import KST

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


async def shoot_ladder_position(window, suffix: str, settle, out: Path) -> None:
    """005930 held (the practice account starts with 10), two buys and a sell resting:
    the position line, the quick quantities and the one-side cancels under the ladder."""
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.self_test import _send, _until

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


async def shoot(lang: str, out: Path) -> None:

    window, suffix = await screenshot_kit.open_window(lang)

    settle = screenshot_kit.settle

    await shoot_session_clock(window, suffix, settle, out)
    await shoot_ladder_position(window, suffix, settle, out)
    window.shutdown()
    window.close()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
