"""Screenshots of 창 → 새 주문창: the main window and a second ticket window on the same
core, one order placed from each, the order selected in the main window's 호가창 shown as
the target of the second's Cancel tab. The whole screen is grabbed (1280x720 under Xvfb):
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python \\
        tests/ui/make_second_window_screenshots.py [ko|en] --out /tmp/shots
Orders go to a throwaway practice journal.
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit


async def shoot(lang: str, out: Path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.self_test import _send, _until

    window, suffix = await screenshot_kit.open_window(lang, size=False)

    settle = screenshot_kit.settle

    async def buy_from(desk, ticks: int, qty: int):
        form = desk.buy_form
        desk.setCurrentWidget(form)
        form.stock.setText("005930")
        await _until(lambda: form.current_price(), "quote")
        form.quantity.setText(str(qty))
        form.price.setText(str(step_ticks(form.current_price(), -ticks)))
        return (await _send(form))[0]

    first = await buy_from(window.tabs, 3, 10)
    window.menus.new_ticket_action.trigger()
    second = window.ticket_windows[0]
    second.move(QPoint(560, 80))
    await buy_from(second.desk, 5, 4)
    await _until(lambda: len(second.ladder.view.orders) == 2, "badges")
    window.ladder.view.badge_clicked.emit(window.session.orders.get(first.local_id))
    second.desk.setCurrentWidget(second.desk.cancel_form)
    second.raise_()
    second.activateWindow()
    await settle()
    out.mkdir(parents=True, exist_ok=True)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"second-window{suffix}.png"))
    second.grab().save(str(out / f"second-window-only{suffix}.png"))
    window.close()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
