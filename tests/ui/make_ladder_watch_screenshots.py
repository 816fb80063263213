"""Screenshots of a new watch set from the 호가창: the right-click menu open on a level
below the last trade ("이 가격에 손절 감시… (N원)"), the watch question it opens filled
in, and the stop line on the ladder once it is armed.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python \\
        tests/ui/make_ladder_watch_screenshots.py [lang] [--out DIR]

Writes ladder-watch-menu[-en].png, ladder-watch-dialog[-en].png and
ladder-watch-line[-en].png (the screen is grabbed: the menu and the dialog are windows
of their own). Orders and watches go to a throwaway practice journal.
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit

CODE = "005930"


async def shoot(lang: str, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.service import practice_exchange
    from kiwoom_ticket.ui.self_test import _until

    window, suffix = await screenshot_kit.open_window(lang)
    market = practice_exchange().market

    settle = screenshot_kit.settle

    def grab(name: str) -> None:
        QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}{suffix}.png"))

    view = window.ladder.view
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    buy.stock.setText(CODE)
    await _until(lambda: buy.current_price(), "quote")
    await _until(lambda: not view.depth.empty and view.depth.code == CODE, "order book")
    await _until(lambda: window.session.account is not None, "account")
    await _until(lambda: window.session.stream_live, "live stream")
    market.freeze()  # only this script moves the prices now
    await _until(lambda: view.last_price is not None, "last price")
    await settle(20)
    last = view.last_price
    stop = step_ticks(last, -3)
    await _until(lambda: view.level_rect(stop) is not None, "the stop's level")
    at = view.level_rect(stop).center()
    QTest.mouseMove(window.windowHandle(), view.mapTo(window, at))
    QTest.mousePress(window.windowHandle(), Qt.MouseButton.RightButton,
                     Qt.KeyboardModifier.NoModifier, view.mapTo(window, at))
    QTest.mouseRelease(view, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    setter = window.ladder.new_watch
    await _until(lambda: setter.last_menu is not None and setter.last_menu.isVisible(), "menu")
    await settle(20)
    grab("ladder-watch-menu")
    [item] = [a for a in setter.last_menu.actions() if a.objectName() == "watchStop"]
    item.trigger()
    setter.last_menu.close()
    await _until(lambda: setter.dialog is not None and setter.dialog.armed, "armed question")
    dialog = setter.dialog
    dialog.quantity.setValue(min(dialog.quantity.maximum(), 5))
    panel = window.ladder.panel.mapToGlobal(window.ladder.panel.rect().topLeft())
    dialog.move(max(0, panel.x() - dialog.width() - 4), panel.y())  # the ladder in view
    await settle(20)
    grab("ladder-watch-dialog")
    QTest.mouseClick(dialog.arm_button, Qt.MouseButton.LeftButton)
    keeper = window.session.core.protection.watches
    await _until(lambda: any(w.trigger == stop for w in keeper.all()), "the watch")
    await _until(lambda: any(m.price == stop for i in range(len(view.painted_rows))
                             for m in view.painted_marks(i)), "the line")
    line = view.mark_rect(stop)
    QTest.mouseMove(window.windowHandle(), view.mapTo(window, line.center()))
    await settle(30)
    grab("ladder-watch-line")
    market.unfreeze()
    window.shutdown()
    window.close()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
